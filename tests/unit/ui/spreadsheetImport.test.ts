// The reading side of spreadsheets, and the round trip of the admin hub's exports: what the one
// writer (src/ui/export/spreadsheet.ts) writes, the import reads back as the same rows.
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { EnvironmentAllocation, EnvironmentDefinition } from "../../../src/domain/environments";
import type { Participant } from "../../../src/domain/model";
import {
  ALLOCATION_COLUMNS,
  allocationExportRows,
  ENVIRONMENT_COLUMNS,
  environmentExportRows,
  PARTICIPANT_COLUMNS,
  participantExportRows,
  readEnvironmentsPlanRows,
  readParticipantRows,
} from "../../../src/domain/registerImport";
import { csvBlob, sheetOfRecords, xlsxBlob } from "../../../src/ui/export/spreadsheet";
import { cellText, parseCsv, pickSheet, readSpreadsheet, SPREADSHEET_ACCEPT, tableFromRows } from "../../../src/ui/spreadsheetImport";

function file(name: string, blob: Blob) {
  return { name, text: () => blob.text(), arrayBuffer: () => blob.arrayBuffer() };
}

const CATALOGUES = resolveCatalogues();

describe("reading spreadsheets", () => {
  it("reads CSV with quotes, line breaks in cells, blank rows and the file's row numbers", async () => {
    const table = await parseCsv('\ufeff\nMPID,Organisation,Roles\nABCD,"North, Ltd","SUP; LDSO"\n\nEFGH,"Two\nlines",MS\n');
    expect(table.headers).toEqual(["MPID", "Organisation", "Roles"]);
    expect(table.headerRow).toBe(2);
    expect(table.rows).toEqual([
      { row: 3, values: { MPID: "ABCD", Organisation: "North, Ltd", Roles: "SUP; LDSO" } },
      { row: 5, values: { MPID: "EFGH", Organisation: "Two\nlines", Roles: "MS" } },
    ]);
  });

  it("reads semicolon-separated CSV as Excel writes it in some locales", async () => {
    const table = await parseCsv("MPID;Organisation\nABCD;North\n");
    expect(table.rows[0].values).toEqual({ MPID: "ABCD", Organisation: "North" });
  });

  it("names blank and repeated headings by position so no column is lost", () => {
    expect(tableFromRows([["A", "", "A"], ["1", "2", "3"]]).headers).toEqual(["A", "Column (2)", "A (3)"]);
  });

  it("reads a cell the export guarded as typed, and leaves other apostrophes alone", () => {
    const table = tableFromRows([["A"], ["'=SUM(A1)"], ["'@x"], ["'\tx"], ["'-5"], ["'Tis"]]);
    expect(table.rows.map((r) => r.values.A)).toEqual(["=SUM(A1)", "@x", "\tx", "'-5", "'Tis"]);
  });

  it("turns cell values into text: dates as ISO days, formulas by result, rich text by its text", () => {
    expect(cellText(new Date(Date.UTC(2024, 2, 1)))).toBe("2024-03-01");
    expect(cellText({ formula: "A1", result: 42 })).toBe("42");
    expect(cellText({ richText: [{ text: "Nor" }, { text: "th" }] })).toBe("North");
    expect(cellText({ text: "link", hyperlink: "http://x" })).toBe("link");
    expect(cellText(null)).toBe("");
  });

  it("accepts .csv and .xlsx and refuses other files with a clear message", async () => {
    expect(SPREADSHEET_ACCEPT).toBe(".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    await expect(readSpreadsheet(file("plan.pdf", new Blob(["x"])))).rejects.toThrow("plan.pdf is not a spreadsheet this page reads: choose a .csv or .xlsx file");
    await expect(readSpreadsheet(file("broken.xlsx", new Blob(["not a zip"])))).rejects.toThrow(/broken.xlsx could not be read as an Excel workbook/);
  });
});

describe("the admin hub's exports read back through its imports", () => {
  const register: Participant[] = [
    { mpid: "ABCD", organisation: 'North, "Ltd"\nsecond line', roles: ["SUP", "SDS"], path: "QT", reliance: "combined", mdrChoice: "SupplierDCC", reliesOn: ["EFGH"] },
    { mpid: "EFGH", organisation: "=HYPERLINK(\"http://x\")", roles: ["LDSO"], path: "SIT", reliance: "none" },
    { mpid: "IJKL", organisation: "-minus +plus @at", roles: ["MS"], path: "SIT", reliance: "none" },
    { mpid: "MNOP", organisation: "Énergie Ünïcode – 電力", roles: ["SUP"], path: "QT", reliance: "none" },
  ];
  const headings = PARTICIPANT_COLUMNS.map((c) => c.heading);
  const exported = participantExportRows(register);

  it.each(["csv", "xlsx"] as const)("gives the same participant rows and register from %s", async (format) => {
    const sheet = sheetOfRecords("Participants", headings, exported);
    const blob = format === "csv" ? await csvBlob(sheet) : await xlsxBlob([sheet]);
    const workbook = await readSpreadsheet(file(`participants.${format}`, blob));
    expect(workbook.format).toBe(format);
    const table = pickSheet(workbook, ["Participants"])!.table;
    expect(table.headers).toEqual(headings);
    expect(table.rows.map((r) => r.values)).toEqual(exported);
    const back = readParticipantRows(table, CATALOGUES);
    expect(back.problems).toEqual([]);
    expect(back.participants.map((p) => p.participant)).toEqual(register);
  });

  it("gives the same environments plan from a workbook of two sheets", async () => {
    const environments: EnvironmentDefinition[] = [
      { code: "SIT-A", name: "SIT A", capacity: 2 },
      { code: "LAB-1", name: "+Lab, one" },
    ];
    const allocations: EnvironmentAllocation[] = [{ id: "a1", participant: "ABCD", environment: "SIT-A", stage: "SIT-FUNC", from: "2024-01-01", to: "2024-02-01" }];
    const sheets = [
      sheetOfRecords("Allocations", ALLOCATION_COLUMNS.map((c) => c.heading), allocationExportRows(allocations)),
      sheetOfRecords("Environments", ENVIRONMENT_COLUMNS.map((c) => c.heading), environmentExportRows(environments)),
    ];
    const workbook = await readSpreadsheet(file("environments-plan.xlsx", await xlsxBlob(sheets)));
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Allocations", "Environments"]);
    expect(workbook.sheets[0].table.rows).toEqual([{ row: 2, values: allocationExportRows(allocations)[0] }]);
    const read = readEnvironmentsPlanRows(
      { allocations: pickSheet(workbook, ["Allocations"])!.table, environments: workbook.sheets[1].table },
      { environments: [], catalogues: CATALOGUES, register: register.slice(0, 1) },
    );
    expect(read.problems).toEqual([]);
    expect(read.environments).toEqual(environments);
    expect(read.allocations.map((a) => a.allocation)).toEqual(allocations);
  });
});
