// Importing and exporting the participant register and the environments plan as spreadsheet rows:
// each row checked with the same rules as the editors (participants.ts, environments.ts), every
// problem reported at its row and column, and the valid rows merged into what is stored.

import type { Catalogues } from "./catalogues";
import { findStage } from "./catalogues";
import { dayToIso, parseDay } from "./days";
import { ConcurrencyLimits, EnvironmentAllocation, EnvironmentDefinition, validateAllocation } from "./environments";
import { ColumnMapping, ColumnSpec, ImportTable, RowProblem, cell, exportRows, mapColumns, sortProblems, splitList } from "./importRows";
import type { Participant } from "./model";
import { ParticipantField, findParticipant, normaliseMpid, validateMpid, validateParticipant } from "./participants";

// ---------------------------------------------------------------------------------------------
// Participants

export type ParticipantColumn = "mpid" | "organisation" | "roles" | "path" | "reliance" | "mdrChoice" | "reliesOn";

export const PARTICIPANT_COLUMNS: readonly ColumnSpec<ParticipantColumn>[] = [
  { key: "mpid", heading: "MPID", aliases: ["Market Participant Id", "Participant Id", "Participant MPID"], required: true },
  { key: "organisation", heading: "Organisation", aliases: ["Organization", "Organisation Name", "Organization Name", "Participant Name", "Name"], required: true },
  { key: "roles", heading: "Roles", aliases: ["Market Roles", "Market Role", "Role", "Role Codes"], required: true },
  { key: "path", heading: "Path", aliases: ["Path To Migration", "Migration Path", "Route"], required: true },
  { key: "reliance", heading: "Reliance", aliases: ["Placing Reliance", "Reliance Level"] },
  { key: "mdrChoice", heading: "MDR Choice", aliases: ["MDR", "Meter Data Retrieval"] },
  { key: "reliesOn", heading: "Relies On", aliases: ["Relied Upon", "Relied Upon Parties", "Relied-upon Parties", "Reliance On"] },
];

function columnHeading<K extends string>(specs: readonly ColumnSpec<K>[], key: K): string {
  return specs.find((spec) => spec.key === key)?.heading ?? key;
}

const PARTICIPANT_FIELD_COLUMN: Readonly<Record<ParticipantField, ParticipantColumn | "">> = {
  participant: "",
  mpid: "mpid",
  organisation: "organisation",
  roles: "roles",
  path: "path",
  reliance: "reliance",
  mdrChoice: "mdrChoice",
  reliesOn: "reliesOn",
};

export interface ImportedParticipant {
  row: number;
  participant: Participant;
}

export interface ParticipantImport {
  /** Valid rows, normalised, each MPID once (the first row wins; later ones are reported). */
  participants: ImportedParticipant[];
  problems: RowProblem[];
  /** Data rows read (valid or not). */
  rowsRead: number;
  ignoredColumns: string[];
}

/** Reads participant rows: every row checked by validateParticipant, MPIDs unique within the file. */
export function readParticipantRows(table: ImportTable, catalogues: Pick<Catalogues, "roles">): ParticipantImport {
  const mapping = mapColumns(table.headers, PARTICIPANT_COLUMNS, table.headerRow ?? 1);
  const problems: RowProblem[] = [...mapping.problems];
  const participants: ImportedParticipant[] = [];
  if (mapping.problems.length > 0) return { participants, problems, rowsRead: table.rows.length, ignoredColumns: mapping.ignored };
  const firstRowByMpid = new Map<string, number>();
  for (const row of table.rows) {
    const raw = {
      mpid: cell(row, mapping, "mpid"),
      organisation: cell(row, mapping, "organisation"),
      roles: splitList(cell(row, mapping, "roles")),
      path: cell(row, mapping, "path"),
      reliance: cell(row, mapping, "reliance"),
      mdrChoice: cell(row, mapping, "mdrChoice"),
      reliesOn: splitList(cell(row, mapping, "reliesOn")),
    };
    const result = validateParticipant(raw, catalogues);
    const mpid = validateMpid(raw.mpid);
    let duplicate = false;
    if (mpid.valid) {
      const first = firstRowByMpid.get(mpid.mpid);
      if (first !== undefined) {
        duplicate = true;
        problems.push({ row: row.row, column: columnHeading(PARTICIPANT_COLUMNS, "mpid"), reason: `MPID ${mpid.mpid} is already in row ${first}` });
      } else firstRowByMpid.set(mpid.mpid, row.row);
    }
    if (!result.valid) {
      for (const error of result.errors) {
        const column = PARTICIPANT_FIELD_COLUMN[error.field];
        problems.push({ row: row.row, column: column ? columnHeading(PARTICIPANT_COLUMNS, column) : "", reason: error.message });
      }
    } else if (!duplicate) {
      participants.push({ row: row.row, participant: result.participant });
    }
  }
  return { participants, problems: sortProblems(problems), rowsRead: table.rows.length, ignoredColumns: mapping.ignored };
}

