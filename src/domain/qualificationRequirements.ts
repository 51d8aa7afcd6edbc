// The qualification requirements an admin configures (the "Qualification requirements" document):
// the tests each market role must evidence on each path (SIT or QT), the stages whose points count
// as evidence on each path, which required tests Placing Reliance may cover, and the readiness RAG
// rules. These are the configurable parts of readiness.ts's ReadinessConfig. The programme's own
// per-role lists and reliance scope lists are not public, so nothing is required by default and
// the hub then falls back to each participant's planned tests (qualification.ts).
//
// One checker walks the document: it gives every problem with the path of the value it is about
// (requiredTests[2].role, stagesByPath.SIT) and the parts that passed, so a stored document with a
// bad entry still applies its good ones. Rows of a spreadsheet (one per role, path and test) are
// read and written here too.

import type { Catalogues } from "./catalogues";
import { findRole, findStage } from "./catalogues";
import type { Rag } from "./exitCriteria";
import { ColumnSpec, ImportTable, RowProblem, cell, exportRows, mapColumns, sortProblems } from "./importRows";
import type { ParticipantPath, Reliance } from "./model";
import { DEFAULT_PROGRAMME_TEST_ID_FORMATS, ProgrammeTestIdFormat, validateProgrammeTestId } from "./programmeTestIds";
import { DEFAULT_STAGES_BY_PATH, ReadinessRagRules, RequiredTestRule } from "./readiness";

export type ReliedScopeType = Exclude<Reliance, "none">;

export interface QualificationRequirements {
  /** Tests required per market role and path (path absent: both paths). */
  requiredTests: RequiredTestRule[];
  /** Stages whose test points evidence each path; a path not listed uses DEFAULT_STAGES_BY_PATH. */
  stagesByPath?: Partial<Record<ParticipantPath, string[]>>;
  /** Which required tests may be relied upon, per reliance type: "all" (the default) or a list of test ids. */
  relianceScope?: Partial<Record<ReliedScopeType, "all" | string[]>>;
  /** Readiness RAG rules; a rule not given uses DEFAULT_READINESS_RAG. */
  rag?: Partial<ReadinessRagRules>;
}

export const DEFAULT_QUALIFICATION_REQUIREMENTS: Readonly<QualificationRequirements> = Object.freeze({ requiredTests: [] });

export const REQUIREMENT_PATHS: readonly ParticipantPath[] = ["SIT", "QT"];
export const RELIED_SCOPE_TYPES: readonly ReliedScopeType[] = ["partial", "combined"];
export const READINESS_RAG_RULES: readonly (keyof ReadinessRagRules)[] = ["whenBlocked", "whenOutstanding", "whenNothingRequired"];
const RAGS: readonly Rag[] = ["green", "amber", "red"];
const TOP_LEVEL = ["requiredTests", "stagesByPath", "relianceScope", "rag"];

export const RAG_RULE_LABELS: Readonly<Record<keyof ReadinessRagRules, string>> = {
  whenBlocked: "With a failed required test or an open exit-blocking defect",
  whenOutstanding: "With required tests outstanding",
  whenNothingRequired: "When nothing is required for the participant's roles and path",
};

export interface RequirementsProblem {
  /** Where in the document: "requiredTests[2].role", "stagesByPath.SIT", "" for the whole. */
  path: string;
  message: string;
}

export interface RequirementsCheck {
  problems: RequirementsProblem[];
  /** What passed, normalised (role codes as in the catalogue, canonical test ids): safe to judge readiness on. */
  usable: QualificationRequirements;
}

type RoleCatalogue = Pick<Catalogues, "roles">;
type StageCatalogue = Pick<Catalogues, "stages">;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (typeof value === "string") return value.trim();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "the QT path", "both paths". */
export function pathWords(path: ParticipantPath | undefined): string {
  return path === undefined ? "both paths" : `the ${path} path`;
}

/** A market role a participant can qualify in: the role's code, or why not. */
export function checkRequirementRole(value: unknown, catalogues: RoleCatalogue): { ok: true; code: string } | { ok: false; message: string } {
  if (typeof value !== "string" || value.trim() === "") return { ok: false, message: "Choose the market role the tests are required for" };
  const role = findRole(catalogues, value);
  const code = value.trim().toUpperCase();
  if (!role) {
    return {
      ok: false,
      message:
        code === "SMS"
          ? 'Role "SMS" is ambiguous in MHHS papers: use MS for the Metering Service or SDS for the Smart Data Service'
          : `Unknown market role "${code}"`,
    };
  }
  if (role.kind === "central") return { ok: false, message: `${role.code} (${role.name}) is a central system role: participants do not qualify in it` };
  return { ok: true, code: role.code };
}

