// Test progress: ADO test outcomes normalised to the domain's five outcomes, counts and rates per
// stage / cycle / role / participant (any combination), and a daily trend from outcome history.
//
// Formulas (percentages 0-100; a rate is null, never NaN, when its denominator is 0):
//   planned        = number of test points in scope
//   run            = passed + failed          (points executed to a verdict)
//   executionRate  = run / (planned - notApplicable) * 100
//   passRate       = passed / run * 100 = passed / (passed + failed) * 100
// Blocked and not-applicable points are left out of the pass rate. Blocked points stay in the
// execution-rate denominator but not its numerator, so a stage cannot reach 100% execution while
// tests are blocked. (ADO's own Progress Report "Run%" also counts Blocked and Not Applicable as
// run; ours deliberately does not, so that an exit criterion on execution means executed.)

import { dayToIso, parseDay } from "./days";
import { IdIndex, KeyInterner, compareKeys, keyValue, nameSet, percent, sameCode } from "./groupKeys";
import { DEFAULT_CLOSED_STATES, DefectRecord, Outcome, OutcomeChange, TestPointRecord } from "./model";

// ---------------------------------------------------------------------------------------------
// Outcomes

/**
 * ADO TestOutcome names (lower case) to domain outcomes:
 * - Passed -> passed
 * - Failed, Error, Timeout, Aborted -> failed (executed and did not pass)
 * - Inconclusive, Warning -> failed: the test was run but its result does not evidence a pass,
 *   so it is counted as run-not-passed rather than hidden among not-run points
 * - Blocked -> blocked; NotApplicable -> notApplicable
 * - None, Unspecified, NotExecuted, InProgress, Paused, NotImpacted -> notRun (no final result)
 * Anything else (unknown text, null) -> notRun.
 */
export const ADO_OUTCOME_MAP: Readonly<Record<string, Outcome>> = Object.freeze({
  passed: "passed",
  failed: "failed",
  error: "failed",
  timeout: "failed",
  aborted: "failed",
  inconclusive: "failed",
  warning: "failed",
  blocked: "blocked",
  notapplicable: "notApplicable",
  none: "notRun",
  unspecified: "notRun",
  notexecuted: "notRun",
  inprogress: "notRun",
  paused: "notRun",
  notimpacted: "notRun",
  notrun: "notRun",
  active: "notRun",
});

/** ADO TestOutcome enum values (azure-devops-extension-api Test.TestOutcome) by number. */
const ADO_OUTCOME_BY_NUMBER: readonly string[] = [
  "unspecified", // 0
  "none", // 1
  "passed", // 2
  "failed", // 3
  "inconclusive", // 4
  "timeout", // 5
  "aborted", // 6
  "blocked", // 7
  "notexecuted", // 8
  "warning", // 9
  "error", // 10
  "notapplicable", // 11
  "paused", // 12
  "inprogress", // 13
  "notimpacted", // 14
];

/** Domain outcome of an ADO outcome name ("Passed", "Not Applicable", "notApplicable") or enum number. */
export function normaliseOutcome(adoOutcome: string | number | null | undefined): Outcome {
  if (typeof adoOutcome === "number") {
    const name = Number.isInteger(adoOutcome) ? ADO_OUTCOME_BY_NUMBER[adoOutcome] : undefined;
    return name === undefined ? "notRun" : ADO_OUTCOME_MAP[name];
  }
  if (typeof adoOutcome !== "string") return "notRun";
  const direct = mappedOutcome(adoOutcome.toLowerCase());
  if (direct !== undefined) return direct;
  const compact = adoOutcome.replace(/[\s_-]+/g, "").toLowerCase();
  if (/^\d+$/.test(compact)) return normaliseOutcome(+compact);
  return mappedOutcome(compact) ?? "notRun";
}

// Own keys only: an outcome named "__proto__" or "constructor" must not reach Object.prototype.
function mappedOutcome(name: string): Outcome | undefined {
  return Object.prototype.hasOwnProperty.call(ADO_OUTCOME_MAP, name) ? ADO_OUTCOME_MAP[name] : undefined;
}

// Among runs on the same date the more pessimistic outcome wins: failed, then blocked, then passed.
const RUN_RANK = [0, 2, 1];

/**
 * True when a run (outcome index 0-2, as outcomeIndex gives) on `date` is later than one on
 * `thanDate`: the later date, or on the same date the more pessimistic outcome. The one rule by
 * which readiness, the RTTM's latest outcomes and superseding retests pick a test's latest run.
 */
