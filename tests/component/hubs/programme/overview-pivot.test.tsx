// The overview pivot with plain domain results: figures per stage, rates by role and cycle, open
// defects by severity, exit criteria with their sentences, and the trend with its text alternative.
import * as React from "react";
import { render, screen, within } from "@testing-library/react";
import { OverviewPivot } from "../../../../src/contributions/hubs/programme/OverviewPivot";
import { resolveCatalogues } from "../../../../src/domain/catalogues";
import { programmeTrend, stageReports } from "../../../../src/domain/stageReport";
import { DAILY, defects, points, requirements, testCases, TODAY, withoutCanvas } from "./fixture";

withoutCanvas();

const stages = resolveCatalogues().stages;

function figures(stage: string): Record<string, string> {
  const root = document.querySelector(`[data-stage="${stage}"]`) as HTMLElement;
  return Object.fromEntries(Array.from(root.querySelectorAll("[data-figure]")).map((e) => [e.getAttribute("data-figure"), e.textContent ?? ""]));
}

describe("overview pivot", () => {
  const reports = stageReports({ stages, points, defects, requirements, testCases, asOf: TODAY });
  const trend = programmeTrend({ daily: DAILY, defects, from: "2025-03-29", to: "2025-03-31" });

  it("marks open defects of the exit-blocking severities the project configured, not a fixed list", () => {
    const tone = (name: string) => document.querySelector(`[data-stage="SIT-FUNC"] [data-figure="${name}"]`)?.parentElement?.className;
    const first = render(<OverviewPivot reports={reports} trend={{ state: "loaded", trend }} scope="All stages" />);
    expect(tone("open-critical")).toContain("mhhs-figure-bad");
    expect(tone("open-medium")).not.toContain("mhhs-figure-bad");
    first.unmount();
    const withMedium = stageReports({ stages, points, defects, requirements, testCases, asOf: TODAY, defectRules: { exitBlockingSeverities: ["1 - Critical", "3 - Medium"] } });
    render(<OverviewPivot reports={withMedium} trend={{ state: "loaded", trend }} scope="All stages" />);
    expect(tone("open-medium")).toContain("mhhs-figure-bad");
  });

  it("gives each stage its progress, open defects by severity and exit position", () => {
    render(<OverviewPivot reports={reports} trend={{ state: "loaded", trend }} scope="All stages" />);
    expect(figures("SIT-FUNC")).toMatchObject({
      planned: "4",
      run: "3",
      passed: "2",
      failed: "1",
      blocked: "1",
      executionRate: "75%",
      passRate: "66.7%",
      "open-critical": "1",
      "open-medium": "1",
      openDefects: "2",
    });
    const card = document.querySelector('[data-stage="SIT-FUNC"]') as HTMLElement;
    expect(within(card).getByRole("img", { name: /^Red: Exit red/ })).toBeTruthy();
    const critical = card.querySelector('[data-criterion="no-critical"]') as HTMLElement;
    expect(critical.getAttribute("data-rag")).toBe("red");
    expect(critical.textContent).toMatch(/Open defects of severity 1 - Critical: 1 \(id 900\); target == 0 is missed by 1/);
    expect(card.querySelector('[data-criterion="requirements-covered"]')?.textContent).toMatch(/1 of 2 requirements have linked tests/);
  });

  it("shows execution and pass rates by role and by cycle, with the chart's figures as a table", () => {
    render(<OverviewPivot reports={reports} trend={{ state: "loaded", trend }} scope="All stages" />);
    const card = document.querySelector('[data-stage="SIT-FUNC"]') as HTMLElement;
    const byRole = within(card).getByRole("table", { name: "SIT-FUNC progress by role" });
    const sup = byRole.querySelector('[data-row="SUP"]') as HTMLElement;
    expect(Array.from(sup.children).map((c) => c.textContent)).toEqual(["SUP", "3", "3", "2", "1", "0", "0", "100%", "66.7%"]);
    expect(within(card).getByRole("table", { name: "SIT-FUNC progress by cycle" }).querySelectorAll("tbody tr")).toHaveLength(2);
    const chart = within(card).getByRole("img", { name: /SIT-FUNC: execution and pass rate by role\. LDSO: Execution % 0%, Pass rate % 0%; SUP: Execution % 100%, Pass rate % 66\.7%/ });
    expect(chart.tagName).toBe("CANVAS");
  });

  it("draws the trend of executed and passed points with defects opened and closed, readable as a table", () => {
    render(<OverviewPivot reports={reports} trend={{ state: "loaded", trend }} scope="All stages" />);
    const table = screen.getByRole("table", { name: /Executed and passed test points, defects opened and closed per day \(All stages\)/ });
    const rows = Array.from(table.querySelectorAll("tbody tr")).map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ["2025-03-29", "–", "–", "0", "0"],
      ["2025-03-30", "3", "2", "0", "0"],
      ["2025-03-31", "4", "3", "0", "0"],
    ]);
    expect(screen.getByRole("img", { name: /2025-03-29 to 2025-03-31: Executed 3 on 2025-03-30 to 4 on 2025-03-31; Passed 2 on 2025-03-30 to 3 on 2025-03-31/ })).toBeTruthy();
  });

  it("keeps the defect lines when outcomes over time could not be read, and says so", () => {
    const defectsOnly = programmeTrend({ defects, from: "2025-03-19", to: "2025-03-21" });
    render(<OverviewPivot reports={reports} trend={{ state: "failed", trend: defectsOnly, message: "Analytics answered 503" }} scope="All stages" />);
    expect(screen.getByText(/Executed and passed over time could not be loaded \(Analytics answered 503\); the defect lines are shown/)).toBeTruthy();
    const table = screen.getByRole("table", { name: /defects opened and closed per day/ });
    expect(Array.from(table.querySelectorAll("tbody tr")).map((r) => r.children[3].textContent)).toEqual(["0", "1", "0"]);
  });

  it("says when nothing is in scope instead of showing an empty page", () => {
    render(<OverviewPivot reports={[]} trend={{ state: "loading" }} scope="SIT-OPS" />);
    expect(screen.getByText("Nothing in scope")).toBeTruthy();
    expect(screen.getByText(/Loading the trend/)).toBeTruthy();
  });
});
