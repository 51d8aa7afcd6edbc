// The defects pivot: open defects by severity x role x category, age against the SLA, breaches,
// exit-blocking defects without a work-off plan, the table that opens a defect, its work-off plan
// as sanitised HTML, and the test & defect extract exported as XLSX.
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DefectsPivot } from "../../../../src/contributions/hubs/programme/DefectsPivot";
import { defectReport } from "../../../../src/domain/defectReport";
import { testDefectExtract } from "../../../../src/domain/testDefectExtract";
import * as spreadsheet from "../../../../src/ui/export/spreadsheet";
import { defects, participants, points, requirements, testCases, TODAY, withoutCanvas } from "./fixture";

withoutCanvas();

function setup(filter = {}) {
  const report = defectReport(defects, { asOf: TODAY, filter });
  const extract = testDefectExtract({ participants, requirements, testCases, points, defects, filter });
  const onOpen = jest.fn();
  render(<DefectsPivot report={report} extract={extract} scope="All stages" today={TODAY} onOpen={onOpen} />);
  return { onOpen, report, extract };
}

const figure = (name: string) => document.querySelector(`[data-figure="${name}"]`)?.textContent;

describe("defects pivot", () => {
  afterEach(() => jest.restoreAllMocks());

  it("counts open defects by severity, breaches and exit-blocking defects without a plan", () => {
    setup();
    expect(figure("open")).toBe("3");
    expect(figure("open-critical")).toBe("1");
    expect(figure("open-high")).toBe("1");
    expect(figure("breaches")).toBe("1");
    expect(figure("blockingWithoutPlan")).toBe("1");
    expect(figure("closed")).toBe("1");
  });

  it("breaks open defects down by role x category x severity and by age against the SLA", () => {
    setup();
    const table = screen.getByRole("table", { name: "Open defects by role, category and severity" });
    const row = (key: string) => Array.from((table.querySelector(`[data-row="${key}"]`) as HTMLElement).children).map((c) => c.textContent);
    expect(row("SUP/Participant Code")).toEqual(["SUP", "Participant Code", "1", "0", "0", "0", "0", "1"]);
    expect(row("LDSO/Central System")).toEqual(["LDSO", "Central System", "0", "0", "1", "0", "0", "1"]);
    const ageing = screen.getByRole("table", { name: "Open defects by role, severity and age" });
    expect(within(ageing).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Role", "Severity", "0-5 d", "6-10 d", "11-20 d", "21+ d", "Unknown age", "Total"]);
    expect(screen.getByRole("table", { name: "Open defects by age in working days and severity" })).toBeTruthy();
    expect(within(screen.getByRole("grid", { name: "Defects past their SLA" })).getByText("21 / 2 d breached")).toBeTruthy();
    expect(within(screen.getByRole("grid", { name: "Exit-blocking defects without a work-off plan" })).getByText("IF-033 rejected <b>twice</b>")).toBeTruthy();
  });

  it("opens a defect from the table, and shows its work-off plan sanitised", () => {
    const { onOpen } = setup();
    const table = screen.getByRole("grid", { name: "Open defects" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.querySelector(".mhhs-cell")?.textContent)).toEqual(["900", "903", "901"]);
    fireEvent.click(within(table).getByRole("link", { name: "Open defect 903" }));
    expect(onOpen).toHaveBeenCalledWith(903);

    fireEvent.click(within(table).getByText("QT data missing"));
    const details = screen.getByRole("region", { name: "Defect 903" });
    const plan = details.querySelector(".mhhs-rich-text") as HTMLElement;
    expect(plan.innerHTML).toBe("<p>Fix in <b>IR8.8</b></p>");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("says a blocking defect has no work-off plan", () => {
    setup();
    fireEvent.click(within(screen.getByRole("grid", { name: "Open defects" })).getByText("IF-033 rejected <b>twice</b>"));
    expect(within(screen.getByRole("region", { name: "Defect 900" })).getByText("None, and this defect blocks its stage's exit.")).toBeTruthy();
  });

  it("shows the test & defect extract per participant and exports it as XLSX", async () => {
    const sheets: spreadsheet.ExportSheet[][] = [];
    const saved: string[] = [];
    jest.spyOn(spreadsheet, "xlsxBlob").mockImplementation(async (s) => {
      sheets.push([...s]);
      return new Blob(["xlsx"]);
    });
    jest.spyOn(spreadsheet, "downloadBlob").mockImplementation((_blob, name) => void saved.push(name));
    setup({ stage: "SIT-FUNC" });
    const table = screen.getByRole("table", { name: "Test and defect extract per participant" });
    expect(Array.from((table.querySelector('[data-row="ALWB"]') as HTMLElement).children).map((c) => c.textContent)).toEqual([
      "ALWB",
      "3",
      "3",
      "2",
      "1",
      "0",
      "100%",
      "66.7%",
      "1 (0 passing)",
      "1/0/0/0",
      "2",
    ]);
    expect(screen.queryByRole("button", { name: "Export test and defect extract as CSV" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Export test and defect extract as XLSX" }));
    await waitFor(() => expect(saved).toEqual([`Test and defect extract All stages ${TODAY}.xlsx`]));
    expect(sheets[0].map((s) => s.name)).toEqual(["Test & defect extract", "Open defects"]);
    const extract = sheets[0][0];
    const alwb = extract.rows.find((r) => r[0] === "ALWB") as (string | number)[];
    const col = (heading: string) => alwb[(extract.columns as string[]).indexOf(heading)];
    expect([col("Tests Planned"), col("Tests Run"), col("Passed"), col("Failed"), col("Blocked"), col("Requirements Covered"), col("Open Critical")]).toEqual([3, 3, 2, 1, 0, 1, 1]);
  });

  it("says when the export fails", async () => {
    jest.spyOn(spreadsheet, "xlsxBlob").mockRejectedValue(new Error("Out of memory"));
    setup();
    fireEvent.click(screen.getByRole("button", { name: "Export test and defect extract as XLSX" }));
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "The test and defect extract export failed: Out of memory");
  });
});