export function isLaterRun(date: string, outcome: number, thanDate: string, thanOutcome: number): boolean {
  return date > thanDate || (date === thanDate && RUN_RANK[outcome] > RUN_RANK[thanOutcome]);
}

/** Index of an outcome in count arrays: 0 passed, 1 failed, 2 blocked, 3 notApplicable, 4 notRun. */
export function outcomeIndex(o: Outcome | string): number {
  switch (o) {
    case "passed":
      return 0;
    case "failed":
      return 1;
    case "blocked":
      return 2;
    case "notApplicable":
      return 3;
    case "notRun":
      return 4;
    default:
      return outcomeIndex(normaliseOutcome(o));
  }
}

// ---------------------------------------------------------------------------------------------
// Counts and rates

export interface ProgressCounts {
  planned: number;
  passed: number;
  failed: number;
  blocked: number;
  notApplicable: number;
  notRun: number;
}

export interface ProgressFigures extends ProgressCounts {
  /** passed + failed. */
  run: number;
  /** run / (planned - notApplicable) * 100, or null. */
  executionRate: number | null;
  /** passed / (passed + failed) * 100, or null. */
  passRate: number | null;
}

export function emptyCounts(): ProgressCounts {
  return { planned: 0, passed: 0, failed: 0, blocked: 0, notApplicable: 0, notRun: 0 };
}

/** Adds the rates to a set of counts. */
export function withRates(c: ProgressCounts): ProgressFigures {
  const run = c.passed + c.failed;
  return {
    planned: c.planned,
    passed: c.passed,
    failed: c.failed,
    blocked: c.blocked,
    notApplicable: c.notApplicable,
    notRun: c.notRun,
    run,
    executionRate: percent(run, c.planned - c.notApplicable),
    passRate: percent(c.passed, run),
  };
}

function addOutcome(c: ProgressCounts, o: Outcome | string): void {
  c.planned++;
  switch (outcomeIndex(o)) {
    case 0:
      c.passed++;
      break;
    case 1:
      c.failed++;
      break;
    case 2:
      c.blocked++;
      break;
    case 3:
      c.notApplicable++;
      break;
    default:
      c.notRun++;
  }
}

export type ProgressKey = "stage" | "cycle" | "role" | "participant" | "configuration" | "planId" | "suiteId";

export const PROGRESS_KEYS: readonly ProgressKey[] = ["stage", "cycle", "role", "participant", "configuration", "planId", "suiteId"];

export interface ProgressFilter {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
}

function pointField(p: TestPointRecord, k: ProgressKey): string | undefined {
  switch (k) {
    case "stage":
      return p.stage;
    case "cycle":
      return p.cycle;
    case "role":
      return p.role;
    case "participant":
      return p.participant;
    case "configuration":
      return p.configuration;
    case "planId":
      return p.planId === undefined || p.planId === null ? undefined : String(p.planId);
    case "suiteId":
      return p.suiteId === undefined || p.suiteId === null ? undefined : String(p.suiteId);
  }
}


/** Strict match: a filter on an attribute excludes points without that attribute. */
export function matchesProgressFilter(p: TestPointRecord, f: ProgressFilter | undefined): boolean {
  if (!f) return true;
  if (f.stage !== undefined && !sameCode(p.stage, f.stage)) return false;
  if (f.cycle !== undefined && !sameCode(p.cycle, f.cycle)) return false;
  if (f.role !== undefined && !sameCode(p.role, f.role)) return false;
  if (f.participant !== undefined && !sameCode(p.participant, f.participant)) return false;
  return true;
}

export interface ProgressRow extends ProgressFigures {
  /** Values of the grouped keys, in the order asked; UNASSIGNED when missing. */
  key: string[];
  /** The same values by key name. */
  by: Partial<Record<ProgressKey, string>>;
}

export interface ProgressGroups {
  keys: ProgressKey[];
  rows: ProgressRow[];
  total: ProgressFigures;
}

/** Counts and rates over all points (after the optional filter). */
export function summariseProgress(points: readonly TestPointRecord[], filter?: ProgressFilter): ProgressFigures {
  const c = emptyCounts();
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (filter && !matchesProgressFilter(p, filter)) continue;
    addOutcome(c, p.outcome);
  }
  return withRates(c);
}

/**
 * Counts and rates per combination of keys, e.g. groupProgress(points, ["stage", "role"]).
 * Rows are sorted by key (missing values last); the rows' counts add up to `total`.
 */
