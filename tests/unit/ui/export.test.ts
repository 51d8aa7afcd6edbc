// The one writer of CSV and XLSX (programme hub and admin hub exports alike), read back as a
// spreadsheet program would: CSV parsed by papaparse, XLSX loaded by exceljs. The admin hub's round
// trip through its imports is in spreadsheetImport.test.ts.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { csvBlob, exportFileName, guardText, sheetName, sheetOfRecords, toCsv, unguardText, xlsxBlob, xlsxBuffer } from "../../../src/ui/export/spreadsheet";

const sheet = {
  name: "RTTM",
  columns: ["Id", "Title", "Count", { heading: "Note", width: 30 }],
  rows: [
    [1, "Supplier, appoints \"a\" data service", 3, "line one\nline two"],
    [2, "=HYPERLINK(\"http://x\")", -4, null],
    [3, "+44 formula-looking", 0.5, undefined],
  ],
};

describe("spreadsheet export", () => {
  it("writes CSV that parses back to the same cells, with formula-looking text defused", async () => {
    const parsed = Papa.parse<string[]>(await toCsv(sheet)).data;
    expect(parsed).toEqual([
      ["Id", "Title", "Count", "Note"],
      ["1", 'Supplier, appoints "a" data service', "3", "line one\nline two"],
      ["2", "'=HYPERLINK(\"http://x\")", "-4", ""],
      ["3", "'+44 formula-looking", "0.5", ""],
    ]);
  });

  it("writes XLSX with a bold heading row, numbers as numbers and every row", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxBuffer([sheet, { name: "RTTM", columns: ["A"], rows: [["x"]] }]));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["RTTM", "RTTM 2"]);
    const ws = workbook.getWorksheet("RTTM")!;
    expect(ws.getRow(1).values).toEqual([undefined, "Id", "Title", "Count", "Note"]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getCell("C2").value).toBe(3);
    expect(ws.getCell("B3").value).toBe("'=HYPERLINK(\"http://x\")");
    expect(ws.getCell("D3").value).toBeNull();
    expect(ws.rowCount).toBe(4);
    expect(ws.getColumn(4).width).toBe(30);
  });

  it("guards text a spreadsheet would run as a formula, and nothing else", () => {
    const guarded = ["=SUM(A1)", "@SUM(A1)", "+44 1234", "-x", "\tx", "\rx"];
    const left = ["-5", "-12.5", "SUP", "'Tis", "a=b", ""];
    expect(guarded.map(guardText)).toEqual(guarded.map((text) => `'${text}`));
    expect(left.map(guardText)).toEqual(left);
    expect([...guarded, ...left].map((text) => unguardText(guardText(text)))).toEqual([...guarded, ...left]);
  });

  it("writes rows keyed by heading in heading order, a missing key as a blank cell", async () => {
    const sheet = sheetOfRecords("Participants", ["MPID", "Organisation", "Roles"], [{ Roles: "SUP; LDSO", MPID: "ABCD", Organisation: "=North" }, { MPID: "EFGH" }]);
    expect(sheet).toEqual({ name: "Participants", columns: ["MPID", "Organisation", "Roles"], rows: [["ABCD", "=North", "SUP; LDSO"], ["EFGH", "", ""]] });
    expect(await toCsv(sheet)).toBe("MPID,Organisation,Roles\r\nABCD,'=North,SUP; LDSO\r\nEFGH,,");
  });

  it("gives the CSV blob a byte order mark and its content type", async () => {
    const blob = await csvBlob({ name: "x", columns: ["A"], rows: [["é"]] });
    expect(blob.type).toBe("text/csv;charset=utf-8");
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("gives the XLSX blob its content type", async () => {
    const blob = await xlsxBlob([sheet]);
    expect(blob.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(blob.size).toBeGreaterThan(1000);
  });

  it("names sheets and files as spreadsheet programs and file systems accept them", () => {
    expect(sheetName("Test & defect extract: SIT/FUNC [C1]")).toBe("Test & defect extract  SIT FUNC");
    expect(sheetName("Open defects", new Set(["open defects"]))).toBe("Open defects 2");
    expect(exportFileName("RTTM SIT-FUNC C1 SUP", "2025-03-31", "xlsx")).toBe("RTTM SIT-FUNC C1 SUP 2025-03-31.xlsx");
    expect(exportFileName('a/b:c*"d', "2025-03-31", "csv")).toBe("a-b-c-d 2025-03-31.csv");
    expect(exportFileName("required-tests", undefined, "csv")).toBe("required-tests.csv");
  });
});