/** A path as stored: absent for both paths, else exactly SIT or QT. */
function checkPath(value: unknown): { ok: true; path?: ParticipantPath } | { ok: false; message: string } {
  if (value === undefined) return { ok: true };
  if (value === "SIT" || value === "QT") return { ok: true, path: value };
  return { ok: false, message: `Path ${JSON.stringify(shown(value))} is not SIT or QT; leave it out for both paths` };
}

/** A programme test id as a required test: its canonical form (QT-093), or why it cannot be one. */
export function checkRequiredProgrammeId(
  value: unknown,
  formats: readonly ProgrammeTestIdFormat[] = DEFAULT_PROGRAMME_TEST_ID_FORMATS,
): { ok: true; id: string } | { ok: false; message: string } {
  if (typeof value !== "string") return { ok: false, message: `${shown(value)} is not a programme test id such as QT-093` };
  const result = validateProgrammeTestId(value, formats);
  if (!result.valid) return { ok: false, message: `"${value.trim()}": ${result.reason}` };
  // Readiness matches ids as written on test cases, ignoring case only: another spelling would never match.
  if (result.id !== value.trim().toUpperCase()) return { ok: false, message: `"${value.trim()}" is written ${result.id} on test cases: use that spelling` };
  return { ok: true, id: result.id };
}

/** An Azure DevOps test case id: a whole number, 1 or more (a leading # is allowed in text). */
export function readWorkItemId(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^#?\s*(\d{1,15})$/.exec(value.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function checkRules(value: unknown, catalogues: RoleCatalogue, formats: readonly ProgrammeTestIdFormat[], problems: RequirementsProblem[]): RequiredTestRule[] {
  if (value === undefined) {
    problems.push({ path: "requiredTests", message: "Required tests must be listed (an empty list when none are required)" });
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push({ path: "requiredTests", message: "Required tests must be a list of rules, each a market role, a path and its tests" });
    return [];
  }
  const usable: RequiredTestRule[] = [];
  const firstRow = new Map<string, number>();
  value.forEach((entry, index) => {
    const at = `requiredTests[${index}]`;
    if (!isRecord(entry)) {
      problems.push({ path: at, message: "Each rule needs a market role and the tests it requires" });
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!["role", "path", "programmeTestCaseIds", "testCaseIds"].includes(key)) problems.push({ path: `${at}.${key}`, message: `"${key}" is not part of a rule (role, path, programmeTestCaseIds, testCaseIds)` });
    }
    const role = checkRequirementRole(entry.role, catalogues);
    if (!role.ok) problems.push({ path: `${at}.role`, message: role.message });
    const path = checkPath(entry.path);
    if (!path.ok) problems.push({ path: `${at}.path`, message: path.message });

    const programmeIds: string[] = [];
    let listed = 0;
    if (entry.programmeTestCaseIds !== undefined) {
      if (!Array.isArray(entry.programmeTestCaseIds)) {
        problems.push({ path: `${at}.programmeTestCaseIds`, message: "Programme test ids must be a list such as QT-093; SITNFT-T2-020" });
      } else {
        listed += entry.programmeTestCaseIds.length;
        for (const raw of entry.programmeTestCaseIds) {
          const id = checkRequiredProgrammeId(raw, formats);
          if (!id.ok) problems.push({ path: `${at}.programmeTestCaseIds`, message: id.message });
          else if (programmeIds.includes(id.id)) problems.push({ path: `${at}.programmeTestCaseIds`, message: `${id.id} is listed twice` });
          else programmeIds.push(id.id);
        }
      }
    }
    const workItemIds: number[] = [];
    if (entry.testCaseIds !== undefined) {
      if (!Array.isArray(entry.testCaseIds)) {
        problems.push({ path: `${at}.testCaseIds`, message: "Work item ids must be a list of test case ids such as 1234" });
      } else {
        listed += entry.testCaseIds.length;
        for (const raw of entry.testCaseIds) {
          const id = typeof raw === "number" ? readWorkItemId(raw) : undefined;
          if (id === undefined) problems.push({ path: `${at}.testCaseIds`, message: `${JSON.stringify(shown(raw))} is not a work item id (a whole number such as 1234)` });
          else if (workItemIds.includes(id)) problems.push({ path: `${at}.testCaseIds`, message: `Work item ${id} is listed twice` });
          else workItemIds.push(id);
        }
      }
    }
    const who = role.ok ? role.code : typeof entry.role === "string" && entry.role.trim() ? entry.role.trim().toUpperCase() : "(no role)";
    const where = path.ok ? pathWords(path.path) : "its path";
    if (listed === 0) {
      problems.push({ path: at, message: `The rule for ${who} on ${where} lists no tests: add programme test ids or work item ids, or remove the rule` });
    }
    if (role.ok && path.ok) {
      const key = `${role.code}\u0001${path.path ?? ""}`;
      const first = firstRow.get(key);
      if (first !== undefined) {
        problems.push({ path: at, message: `${role.code} on ${pathWords(path.path)} already has a rule (row ${first + 1}): list these tests there` });
        return;
      }
      firstRow.set(key, index);
      if (programmeIds.length + workItemIds.length > 0) {
        const rule: RequiredTestRule = { role: role.code, ...(path.path ? { path: path.path } : {}) };
        usable.push({
          ...rule,
          ...(programmeIds.length > 0 ? { programmeTestCaseIds: programmeIds } : {}),
          ...(workItemIds.length > 0 ? { testCaseIds: workItemIds } : {}),
        });
      }
    }
  });
  return usable;
}

