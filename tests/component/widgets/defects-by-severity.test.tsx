import * as React from "react";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { defectsBySeverity } from "../../../src/contributions/widgets/defects-by-severity/defectsBySeverity";
import { Widget } from "../../../src/contributions/widgets/shared/Widget";
import type { WidgetOutcome } from "../../../src/ado/widgets";
import { Fact, fakeWidgetData, hostSettings } from "./fakeWidgetData";

// As of Monday 2025-03-31, default SLA targets: Critical 2, High 5, Medium 10, Low 20 working days.
const OPEN_DEFECTS: Fact[] = [
  { stage: "SIT-FUNC", role: "SUP", severity: "1 - Critical", raisedDay: "2025-03-28", count: 1 },
  { stage: "SIT-FUNC", role: "SUP", severity: "1 - Critical", raisedDay: "2025-03-03", count: 2 },
  { stage: "SIT-FUNC", role: "SUP", severity: "2 - High", raisedDay: "2025-03-10", count: 1 },
  { stage: "SIT-FUNC", role: "SUP", severity: "4 - Low", raisedDay: "2025-03-20", count: 3 },
  { stage: "SIT-FUNC", role: "LDSO", severity: "2 - High", raisedDay: "2025-03-27", count: 2 },
  { stage: "SIT-FUNC", role: "LDSO", severity: "3 - Medium", raisedDay: "2025-03-01", count: 1 },
  { stage: "SIT-FUNC", severity: "4 - Low", raisedDay: "2025-03-25", count: 1 },
  { stage: "QT", role: "SUP", severity: "1 - Critical", raisedDay: "2025-03-03", count: 4 },
];

function show(data: Record<string, unknown> | null, size: [number, number], fake = fakeWidgetData({ openDefects: OPEN_DEFECTS })) {
  const settled: WidgetOutcome[] = [];
  const openHub = jest.fn();
  const view = render(<Widget definition={defectsBySeverity} settings={hostSettings(data, size[0], size[1])} data={async () => fake} openHub={openHub} onSettled={(o) => settled.push(o)} />);
  return { ...view, settled, openHub, fake };
}

function grid(container: HTMLElement): string[][] {
  return [...container.querySelectorAll("table.mhhs-grid-table tr")].map((tr) => [...tr.children].map((c) => c.textContent ?? ""));
}

describe("defects by severity and role widget", () => {
  it("shows open defects as a severity x role grid with SLA breaches marked in words, from one count (full severity names when wide)", async () => {
    const { container, settled, fake } = show({ stage: "SIT-FUNC" }, [3, 2]);
    await waitFor(() => expect(settled).toEqual([{ shown: true }]));
    expect(fake.calls).toEqual(["open defects by severity,role,raisedDay"]);
    expect(grid(container)).toEqual([
      ["Role", "Critical1 - Critical", "High2 - High", "Medium3 - Medium", "Low4 - Low", "Total"],
      ["LDSO", "0", "2", "1⚠1, 1 past SLA", "0", "3⚠1, 1 past SLA"],
      ["SUP", "3⚠2, 2 past SLA", "1⚠1, 1 past SLA", "0", "3", "7⚠3, 3 past SLA"],
      ["No role", "0", "0", "0", "1", "1"],
      ["Total", "3⚠2, 2 past SLA", "3⚠1, 1 past SLA", "1⚠1, 1 past SLA", "4", "11⚠4, 4 past SLA"],
    ]);
    expect(screen.getByRole("table").getAttribute("aria-label")).toBe("Open defects by market role and severity, with those past their SLA");
    expect(container.querySelector('[data-figure="breached"]')?.textContent).toBe("4");
  });

  it("limits the grid to exit-blocking severities when asked", async () => {
    const { container, settled } = show({ stage: "SIT-FUNC", exitBlockingOnly: true }, [2, 2]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(grid(container)).toEqual([
      ["Role", "Crit1 - Critical", "High2 - High", "Total"],
      ["LDSO", "0", "2", "2"],
      ["SUP", "3⚠2, 2 past SLA", "1⚠1, 1 past SLA", "4⚠3, 3 past SLA"],
      ["Total", "3⚠2, 2 past SLA", "3⚠1, 1 past SLA", "6⚠3, 3 past SLA"],
    ]);
    expect(screen.getByRole("heading").textContent).toBe("SIT-FUNC open exit-blocking defects");
  });

  it("shows the open count and breaches as headline figures at the smallest size", async () => {
    const { container, settled } = show({ stage: "SIT-FUNC", role: "SUP" }, [1, 1]);
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(container.querySelector('[data-figure="open"]')?.textContent).toBe("7");
    expect(container.querySelector('[data-figure="breached"]')?.textContent).toBe("3");
    expect(screen.getByText("Crit 3 · High 1 · Low 3")).toBeTruthy();
  });

  it("adds up the roles that do not fit into one row, keeping the totals", async () => {
    const many: Fact[] = ["ADS", "LDSO", "MA", "MS", "REGS", "SDS", "SUP", "UMSDS", "UMSO", "DCC", "CSS", "ECS"].map((role, i) => ({
      stage: "SIT-FUNC",
      role,
      severity: "3 - Medium",
      raisedDay: "2025-03-28",
      count: i + 1,
    }));
    const { container, settled } = show({ stage: "SIT-FUNC" }, [2, 2], fakeWidgetData({ openDefects: many }));
    await waitFor(() => expect(settled).toHaveLength(1));
    const rows = grid(container);
    const bodyRows = rows.slice(1, -1);
    expect(bodyRows.length).toBeLessThan(12);
    expect(bodyRows[bodyRows.length - 1][0]).toMatch(/^Others \(\d+\)$/);
    expect(bodyRows.reduce((sum, row) => sum + Number(row[row.length - 1]), 0)).toBe(78);
    expect(rows[rows.length - 1]).toEqual(["Total", "0", "0", "78", "0", "78"]);
  });

  it("says what to set while unconfigured, and opens the hub's defects with the filters once configured", async () => {
    const unconfigured = show({ cycle: "C1" }, [2, 2]);
    await waitFor(() => expect(unconfigured.settled).toHaveLength(1));
    expect(screen.getByText("Set a stage in this widget's configuration to see figures.")).toBeTruthy();
    unconfigured.unmount();

    const configured = show({ stage: "SIT-FUNC", role: "LDSO" }, [2, 2]);
    await waitFor(() => expect(configured.settled).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "SIT-FUNC open defects" }));
    expect(configured.openHub).toHaveBeenCalledWith(expect.objectContaining({ stage: "SIT-FUNC", role: "LDSO" }), "defects");
  });

  it("shows a failure in the cell, never a blank one", async () => {
    const { settled } = show({ stage: "SIT-FUNC" }, [1, 1], fakeWidgetData({ fail: new Error("The server answered 500") }));
    await waitFor(() => expect(settled).toHaveLength(1));
    expect(settled[0]).toMatchObject({ shown: false });
    expect(screen.getByRole("alert").textContent).toContain("The server answered 500");
  });
});
