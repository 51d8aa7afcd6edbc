// Defects: ADO severity / priority values, age in working days, SLA targets and breaches,
// exit-blocking defects, work-off plans, and the aggregations the hubs show (open defects by
// severity x role / category / participant, ageing, breaches, blocking defects without a plan).
//
// The programme's Defect Management Plan (severity definitions, SLAs, exit rules) is not public:
// every rule below is configuration with a default marked as such.

import { WorkingCalendar, makeWorkingCalendar, parseDay, workingDaysBetween } from "./days";
import { KEY_SEPARATOR, UNASSIGNED, compareKeys, keyValue, nameSet, sameCode } from "./groupKeys";
import { DEFAULT_CLOSED_STATES, DefectRecord, SEVERITIES, Severity } from "./model";

// ---------------------------------------------------------------------------------------------
// Severity and priority values

/** Severity bucket used when a defect's severity is not one of ADO's four values. */
export const UNKNOWN_SEVERITY = "Unknown";
export type SeverityKey = Severity | typeof UNKNOWN_SEVERITY;
export const SEVERITY_KEYS: readonly SeverityKey[] = [...SEVERITIES, UNKNOWN_SEVERITY];

/** ADO Priority values (1 highest). */
export const PRIORITIES = [1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

const SEVERITY_NAMES: Record<string, number> = { critical: 1, high: 2, medium: 3, low: 4 };
const SEVERITY_LIST = SEVERITIES.join(", ");

export interface ParsedSeverity {
  severity: Severity | null;
  /** Why the input was not understood; null when it was. */
  message: string | null;
}

/**
 * Canonical ADO severity from lenient input: 1, "1", "Sev 1", "critical", "1 - Critical",
 * "1-critical". A number and a name that disagree ("1 - Low") is reported, not guessed.
 */
export function parseSeverity(input: unknown): ParsedSeverity {
  if (typeof input === "number") {
    if (Number.isInteger(input) && input >= 1 && input <= 4) return { severity: SEVERITIES[input - 1], message: null };
    return { severity: null, message: `Severity ${input} is not one of ${SEVERITY_LIST}.` };
  }
  if (typeof input !== "string" || input.trim() === "") {
    return { severity: null, message: `Severity is missing: choose one of ${SEVERITY_LIST}.` };
  }
  const s = input.trim().toLowerCase().replace(/[\u2013\u2014]/g, "-").replace(/\s+/g, " ");
  const numbered = /^(?:sev(?:erity)?\s*)?(\d+)(?:\s*[-:.)]?\s*([a-z]+))?$/.exec(s);
  if (numbered) {
    const n = +numbered[1];
    const name = numbered[2];
    if (n < 1 || n > 4) return { severity: null, message: `Severity "${input.trim()}" is not one of ${SEVERITY_LIST}.` };
    if (name !== undefined && SEVERITY_NAMES[name] !== n) {
      return {
        severity: null,
        message: `Severity "${input.trim()}" is ambiguous: ${n} is ${SEVERITIES[n - 1]}; choose one of ${SEVERITY_LIST}.`,
      };
    }
    return { severity: SEVERITIES[n - 1], message: null };
  }
  const byName = SEVERITY_NAMES[s];
  if (byName !== undefined) return { severity: SEVERITIES[byName - 1], message: null };
  return { severity: null, message: `Unknown severity "${input.trim()}": choose one of ${SEVERITY_LIST}.` };
}

/** 1 (Critical) .. 4 (Low); 5 for anything not understood, so unknowns sort last. */
export function severityRank(input: unknown): number {
  const p = parseSeverity(input).severity;
  return p === null ? 5 : SEVERITIES.indexOf(p) + 1;
}

const severityCache = new Map<string, SeverityKey>();
/** Severity bucket of a stored value, cached because the same few strings repeat. */
export function severityKeyOf(value: unknown): SeverityKey {
  if (typeof value === "string") {
    let k = severityCache.get(value);
    if (k === undefined) {
      k = parseSeverity(value).severity ?? UNKNOWN_SEVERITY;
      if (severityCache.size < 1000) severityCache.set(value, k);
    }
    return k;
  }
  return parseSeverity(value).severity ?? UNKNOWN_SEVERITY;
}

export interface ParsedPriority {
  priority: Priority | null;
  message: string | null;
}