function checkStages(value: unknown, catalogues: StageCatalogue, problems: RequirementsProblem[]): Partial<Record<ParticipantPath, string[]>> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push({ path: "stagesByPath", message: "Evidence stages must be listed by path (SIT, QT)" });
    return undefined;
  }
  const usable: Partial<Record<ParticipantPath, string[]>> = {};
  for (const [key, list] of Object.entries(value)) {
    const at = `stagesByPath.${key}`;
    if (key !== "SIT" && key !== "QT") {
      problems.push({ path: at, message: `Path "${key}" is not SIT or QT` });
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push({ path: at, message: `The stages of the ${key} path must be a list of stage codes` });
      continue;
    }
    if (list.length === 0) {
      problems.push({ path: at, message: `No stages are listed for the ${key} path: choose at least one, or leave it out to use the default (${DEFAULT_STAGES_BY_PATH[key].join(", ")})` });
      continue;
    }
    const codes: string[] = [];
    for (const raw of list) {
      const stage = typeof raw === "string" ? findStage(catalogues, raw) : undefined;
      if (!stage) problems.push({ path: at, message: `Stage ${JSON.stringify(shown(raw))} is not a known stage` });
      else if (codes.includes(stage.code)) problems.push({ path: at, message: `Stage ${stage.code} is listed twice` });
      else codes.push(stage.code);
    }
    if (codes.length > 0) usable[key] = codes;
  }
  return Object.keys(usable).length > 0 ? usable : undefined;
}

function checkScope(value: unknown, formats: readonly ProgrammeTestIdFormat[], problems: RequirementsProblem[]): QualificationRequirements["relianceScope"] {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push({ path: "relianceScope", message: "The reliance scope must be given per reliance type (partial, combined)" });
    return undefined;
  }
  const usable: NonNullable<QualificationRequirements["relianceScope"]> = {};
  for (const [key, scope] of Object.entries(value)) {
    const at = `relianceScope.${key}`;
    if (key !== "partial" && key !== "combined") {
      problems.push({ path: at, message: `"${key}" is not a reliance type with a scope: use partial or combined` });
      continue;
    }
    if (scope === "all") {
      usable[key] = "all";
      continue;
    }
    if (!Array.isArray(scope)) {
      problems.push({ path: at, message: `The ${key} reliance scope must be "all" or a list of test ids` });
      continue;
    }
    if (scope.length === 0) {
      problems.push({ path: at, message: `The ${key} reliance scope lists no tests: list the tests that may be relied upon, or allow all` });
      continue;
    }
    const ids: string[] = [];
    for (const raw of scope) {
      let id: string | undefined;
      if (typeof raw === "string" && raw.trim().startsWith("#")) {
        const n = readWorkItemId(raw);
        if (n === undefined) problems.push({ path: at, message: `"${raw.trim()}" is not a work item id such as #1234` });
        else id = `#${n}`;
      } else {
        const checked = checkRequiredProgrammeId(raw, formats);
        if (!checked.ok) problems.push({ path: at, message: checked.message });
        else id = checked.id;
      }
      if (id === undefined) continue;
      if (ids.includes(id)) problems.push({ path: at, message: `${id} is listed twice` });
      else ids.push(id);
    }
    if (ids.length > 0) usable[key] = ids;
  }
  return Object.keys(usable).length > 0 ? usable : undefined;
}

