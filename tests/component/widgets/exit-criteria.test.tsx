import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { exitCriteria } from "../../../src/contributions/widgets/exit-criteria/exitCriteria";
import { Widget } from "../../../src/contributions/widgets/shared/Widget";
import type { WidgetOutcome } from "../../../src/ado/widgets";
import type { ExitCriterion } from "../../../src/domain/exitCriteria";
import { Fact, fakeWidgetData, hostSettings } from "./fakeWidgetData";

const POINTS: Fact[] = [
  { stage: "SIT-FUNC", outcome: "passed", count: 90 },
  { stage: "SIT-FUNC", outcome: "failed", count: 5 },
  { stage: "SIT-FUNC", outcome: "notRun", count: 3 },
  { stage: "SIT-FUNC", outcome: "notApplicable", count: 2 },
  { stage: "QT", outcome: "failed", count: 50 },
];
const OPEN_DEFECTS: Fact[] = [
  { stage: "SIT-FUNC", severity: "1 - Critical", raisedDay: "2025-03-28", count: 1 },
  { stage: "SIT-FUNC", severity: "2 - High", raisedDay: "2025-03-10", count: 2 },
];
const WITH_WORK_OFF_PLAN: Fact[] = [
  { stage: "SIT-FUNC", severity: "2 - High", count: 2 },
  { stage: "QT", severity: "1 - Critical", count: 4 },
];
const COVERAGE = { requirements: 10, notCovered: 1, notRun: 2, failing: 1, blocked: 0, passing: 6, coveredPercent: 90, passingPercent: 60 };

function show(
  data: Record<string, unknown> | null,
  size: [number, number],
  fake = fakeWidgetData({ points: POINTS, openDefects: OPEN_DEFECTS, withWorkOffPlan: WITH_WORK_OFF_PLAN, coverage: COVERAGE }),
) {
  const settled: WidgetOutcome[] = [];
  const openHub = jest.fn();
  const view = render(<Widget definition={exitCriteria} settings={hostSettings(data, size[0], size[1])} data={async () => fake} openHub={openHub} onSettled={(o) => settled.push(o)} />);
  return { ...view, settled, openHub, fake };
}

describe("exit criteria widget", () => {
  it("shows each criterion's RAG with the figure that decided it, coverage and work-off plans included", async () => {
    const { settled, fake } = show({ stage: "SIT-FUNC" }, [2, 3]);
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(fake.calls.sort()).toEqual(["open defects by severity,raisedDay", "open defects with work-off plans by severity", "points by outcome", "requirement coverage of SIT-FUNC"]);
    const items = within(screen.getByRole("list", { name: "Exit criteria" })).getAllByRole("listitem");
    const shown = items.map((li) => [li.querySelector("[data-rag]")?.getAttribute("data-rag"), li.querySelector(".mhhs-item-label")?.textContent, li.querySelector('[data-figure="actual"]')?.textContent]);
    expect(shown).toEqual([
      ["amber", "All applicable tests executed", "96.9%"],
      ["amber", "Pass rate at least 95%", "94.7%"],
      ["red", "No open Critical defects", "1"],
      ["red", "Every open exit-blocking defect has a work-off plan", "1"],
      ["red", "All requirements covered by tests", "90%"],
      ["amber", "No open defects past their SLA", "2"],
    ]);
    expect(items[0].textContent).toContain("Execution rate is 96.9% (95 of 98 applicable points run; 0 blocked, 3 not run); target >= 100% is missed by 3.1%, within the amber tolerance of 5%.");
    expect(within(items[2]).getByRole("img").getAttribute("aria-label")).toBe("Red");
    expect(screen.getByText("Overall red")).toBeTruthy();
    expect(screen.getByText("3 red · 3 amber")).toBeTruthy();
    expect(screen.queryByText(/in the hub only/)).toBeNull();
  });

  it("judges requirements passing from the coverage summary", async () => {
    const criteria: ExitCriterion[] = [{ id: "passing", label: "Requirements passing", metric: "requirementsPassing", op: ">=", value: 60 }];
    const fake = fakeWidgetData({ points: POINTS, openDefects: OPEN_DEFECTS, coverage: COVERAGE, criteria });
    const { settled } = show({ stage: "SIT-FUNC" }, [2, 2], fake);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(fake.calls).toEqual(["requirement coverage of SIT-FUNC"]);
    expect(screen.getByRole("listitem").querySelector('[data-figure="actual"]')?.textContent).toBe("60%");
    expect(screen.getByText("Overall green")).toBeTruthy();
  });

  it("shows the overall RAG at the smallest size", async () => {
    const { container, settled } = show({ stage: "SIT-FUNC" }, [1, 1]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(container.querySelector('[data-figure="overall"] [data-rag]')?.getAttribute("data-rag")).toBe("red");
    expect(within(container.querySelector('[data-figure="overall"]') as HTMLElement).getByText("Red")).toBeTruthy();
    expect(screen.getByText("3 red · 3 amber")).toBeTruthy();
  });

  it("counts only what the stage's criteria are judged on", async () => {
    const criteria: ExitCriterion[] = [{ id: "pass", label: "Pass rate at least 90%", metric: "passRate", op: ">=", value: 90 }];
    const fake = fakeWidgetData({ points: POINTS, openDefects: OPEN_DEFECTS, criteria });
    const { settled } = show({ stage: "SIT-FUNC" }, [2, 2], fake);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(fake.calls).toEqual(["points by outcome"]);
    expect(screen.getByRole("listitem").querySelector('[data-figure="actual"]')?.textContent).toBe("94.7%");
    expect(screen.getByText("Overall green")).toBeTruthy();
  });

  it("narrows the figures by cycle and participant, and opens the hub's exit pivot with them", async () => {
    const points: Fact[] = [
      { stage: "SIT-FUNC", cycle: "C1", participant: "ALWB", outcome: "passed", count: 10 },
      { stage: "SIT-FUNC", cycle: "C2", participant: "ALWB", outcome: "failed", count: 10 },
    ];
    const { settled, openHub } = show({ stage: "SIT-FUNC", cycle: "C1", participant: "ALWB" }, [2, 3], fakeWidgetData({ points, openDefects: [] }));
    await waitFor(() => expect(settled).toHaveLength(1));
    const passRate = screen.getAllByRole("listitem")[1];
    expect(passRate.querySelector('[data-figure="actual"]')?.textContent).toBe("100%");
    fireEvent.click(screen.getByRole("button", { name: "SIT-FUNC exit criteria" }));
    expect(openHub).toHaveBeenCalledWith(expect.objectContaining({ stage: "SIT-FUNC", cycle: "C1", participant: "ALWB" }), "exit");
  });

  it("says what to set while unconfigured and shows failures in the cell", async () => {
    const first = show(null, [2, 2]);
    await waitFor(() => expect(first.settled).toHaveLength(1));
    expect(screen.getByText("Set a stage in this widget's configuration to see figures.")).toBeTruthy();
    first.unmount();
    const failing = show({ stage: "SIT-FUNC" }, [2, 2], fakeWidgetData({ fail: new Error("Analytics answered 500") }));
    await waitFor(() => expect(failing.settled).toHaveLength(1));
    expect(screen.getByRole("alert").textContent).toContain("Analytics answered 500");
  });
});
