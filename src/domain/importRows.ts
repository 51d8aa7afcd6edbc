// Rows read from a spreadsheet (CSV or XLSX), already split into cells by the reader, and the
// per-row report every import gives: the row number as the file shows it, the column and the
// reason. Column headings are matched loosely (case, spaces and punctuation ignored, known
// aliases accepted) because programme spreadsheets spell them many ways.

export interface SheetRow {
  /** The row number in the file (the heading row is usually 1). */
  row: number;
  /** Cell text by heading, as written in the file. */
  values: Readonly<Record<string, string>>;
}

export interface ImportTable {
  headers: readonly string[];
  /** Data rows; wholly blank rows are left out by the reader, numbers keep counting. */
  rows: readonly SheetRow[];
  /** The row number of the headings (1 unless the reader says otherwise). */
  headerRow?: number;
}

export interface RowProblem {
  /** Row number in the file; the heading row for a problem with the columns. */
  row: number;
  /** The column heading as the report names it; empty for the row as a whole. */
  column: string;
  reason: string;
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** The heading an export writes and a report names. */
  heading: string;
  aliases?: readonly string[];
  required?: boolean;
}

export interface ColumnMapping<K extends string> {
  /** The file's heading for each known column that is present. */
  headings: Partial<Record<K, string>>;
  /** Headings that match no known column (ignored on import). */
  ignored: string[];
  problems: RowProblem[];
}

/** A heading reduced to letters and digits, for loose matching. */
export function headingKey(text: string): string {
  return String(text ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Which file heading holds which column; a required column that is missing is a problem of the heading row. */
export function mapColumns<K extends string>(headers: readonly string[], specs: readonly ColumnSpec<K>[], headerRow = 1): ColumnMapping<K> {
  const headings: Partial<Record<K, string>> = {};
  const claimed = new Set<string>();
  const problems: RowProblem[] = [];
  for (const spec of specs) {
    const keys = [spec.heading, ...(spec.aliases ?? [])].map(headingKey);
    const found = headers.find((header) => !claimed.has(header) && keys.includes(headingKey(header)));
    if (found !== undefined) {
      headings[spec.key] = found;
      claimed.add(found);
    } else if (spec.required) {
      problems.push({ row: headerRow, column: spec.heading, reason: `The file has no "${spec.heading}" column` });
    }
  }
  const ignored = headers.filter((header) => !claimed.has(header) && header.trim() !== "");
  return { headings, ignored, problems };
}

/** The trimmed cell of a column in a row ("" when the column is absent). */
export function cell<K extends string>(row: SheetRow, mapping: ColumnMapping<K>, key: K): string {
  const heading = mapping.headings[key];
  if (heading === undefined) return "";
  return String(row.values[heading] ?? "").trim();
}

/** Splits a cell that lists several values: "SUP; LDSO", "SUP, LDSO", "SUP / LDSO". */
export function splitList(text: string): string[] {
  return String(text ?? "")
    .split(/[;,/|\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Problems in row order, then by column, each once. */
export function sortProblems(problems: readonly RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  const unique: RowProblem[] = [];
  for (const problem of problems) {
    const key = `${problem.row}\u0001${problem.column}\u0001${problem.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(problem);
  }
  return unique.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}

/** The distinct row numbers with a problem, ascending (heading-row problems included). */
export function rowsWithProblems(problems: readonly RowProblem[]): number[] {
  return Array.from(new Set(problems.map((p) => p.row))).sort((a, b) => a - b);
}

/** Rows of records for an export, with the columns' headings as keys, in column order. */
export function exportRows<K extends string>(specs: readonly ColumnSpec<K>[], records: readonly Partial<Record<K, string>>[]): Record<string, string>[] {
  return records.map((record) => Object.fromEntries(specs.map((spec) => [spec.heading, record[spec.key] ?? ""])));
}