function checkRag(value: unknown, problems: RequirementsProblem[]): Partial<ReadinessRagRules> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push({ path: "rag", message: "The readiness RAG rules must be a record (whenBlocked, whenOutstanding, whenNothingRequired)" });
    return undefined;
  }
  const usable: Partial<ReadinessRagRules> = {};
  for (const [key, rag] of Object.entries(value)) {
    const rule = READINESS_RAG_RULES.find((r) => r === key);
    if (!rule) {
      problems.push({ path: `rag.${key}`, message: `"${key}" is not a readiness rule: use ${READINESS_RAG_RULES.join(", ")}` });
      continue;
    }
    if (!RAGS.includes(rag as Rag)) {
      problems.push({ path: `rag.${key}`, message: `${RAG_RULE_LABELS[rule]}: the RAG must be green, amber or red, not ${JSON.stringify(shown(rag))}` });
      continue;
    }
    usable[rule] = rag as Rag;
  }
  return Object.keys(usable).length > 0 ? usable : undefined;
}

/**
 * Checks a qualification requirements document against the catalogues in force. Never throws,
 * whatever it is given. The usable part leaves out whatever has a problem.
 */
export function checkQualificationRequirements(
  input: unknown,
  catalogues: Pick<Catalogues, "roles" | "stages">,
  formats: readonly ProgrammeTestIdFormat[] = DEFAULT_PROGRAMME_TEST_ID_FORMATS,
): RequirementsCheck {
  const problems: RequirementsProblem[] = [];
  if (!isRecord(input)) {
    return { problems: [{ path: "", message: "The qualification requirements must be a record of settings" }], usable: { requiredTests: [] } };
  }
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL.includes(key)) problems.push({ path: key, message: `"${key}" is not a setting of the qualification requirements (${TOP_LEVEL.join(", ")})` });
  }
  const usable: QualificationRequirements = { requiredTests: checkRules(input.requiredTests, catalogues, formats, problems) };
  const stagesByPath = checkStages(input.stagesByPath, catalogues, problems);
  if (stagesByPath) usable.stagesByPath = stagesByPath;
  const relianceScope = checkScope(input.relianceScope, formats, problems);
  if (relianceScope) usable.relianceScope = relianceScope;
  const rag = checkRag(input.rag, problems);
  if (rag) usable.rag = rag;
  return { problems, usable };
}

export function validateQualificationRequirements(
  input: unknown,
  catalogues: Pick<Catalogues, "roles" | "stages">,
  formats: readonly ProgrammeTestIdFormat[] = DEFAULT_PROGRAMME_TEST_ID_FORMATS,
): RequirementsProblem[] {
  return checkQualificationRequirements(input, catalogues, formats).problems;
}

