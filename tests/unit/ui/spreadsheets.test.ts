import { cellText, csvBlob, guardCell, parseCsv, readSpreadsheet, tableFromRows, xlsxBlob } from "../../../src/ui/spreadsheets";

function file(name: string, blob: Blob) {
  return { name, text: () => blob.text(), arrayBuffer: () => blob.arrayBuffer() };
}

describe("spreadsheets", () => {
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

  it("guards cells a spreadsheet would run as formulas, and reads them back as typed", async () => {
    expect(guardCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(guardCell("-5")).toBe("-5");
    expect(guardCell("SUP")).toBe("SUP");
    const blob = await csvBlob({ name: "x", headings: ["Name"], rows: [{ Name: "=HYPERLINK(1)" }, { Name: "Plain" }] });
    const back = await readSpreadsheet(file("x.csv", blob));
    expect(back.sheets[0].table.rows.map((r) => r.values.Name)).toEqual(["=HYPERLINK(1)", "Plain"]);
  });

  it("writes and reads back an XLSX workbook with several sheets", async () => {
    const blob = await xlsxBlob([
      { name: "Allocations", headings: ["Participant", "From"], rows: [{ Participant: "ABCD", From: "2024-01-01" }] },
      { name: "Environments", headings: ["Code", "Capacity"], rows: [{ Code: "SIT-A", Capacity: "2" }] },
    ]);
    const workbook = await readSpreadsheet(file("plan.xlsx", blob));
    expect(workbook.format).toBe("xlsx");
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Allocations", "Environments"]);
    expect(workbook.sheets[0].table.rows).toEqual([{ row: 2, values: { Participant: "ABCD", From: "2024-01-01" } }]);
    expect(workbook.sheets[1].table.rows[0].values).toEqual({ Code: "SIT-A", Capacity: "2" });
  });

  it("turns cell values into text: dates as ISO days, formulas by result, rich text by its text", () => {
    expect(cellText(new Date(Date.UTC(2024, 2, 1)))).toBe("2024-03-01");
    expect(cellText({ formula: "A1", result: 42 })).toBe("42");
    expect(cellText({ richText: [{ text: "Nor" }, { text: "th" }] })).toBe("North");
    expect(cellText({ text: "link", hyperlink: "http://x" })).toBe("link");
    expect(cellText(null)).toBe("");
  });

  it("refuses other files with a clear message", async () => {
    await expect(readSpreadsheet(file("plan.pdf", new Blob(["x"])))).rejects.toThrow("plan.pdf is not a spreadsheet this page reads: choose a .csv or .xlsx file");
    await expect(readSpreadsheet(file("broken.xlsx", new Blob(["not a zip"])))).rejects.toThrow(/broken.xlsx could not be read as an Excel workbook/);
  });
});
