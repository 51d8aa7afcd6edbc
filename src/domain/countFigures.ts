// Figures from counts: the dashboard widgets ask the server to count test points and defects by a
// few attributes (a handful of rows whatever the programme's size) instead of reading every item,
// and these functions turn those counted groups into the same figures the hubs compute from
// records: progress and rates, open defects by severity x role with SLA breaches, exit criteria,
// and participant readiness. Each reuses the record-level rule (withRates, the defect assessor,
// evaluateCriterion) so that a widget and a hub cannot disagree where both can compute a figure.

import type { CoverageSummary } from "./coverage";
import { compareKeys, keyValue, sameCode, UNASSIGNED } from "./groupKeys";
import { DefectRules, DefectRulesInput, emptySeverityCounts, makeDefectAssessor, resolveDefectRules, SEVERITY_KEYS, SeverityKey, severityKeyOf } from "./defects";
import {
  CriterionResult,
  EXIT_METRICS,
  ExitCriterion,
  ExitMetric,
  ExitMetrics,
  evaluateCriterion,
  Rag,
  worstRag,
} from "./exitCriteria";
import type { Participant, ParticipantPath } from "./model";
import type { QualificationRow } from "./qualification";
import { emptyCounts, normaliseOutcome, outcomeIndex, ProgressCounts, ProgressFigures, withRates } from "./progress";
import { DEFAULT_READINESS_RAG, DEFAULT_STAGES_BY_PATH, ReadinessRagRules } from "./readiness";