/** ADO Priority 1-4 from 1, "1", "P1", "Priority 1". */
export function parsePriority(input: unknown): ParsedPriority {
  let n: number | null = null;
  if (typeof input === "number") n = input;
  else if (typeof input === "string") {
    const m = /^(?:p|priority\s*)?\s*(\d+)$/i.exec(input.trim());
    if (m) n = +m[1];
  }
  if (n !== null && Number.isInteger(n) && n >= 1 && n <= 4) return { priority: n as Priority, message: null };
  const shown = typeof input === "string" ? `"${input.trim()}"` : String(input);
  return { priority: null, message: `Priority ${shown} is not valid: use 1, 2, 3 or 4 (1 is the highest).` };
}

// ---------------------------------------------------------------------------------------------
// Rules (configuration)

export type WorkOffPlanMode = "never" | "always" | "nearStageEnd";

export interface WorkOffPlanRule {
  /**
   * never: no plan is ever required; always: every open exit-blocking defect needs one;
   * nearStageEnd: an open exit-blocking defect needs one once its stage is within
   * windowWorkingDays of its planned end date (or past it); no known end date = not required.
   */
  mode: WorkOffPlanMode;
  windowWorkingDays: number;
}

export interface DefectRules {
  /** States that count as closed (case-insensitive). */
  closedStates: readonly string[];
  /** Resolution target per severity in working days; null = no target for that severity. */
  slaWorkingDays: Readonly<Record<Severity, number | null>>;
  /** Severities whose open defects block a stage's exit. */
  exitBlockingSeverities: readonly Severity[];
  workOffPlan: WorkOffPlanRule;
  /** ISO dates that are not working days (for example England and Wales bank holidays). */
  bankHolidays: readonly string[];
  /** Inclusive upper bounds (working days) of the ageing buckets; a last open bucket follows. */
  ageingBuckets: readonly number[];
}

/**
 * Defaults only: the programme's SLA and exit rules are not public, so these are placeholders
 * an admin is expected to replace in the project's configuration.
 */
export const DEFAULT_DEFECT_RULES: DefectRules = {
  closedStates: DEFAULT_CLOSED_STATES,
  // Default SLA targets (not the programme's): Critical 2, High 5, Medium 10, Low 20 working days.
  slaWorkingDays: { "1 - Critical": 2, "2 - High": 5, "3 - Medium": 10, "4 - Low": 20 },
  // Default: Critical and High block a stage's exit.
  exitBlockingSeverities: ["1 - Critical", "2 - High"],
  // Default: a plan is required for open blocking defects within 10 working days of stage end.
  workOffPlan: { mode: "nearStageEnd", windowWorkingDays: 10 },
  // Default: no bank holidays; add them in configuration.
  bankHolidays: [],
  // Default buckets: up to 1, 2 and 4 working weeks, then older.
  ageingBuckets: [5, 10, 20],
};

export interface DefectRulesInput {
  closedStates?: readonly string[];
  slaWorkingDays?: Partial<Record<string, number | null>>;
  exitBlockingSeverities?: readonly (Severity | string | number)[];
  workOffPlan?: Partial<WorkOffPlanRule>;
  bankHolidays?: readonly string[];
  ageingBuckets?: readonly number[];
}

export interface ValidatedDefectRules {
  rules: DefectRules;
  /** One sentence per value that was not understood (its default was kept). */
  messages: string[];
}

function isNonNegativeNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x) && x >= 0;
}