/** How many tests the rules require in all (each id of each rule once). */
export function countRequiredTests(rules: readonly RequiredTestRule[]): number {
  return rules.reduce((n, r) => n + (Array.isArray(r.programmeTestCaseIds) ? r.programmeTestCaseIds.length : 0) + (Array.isArray(r.testCaseIds) ? r.testCaseIds.length : 0), 0);
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet rows: one per role, path and test

export type RequiredTestColumn = "role" | "path" | "test";

export const REQUIRED_TEST_COLUMNS: readonly ColumnSpec<RequiredTestColumn>[] = [
  { key: "role", heading: "Role", aliases: ["Market Role", "Role Code"], required: true },
  { key: "path", heading: "Path", aliases: ["Path To Migration", "Migration Path", "Route"] },
  { key: "test", heading: "Test Id", aliases: ["Test Case Id", "Programme Test Id", "Programme Test Case Id", "Test", "Test Case", "Required Test"], required: true },
];

const BOTH_PATHS = ["", "BOTH", "ALL", "SIT AND QT", "SIT/QT", "SIT; QT", "SIT, QT", "ANY"];

function readPathCell(text: string): { ok: true; path?: ParticipantPath } | { ok: false } {
  const upper = text.trim().toUpperCase();
  if (BOTH_PATHS.includes(upper)) return { ok: true };
  if (upper === "SIT" || upper === "SYSTEM INTEGRATION TESTING") return { ok: true, path: "SIT" };
  if (upper === "QT" || upper === "QUALIFICATION TESTING") return { ok: true, path: "QT" };
  return { ok: false };
}

export interface ImportedRequiredTest {
  row: number;
  role: string;
  path?: ParticipantPath;
  /** A programme test id, or "#<work item id>". */
  test: string;
}

export interface RequiredTestsImport {
  /** The valid rows grouped into rules, in the order the file first names each role and path. */
  rules: RequiredTestRule[];
  tests: ImportedRequiredTest[];
  problems: RowProblem[];
  rowsRead: number;
  ignoredColumns: string[];
}

/** Reads required-test rows: known participant roles, SIT / QT / blank (both), one valid test id per row, each row once. */
export function readRequiredTestRows(
  table: ImportTable,
  catalogues: RoleCatalogue,
  formats: readonly ProgrammeTestIdFormat[] = DEFAULT_PROGRAMME_TEST_ID_FORMATS,
): RequiredTestsImport {
  const mapping = mapColumns(table.headers, REQUIRED_TEST_COLUMNS, table.headerRow ?? 1);
  const problems: RowProblem[] = [...mapping.problems];
  const tests: ImportedRequiredTest[] = [];
  if (mapping.problems.length > 0) return { rules: [], tests, problems, rowsRead: table.rows.length, ignoredColumns: mapping.ignored };
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const roleText = cell(row, mapping, "role");
    const pathText = cell(row, mapping, "path");
    const testText = cell(row, mapping, "test");
    let ok = true;
    const role = checkRequirementRole(roleText, catalogues);
    if (!role.ok) {
      problems.push({ row: row.row, column: "Role", reason: role.message });
      ok = false;
    }
    const path = readPathCell(pathText);
    if (!path.ok) {
      problems.push({ row: row.row, column: "Path", reason: `Path "${pathText}" is not SIT or QT; leave it blank (or write Both) for both paths` });
      ok = false;
    }
    let test: string | undefined;
    if (testText === "") problems.push({ row: row.row, column: "Test Id", reason: "Give the required test: a programme test id such as QT-093, or a work item id such as #1234" });
    else if (/^#?\s*\d+$/.test(testText)) {
      const id = readWorkItemId(testText);
      if (id === undefined) problems.push({ row: row.row, column: "Test Id", reason: `"${testText}" is not a work item id (a whole number such as 1234)` });
      else test = `#${id}`;
    } else {
      const result = validateProgrammeTestId(testText, formats);
      if (!result.valid) problems.push({ row: row.row, column: "Test Id", reason: `"${testText}": ${result.reason}` });
      else test = result.id;
    }
    if (!ok || test === undefined || !role.ok || !path.ok) continue;
    const key = `${role.code}\u0001${path.path ?? ""}\u0001${test}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      problems.push({ row: row.row, column: "", reason: `${test} for ${role.code} on ${pathWords(path.path)} is already in row ${first}` });
      continue;
    }
    firstRow.set(key, row.row);
    tests.push({ row: row.row, role: role.code, ...(path.path ? { path: path.path } : {}), test });
  }
  return { rules: groupRules(tests), tests, problems: sortProblems(problems), rowsRead: table.rows.length, ignoredColumns: mapping.ignored };
}

function ruleKey(rule: Pick<RequiredTestRule, "role" | "path">): string {
  return `${String(rule.role).trim().toUpperCase()}\u0001${rule.path ?? ""}`;
}

function groupRules(tests: readonly Pick<ImportedRequiredTest, "role" | "path" | "test">[]): RequiredTestRule[] {
  const rules = new Map<string, { role: string; path?: ParticipantPath; programme: string[]; workItems: number[] }>();
  for (const t of tests) {
    const key = ruleKey(t);
    let rule = rules.get(key);
    if (!rule) {
      rule = { role: t.role, ...(t.path ? { path: t.path } : {}), programme: [], workItems: [] };
      rules.set(key, rule);
    }
    if (t.test.startsWith("#")) rule.workItems.push(Number(t.test.slice(1)));
    else rule.programme.push(t.test);
  }
  return Array.from(rules.values(), (r) => ({
    role: r.role,
    ...(r.path ? { path: r.path } : {}),
    ...(r.programme.length > 0 ? { programmeTestCaseIds: r.programme } : {}),
    ...(r.workItems.length > 0 ? { testCaseIds: r.workItems } : {}),
  }));
}

/** The tests of rules as role, path and test id ("#<id>" for a work item), rule by rule. */
export function requiredTestsOf(rules: readonly RequiredTestRule[]): { role: string; path?: ParticipantPath; test: string }[] {
  const out: { role: string; path?: ParticipantPath; test: string }[] = [];
  for (const rule of rules) {
    const base = { role: rule.role, ...(rule.path ? { path: rule.path } : {}) };
    for (const id of Array.isArray(rule.programmeTestCaseIds) ? rule.programmeTestCaseIds : []) out.push({ ...base, test: id });
    for (const id of Array.isArray(rule.testCaseIds) ? rule.testCaseIds : []) out.push({ ...base, test: `#${id}` });
  }
  return out;
}