/** A group of items the server counted: the values of the attributes counted by, and how many (src/ado's CountRow). */
export interface CountedGroup {
  key: Readonly<Record<string, string>>;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// Progress

function addOutcomes(into: ProgressCounts, outcome: string | undefined, count: number): void {
  into.planned += count;
  switch (outcomeIndex(normaliseOutcome(outcome))) {
    case 0:
      into.passed += count;
      break;
    case 1:
      into.failed += count;
      break;
    case 2:
      into.blocked += count;
      break;
    case 3:
      into.notApplicable += count;
      break;
    default:
      into.notRun += count;
  }
}

/** Counts and rates of test points counted by outcome (other attributes of the groups are added up). */
export function progressFromCounts(groups: readonly CountedGroup[], outcomeKey = "outcome"): ProgressFigures {
  const counts = emptyCounts();
  for (const group of groups) addOutcomes(counts, group.key[outcomeKey], group.count);
  return withRates(counts);
}

export interface ProgressBar {
  /** The value of the attribute the bar is for (UNASSIGNED when the points have none). */
  key: string;
  figures: ProgressFigures;
}

/** Counts and rates per value of one attribute, from points counted by that attribute and outcome; sorted by key. */
export function progressByFromCounts(groups: readonly CountedGroup[], dimension: string, outcomeKey = "outcome"): ProgressBar[] {
  const byKey = new Map<string, ProgressCounts>();
  for (const group of groups) {
    const key = keyValue(group.key[dimension]);
    let counts = byKey.get(key);
    if (!counts) byKey.set(key, (counts = emptyCounts()));
    addOutcomes(counts, group.key[outcomeKey], group.count);
  }
  return [...byKey.entries()].sort((a, b) => compareKeys([a[0]], [b[0]])).map(([key, counts]) => ({ key, figures: withRates(counts) }));
}

// ---------------------------------------------------------------------------------------------
// Defects by severity x role, with SLA breaches

type Assessor = ReturnType<typeof makeDefectAssessor>;

/**
 * Judges open defects raised on a day: the defect assessor on a defect with that severity and
 * raised day, so the SLA (working days, bank holidays) and exit-blocking rules are the domain's.
 */
function raisedDayJudge(assessor: Assessor): (severity: string | undefined, raisedDay: string | undefined) => { severity: SeverityKey; breached: boolean; blocking: boolean } {
  const cache = new Map<string, { severity: SeverityKey; breached: boolean; blocking: boolean }>();
  return (severity, raisedDay) => {
    const day = raisedDay && raisedDay !== UNASSIGNED ? raisedDay : "";
    const id = `${severity ?? ""}|${day}`;
    let judged = cache.get(id);
    if (!judged) {
      const assessed = assessor.assess({ id: 0, title: "", state: "", severity: severity ?? "", createdDate: day, testCaseIds: [] });
      judged = { severity: assessed.severity, breached: assessed.slaBreached, blocking: assessed.exitBlocking };
      cache.set(id, judged);
    }
    return judged;
  };
}

export interface DefectGridCell {
  open: number;
  /** Open defects past their SLA target. */
  breached: number;
}

export interface DefectGrid {
  /** Columns: the severities with defects (every severity when there are none), most severe first. */
  severities: SeverityKey[];
  /** Rows: roles, sorted (UNASSIGNED last). */
  roles: string[];
  /** cells[row][column]. */
  cells: DefectGridCell[][];
  rowTotals: DefectGridCell[];
  columnTotals: DefectGridCell[];
  total: DefectGridCell;
}

export interface DefectGridInput {
  /** Open defects counted by severity, role and raisedDay (ISO date the defect was raised). */
  groups: readonly CountedGroup[];
  /** The day ages are measured to (ISO date). */
  asOf: string;
  rules?: DefectRulesInput | DefectRules;
  /** Only the exit-blocking severities. */
  exitBlockingOnly?: boolean;
  /** Attribute names in the groups (defaults: severity, role, raisedDay). */
  keys?: { severity?: string; role?: string; raisedDay?: string };
}

/** Open defects as a severity x role grid, each cell with how many are past their SLA. */
export function defectGridFromCounts(input: DefectGridInput): DefectGrid {
  const assessor = makeDefectAssessor({ asOf: input.asOf, rules: input.rules });
  const judge = raisedDayJudge(assessor);
  const severityKey = input.keys?.severity ?? "severity";
  const roleKey = input.keys?.role ?? "role";
  const dayKey = input.keys?.raisedDay ?? "raisedDay";
  const byRole = new Map<string, Map<SeverityKey, DefectGridCell>>();
  const seen = new Set<SeverityKey>();
  for (const group of input.groups) {
    const judged = judge(group.key[severityKey], group.key[dayKey]);
    if (input.exitBlockingOnly && !judged.blocking) continue;
    const role = keyValue(group.key[roleKey]);
    let row = byRole.get(role);
    if (!row) byRole.set(role, (row = new Map()));
    const cell = row.get(judged.severity) ?? { open: 0, breached: 0 };
    cell.open += group.count;
    if (judged.breached) cell.breached += group.count;
    row.set(judged.severity, cell);
    seen.add(judged.severity);
  }
  const allowed = input.exitBlockingOnly ? new Set<SeverityKey>(assessor.rules.exitBlockingSeverities) : undefined;
  let severities = SEVERITY_KEYS.filter((s) => seen.has(s) || (s !== "Unknown" && (!allowed || allowed.has(s))));
  if (severities.length === 0) severities = SEVERITY_KEYS.filter((s) => s !== "Unknown");
  const roles = [...byRole.keys()].sort((a, b) => compareKeys([a], [b]));
  const add = (into: DefectGridCell, cell: DefectGridCell) => {
    into.open += cell.open;
    into.breached += cell.breached;
  };
  const total = { open: 0, breached: 0 };
  const columnTotals = severities.map(() => ({ open: 0, breached: 0 }));
  const rowTotals: DefectGridCell[] = [];
  const cells = roles.map((role) => {
    const row = byRole.get(role) as Map<SeverityKey, DefectGridCell>;
    const rowTotal = { open: 0, breached: 0 };
    const cellsOfRow = severities.map((severity, column) => {
      const cell = row.get(severity) ?? { open: 0, breached: 0 };
      add(rowTotal, cell);
      add(columnTotals[column], cell);
      return { ...cell };
    });
    add(total, rowTotal);
    rowTotals.push(rowTotal);
    return cellsOfRow;
  });
  return { severities, roles, cells, rowTotals, columnTotals, total };
}

// ---------------------------------------------------------------------------------------------
// Exit criteria

/** Metrics that need more than counts of points and defects: the coverage summary, or the defects with written work-off plans. */
export const METRICS_NEEDING_COVERAGE: ReadonlySet<ExitMetric> = new Set<ExitMetric>(["requirementsCovered", "requirementsPassing"]);
export const METRICS_NEEDING_WORK_OFF_PLANS: ReadonlySet<ExitMetric> = new Set<ExitMetric>(["openDefectsWithoutWorkOffPlan"]);

export interface ExitCountsInput {
  /** Test points of the stage counted by outcome. */
  outcomes: readonly CountedGroup[];
  /** Open defects of the stage counted by severity and raisedDay. */
  openDefects: readonly CountedGroup[];
  /** Open defects of the stage with a written work-off plan, counted by severity; absent when not loaded. */
  openWithWorkOffPlan?: readonly CountedGroup[];
  /** The stage's requirement coverage; absent when not loaded. */
  coverage?: CoverageSummary;
  asOf: string;
  rules?: DefectRulesInput | DefectRules;
}

/** The exit metrics from counts; what was not loaded (coverage, work-off plans) is left empty and judged unavailable. */
export function exitMetricsFromCounts(input: ExitCountsInput): ExitMetrics {
  const assessor = makeDefectAssessor({ asOf: input.asOf, rules: input.rules });
  const judge = raisedDayJudge(assessor);
  const ids = () => ({ "1 - Critical": [], "2 - High": [], "3 - Medium": [], "4 - Low": [], Unknown: [] }) as Record<SeverityKey, number[]>;
  const openBySeverity = emptySeverityCounts();
  const slaBreachesBySeverity = emptySeverityCounts();
  for (const group of input.openDefects) {
    const judged = judge(group.key.severity, group.key.raisedDay);
    openBySeverity[judged.severity] += group.count;
    openBySeverity.total += group.count;
    if (judged.breached) {
      slaBreachesBySeverity[judged.severity] += group.count;
      slaBreachesBySeverity.total += group.count;
    }
  }
  const withoutWorkOffPlanBySeverity = emptySeverityCounts();
  if (input.openWithWorkOffPlan) {
    const withPlan = emptySeverityCounts();
    for (const group of input.openWithWorkOffPlan) withPlan[severityKeyOf(group.key.severity === UNASSIGNED ? undefined : group.key.severity)] += group.count;
    for (const key of SEVERITY_KEYS) {
      withoutWorkOffPlanBySeverity[key] = Math.max(0, openBySeverity[key] - withPlan[key]);
      withoutWorkOffPlanBySeverity.total += withoutWorkOffPlanBySeverity[key];
    }
  }
  return {
    progress: progressFromCounts(input.outcomes),
    requirements: input.coverage ?? null,
    defects: {
      openBySeverity,
      withoutWorkOffPlanBySeverity,
      slaBreachesBySeverity,
      openIds: ids(),
      withoutWorkOffPlanIds: ids(),
      slaBreachIds: ids(),
      exitBlockingSeverities: assessor.rules.exitBlockingSeverities.slice(),
    },
  };
}

export interface CountedCriterionResult extends Omit<CriterionResult, "rag"> {
  /** Null when the figure was not loaded (see METRICS_NEEDING_COVERAGE / METRICS_NEEDING_WORK_OFF_PLANS). */
  rag: Rag | null;
  available: boolean;
}

export interface CountedExitEvaluation {
  /** Worst RAG of the criteria the widget could judge; null when it could judge none. */
  overall: Rag | null;
  results: CountedCriterionResult[];
  /** How many criteria need the hub. */
  unavailable: number;
  sentence: string;
}

/** Evaluates the criteria whose figures were loaded; the others say where to see them. */
export function evaluateExitCriteriaFromCounts(criteria: readonly ExitCriterion[], metrics: ExitMetrics, loaded: { workOffPlans: boolean } = { workOffPlans: false }): CountedExitEvaluation {
  const list = Array.isArray(criteria) ? criteria : [];
  if (list.length === 0) return { overall: null, results: [], unavailable: 0, sentence: "No exit criteria are configured for this stage." };
  const results: CountedCriterionResult[] = list.map((criterion) => {
    const metric = criterion?.metric as ExitMetric;
    const missing = (METRICS_NEEDING_COVERAGE.has(metric) && metrics.requirements === null) || (METRICS_NEEDING_WORK_OFF_PLANS.has(metric) && !loaded.workOffPlans);
    if (missing) {
      return {
        id: criterion.id,
        label: criterion.label,
        metric,
        op: criterion.op,
        target: criterion.value,
        actual: null,
        rag: null,
        available: false,
        sentence: `${EXIT_METRICS[metric].label} is not available in the widget; see the programme hub.`,
      };
    }
    return { ...evaluateCriterion(criterion, metrics), available: true };
  });
  let overall: Rag | null = null;
  const tally = { green: 0, amber: 0, red: 0 };
  for (const result of results) {
    if (result.rag === null) continue;
    overall = overall === null ? result.rag : worstRag(overall, result.rag);
    tally[result.rag]++;
  }
  const unavailable = results.filter((r) => !r.available).length;
  const judged = results.length - unavailable;
  const head =
    overall === null
      ? "None of the criteria can be judged in the widget."
      : overall === "green"
        ? `All ${judged} criteria judged here are met.`
        : `${tally.red} of ${judged} criteria judged here are red and ${tally.amber} amber.`;
  const tail = unavailable > 0 ? ` ${unavailable} more need the programme hub.` : "";
  return { overall, results, unavailable, sentence: head + tail };
}

// ---------------------------------------------------------------------------------------------
// Participant readiness

export interface ReadinessCountsInput {
  participants: readonly Participant[];
  path: ParticipantPath;
  /** Test points counted by participant, stage and outcome. */
  points: readonly CountedGroup[];
  /** Open defects counted by participant, stage and severity. */
  openDefects: readonly CountedGroup[];
  /** Stages judged; by default the path's stages. */
  stages?: readonly string[];
  /** Narrow the participants to a role or one participant. */
  role?: string;
  participant?: string;
  rules?: DefectRulesInput | DefectRules;
  rag?: Partial<ReadinessRagRules>;
}

export interface ParticipantStanding {
  mpid: string;
  organisation: string;
  rag: Rag;
  /** What is judged: test points (counted from points) or required tests (from configured requirements). */
  points: number;
  /** Passed points, or required tests evidenced or relied upon. */
  passed: number;
  failed: number;
  /** Blocked or not run. */
  outstanding: number;
  notApplicable: number;
  /** Open defects of exit-blocking severities raised against the participant in the stages judged (or with no stage). */
  blockingDefects: number;
  /** Why the RAG, in one sentence. */
  reason: string;
}

export interface ReadinessCounts {
  byRag: Record<Rag, number>;
  participants: ParticipantStanding[];
  /** Red participants, most blockers (exit-blocking defects, then failed tests) first. */
  topBlockers: ParticipantStanding[];
  stages: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Readiness of the path's participants from counts. An approximation of assessReadiness, which
 * needs each required test's latest run per participant: here every test point of the
 * participant in the stages judged stands in for its required tests (a point's outcome is its
 * latest run), and reliance on another party's passes is not taken into account.
 */
export function readinessFromCounts(input: ReadinessCountsInput): ReadinessCounts {
  const rag = { ...DEFAULT_READINESS_RAG, ...(input.rag ?? {}) };
  const stages = (input.stages && input.stages.length > 0 ? input.stages : DEFAULT_STAGES_BY_PATH[input.path]).slice();
  const inStages = (stage: string | undefined) => stages.some((s) => sameCode(s, stage));
  const blocking = new Set<SeverityKey>(resolveDefectRules(input.rules).exitBlockingSeverities);

  const counts = new Map<string, ProgressCounts>();
  for (const group of input.points) {
    if (!inStages(group.key.stage)) continue;
    const mpid = (group.key.participant ?? "").trim().toUpperCase();
    if (!mpid || mpid === UNASSIGNED) continue;
    let c = counts.get(mpid);
    if (!c) counts.set(mpid, (c = emptyCounts()));
    addOutcomes(c, group.key.outcome, group.count);
  }
  const defects = new Map<string, number>();
  for (const group of input.openDefects) {
    const stage = group.key.stage;
    if (stage !== undefined && stage !== UNASSIGNED && !inStages(stage)) continue;
    if (!blocking.has(severityKeyOf(group.key.severity))) continue;
    const mpid = (group.key.participant ?? "").trim().toUpperCase();
    if (!mpid || mpid === UNASSIGNED) continue;
    defects.set(mpid, (defects.get(mpid) ?? 0) + group.count);
  }

  const byRag: Record<Rag, number> = { green: 0, amber: 0, red: 0 };
  const participants: ParticipantStanding[] = [];
  for (const participant of input.participants ?? []) {
    if ((participant.path === "QT" ? "QT" : "SIT") !== input.path) continue;
    if (input.role && !(participant.roles ?? []).some((r) => sameCode(r, input.role))) continue;
    if (input.participant && !sameCode(participant.mpid, input.participant)) continue;
    const mpid = participant.mpid.trim().toUpperCase();
    const c = counts.get(mpid) ?? emptyCounts();
    const blockingDefects = defects.get(mpid) ?? 0;
    const outstanding = c.blocked + c.notRun;
    let result: Rag;
    let reason: string;
    if (c.failed > 0 || blockingDefects > 0) {
      result = rag.whenBlocked;
      const parts = [blockingDefects > 0 ? plural(blockingDefects, "open exit-blocking defect") : "", c.failed > 0 ? plural(c.failed, "failed test") : ""].filter(Boolean);
      reason = `${parts.join(" and ")}.`;
    } else if (c.planned === 0) {
      result = rag.whenNothingRequired;
      reason = `No test points in ${stages.join(", ")}.`;
    } else if (outstanding > 0) {
      result = rag.whenOutstanding;
      reason = `${plural(outstanding, "test")} outstanding (${c.blocked} blocked, ${c.notRun} not run).`;
    } else {
      result = "green";
      reason = `All ${plural(c.planned - c.notApplicable, "applicable test")} passed.`;
    }
    byRag[result]++;
    participants.push({
      mpid,
      organisation: participant.organisation,
      rag: result,
      points: c.planned,
      passed: c.passed,
      failed: c.failed,
      outstanding,
      notApplicable: c.notApplicable,
      blockingDefects,
      reason,
    });
  }
  participants.sort((a, b) => compareKeys([a.mpid], [b.mpid]));
  const topBlockers = participants
    .filter((p) => p.rag === "red")
    .sort((a, b) => b.blockingDefects - a.blockingDefects || b.failed - a.failed || compareKeys([a.mpid], [b.mpid]));
  return { byRag, participants, topBlockers, stages };
}

function standingReason(row: QualificationRow): string {
  if (row.rag !== "green" && (row.failed > 0 || row.blockingDefects.length > 0)) {
    const parts = [row.blockingDefects.length > 0 ? plural(row.blockingDefects.length, "open exit-blocking defect") : "", row.failed > 0 ? plural(row.failed, "failed required test") : ""];
    return `${parts.filter(Boolean).join(" and ")}.`;
  }
  if (row.required === 0) return `No required tests for ${row.roles.join(", ") || "its roles"} on the ${row.path} path.`;
  if (row.outstanding > 0) return `${row.outstanding} of ${plural(row.required, "required test")} outstanding.`;
  return `All ${plural(row.required, "required test")} evidenced${row.reliedUpon > 0 ? ` (${row.reliedUpon} relied upon)` : ""}.`;
}

/**
 * The widget's standings from the hub's own assessment (qualificationView with the configured
 * required tests), for the participants of a path: the same RAG as the hub's participants pivot.
 */
export function readinessFromQualification(rows: readonly QualificationRow[], path: ParticipantPath, stages: readonly string[]): ReadinessCounts {
  const byRag: Record<Rag, number> = { green: 0, amber: 0, red: 0 };
  const participants: ParticipantStanding[] = [];
  for (const row of rows) {
    if (row.path !== path) continue;
    byRag[row.rag]++;
    participants.push({
      mpid: row.mpid,
      organisation: row.organisation,
      rag: row.rag,
      points: row.required,
      passed: row.evidenced + row.reliedUpon,
      failed: row.failed,
      outstanding: row.outstanding,
      notApplicable: row.notApplicable,
      blockingDefects: row.blockingDefects.length,
      reason: standingReason(row),
    });
  }
  participants.sort((a, b) => compareKeys([a.mpid], [b.mpid]));
  const topBlockers = participants
    .filter((p) => p.rag === "red")
    .sort((a, b) => b.blockingDefects - a.blockingDefects || b.failed - a.failed || compareKeys([a.mpid], [b.mpid]));
  return { byRag, participants, topBlockers, stages: stages.slice() };
}