export function groupProgress(
  points: readonly TestPointRecord[],
  keys: readonly ProgressKey[],
  filter?: ProgressFilter,
): ProgressGroups {
  const n = keys.length;
  const interner = new KeyInterner(n);
  const counts: number[] = []; // 5 per group id: passed, failed, blocked, notApplicable, notRun
  let p: TestPointRecord;
  const at = (j: number) => keyValue(pointField(p, keys[j]));
  const k0 = keys[0];
  const k1 = keys[1];
  const k2 = keys[2];
  for (let i = 0; i < points.length; i++) {
    p = points[i];
    if (filter && !matchesProgressFilter(p, filter)) continue;
    const g =
      n === 3
        ? interner.id3(keyValue(pointField(p, k0)), keyValue(pointField(p, k1)), keyValue(pointField(p, k2)))
        : interner.id(at);
    const b = g * 5;
    if (b >= counts.length) counts.push(0, 0, 0, 0, 0);
    counts[b + outcomeIndex(p.outcome)]++;
  }
  const total = emptyCounts();
  const rows: ProgressRow[] = new Array(interner.keys.length);
  for (let g = 0; g < interner.keys.length; g++) {
    const b = g * 5;
    const c: ProgressCounts = {
      planned: counts[b] + counts[b + 1] + counts[b + 2] + counts[b + 3] + counts[b + 4],
      passed: counts[b],
      failed: counts[b + 1],
      blocked: counts[b + 2],
      notApplicable: counts[b + 3],
      notRun: counts[b + 4],
    };
    total.planned += c.planned;
    total.passed += c.passed;
    total.failed += c.failed;
    total.blocked += c.blocked;
    total.notApplicable += c.notApplicable;
    total.notRun += c.notRun;
    const key = interner.keys[g].slice();
    const by: Partial<Record<ProgressKey, string>> = {};
    for (let j = 0; j < n; j++) by[keys[j]] = key[j];
    rows[g] = { key, by, ...withRates(c) };
  }
  rows.sort((a, b) => compareKeys(a.key, b.key));
  return { keys: keys.slice(), rows, total: withRates(total) };
}

// ---------------------------------------------------------------------------------------------
// Daily trend

/** Longest trend window, in days (ten years): longer requests are cut with a message. */
export const MAX_TREND_DAYS = 3660;

export interface TrendInput {
  /** The points in scope (already filtered). */
  points: readonly Pick<TestPointRecord, "id">[];
  /** Outcome changes; changes of points not in `points` are ignored. */
  history: readonly OutcomeChange[];
  /** Each point's outcome before its first change; default notRun. */
  initial?: ReadonlyMap<number, Outcome> | Readonly<Record<number, Outcome>>;
  /** First and last day of the trend (ISO dates, inclusive). */
  from: string;
  to: string;
  defects?: readonly DefectRecord[];
  closedStates?: readonly string[];
}

export interface TrendDay {
  date: string;
  /** Points by their latest outcome as of the end of the day. */
  passed: number;
  failed: number;
  blocked: number;
  notApplicable: number;
  notRun: number;
  /** passed + failed. */
  executed: number;
  defectsOpened: number;
  defectsClosed: number;
  /** Defects open at the end of the day. */
  openDefects: number;
}

export interface Trend {
  days: TrendDay[];
  /** Closed defects with no closed date: left out of every defect series. */
  defectsWithoutClosedDate: number;
  messages: string[];
}

// Latest-wins ordering of changes; on identical timestamps the more pessimistic outcome wins
// (failed, blocked, notRun, notApplicable, passed) so the result never depends on input order.
const TIE_RANK = [0, 4, 3, 1, 2]; // by outcome index: passed 0, failed 4, blocked 3, notApplicable 1, notRun 2

function laterThan(ts: string, idx: number, bestTs: string, bestIdx: number): boolean {
  if (ts !== bestTs) return ts > bestTs;
  return TIE_RANK[idx] > TIE_RANK[bestIdx];
}

/**
 * Per day from `from` to `to`: points by latest outcome as of the end of that day, and defects
 * opened, closed and open. One pass over history (bucketed by day), no sorting.
 */
