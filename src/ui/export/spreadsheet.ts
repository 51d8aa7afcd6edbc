// Tables out as files: CSV through papaparse and XLSX through exceljs. This is the one writer, for
// the programme hub's exports and the admin hub's alike; the reading side (src/ui/spreadsheetImport.ts)
// loads the libraries through loadPapa and loadExcel below and undoes the formula guard with
// unguardText. Both libraries are loaded on first use with a dynamic import, so they are chunks of
// their own and a page that never exports or imports never downloads them (exceljs alone is several
// hundred kilobytes).

/** A cell: text, a number (kept as a number in XLSX so sums and filters work), or blank. */
export type ExportCell = string | number | null | undefined;

export interface ExportColumn {
  heading: string;
  /** Column width in characters for XLSX; by default from the heading and the values. */
  width?: number;
}

export interface ExportSheet {
  /** Sheet name in XLSX (cut to Excel's 31 characters, without []:*?/\). */
  name: string;
  columns: readonly (ExportColumn | string)[];
  rows: readonly (readonly ExportCell[])[];
}

export type ExcelModule = typeof import("exceljs");
export type PapaModule = typeof import("papaparse");

/** exceljs, loaded once on first use as the "xlsx" chunk: the only import of it. */
export async function loadExcel(): Promise<ExcelModule> {
  const loaded = (await import(/* webpackChunkName: "xlsx" */ "exceljs")) as ExcelModule & { default?: ExcelModule };
  return loaded.default && "Workbook" in loaded.default ? loaded.default : loaded;
}

/** papaparse, loaded once on first use as the "csv" chunk: the only import of it. */
export async function loadPapa(): Promise<PapaModule> {
  const loaded = (await import(/* webpackChunkName: "csv" */ "papaparse")) as PapaModule & { default?: PapaModule };
  return loaded.default && "unparse" in loaded.default && "parse" in loaded.default ? loaded.default : loaded;
}

/** A sheet of rows keyed by heading (as the admin hub's configuration exports give them), in heading order. */
export function sheetOfRecords(name: string, headings: readonly string[], records: readonly Readonly<Record<string, string | undefined>>[]): ExportSheet {
  return { name, columns: headings, rows: records.map((record) => headings.map((h) => record[h] ?? "")) };
}

function heading(column: ExportColumn | string): string {
  return typeof column === "string" ? column : column.heading;
}

/**
 * Spreadsheet programs run a text cell starting with = + - @ (or a tab or return) as a formula, so
 * such text from Azure DevOps is written with a leading apostrophe; negative numbers are left alone.
 */
export function guardText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

/** Undoes guardText: text it would have written with an apostrophe reads back as typed. */
export function unguardText(text: string): string {
  return text.startsWith("'") && guardText(text.slice(1)) === text ? text.slice(1) : text;
}

function cellText(cell: ExportCell): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? (Number.isFinite(cell) ? String(cell) : "") : guardText(cell);
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base = (name.replace(/[[\]:*?/\\]/g, " ").trim() || "Sheet").slice(0, 31);
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  return candidate;
}

/** The sheet as CSV text (comma separated, CRLF line ends, quoted where needed). */
export async function toCsv(sheet: ExportSheet): Promise<string> {
  const Papa = await loadPapa();
  return Papa.unparse({ fields: sheet.columns.map(heading), data: sheet.rows.map((row) => sheet.columns.map((_, i) => cellText(row[i]))) }, { newline: "\r\n" });
}

/** CSV with a byte order mark, so Excel opens it as UTF-8. */
export async function csvBlob(sheet: ExportSheet): Promise<Blob> {
  return new Blob([`\ufeff${await toCsv(sheet)}`], { type: "text/csv;charset=utf-8" });
}

/** An XLSX workbook with one worksheet per sheet: bold, frozen heading row, numbers as numbers. */
export async function xlsxBuffer(sheets: readonly ExportSheet[]): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "MHHS Test Management";
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const name = sheetName(sheet.name, taken);
    taken.add(name.toLowerCase());
    const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column, i) => {
      const title = heading(column);
      const given = typeof column === "string" ? undefined : column.width;
      let longest = title.length;
      for (let r = 0; r < Math.min(sheet.rows.length, 200); r++) longest = Math.max(longest, String(sheet.rows[r][i] ?? "").length);
      return { header: title, width: given ?? Math.min(60, Math.max(10, longest + 2)) };
    });
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      worksheet.addRow(sheet.columns.map((_, i) => {
        const cell = row[i];
        if (cell === null || cell === undefined) return null;
        return typeof cell === "number" ? (Number.isFinite(cell) ? cell : null) : guardText(cell);
      }));
    }
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function xlsxBlob(sheets: readonly ExportSheet[]): Promise<Blob> {
  return new Blob([await xlsxBuffer(sheets)], { type: XLSX_TYPE });
}

/** Offers a file to the browser's downloads. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name for an export: "<base> <yyyy-mm-dd>.<ext>" (or "<base>.<ext>" without a date), with characters file systems refuse replaced. */
export function exportFileName(base: string, date: string | undefined, extension: "csv" | "xlsx"): string {
  const safe = base.replace(/[\\/:*?"<>|]+/g, "-").replace(/\s+/g, " ").trim() || "export";
  return date ? `${safe} ${date}.${extension}` : `${safe}.${extension}`;
}
