// Reading CSV (papaparse) and XLSX (exceljs) files for the admin hub's imports. Writing is
// src/ui/export/spreadsheet.ts, whose loaders this uses, so each library is imported in one place
// and only when a file is read; exceljs in particular is large and is a chunk of its own.

import type { ImportTable, SheetRow } from "../domain/importRows";
import { loadExcel, loadPapa, unguardText, XLSX_TYPE } from "./export/spreadsheet";

export interface Sheet {
  name: string;
  table: ImportTable;
}

export interface Workbook {
  /** "csv" files have one sheet, named after the file. */
  format: "csv" | "xlsx";
  sheets: Sheet[];
}

export interface ReadableFile {
  name: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export const SPREADSHEET_ACCEPT = `.csv,.xlsx,text/csv,${XLSX_TYPE}`;

function fileFormat(name: string): "csv" | "xlsx" | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  return undefined;
}

/** Rows of cells (the first non-blank row is the headings) as a table, keeping the file's row numbers. */
export function tableFromRows(cells: readonly (readonly string[])[]): ImportTable {
  const headerIndex = cells.findIndex((row) => row.some((value) => value.trim() !== ""));
  if (headerIndex < 0) return { headers: [], rows: [], headerRow: 1 };
  const raw = cells[headerIndex].map((h) => h.trim());
  // Headings repeated or blank get a position suffix so no column is lost.
  const headers = raw.map((heading, i) => (heading === "" || raw.indexOf(heading) !== i ? `${heading || "Column"} (${i + 1})` : heading));
  const rows: SheetRow[] = [];
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const row = cells[i];
    if (!row.some((value) => value.trim() !== "")) continue;
    const values: Record<string, string> = {};
    headers.forEach((heading, column) => {
      // A cell the export guarded with a leading apostrophe reads back as typed.
      values[heading] = unguardText(row[column] ?? "");
    });
    rows.push({ row: i + 1, values });
  }
  return { headers, rows, headerRow: headerIndex + 1 };
}

/** The separator of the heading line: the most used of comma, semicolon and tab outside quotes. */
export function csvDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const unquoted = line.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ",";
}

/** Parses CSV text (comma, semicolon or tab separated; quoted cells may hold line breaks). */
export async function parseCsv(text: string): Promise<ImportTable> {
  const Papa = await loadPapa();
  const clean = text.replace(/^\ufeff/, "");
  const result = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: false, delimiter: csvDelimiter(clean) });
  return tableFromRows(result.data.map((row) => row.map((value) => String(value ?? ""))));
}

function isoOf(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/** A cell's value as text: dates as ISO, formulas by their result, rich text and links by their text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoOf(value);
  if (typeof value === "object") {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ("result" in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join("");
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return String(v.error);
    return "";
  }
  return String(value);
}

async function readXlsx(buffer: ArrayBuffer): Promise<Sheet[]> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  const sheets: Sheet[] = [];
  workbook.eachSheet((worksheet) => {
    const cells: string[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, column) => {
        values[column - 1] = cellText(c.value);
      });
      cells[rowNumber - 1] = Array.from(values, (v) => v ?? "");
    });
    sheets.push({ name: worksheet.name, table: tableFromRows(Array.from(cells, (row) => row ?? [])) });
  });
  return sheets;
}

/** Reads a .csv or .xlsx file into tables of text cells. */
export async function readSpreadsheet(file: ReadableFile): Promise<Workbook> {
  const format = fileFormat(file.name);
  if (format === "csv") return { format, sheets: [{ name: file.name.replace(/\.[^.]+$/, ""), table: await parseCsv(await file.text()) }] };
  if (format === "xlsx") {
    try {
      return { format, sheets: await readXlsx(await file.arrayBuffer()) };
    } catch (error) {
      throw new Error(`${file.name} could not be read as an Excel workbook (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  }
  throw new Error(`${file.name} is not a spreadsheet this page reads: choose a .csv or .xlsx file`);
}

/** The sheet with one of these names (any case), else the first. */
export function pickSheet(workbook: Workbook, names: readonly string[]): Sheet | undefined {
  return workbook.sheets.find((sheet) => names.some((name) => name.toLowerCase() === sheet.name.toLowerCase())) ?? workbook.sheets[0];
}