/** Merges configuration over the defaults, keeping the default for anything not understood. */
export function validateDefectRules(input?: DefectRulesInput | null): ValidatedDefectRules {
  const messages: string[] = [];
  const d = DEFAULT_DEFECT_RULES;
  if (input === undefined || input === null || typeof input !== "object") return { rules: d, messages };

  let closedStates = d.closedStates;
  if (input.closedStates !== undefined) {
    if (Array.isArray(input.closedStates) && input.closedStates.every((s) => typeof s === "string" && s.trim() !== "")) {
      closedStates = input.closedStates.slice();
    } else messages.push("Closed states must be a list of state names; the default list is used.");
  }

  const sla: Record<Severity, number | null> = { ...d.slaWorkingDays };
  if (input.slaWorkingDays !== undefined) {
    if (typeof input.slaWorkingDays !== "object" || input.slaWorkingDays === null) {
      messages.push("SLA targets must map severities to working days; the defaults are used.");
    } else {
      for (const [k, v] of Object.entries(input.slaWorkingDays)) {
        const p = parseSeverity(k);
        if (p.severity === null) messages.push(`SLA target for ${p.message}`);
        else if (v === null) sla[p.severity] = null;
        else if (isNonNegativeNumber(v)) sla[p.severity] = v;
        else messages.push(`SLA target for ${p.severity} must be a number of working days (0 or more), not "${String(v)}".`);
      }
    }
  }

  let blocking = d.exitBlockingSeverities;
  if (input.exitBlockingSeverities !== undefined) {
    if (!Array.isArray(input.exitBlockingSeverities)) {
      messages.push("Exit-blocking severities must be a list; the default is used.");
    } else {
      const list: Severity[] = [];
      for (const s of input.exitBlockingSeverities) {
        const p = parseSeverity(s);
        if (p.severity === null) messages.push(`Exit-blocking severity: ${p.message}`);
        else if (!list.includes(p.severity)) list.push(p.severity);
      }
      blocking = list;
    }
  }

  const workOffPlan: WorkOffPlanRule = { ...d.workOffPlan };
  if (input.workOffPlan !== undefined) {
    const w = input.workOffPlan;
    if (w.mode !== undefined) {
      if (w.mode === "never" || w.mode === "always" || w.mode === "nearStageEnd") workOffPlan.mode = w.mode;
      else messages.push(`Work-off plan rule "${String(w.mode)}" is unknown: use never, always or nearStageEnd.`);
    }
    if (w.windowWorkingDays !== undefined) {
      if (isNonNegativeNumber(w.windowWorkingDays)) workOffPlan.windowWorkingDays = w.windowWorkingDays;
      else messages.push(`Work-off plan window must be a number of working days (0 or more), not "${String(w.windowWorkingDays)}".`);
    }
  }

  let bankHolidays = d.bankHolidays;
  if (input.bankHolidays !== undefined) {
    if (!Array.isArray(input.bankHolidays)) messages.push("Bank holidays must be a list of ISO dates (yyyy-mm-dd).");
    else {
      const ok: string[] = [];
      for (const h of input.bankHolidays) {
        if (parseDay(h) === null) messages.push(`Bank holiday "${String(h)}" is not an ISO date (yyyy-mm-dd) and is ignored.`);
        else ok.push(h);
      }
      bankHolidays = ok;
    }
  }

  let ageingBuckets = d.ageingBuckets;
  if (input.ageingBuckets !== undefined) {
    const b = input.ageingBuckets;
    if (Array.isArray(b) && b.length > 0 && b.every(isNonNegativeNumber) && b.every((x, i) => i === 0 || x > b[i - 1])) {
      ageingBuckets = b.slice();
    } else messages.push("Ageing buckets must be increasing numbers of working days; the defaults are used.");
  }

  return {
    rules: { closedStates, slaWorkingDays: sla, exitBlockingSeverities: blocking, workOffPlan, bankHolidays, ageingBuckets },
    messages,
  };
}

/** Rules for use: configuration over defaults (anything not understood keeps its default). */
export function resolveDefectRules(input?: DefectRulesInput | null): DefectRules {
  return validateDefectRules(input).rules;
}

// ---------------------------------------------------------------------------------------------
// Per-defect assessment

/** Labels of the ageing buckets for the given bounds, e.g. [5,10,20] -> 0-5, 6-10, 11-20, 21+. */
export function ageingBucketLabels(bounds: readonly number[]): string[] {
  const labels: string[] = [];
  let lo = 0;
  for (const b of bounds) {
    const hi = Math.floor(b);
    labels.push(lo === hi ? `${lo}` : `${lo}-${hi}`);
    lo = hi + 1;
  }
  labels.push(`${lo}+`);
  return labels;
}

/** True when the work-off plan text (plain or HTML) has any visible content. */
export function hasWorkOffPlan(text: string | undefined | null): boolean {
  if (typeof text !== "string" || text.length === 0) return false;
  if (text.indexOf("<") < 0 && text.indexOf("&") < 0) return text.trim().length > 0;
  const visible = text
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|&#160;|&#xa0;/gi, " ")
    .trim();
  return visible.length > 0;
}

