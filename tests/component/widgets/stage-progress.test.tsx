import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { Widget } from "../../../src/contributions/widgets/shared/Widget";
import { stageProgress } from "../../../src/contributions/widgets/stage-progress/stageProgress";
import type { WidgetOutcome } from "../../../src/ado/widgets";
import { Fact, fakeWidgetData, hostSettings, withoutCanvas } from "./fakeWidgetData";

const POINTS: Fact[] = [
  { stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", outcome: "passed", count: 6 },
  { stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", outcome: "failed", count: 2 },
  { stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "BRCK", outcome: "blocked", count: 1 },
  { stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "BRCK", outcome: "notRun", count: 1 },
  { stage: "SIT-FUNC", cycle: "C1", role: "LDSO", participant: "CRWN", outcome: "passed", count: 3 },
  { stage: "SIT-FUNC", cycle: "C1", role: "LDSO", participant: "CRWN", outcome: "notApplicable", count: 1 },
  { stage: "QT", role: "SUP", participant: "ALWB", outcome: "passed", count: 5 },
];

function show(data: Record<string, unknown> | null, size: [number, number], fake = fakeWidgetData({ points: POINTS })) {
  const settled: WidgetOutcome[] = [];
  const openHub = jest.fn();
  const view = render(
    <Widget definition={stageProgress} settings={hostSettings(data, size[0], size[1], "MHHS stage progress")} data={async () => fake} openHub={openHub} onSettled={(o) => settled.push(o)} />,
  );
  return { ...view, settled, openHub, fake };
}

const figure = (container: HTMLElement, name: string) => container.querySelector(`[data-figure="${name}"]`)?.textContent;

describe("stage progress widget", () => {
  beforeAll(withoutCanvas);

  it("shows the stage's execution and pass rates as headline figures at the smallest size, from one count by outcome", async () => {
    const { container, settled, fake } = show({ stage: "SIT-FUNC" }, [1, 1]);
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(figure(container, "execution-rate")).toBe("84.6%");
    expect(figure(container, "pass-rate")).toBe("81.8%");
    expect(container.querySelector('[title="11 of 13 applicable points run"]')).toBeTruthy();
    expect(fake.calls).toEqual(["points by outcome"]);
    const cell = container.querySelector(".mhhs-widget") as HTMLElement;
    expect(cell.dataset.size).toBe("1x1");
    expect([cell.style.width, cell.style.height]).toEqual(["160px", "160px"]);
    expect(screen.getByRole("heading").textContent).toBe("SIT-FUNC progress");
  });

  it("shows both rates side by side with how many points ran when two cells wide", async () => {
    const { container, settled } = show({ stage: "SIT-FUNC" }, [2, 1]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(figure(container, "run")).toBe("11 of 13 applicable points run");
    expect(screen.getByText("pass rate")).toBeTruthy();
  });

  it("draws bars by role at larger sizes with a text alternative of every figure", async () => {
    const { container, settled, fake } = show({ stage: "SIT-FUNC", title: "Functional" }, [3, 2]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(fake.calls).toEqual(["points by role,outcome"]);
    const table = container.querySelector("table.mhhs-visually-hidden") as HTMLTableElement;
    expect(within(table).getByText("Execution and pass rate by role")).toBeTruthy();
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ["LDSO", "100%", "100%"],
      ["SUP", "80%", "75%"],
    ]);
    const canvas = container.querySelector("canvas") as HTMLCanvasElement;
    expect(canvas.getAttribute("role")).toBe("img");
    expect(canvas.getAttribute("aria-label")).toBe("Execution and pass rate by role. LDSO: Executed % 100%, Pass rate % 100%; SUP: Executed % 80%, Pass rate % 75%.");
    expect(screen.getByRole("heading").textContent).toBe("Functional");
    const cell = container.querySelector(".mhhs-widget") as HTMLElement;
    expect([cell.style.width, cell.style.height]).toEqual(["500px", "330px"]);
  });

  it("groups by participant and narrows by cycle and role", async () => {
    const { container, settled, fake } = show({ stage: "SIT-FUNC", cycle: "C1", role: "SUP", groupBy: "participant" }, [2, 2]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(fake.calls).toEqual(["points by participant,outcome"]);
    const rows = [...container.querySelectorAll("table.mhhs-visually-hidden tbody tr")].map((tr) => tr.firstElementChild?.textContent);
    expect(rows).toEqual(["ALWB"]);
    expect(figure(container, "execution-rate")).toBe("100%");
    expect(figure(container, "pass-rate")).toBe("75%");
    expect(screen.getByText("SIT-FUNC · C1 · SUP")).toBeTruthy();
  });

  it("says what to set while unconfigured, without reading anything", async () => {
    const { settled, fake } = show(null, [2, 2]);
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(screen.getByText("Set a stage in this widget's configuration to see figures.")).toBeTruthy();
    expect(fake.calls).toEqual([]);
  });

  it("shows why the figures failed in the cell, reports the failure and tries again on request", async () => {
    const failing = fakeWidgetData({ points: POINTS, fail: new Error("Analytics answered 500") });
    const { settled } = show({ stage: "SIT-FUNC" }, [2, 2], failing);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(settled[0]).toEqual({ shown: false, message: "The figures could not be loaded: Analytics answered 500" });
    expect(screen.getByRole("alert").textContent).toContain("The figures could not be loaded: Analytics answered 500");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(failing.calls).toHaveLength(2));
  });

  it("opens the programme hub's overview with the same filters", async () => {
    const { settled, openHub } = show({ stage: "SIT-FUNC", cycle: "C2", participant: "brck" }, [2, 2]);
    await waitFor(() => expect(settled).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "SIT-FUNC progress" }));
    expect(openHub).toHaveBeenCalledWith({ stage: "SIT-FUNC", cycle: "C2", participant: "BRCK", role: undefined, path: undefined }, "overview");
  });

  it.each([
    [1, 1, "headline"],
    [2, 1, "headline"],
    [2, 2, "detail"],
    [3, 2, "detail"],
    [4, 2, "detail"],
  ])("fits a %ix%i cell (%s)", async (columns, rows, mode) => {
    const { container, settled } = show({ stage: "SIT-FUNC" }, [columns, rows]);
    await waitFor(() => expect(settled).toHaveLength(1));
    const cell = container.querySelector(".mhhs-widget") as HTMLElement;
    expect(cell.classList.contains(`mhhs-widget-${mode}`)).toBe(true);
    expect(cell.style.width).toBe(`${columns * 160 + (columns - 1) * 10}px`);
    expect(cell.style.height).toBe(`${rows * 160 + (rows - 1) * 10}px`);
  });
});