export function progressTrend(input: TrendInput): Trend {
  const messages: string[] = [];
  const fromDay = parseDay(input.from);
  let toDay = parseDay(input.to);
  if (fromDay === null || toDay === null) {
    messages.push(`The trend window "${String(input.from)}" to "${String(input.to)}" must be two ISO dates (yyyy-mm-dd).`);
    return { days: [], defectsWithoutClosedDate: 0, messages };
  }
  if (toDay < fromDay) {
    messages.push(`The trend window ends (${input.to}) before it starts (${input.from}).`);
    return { days: [], defectsWithoutClosedDate: 0, messages };
  }
  if (toDay - fromDay + 1 > MAX_TREND_DAYS) {
    toDay = fromDay + MAX_TREND_DAYS - 1;
    messages.push(`The trend window was cut to ${MAX_TREND_DAYS} days (to ${dayToIso(toDay)}).`);
  }
  const D = toDay - fromDay + 1;

  // Points and their outcome before the window.
  const N = input.points.length;
  const index = new IdIndex(N, (i) => input.points[i].id);
  const cur = new Int8Array(N).fill(4);
  const init = input.initial;
  if (init) {
    if (init instanceof Map) {
      for (const [id, o] of init) {
        const i = index.get(id);
        if (i >= 0) cur[i] = outcomeIndex(o);
      }
    } else {
      for (const k of Object.keys(init)) {
        const i = index.get(+k);
        if (i >= 0) cur[i] = outcomeIndex((init as Record<number, Outcome>)[+k]);
      }
    }
  }

  // Bucket the history by day (counting sort); reduce changes before the window per point.
  const H = input.history.length;
  const chPoint = new Int32Array(H);
  const chDay = new Int32Array(H).fill(-1);
  const chOut = new Int8Array(H);
  const dayCount = new Int32Array(D + 1);
  const preTs: (string | undefined)[] = new Array(N);
  const preIdx = new Int8Array(N);
  let badDates = 0;
  for (let h = 0; h < H; h++) {
    const c = input.history[h];
    const i = index.get(c.pointId);
    if (i < 0) continue;
    const day = parseDay(c.date);
    if (day === null) {
      badDates++;
      continue;
    }
    if (day > toDay) continue;
    const oi = outcomeIndex(c.outcome);
    if (day < fromDay) {
      const t = preTs[i];
      if (t === undefined || laterThan(c.date, oi, t, preIdx[i])) {
        preTs[i] = c.date;
        preIdx[i] = oi;
      }
      continue;
    }
    chPoint[h] = i;
    chDay[h] = day - fromDay;
    chOut[h] = oi;
    dayCount[day - fromDay + 1]++;
  }
  if (badDates > 0) messages.push(`${badDates} outcome change(s) have a date that is not an ISO date and were ignored.`);
  for (let i = 0; i < N; i++) if (preTs[i] !== undefined) cur[i] = preIdx[i];
  for (let d = 1; d <= D; d++) dayCount[d] += dayCount[d - 1];
  const order = new Int32Array(dayCount[D]);
  const fill = dayCount.slice(0, D);
  for (let h = 0; h < H; h++) if (chDay[h] >= 0) order[fill[chDay[h]]++] = h;

  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < N; i++) counts[cur[i]]++;

  // Defects opened / closed per day and open at the start of the window.
  const opened = new Int32Array(D);
  const closed = new Int32Array(D);
  let openBefore = 0;
  let withoutClosedDate = 0;
  let badDefectDates = 0;
  if (input.defects) {
    const closedStates = nameSet(input.closedStates ?? DEFAULT_CLOSED_STATES);
    for (const d of input.defects) {
      const created = parseDay(d.createdDate);
      if (created === null) {
        badDefectDates++;
        continue;
      }
      const isClosed = typeof d.state === "string" && closedStates.has(d.state.trim().toLowerCase());
      let closedDay: number | null = null;
      if (isClosed) {
        closedDay = parseDay(d.closedDate);
        if (closedDay === null) {
          withoutClosedDate++;
          continue;
        }
        if (closedDay < created) closedDay = created;
      }
      if (created > toDay) continue;
      if (created < fromDay) {
        if (closedDay === null || closedDay >= fromDay) openBefore++;
      } else opened[created - fromDay]++;
      if (closedDay !== null && closedDay >= fromDay && closedDay <= toDay) closed[closedDay - fromDay]++;
    }
  }
  if (badDefectDates > 0) messages.push(`${badDefectDates} defect(s) have a created date that is not an ISO date and were left out.`);
  if (withoutClosedDate > 0) {
    messages.push(`${withoutClosedDate} closed defect(s) have no closed date and are left out of the defect trend.`);
  }

  // Walk the days: for each point changed today, apply only its latest change of the day.
  const stamp = new Int32Array(N).fill(-1);
  const bestH = new Int32Array(N);
  const days: TrendDay[] = new Array(D);
  let openDefects = openBefore;
  for (let d = 0; d < D; d++) {
    const start = d === 0 ? 0 : dayCount[d];
    const end = dayCount[d + 1];
    for (let j = start; j < end; j++) {
      const h = order[j];
      const i = chPoint[h];
      if (stamp[i] !== d) {
        stamp[i] = d;
        bestH[i] = h;
      } else {
        // A second change of the point on the same day (rare): keep the later one.
        const b = bestH[i];
        if (laterThan(input.history[h].date, chOut[h], input.history[b].date, chOut[b])) bestH[i] = h;
      }
    }
    for (let j = start; j < end; j++) {
      const i = chPoint[order[j]];
      if (stamp[i] !== d) continue;
      stamp[i] = -1;
      counts[cur[i]]--;
      cur[i] = chOut[bestH[i]];
      counts[cur[i]]++;
    }
    openDefects += opened[d] - closed[d];
    days[d] = {
      date: dayToIso(fromDay + d),
      passed: counts[0],
      failed: counts[1],
      blocked: counts[2],
      notApplicable: counts[3],
      notRun: counts[4],
      executed: counts[0] + counts[1],
      defectsOpened: opened[d],
      defectsClosed: closed[d],
      openDefects,
    };
  }
  return { days, defectsWithoutClosedDate: withoutClosedDate, messages };
}