export interface AssessedDefect {
  defect: DefectRecord;
  id: number;
  severity: SeverityKey;
  open: boolean;
  /** Working days from raised to asOf (open) or to closed; null when a date is missing or invalid. */
  ageWorkingDays: number | null;
  /** Index into the ageing bucket labels, or -1 when the age is unknown. */
  ageBucket: number;
  slaTargetWorkingDays: number | null;
  /** Age exceeds the SLA target (age > target). Closed defects are judged on their closed date. */
  slaBreached: boolean;
  /** Open and of an exit-blocking severity. */
  exitBlocking: boolean;
  hasWorkOffPlan: boolean;
  /** The work-off plan rule says this defect needs a plan now. */
  workOffPlanRequired: boolean;
  /** Data problems found while assessing (unknown severity, dates that do not parse). */
  messages: readonly string[];
}

export interface DefectAssessmentOptions {
  /** The day to measure ages against (ISO date); pass "today" from the caller. */
  asOf: string;
  rules?: DefectRulesInput | DefectRules;
  /** Planned end date (ISO) of each stage, by stage code, for the work-off plan rule. */
  stageEndDates?: Readonly<Record<string, string>>;
}

const NO_MESSAGES: readonly string[] = Object.freeze([]);

export interface DefectAssessor {
  rules: DefectRules;
  asOfDay: number | null;
  calendar: WorkingCalendar;
  bucketLabels: string[];
  isClosedState(state: string | undefined): boolean;
  assess(defect: DefectRecord): AssessedDefect;
}

/** Prepares the rules once; `assess` is then O(log holidays) per defect. */
export function makeDefectAssessor(options: DefectAssessmentOptions): DefectAssessor {
  const rules = resolveDefectRules(options.rules as DefectRulesInput | undefined);
  const closed = nameSet(rules.closedStates);
  const calendar = makeWorkingCalendar(rules.bankHolidays);
  const asOfDay = parseDay(options.asOf);
  const blocking = new Set<string>(rules.exitBlockingSeverities);
  const bounds = rules.ageingBuckets;
  const bucketLabels = ageingBucketLabels(bounds);
  const { mode, windowWorkingDays } = rules.workOffPlan;

  // Whether each stage is within the work-off window, computed once per stage.
  const nearEnd = new Map<string, boolean>();
  if (mode === "nearStageEnd" && asOfDay !== null && options.stageEndDates) {
    for (const [stage, end] of Object.entries(options.stageEndDates)) {
      const endDay = parseDay(end);
      if (endDay === null) continue;
      nearEnd.set(stage.trim().toUpperCase(), workingDaysBetween(asOfDay, endDay, calendar) <= windowWorkingDays);
    }
  }

  const isClosedState = (state: string | undefined) =>
    typeof state === "string" && closed.has(state.trim().toLowerCase());

  const assess = (defect: DefectRecord): AssessedDefect => {
    let messages: string[] | null = null;
    const severity = severityKeyOf(defect.severity);
    if (severity === UNKNOWN_SEVERITY) {
      messages = [`Defect ${defect.id}: ${parseSeverity(defect.severity).message}`];
    }
    const open = !isClosedState(defect.state);
    const createdDay = parseDay(defect.createdDate);
    if (createdDay === null) {
      (messages ??= []).push(`Defect ${defect.id}: created date "${String(defect.createdDate)}" is not an ISO date.`);
    }
    let endDay: number | null;
    if (open) endDay = asOfDay;
    else {
      endDay = parseDay(defect.closedDate);
      if (endDay === null && defect.closedDate !== undefined) {
        (messages ??= []).push(`Defect ${defect.id}: closed date "${String(defect.closedDate)}" is not an ISO date.`);
      }
    }
    const age = createdDay !== null && endDay !== null ? workingDaysBetween(createdDay, endDay, calendar) : null;
    let bucket = -1;
    if (age !== null) {
      bucket = bounds.length;
      for (let i = 0; i < bounds.length; i++) {
        if (age <= bounds[i]) {
          bucket = i;
          break;
        }
      }
    }
    const target = severity === UNKNOWN_SEVERITY ? null : rules.slaWorkingDays[severity];
    const slaBreached = target !== null && target !== undefined && age !== null && age > target;
    const exitBlocking = open && blocking.has(severity);
    const plan = hasWorkOffPlan(defect.workOffPlan);
    let required = false;
    if (exitBlocking) {
      if (mode === "always") required = true;
      else if (mode === "nearStageEnd" && typeof defect.stage === "string") {
        required = nearEnd.get(defect.stage.trim().toUpperCase()) === true;
      }
    }
    return {
      defect,
      id: defect.id,
      severity,
      open,
      ageWorkingDays: age,
      ageBucket: bucket,
      slaTargetWorkingDays: target ?? null,
      slaBreached,
      exitBlocking,
      hasWorkOffPlan: plan,
      workOffPlanRequired: required,
      messages: messages ?? NO_MESSAGES,
    };
  };

  return { rules, asOfDay, calendar, bucketLabels, isClosedState, assess };
}

