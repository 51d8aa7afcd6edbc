// The traceability (RTTM) pivot: requirements with their coverage, by stage and role, drill-down
// to tests and defects that open in the work item form, the gaps, and the RTTM export.
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import Papa from "papaparse";
import { TraceabilityPivot } from "../../../../src/contributions/hubs/programme/TraceabilityPivot";
import { traceabilityView } from "../../../../src/domain/traceability";
import * as spreadsheet from "../../../../src/ui/export/spreadsheet";
import { blobText, defects, points, requirements, testCases, TODAY, withoutCanvas } from "./fixture";

withoutCanvas();

function setup(filters = {}, options: { defectsMissing?: boolean } = {}) {
  const view = traceabilityView({ requirements, testCases, points, defects, filter: filters, stageOrder: ["SIT-FUNC", "SIT-MIG", "QT"] });
  const onOpen = jest.fn();
  render(<TraceabilityPivot view={view} filters={filters} scope="All stages" today={TODAY} onOpen={onOpen} defectsMissing={options.defectsMissing} />);
  return { view, onOpen };
}

function requirementsTable(): HTMLElement {
  return screen.getByRole("grid", { name: "Requirements and their coverage" });
}

describe("traceability pivot", () => {
  afterEach(() => jest.restoreAllMocks());

  it("lists each requirement with its coverage status, tests' latest outcomes and open defects", () => {
    setup();
    expect(document.querySelector('[data-figure="requirements"]')?.textContent).toBe("3");
    expect(document.querySelector('[data-figure="notCovered"]')?.textContent).toBe("1");
    const rows = within(requirementsTable()).getAllByRole("row").slice(1);
    const cells = rows.map((r) => Array.from(r.querySelectorAll(".mhhs-cell")).map((c) => c.textContent));
    expect(cells[0]).toEqual(["1", "", "Supplier appoints a data service", "Functional", "SUP, LDSO", "SIT-FUNC", "Failing", "2: 1 passed, 1 blocked", "1 Critical, 1 Medium"]);
    expect(cells[2]).toEqual(["3", "", "Smart data collection", "Functional", "SDS", "SIT-FUNC", "Not covered", "none", "none"]);
  });

  it("counts requirements by stage and role with their status in that stage and role", () => {
    setup();
    const table = screen.getByRole("table", { name: "Requirements by stage and role" });
    const row = (key: string) => Array.from((table.querySelector(`[data-row="${key}"]`) as HTMLElement).children).map((c) => c.textContent);
    expect(row("SIT-FUNC/SUP")).toEqual(["SIT-FUNC", "SUP", "1", "0", "0", "1", "0", "0"]);
    expect(row("SIT-FUNC/LDSO")).toEqual(["SIT-FUNC", "LDSO", "1", "0", "0", "0", "1", "0"]);
    expect(row("QT/SUP")).toEqual(["QT", "SUP", "1", "0", "1", "0", "0", "0"]);
  });

  it("drills down from a requirement to its tests and defects, each opening in the work item form", () => {
    const { onOpen } = setup();
    fireEvent.click(within(requirementsTable()).getByText("Supplier appoints a data service"));
    const details = screen.getByRole("region", { name: "Requirement 1" });
    const tests = within(details).getByRole("table", { name: "Tests of requirement 1" });
    expect(Array.from(tests.querySelectorAll("tbody tr")).map((r) => Array.from(r.children).map((c) => c.textContent))).toEqual([
      ["10", "SITFUNC-T1-001", "Appointment request IF-031", "Passed", "2025-03-10"],
      ["11", "", "Registration publishes IF-033", "Blocked", "2025-03-02"],
    ]);
    fireEvent.click(within(details).getByRole("link", { name: "Open test case 11" }));
    fireEvent.click(within(details).getByRole("link", { name: "Open defect 900" }));
    fireEvent.click(within(requirementsTable()).getByRole("link", { name: "Open requirement 3" }));
    expect(onOpen.mock.calls.map((c) => c[0])).toEqual([11, 900, 3]);
    // Text from Azure DevOps stays text.
    expect(within(details).getByText("IF-033 rejected <b>twice</b>")).toBeTruthy();
  });

  it("shows the gaps: requirements without tests and tests tracing to no requirement", () => {
    setup();
    expect(within(screen.getByRole("grid", { name: "Requirements without tests" })).getByText("Smart data collection")).toBeTruthy();
    const orphans = screen.getByRole("grid", { name: "Tests that trace to no requirement" });
    expect(within(orphans).getByText("Orphan check")).toBeTruthy();
    expect(within(orphans).queryByText("Appointment request IF-031")).toBeNull();
  });

  it("narrows the table by coverage status", async () => {
    setup();
    fireEvent.click(screen.getByRole("button", { name: "Coverage status" }));
    fireEvent.click(await screen.findByRole("option", { name: "Not covered (1)" }));
    await waitFor(() => expect(within(requirementsTable()).getAllByRole("row")).toHaveLength(2));
    expect(screen.getByText("Requirements (1)")).toBeTruthy();
  });

  it("exports the RTTM as CSV in the programme's columns, one row per requirement of the filter", async () => {
    const saved: { blob: Blob; name: string }[] = [];
    jest.spyOn(spreadsheet, "downloadBlob").mockImplementation((blob, name) => void saved.push({ blob, name }));
    setup({ stage: "SIT-FUNC" });
    fireEvent.click(screen.getByRole("button", { name: "Export RTTM as CSV" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].name).toBe(`RTTM All stages ${TODAY}.csv`);
    const text = (await blobText(saved[0].blob)).replace(/^\ufeff/, "");
    const parsed = Papa.parse<string[]>(text.trim()).data;
    expect(parsed[0]).toEqual(["Requirement Id", "Title", "Requirement Type", "Roles", "Stage", "Test Case Ids", "Latest Outcomes", "Defects", "Coverage Status", "Work Item Id"]);
    expect(parsed.slice(1).map((r) => r[9])).toEqual(["1", "3"]);
    expect(parsed[1][6]).toBe("SITFUNC-T1-001: Passed; #11: Blocked");
  });

  it("says the defect column is not loaded when defects could not be read", () => {
    setup({}, { defectsMissing: true });
    expect(within(requirementsTable()).getAllByText("not loaded").length).toBe(3);
  });
});