// ---------------------------------------------------------------------------------------------
// Trend from the points' latest results (where their history is too costly to read)

/** A test point's outcome now and when it was last set. */
export interface PointLatest {
  id: number;
  outcome: Outcome;
  /** ISO date-time of the point's last result; absent when it has none. */
  lastResultDate?: string;
  /** ISO date-time the point was last reset to active, if it ever was. */
  lastResetDate?: string;
}

export interface WindowSplit<P extends PointLatest = PointLatest> {
  /** Points whose outcome cannot have changed since the window began: their outcome now, all through it. */
  settled: Map<number, Outcome>;
  /** Points whose outcomes in the window need their history. */
  unsettled: P[];
}

function dayOf(date: string | undefined): number | null {
  return date === undefined ? null : parseDay(date);
}

/**
 * Splits the points at the first day of a trend window: a point whose last result and last reset are
 * both before `from` (or that has neither and no outcome) keeps its outcome now through the window; any
 * other point (a result or reset from `from` on, or an outcome without a date) needs its history.
 */
export function splitAtWindow<P extends PointLatest>(points: readonly P[], from: string): WindowSplit<P> {
  const fromDay = parseDay(from);
  const settled = new Map<number, Outcome>();
  const unsettled: P[] = [];
  for (const p of points) {
    const result = dayOf(p.lastResultDate);
    const reset = dayOf(p.lastResetDate);
    const dated = result !== null || reset !== null;
    const before = fromDay !== null && (result === null || result < fromDay) && (reset === null || reset < fromDay);
    if ((dated || p.outcome === "notRun") && before) settled.set(p.id, p.outcome);
    else unsettled.push(p);
  }
  return { settled, unsettled };
}

/** The points' last resets to active as outcome changes (to notRun), for a history that has only results. */
export function resetChanges(points: readonly PointLatest[]): OutcomeChange[] {
  const changes: OutcomeChange[] = [];
  for (const p of points) if (dayOf(p.lastResetDate) !== null) changes.push({ pointId: p.id, date: p.lastResetDate!, outcome: "notRun" });
  return changes;
}

/**
 * The trend from each point's latest result alone: a point is notRun until the day of its last result
 * and has its outcome now from that day on; a point with an outcome but no (valid) result date has it
 * throughout. Equal to the trend of the full history when no point was run more than once or reset;
 * otherwise the earlier outcomes of retested points are not shown.
 */
export function latestResultTrend(input: { points: readonly PointLatest[]; from: string; to: string }): Trend {
  const history: OutcomeChange[] = [];
  const initial = new Map<number, Outcome>();
  for (const p of input.points) {
    if (dayOf(p.lastResultDate) !== null) history.push({ pointId: p.id, date: p.lastResultDate!, outcome: p.outcome });
    else initial.set(p.id, p.outcome);
  }
  return progressTrend({ points: input.points, history, initial, from: input.from, to: input.to });
}