/** Assesses every defect against the rules as of a day. */
export function assessDefects(defects: readonly DefectRecord[], options: DefectAssessmentOptions): AssessedDefect[] {
  const a = makeDefectAssessor(options);
  const out = new Array<AssessedDefect>(defects.length);
  for (let i = 0; i < defects.length; i++) out[i] = a.assess(defects[i]);
  return out;
}

/** True when the defect's state is one of the closed states (default: Closed, Done, Resolved, Removed). */
export function isDefectOpen(defect: Pick<DefectRecord, "state">, closedStates: readonly string[] = DEFAULT_CLOSED_STATES): boolean {
  const s = typeof defect.state === "string" ? defect.state.trim().toLowerCase() : "";
  for (const c of closedStates) if (c.trim().toLowerCase() === s) return false;
  return true;
}

/** Working-day age of a defect as of a day (to its closed date when closed); null when dates are unusable. */
export function defectAgeWorkingDays(
  defect: DefectRecord,
  asOf: string,
  rules?: DefectRulesInput | DefectRules,
): number | null {
  return makeDefectAssessor({ asOf, rules }).assess(defect).ageWorkingDays;
}

/** Open defects that block the given stage's exit (by default severities 1 and 2). */
export function exitBlockingDefects(
  defects: readonly DefectRecord[],
  stage: string,
  options: DefectAssessmentOptions,
): AssessedDefect[] {
  const a = makeDefectAssessor(options);
  const wanted = stage.trim().toUpperCase();
  const out: AssessedDefect[] = [];
  for (const d of defects) {
    if (typeof d.stage !== "string" || d.stage.trim().toUpperCase() !== wanted) continue;
    const x = a.assess(d);
    if (x.exitBlocking) out.push(x);
  }
  return out.sort(compareAssessed);
}

// ---------------------------------------------------------------------------------------------
// Aggregations

export type SeverityCounts = Record<SeverityKey, number> & { total: number };

export function emptySeverityCounts(): SeverityCounts {
  return { "1 - Critical": 0, "2 - High": 0, "3 - Medium": 0, "4 - Low": 0, Unknown: 0, total: 0 };
}

export type DefectDimension = "stage" | "cycle" | "role" | "participant" | "environment" | "category";

export interface SeverityRow {
  /** Values of the grouped dimensions, in the order asked; UNASSIGNED when missing. */
  key: string[];
  counts: SeverityCounts;
}

export interface AgeingRow {
  key: string[];
  severity: SeverityKey;
  /** Counts per ageing bucket, aligned with DefectSummary.ageingBuckets (last = unknown age). */
  buckets: number[];
  total: number;
}

export interface DefectFilter {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
}

export interface DefectSummary {
  asOf: string;
  total: number;
  open: number;
  closed: number;
  openBySeverity: SeverityCounts;
  openBySeverityRole: SeverityRow[];
  openBySeverityCategory: SeverityRow[];
  openBySeverityParticipant: SeverityRow[];
  /** Bucket labels, plus "Unknown" last for open defects whose age cannot be computed. */
  ageingBuckets: string[];
  /** Open defects by role x severity x age bucket. */
  ageing: AgeingRow[];
  /** Open defects past their SLA target, most severe and oldest first. */
  breaches: AssessedDefect[];
  /** Open defects of exit-blocking severities. */
  exitBlocking: AssessedDefect[];
  /** Open exit-blocking defects with no work-off plan (whether or not one is required yet). */
  exitBlockingWithoutWorkOffPlan: AssessedDefect[];
  /** Open defects the work-off plan rule says need a plan now, and that have none. */
  workOffPlanMissing: AssessedDefect[];
  /** Data problems, one sentence each (capped per kind). */
  messages: string[];
}

