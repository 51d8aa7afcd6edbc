// The overview's trend with a note from the data source (REST taking the points' latest results):
// the note is visible text under the chart, and absent when the outcomes are their history.
import * as React from "react";
import { render, screen } from "@testing-library/react";
import { OverviewPivot } from "../../../../src/contributions/hubs/programme/OverviewPivot";
import { programmeTrend } from "../../../../src/domain/stageReport";
import { DAILY, defects, withoutCanvas } from "./fixture";

withoutCanvas();

describe("trend note", () => {
  const trend = programmeTrend({ daily: DAILY, defects, from: "2025-03-29", to: "2025-03-31" });

  it("shows the data source's note under the trend chart", () => {
    const note = "Read without Analytics, this trend counts each test point from its latest result.";
    render(<OverviewPivot reports={[]} trend={{ state: "loaded", trend: { ...trend, note } }} scope="All stages" />);
    const shown = screen.getByRole("note");
    expect(shown.textContent).toBe(note);
    const table = screen.getByRole("table", { name: /defects opened and closed per day/ });
    expect(table.compareDocumentPosition(shown) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("shows none when there is no note", () => {
    render(<OverviewPivot reports={[]} trend={{ state: "loaded", trend }} scope="All stages" />);
    expect(screen.queryByRole("note")).toBeNull();
  });
});