export type MergeMode = "addOrUpdate" | "replace";

export interface RegisterMerge {
  participants: Participant[];
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Replace mode: MPIDs of the register that the file does not have. */
  removed: string[];
}

function sameParticipant(a: Participant, b: Participant): boolean {
  return JSON.stringify(canonicalParticipant(a)) === JSON.stringify(canonicalParticipant(b));
}

function canonicalParticipant(p: Participant): Participant {
  const out: Participant = { mpid: normaliseMpid(p.mpid), organisation: p.organisation, roles: p.roles.slice(), path: p.path, reliance: p.reliance };
  if (p.mdrChoice) out.mdrChoice = p.mdrChoice;
  if (p.reliesOn && p.reliesOn.length > 0) out.reliesOn = p.reliesOn.slice();
  return out;
}

/**
 * The register after an import: addOrUpdate keeps the entries the file does not mention and
 * replaces those it does (by MPID); replace keeps only the file's entries. Register order is kept,
 * new MPIDs follow in file order.
 */
export function mergeParticipants(existing: readonly Participant[], imported: readonly Participant[], mode: MergeMode): RegisterMerge {
  const byMpid = new Map(imported.map((p) => [normaliseMpid(p.mpid), p]));
  const result: RegisterMerge = { participants: [], added: [], updated: [], unchanged: [], removed: [] };
  const seen = new Set<string>();
  for (const current of existing) {
    const key = normaliseMpid(current.mpid);
    const incoming = byMpid.get(key);
    if (incoming) {
      seen.add(key);
      result.participants.push(canonicalParticipant(incoming));
      (sameParticipant(current, incoming) ? result.unchanged : result.updated).push(key);
    } else if (mode === "addOrUpdate") {
      result.participants.push(current);
    } else {
      result.removed.push(key);
    }
  }
  for (const participant of imported) {
    const key = normaliseMpid(participant.mpid);
    if (seen.has(key)) continue;
    seen.add(key);
    result.participants.push(canonicalParticipant(participant));
    result.added.push(key);
  }
  return result;
}