export interface DefectSummaryOptions extends DefectAssessmentOptions {
  filter?: DefectFilter;
}

function fieldOf(d: DefectRecord, dim: DefectDimension): string | undefined {
  switch (dim) {
    case "stage":
      return d.stage;
    case "cycle":
      return d.cycle;
    case "role":
      return d.role;
    case "participant":
      return d.participant;
    case "environment":
      return d.environment;
    case "category":
      return d.category;
  }
}

/** Strict match: a filter on an attribute excludes records without that attribute. */
export function matchesDefectFilter(d: DefectRecord, f: DefectFilter | undefined): boolean {
  if (!f) return true;
  if (f.stage !== undefined && !sameCode(d.stage, f.stage)) return false;
  if (f.cycle !== undefined && !sameCode(d.cycle, f.cycle)) return false;
  if (f.role !== undefined && !sameCode(d.role, f.role)) return false;
  if (f.participant !== undefined && !sameCode(d.participant, f.participant)) return false;
  return true;
}


function groupKey(d: DefectRecord, dims: readonly DefectDimension[]): string {
  if (dims.length === 1) return keyValue(fieldOf(d, dims[0]));
  let k = "";
  for (let i = 0; i < dims.length; i++) {
    if (i > 0) k += KEY_SEPARATOR;
    k += keyValue(fieldOf(d, dims[i]));
  }
  return k;
}

class SeverityTable {
  private readonly rows = new Map<string, SeverityRow>();
  constructor(private readonly dims: readonly DefectDimension[]) {}
  add(d: AssessedDefect): void {
    const k = groupKey(d.defect, this.dims);
    let row = this.rows.get(k);
    if (row === undefined) {
      row = { key: k.split(KEY_SEPARATOR), counts: emptySeverityCounts() };
      this.rows.set(k, row);
    }
    row.counts[d.severity]++;
    row.counts.total++;
  }
  result(): SeverityRow[] {
    return Array.from(this.rows.values()).sort((a, b) => compareKeys(a.key, b.key));
  }
}

/** Open defects counted by severity for each combination of the given dimensions. */
export function countOpenDefectsBy(assessed: readonly AssessedDefect[], dims: readonly DefectDimension[]): SeverityRow[] {
  const t = new SeverityTable(dims);
  for (const a of assessed) if (a.open) t.add(a);
  return t.result();
}

/** Open defects by dimensions x severity x ageing bucket (last bucket = unknown age). */
export function ageingBy(
  assessed: readonly AssessedDefect[],
  dims: readonly DefectDimension[],
  bucketCount: number,
): AgeingRow[] {
  const rows = new Map<string, AgeingRow>();
  for (const a of assessed) {
    if (!a.open) continue;
    const k = groupKey(a.defect, dims) + KEY_SEPARATOR + a.severity;
    let row = rows.get(k);
    if (row === undefined) {
      const parts = k.split(KEY_SEPARATOR);
      parts.pop();
      row = { key: parts, severity: a.severity, buckets: new Array<number>(bucketCount + 1).fill(0), total: 0 };
      rows.set(k, row);
    }
    row.buckets[a.ageBucket < 0 ? bucketCount : a.ageBucket]++;
    row.total++;
  }
  return Array.from(rows.values()).sort(
    (a, b) => compareKeys(a.key, b.key) || SEVERITY_KEYS.indexOf(a.severity) - SEVERITY_KEYS.indexOf(b.severity),
  );
}

/** Most severe first, then oldest, then lowest id. */
export function compareAssessed(a: AssessedDefect, b: AssessedDefect): number {
  return (
    SEVERITY_KEYS.indexOf(a.severity) - SEVERITY_KEYS.indexOf(b.severity) ||
    (b.ageWorkingDays ?? -1) - (a.ageWorkingDays ?? -1) ||
    a.id - b.id
  );
}

const MAX_LISTED = 20;