export type RequiredTestsMergeMode = "add" | "replace";

export interface RequiredTestsMerge {
  requiredTests: RequiredTestRule[];
  /** Tests the file adds. */
  added: number;
  /** Tests of the file already required. */
  unchanged: number;
  /** Replace mode: tests now required that the file does not list. */
  removed: number;
}

/**
 * The rules after an import: "add" puts the file's tests into the rule of their role and path
 * (a new rule when there is none), keeping everything else; "replace" keeps only the file's rules.
 */
export function mergeRequiredTests(existing: readonly RequiredTestRule[], imported: readonly RequiredTestRule[], mode: RequiredTestsMergeMode): RequiredTestsMerge {
  const key = (t: { role: string; path?: string; test: string }) => `${ruleKey(t as RequiredTestRule)}\u0001${t.test.toUpperCase()}`;
  const before = new Set(requiredTestsOf(existing).map(key));
  const incoming = requiredTestsOf(imported);
  const incomingKeys = new Set(incoming.map(key));
  const unchanged = incoming.filter((t) => before.has(key(t))).length;
  if (mode === "replace") {
    return { requiredTests: groupRules(incoming), added: incoming.length - unchanged, unchanged, removed: [...before].filter((k) => !incomingKeys.has(k)).length };
  }
  const rules = existing.map((r) => ({
    ...r,
    ...(r.programmeTestCaseIds ? { programmeTestCaseIds: r.programmeTestCaseIds.slice() } : {}),
    ...(r.testCaseIds ? { testCaseIds: r.testCaseIds.slice() } : {}),
  })) as RequiredTestRule[];
  const byKey = new Map<string, RequiredTestRule>();
  for (const rule of rules) if (!byKey.has(ruleKey(rule))) byKey.set(ruleKey(rule), rule);
  let added = 0;
  for (const t of incoming) {
    if (before.has(key(t))) continue;
    let rule = byKey.get(ruleKey(t as RequiredTestRule));
    if (!rule) {
      rule = { role: t.role, ...(t.path ? { path: t.path } : {}) };
      rules.push(rule);
      byKey.set(ruleKey(rule), rule);
    }
    if (t.test.startsWith("#")) rule.testCaseIds = [...(rule.testCaseIds ?? []), Number(t.test.slice(1))];
    else rule.programmeTestCaseIds = [...(rule.programmeTestCaseIds ?? []), t.test];
    added++;
  }
  return { requiredTests: rules, added, unchanged, removed: 0 };
}

/** The rules as spreadsheet rows the import reads back: Role, Path (SIT, QT or Both), Test Id. */
export function requiredTestExportRows(rules: readonly RequiredTestRule[]): Record<string, string>[] {
  return exportRows(
    REQUIRED_TEST_COLUMNS,
    requiredTestsOf(rules).map((t) => ({ role: t.role, path: t.path ?? "Both", test: t.test })),
  );
}