/** The register as rows for CSV/XLSX, with the headings the import reads back. */
export function participantExportRows(participants: readonly Participant[]): Record<string, string>[] {
  return exportRows(
    PARTICIPANT_COLUMNS,
    participants.map((p) => ({
      mpid: p.mpid,
      organisation: p.organisation,
      roles: p.roles.join("; "),
      path: p.path,
      reliance: p.reliance,
      mdrChoice: p.mdrChoice ?? "",
      reliesOn: (p.reliesOn ?? []).join("; "),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Environments plan

export type EnvironmentColumn = "code" | "name" | "capacity";
export type AllocationColumn = "id" | "participant" | "environment" | "stage" | "from" | "to";

export const ENVIRONMENT_COLUMNS: readonly ColumnSpec<EnvironmentColumn>[] = [
  { key: "code", heading: "Code", aliases: ["Environment", "Environment Code"], required: true },
  { key: "name", heading: "Name", aliases: ["Environment Name", "Description"] },
  { key: "capacity", heading: "Capacity", aliases: ["Participants At Once", "Max Participants"] },
];

export const ALLOCATION_COLUMNS: readonly ColumnSpec<AllocationColumn>[] = [
  { key: "participant", heading: "Participant", aliases: ["MPID", "Participant MPID"], required: true },
  { key: "environment", heading: "Environment", aliases: ["Environment Code", "Env"], required: true },
  { key: "stage", heading: "Stage", aliases: ["Test Stage", "Phase"], required: true },
  { key: "from", heading: "From", aliases: ["Start", "Start Date", "From Date"], required: true },
  { key: "to", heading: "To", aliases: ["End", "End Date", "To Date", "Until"], required: true },
  { key: "id", heading: "Id", aliases: ["Allocation Id", "Reference"] },
];

export type AllocationField = "participant" | "environment" | "stage" | "from" | "to" | "allocation";

export interface AllocationProblem {
  field: AllocationField;
  message: string;
}

/** Which field a sentence of validateAllocation is about, so it can be shown at that field. */
function allocationFieldOf(message: string): AllocationField {
  if (/participant/i.test(message)) return "participant";
  if (/environment/i.test(message)) return "environment";
  if (/stage/i.test(message)) return "stage";
  if (/^start date/i.test(message)) return "from";
  if (/^end date|ends/i.test(message)) return "to";
  return "allocation";
}

export interface AllocationCheckOptions {
  environments: readonly EnvironmentDefinition[];
  stages: readonly string[];
  /** When not empty, the participant must be in it. */
  register?: readonly Participant[];
}

/** Problems with one allocation, each at its field: the domain's checks plus the participant's MPID and register entry. */
export function checkAllocation(allocation: EnvironmentAllocation, options: AllocationCheckOptions): AllocationProblem[] {
  const problems: AllocationProblem[] = validateAllocation(allocation, options).map((message) => ({ field: allocationFieldOf(message), message }));
  const participant = typeof allocation?.participant === "string" ? allocation.participant.trim() : "";
  if (participant !== "") {
    const mpid = validateMpid(participant);
    if (!mpid.valid) problems.push({ field: "participant", message: mpid.reason });
    else if (options.register && options.register.length > 0 && !findParticipant(options.register, mpid.mpid)) {
      problems.push({ field: "participant", message: `${mpid.mpid} is not in the participant register` });
    }
  }
  return problems;
}

export interface EnvironmentsImport {
  /** From an "Environments" sheet, when the file has one; otherwise undefined (keep the plan's). */
  environments?: EnvironmentDefinition[];
  allocations: { row: number; allocation: EnvironmentAllocation }[];
  problems: RowProblem[];
  rowsRead: number;
}

function readEnvironments(table: ImportTable, problems: RowProblem[], sheet: string): EnvironmentDefinition[] {
  const mapping = mapColumns(table.headers, ENVIRONMENT_COLUMNS, table.headerRow ?? 1);
  const label = (column: string) => `${sheet}: ${column}`;
  problems.push(...mapping.problems.map((p) => ({ ...p, column: label(p.column) })));
  if (mapping.problems.length > 0) return [];
  const environments: EnvironmentDefinition[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const code = cell(row, mapping, "code");
    const name = cell(row, mapping, "name");
    const capacityText = cell(row, mapping, "capacity");
    let ok = true;
    if (code === "") {
      problems.push({ row: row.row, column: label("Code"), reason: "Each environment needs a code" });
      ok = false;
    } else if (seen.has(code.toUpperCase())) {
      problems.push({ row: row.row, column: label("Code"), reason: `Environment ${code} is already in row ${seen.get(code.toUpperCase())}` });
      ok = false;
    }
    let capacity: number | undefined;
    if (capacityText !== "") {
      const n = Number(capacityText);
      if (!Number.isInteger(n) || n < 1) {
        problems.push({ row: row.row, column: label("Capacity"), reason: `Capacity "${capacityText}" must be a whole number of participants, 1 or more` });
        ok = false;
      } else capacity = n;
    }
    if (!ok) continue;
    seen.set(code.toUpperCase(), row.row);
    const environment: EnvironmentDefinition = { code };
    if (name) environment.name = name;
    if (capacity !== undefined) environment.capacity = capacity;
    environments.push(environment);
  }
  return environments;
}

const ALLOCATION_FIELD_COLUMN: Readonly<Record<AllocationField, AllocationColumn | "">> = {
  participant: "participant",
  environment: "environment",
  stage: "stage",
  from: "from",
  to: "to",
  allocation: "",
};

/**
 * Reads an environments plan: allocation rows (a CSV, or a sheet named "Allocations") and, when
 * given, environment rows (a sheet named "Environments") that then replace the plan's list.
 */
export function readEnvironmentsPlanRows(
  sheets: { allocations: ImportTable; environments?: ImportTable },
  options: { environments: readonly EnvironmentDefinition[]; catalogues: Pick<Catalogues, "stages">; register?: readonly Participant[] },
): EnvironmentsImport {
  const problems: RowProblem[] = [];
  const environments = sheets.environments ? readEnvironments(sheets.environments, problems, "Environments") : undefined;
  const known = environments ?? options.environments;
  const mapping: ColumnMapping<AllocationColumn> = mapColumns(sheets.allocations.headers, ALLOCATION_COLUMNS, sheets.allocations.headerRow ?? 1);
  problems.push(...mapping.problems);
  const allocations: { row: number; allocation: EnvironmentAllocation }[] = [];
  if (mapping.problems.length === 0) {
    const stages = options.catalogues.stages.map((s) => s.code);
    const ids = new Map<string, number>();
    for (const row of sheets.allocations.rows) {
      const allocation: EnvironmentAllocation = {
        participant: normaliseMpid(cell(row, mapping, "participant")),
        environment: cell(row, mapping, "environment"),
        stage: cell(row, mapping, "stage"),
        from: cell(row, mapping, "from"),
        to: cell(row, mapping, "to"),
      };
      const id = cell(row, mapping, "id");
      if (id) allocation.id = id;
      const rowProblems = checkAllocation(allocation, { environments: known, stages, register: options.register });
      if (id && ids.has(id)) rowProblems.push({ field: "allocation", message: `Allocation id ${id} is already in row ${ids.get(id)}` });
      if (rowProblems.length > 0) {
        for (const problem of rowProblems) {
          const column = problem.message.startsWith("Allocation id") ? "id" : ALLOCATION_FIELD_COLUMN[problem.field];
          problems.push({ row: row.row, column: column ? columnHeading(ALLOCATION_COLUMNS, column) : "", reason: problem.message });
        }
        continue;
      }
      if (id) ids.set(id, row.row);
      const environment = known.find((e) => e.code.toUpperCase() === allocation.environment.toUpperCase());
      const stage = findStage(options.catalogues, allocation.stage);
      allocations.push({
        row: row.row,
        allocation: {
          ...allocation,
          environment: environment?.code ?? allocation.environment,
          stage: stage?.code ?? allocation.stage,
          from: isoDay(allocation.from),
          to: isoDay(allocation.to),
        },
      });
    }
  }
  const rowsRead = sheets.allocations.rows.length + (sheets.environments?.rows.length ?? 0);
  return { environments, allocations, problems: sortProblems(problems), rowsRead };
}

function isoDay(text: string): string {
  const day = parseDay(text);
  return day === null ? text : dayToIso(day);
}

export function environmentExportRows(environments: readonly EnvironmentDefinition[]): Record<string, string>[] {
  return exportRows(
    ENVIRONMENT_COLUMNS,
    environments.map((e) => ({ code: e.code, name: e.name ?? "", capacity: e.capacity === undefined ? "" : String(e.capacity) })),
  );
}

export function allocationExportRows(allocations: readonly EnvironmentAllocation[]): Record<string, string>[] {
  return exportRows(
    ALLOCATION_COLUMNS,
    allocations.map((a) => ({ id: a.id ?? "", participant: a.participant, environment: a.environment, stage: a.stage, from: a.from, to: a.to })),
  );
}

/** Limits as a plain record for display: overall and per stage. */
export function describeLimits(limits: ConcurrencyLimits): string {
  const parts: string[] = [];
  if (limits.overall !== undefined) parts.push(`${limits.overall} at once overall`);
  for (const [stage, limit] of Object.entries(limits.byStage ?? {})) parts.push(`${limit} in ${stage}`);
  return parts.length > 0 ? parts.join("; ") : "no limit";
}