function listIds(ids: number[]): string {
  const shown = ids.slice(0, MAX_LISTED).join(", ");
  return ids.length > MAX_LISTED ? `${shown} and ${ids.length - MAX_LISTED} more` : shown;
}

/** Everything the defect views need, in one pass over the defects. */
export function summariseDefects(defects: readonly DefectRecord[], options: DefectSummaryOptions): DefectSummary {
  const assessor = makeDefectAssessor(options);
  const byRole = new SeverityTable(["role"]);
  const byCategory = new SeverityTable(["category"]);
  const byParticipant = new SeverityTable(["participant"]);
  const openBySeverity = emptySeverityCounts();
  const bucketCount = assessor.bucketLabels.length;
  const ageingRows = new Map<string, AgeingRow>();
  const breaches: AssessedDefect[] = [];
  const exitBlocking: AssessedDefect[] = [];
  const withoutPlan: AssessedDefect[] = [];
  const planMissing: AssessedDefect[] = [];
  const unknownSeverity: number[] = [];
  const badDates: number[] = [];
  let total = 0;
  let open = 0;

  for (let i = 0; i < defects.length; i++) {
    const d = defects[i];
    if (!matchesDefectFilter(d, options.filter)) continue;
    const a = assessor.assess(d);
    total++;
    if (a.messages.length > 0) {
      if (a.severity === UNKNOWN_SEVERITY) unknownSeverity.push(d.id);
      if (a.messages.length > (a.severity === UNKNOWN_SEVERITY ? 1 : 0)) badDates.push(d.id);
    }
    if (!a.open) continue;
    open++;
    openBySeverity[a.severity]++;
    openBySeverity.total++;
    byRole.add(a);
    byCategory.add(a);
    byParticipant.add(a);
    const role = keyValue(d.role);
    const ak = role + KEY_SEPARATOR + a.severity;
    let row = ageingRows.get(ak);
    if (row === undefined) {
      row = { key: [role], severity: a.severity, buckets: new Array<number>(bucketCount + 1).fill(0), total: 0 };
      ageingRows.set(ak, row);
    }
    row.buckets[a.ageBucket < 0 ? bucketCount : a.ageBucket]++;
    row.total++;
    if (a.slaBreached) breaches.push(a);
    if (a.exitBlocking) {
      exitBlocking.push(a);
      if (!a.hasWorkOffPlan) withoutPlan.push(a);
    }
    if (a.workOffPlanRequired && !a.hasWorkOffPlan) planMissing.push(a);
  }

  const messages: string[] = [];
  if (assessor.asOfDay === null) messages.push(`The "as of" date "${String(options.asOf)}" is not an ISO date, so ages are unknown.`);
  if (unknownSeverity.length > 0) {
    unknownSeverity.sort((x, y) => x - y);
    messages.push(
      `${unknownSeverity.length} defect(s) have a severity that is not one of ${SEVERITY_LIST}: ${listIds(unknownSeverity)}.`,
    );
  }
  if (badDates.length > 0) {
    badDates.sort((x, y) => x - y);
    messages.push(`${badDates.length} defect(s) have a created or closed date that is not an ISO date: ${listIds(badDates)}.`);
  }
  if (assessor.calendar.invalidHolidays.length > 0) {
    messages.push(`Bank holidays that are not ISO dates were ignored: ${assessor.calendar.invalidHolidays.join(", ")}.`);
  }

  return {
    asOf: options.asOf,
    total,
    open,
    closed: total - open,
    openBySeverity,
    openBySeverityRole: byRole.result(),
    openBySeverityCategory: byCategory.result(),
    openBySeverityParticipant: byParticipant.result(),
    ageingBuckets: [...assessor.bucketLabels, UNKNOWN_SEVERITY],
    ageing: Array.from(ageingRows.values()).sort(
      (a, b) => compareKeys(a.key, b.key) || SEVERITY_KEYS.indexOf(a.severity) - SEVERITY_KEYS.indexOf(b.severity),
    ),
    breaches: breaches.sort(compareAssessed),
    exitBlocking: exitBlocking.sort(compareAssessed),
    exitBlockingWithoutWorkOffPlan: withoutPlan.sort(compareAssessed),
    workOffPlanMissing: planMissing.sort(compareAssessed),
    messages,
  };
}

export { UNASSIGNED };
