// Exit criteria as data: each rule compares one metric of a stage (execution rate, pass rate,
// open defects, work-off plans, requirement coverage, SLA breaches...) with a target, with an
// optional amber tolerance, and evaluates to a RAG with the figures that decided it.
// The programme's actual exit criteria are not public: DEFAULT_EXIT_CRITERIA are defaults only.

import { normCode, percent, round1 } from "./groupKeys";
import { CoverageFilter, CoverageSummary, RetestRule, TestCaseIndex, analyseCoverage, indexTestCases } from "./coverage";
import {
  DefectRules,
  DefectRulesInput,
  SEVERITY_KEYS,
  SeverityCounts,
  SeverityKey,
  emptySeverityCounts,
  makeDefectAssessor,
  matchesDefectFilter,
  parseSeverity,
} from "./defects";
import { DEFAULT_STAGES } from "./catalogues";
import { DefectRecord, RequirementRecord, SEVERITIES, Severity, TestCaseRecord, TestPointRecord } from "./model";
import { ProgressFigures, summariseProgress } from "./progress";

export type Rag = "green" | "amber" | "red";
export const RAG_ORDER: readonly Rag[] = ["green", "amber", "red"];

/** The worse of two RAGs (red > amber > green). */
export function worstRag(a: Rag, b: Rag): Rag {
  return RAG_ORDER.indexOf(a) >= RAG_ORDER.indexOf(b) ? a : b;
}

export type ExitMetric =
  | "executionRate"
  | "passRate"
  | "requirementsCovered"
  | "requirementsPassing"
  | "openDefects"
  | "openDefectsWithoutWorkOffPlan"
  | "slaBreaches"
  | "failedPoints"
  | "blockedPoints";

interface MetricInfo {
  label: string;
  percent: boolean;
  /** Accepts a severity filter. */
  defect: boolean;
}

export const EXIT_METRICS: Readonly<Record<ExitMetric, MetricInfo>> = {
  executionRate: { label: "Execution rate", percent: true, defect: false },
  passRate: { label: "Pass rate", percent: true, defect: false },
  requirementsCovered: { label: "Requirements covered", percent: true, defect: false },
  requirementsPassing: { label: "Requirements passing", percent: true, defect: false },
  openDefects: { label: "Open defects", percent: false, defect: true },
  openDefectsWithoutWorkOffPlan: { label: "Open defects without a work-off plan", percent: false, defect: true },
  slaBreaches: { label: "Open defects past their SLA", percent: false, defect: true },
  failedPoints: { label: "Failed test points", percent: false, defect: false },
  blockedPoints: { label: "Blocked test points", percent: false, defect: false },
};

export type ComparisonOp = ">=" | ">" | "<=" | "<" | "==" | "!=";
export const COMPARISON_OPS: readonly ComparisonOp[] = [">=", ">", "<=", "<", "==", "!="];

export interface ExitCriterion {
  id: string;
  label: string;
  metric: ExitMetric;
  op: ComparisonOp;
  /** Target; percentages are 0-100. */
  value: number;
  /**
   * Defect metrics only: which severities count. Default: every severity for openDefects and
   * slaBreaches; the exit-blocking severities for openDefectsWithoutWorkOffPlan.
   */
  severity?: Severity | Severity[];
  /** Amber when the target is missed by no more than this (same unit as value). */
  amber?: number;
  /** RAG when the figure cannot be computed (e.g. no applicable points); default red. */
  noData?: Rag;
}

/**
 * Default exit criteria, the same for every stage. Defaults only: they are not the programme's
 * published criteria (not public); replace them per stage in the project's configuration.
 */
export const DEFAULT_EXIT_CRITERIA: readonly ExitCriterion[] = Object.freeze([
  { id: "execution", label: "All applicable tests executed", metric: "executionRate", op: ">=", value: 100, amber: 5 },
  { id: "pass-rate", label: "Pass rate at least 95%", metric: "passRate", op: ">=", value: 95, amber: 5 },
  { id: "no-critical", label: "No open Critical defects", metric: "openDefects", severity: "1 - Critical", op: "==", value: 0 },
  {
    id: "work-off-plans",
    label: "Every open exit-blocking defect has a work-off plan",
    metric: "openDefectsWithoutWorkOffPlan",
    op: "==",
    value: 0,
  },
  { id: "requirements-covered", label: "All requirements covered by tests", metric: "requirementsCovered", op: ">=", value: 100, amber: 5 },
  { id: "sla", label: "No open defects past their SLA", metric: "slaBreaches", op: "==", value: 0, amber: 5 },
] as ExitCriterion[]);

/** Default criteria for each stage of the default catalogue (all the same; configurable). */
export const DEFAULT_EXIT_CRITERIA_BY_STAGE: Readonly<Record<string, readonly ExitCriterion[]>> = Object.freeze(
  Object.fromEntries(DEFAULT_STAGES.map((s) => [s.code, DEFAULT_EXIT_CRITERIA])),
);

/** The configured criteria for a stage, or the defaults when the stage has none configured. */
export function exitCriteriaForStage(
  stage: string,
  configured?: Readonly<Record<string, readonly ExitCriterion[]>>,
): readonly ExitCriterion[] {
  if (configured) {
    const wanted = stage.trim().toUpperCase();
    for (const [k, v] of Object.entries(configured)) if (k.trim().toUpperCase() === wanted && Array.isArray(v)) return v;
  }
  return DEFAULT_EXIT_CRITERIA;
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface ValidatedCriteria {
  /** The criteria that are valid, normalised (numeric values, canonical ops and severities). */
  criteria: ExitCriterion[];
  /** One sentence per problem; a criterion with a problem is left out of `criteria`. */
  messages: string[];
}

const OP_ALIASES: Record<string, ComparisonOp> = {
  ">=": ">=",
  "\u2265": ">=",
  ">": ">",
  "<=": "<=",
  "\u2264": "<=",
  "<": "<",
  "==": "==",
  "=": "==",
  "===": "==",
  "!=": "!=",
  "!==": "!=",
  "<>": "!=",
  "\u2260": "!=",
};

function toNumber(x: unknown): number | null {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  if (typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x))) return Number(x);
  return null;
}

function validateOne(raw: unknown, position: number, seen: Set<string>): { criterion: ExitCriterion | null; messages: string[] } {
  const messages: string[] = [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { criterion: null, messages: [`Criterion ${position} is not a rule object.`] };
  }
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === "string" ? r.id.trim() : "";
  const name = id ? `Criterion "${id}"` : `Criterion ${position}`;
  if (!id) messages.push(`${name} has no id.`);
  else if (seen.has(id.toLowerCase())) messages.push(`${name}: the id is used by another criterion.`);

  const metric = typeof r.metric === "string" && Object.prototype.hasOwnProperty.call(EXIT_METRICS, r.metric) ? (r.metric as ExitMetric) : null;
  if (metric === null) {
    messages.push(`${name}: unknown metric "${String(r.metric)}"; use one of ${Object.keys(EXIT_METRICS).join(", ")}.`);
  }
  const op = typeof r.op === "string" && Object.prototype.hasOwnProperty.call(OP_ALIASES, r.op.trim()) ? OP_ALIASES[r.op.trim()] : undefined;
  if (op === undefined) messages.push(`${name}: unknown comparison "${String(r.op)}"; use one of ${COMPARISON_OPS.join(" ")}.`);

  const value = toNumber(r.value);
  if (value === null) messages.push(`${name}: the target "${String(r.value)}" is not a number.`);
  else if (metric && EXIT_METRICS[metric].percent && (value < 0 || value > 100)) {
    messages.push(`${name}: ${EXIT_METRICS[metric].label} is a percentage, so the target must be between 0 and 100.`);
  } else if (metric && !EXIT_METRICS[metric].percent && (value < 0 || !Number.isInteger(value))) {
    messages.push(`${name}: ${EXIT_METRICS[metric].label} is a count, so the target must be a whole number (0 or more).`);
  }

  let amber: number | undefined;
  if (r.amber !== undefined && r.amber !== null) {
    const a = toNumber(r.amber);
    if (a === null || a < 0) messages.push(`${name}: the amber tolerance "${String(r.amber)}" must be a number, 0 or more.`);
    else amber = a;
  }

  let noData: Rag | undefined;
  if (r.noData !== undefined && r.noData !== null) {
    if (r.noData === "green" || r.noData === "amber" || r.noData === "red") noData = r.noData;
    else messages.push(`${name}: "no data" RAG "${String(r.noData)}" must be green, amber or red.`);
  }

  let severity: Severity | Severity[] | undefined;
  if (r.severity !== undefined && r.severity !== null) {
    if (metric && !EXIT_METRICS[metric].defect) {
      messages.push(`${name}: a severity applies only to defect metrics, not to ${EXIT_METRICS[metric].label}.`);
    } else {
      const list = Array.isArray(r.severity) ? r.severity : [r.severity];
      const parsed: Severity[] = [];
      for (const s of list) {
        const p = parseSeverity(s);
        if (p.severity === null) messages.push(`${name}: ${p.message}`);
        else if (!parsed.includes(p.severity)) parsed.push(p.severity);
      }
      if (list.length === 0) messages.push(`${name}: the severity list is empty.`);
      severity = Array.isArray(r.severity) ? parsed : parsed[0];
    }
  }

  if (messages.length > 0 || metric === null || op === undefined || value === null) return { criterion: null, messages };
  seen.add(id.toLowerCase());
  const label = typeof r.label === "string" && r.label.trim() !== "" ? r.label.trim() : describeTarget(metric, op, value, severity);
  const c: ExitCriterion = { id, label, metric, op, value };
  if (severity !== undefined) c.severity = severity;
  if (amber !== undefined) c.amber = amber;
  if (noData !== undefined) c.noData = noData;
  return { criterion: c, messages };
}

/** Checks a list of criteria (e.g. from a configuration document) and says what is wrong. */
export function validateExitCriteria(input: unknown): ValidatedCriteria {
  if (!Array.isArray(input)) return { criteria: [], messages: ["Exit criteria must be a list of rules."] };
  const seen = new Set<string>();
  const criteria: ExitCriterion[] = [];
  const messages: string[] = [];
  input.forEach((raw, i) => {
    const v = validateOne(raw, i + 1, seen);
    if (v.criterion) criteria.push(v.criterion);
    messages.push(...v.messages);
  });
  return { criteria, messages };
}

// ---------------------------------------------------------------------------------------------
// Metrics

export interface DefectMetrics {
  openBySeverity: SeverityCounts;
  withoutWorkOffPlanBySeverity: SeverityCounts;
  slaBreachesBySeverity: SeverityCounts;
  /** Ids behind each count, ascending, for the sentences. */
  openIds: Record<SeverityKey, number[]>;
  withoutWorkOffPlanIds: Record<SeverityKey, number[]>;
  slaBreachIds: Record<SeverityKey, number[]>;
  exitBlockingSeverities: Severity[];
}

export interface ExitMetrics {
  progress: ProgressFigures;
  /** Null when no requirements were given. */
  requirements: CoverageSummary | null;
  defects: DefectMetrics;
}

export interface ExitMetricsInput {
  points: readonly TestPointRecord[];
  defects: readonly DefectRecord[];
  requirements?: readonly RequirementRecord[];
  testCases?: readonly TestCaseRecord[];
  /** Usually { stage }; role / participant / cycle narrow it further. */
  filter?: CoverageFilter;
  asOf: string;
  defectRules?: DefectRulesInput | DefectRules;
  stageEndDates?: Readonly<Record<string, string>>;
  /** Optional index of all test cases (see CoverageInput.testCaseIndex). */
  testCaseIndex?: TestCaseIndex;
  /** Whether a later run of a test supersedes earlier ones for requirement coverage (default "count"). */
  retests?: RetestRule;
}

function idLists(): Record<SeverityKey, number[]> {
  return { "1 - Critical": [], "2 - High": [], "3 - Medium": [], "4 - Low": [], Unknown: [] };
}

/** The figures exit criteria are judged on, in one pass over points and one over defects. */
export function computeExitMetrics(input: ExitMetricsInput): ExitMetrics {
  const progress = summariseProgress(input.points, input.filter);
  const assessor = makeDefectAssessor({ asOf: input.asOf, rules: input.defectRules, stageEndDates: input.stageEndDates });
  const d: DefectMetrics = {
    openBySeverity: emptySeverityCounts(),
    withoutWorkOffPlanBySeverity: emptySeverityCounts(),
    slaBreachesBySeverity: emptySeverityCounts(),
    openIds: idLists(),
    withoutWorkOffPlanIds: idLists(),
    slaBreachIds: idLists(),
    exitBlockingSeverities: assessor.rules.exitBlockingSeverities.slice(),
  };
  for (const defect of input.defects) {
    if (!matchesDefectFilter(defect, input.filter)) continue;
    const a = assessor.assess(defect);
    if (!a.open) continue;
    d.openBySeverity[a.severity]++;
    d.openBySeverity.total++;
    d.openIds[a.severity].push(a.id);
    if (!a.hasWorkOffPlan) {
      d.withoutWorkOffPlanBySeverity[a.severity]++;
      d.withoutWorkOffPlanBySeverity.total++;
      d.withoutWorkOffPlanIds[a.severity].push(a.id);
    }
    if (a.slaBreached) {
      d.slaBreachesBySeverity[a.severity]++;
      d.slaBreachesBySeverity.total++;
      d.slaBreachIds[a.severity].push(a.id);
    }
  }
  for (const k of SEVERITY_KEYS) {
    d.openIds[k].sort((x, y) => x - y);
    d.withoutWorkOffPlanIds[k].sort((x, y) => x - y);
    d.slaBreachIds[k].sort((x, y) => x - y);
  }
  const requirements = input.requirements
    ? analyseCoverage({
        requirements: input.requirements,
        testCases: input.testCases ?? [],
        points: input.points,
        filter: input.filter,
        testCaseIndex: input.testCaseIndex,
        gaps: false,
        retests: input.retests,
      }).summary
    : null;
  return { progress, requirements, defects: d };
}

/**
 * Metrics for several stages at once: the input is partitioned by stage in one pass, then each
 * stage's share is measured, so the cost stays linear in the input (not stages x input).
 * Test cases without a stage are generic and shared by every stage.
 */
export function computeExitMetricsByStage(
  input: Omit<ExitMetricsInput, "filter"> & { filter?: Omit<CoverageFilter, "stage"> },
  stages: readonly string[],
): Record<string, ExitMetrics> {
  const wanted = new Map<string, string>();
  for (const s of stages) wanted.set(s.trim().toUpperCase(), s);
  const pts = new Map<string, TestPointRecord[]>();
  const dfs = new Map<string, DefectRecord[]>();
  const reqs = new Map<string, RequirementRecord[]>();
  const tcs = new Map<string, TestCaseRecord[]>();
  for (const k of wanted.keys()) {
    pts.set(k, []);
    dfs.set(k, []);
    reqs.set(k, []);
    tcs.set(k, []);
  }
  const push = <T>(m: Map<string, T[]>, stage: string | undefined, item: T) => {
    if (typeof stage !== "string") return;
    const list = m.get(normCode(stage));
    if (list) list.push(item);
  };
  for (const p of input.points) push(pts, p.stage, p);
  for (const d of input.defects) push(dfs, d.stage, d);
  for (const r of input.requirements ?? []) {
    if (Array.isArray(r.stages)) for (const s of r.stages) push(reqs, s, r);
  }
  // Test cases of the stage plus generic ones (no stage); others cannot be in scope anyway.
  for (const tc of input.testCases ?? []) {
    if (tc.stage) push(tcs, tc.stage, tc);
    else for (const list of tcs.values()) list.push(tc);
  }
  const testCaseIndex = input.testCaseIndex ?? indexTestCases(input.testCases ?? []);
  const out: Record<string, ExitMetrics> = {};
  for (const [k, stage] of wanted) {
    out[stage] = computeExitMetrics({
      ...input,
      points: pts.get(k) as TestPointRecord[],
      defects: dfs.get(k) as DefectRecord[],
      requirements: input.requirements ? (reqs.get(k) as RequirementRecord[]) : undefined,
      testCases: tcs.get(k) as TestCaseRecord[],
      // The index of all test cases, so a link to another stage's test reads as out of scope, not missing.
      testCaseIndex,
      filter: { ...input.filter, stage },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface CriterionResult {
  id: string;
  label: string;
  metric: ExitMetric | string;
  rag: Rag;
  /** The figure judged (percent or count); null when it cannot be computed. */
  actual: number | null;
  op: ComparisonOp | string;
  target: number | null;
  /** One sentence with the figures that decided the RAG. */
  sentence: string;
}

export interface ExitEvaluation {
  /** Worst RAG of the criteria; null when there are none. */
  overall: Rag | null;
  results: CriterionResult[];
  /** One sentence summing up. */
  sentence: string;
}

function compare(actual: number, op: ComparisonOp, value: number): boolean {
  switch (op) {
    case ">=":
      return actual >= value;
    case ">":
      return actual > value;
    case "<=":
      return actual <= value;
    case "<":
      return actual < value;
    case "==":
      return actual === value;
    case "!=":
      return actual !== value;
  }
}

/** How far the actual misses the target, in the target's unit (0 when just on the boundary of > or <). */
function miss(actual: number, op: ComparisonOp, value: number): number | null {
  switch (op) {
    case ">=":
    case ">":
      return Math.max(0, value - actual);
    case "<=":
    case "<":
      return Math.max(0, actual - value);
    case "==":
      return Math.abs(actual - value);
    case "!=":
      return null;
  }
}

function severitiesOf(c: ExitCriterion, m: ExitMetrics): Severity[] {
  if (c.severity !== undefined) return Array.isArray(c.severity) ? c.severity : [c.severity];
  if (c.metric === "openDefectsWithoutWorkOffPlan") return m.defects.exitBlockingSeverities;
  return SEVERITIES.slice();
}

function fmt(x: number, pct: boolean): string {
  return pct ? `${round1(x)}%` : `${round1(x)}`;
}

function idsText(ids: number[]): string {
  if (ids.length === 0) return "";
  const shown = ids.slice(0, 5).join(", ");
  return ` (${ids.length === 1 ? "id" : "ids"} ${shown}${ids.length > 5 ? ` and ${ids.length - 5} more` : ""})`;
}

function severityText(sevs: readonly Severity[]): string {
  if (sevs.length === SEVERITIES.length) return "";
  if (sevs.length === 0) return " of no severity";
  return ` of severity ${sevs.join(" or ")}`;
}

function describeTarget(metric: ExitMetric, op: ComparisonOp, value: number, severity?: Severity | Severity[]): string {
  const info = EXIT_METRICS[metric];
  const sev = severity === undefined ? "" : severityText(Array.isArray(severity) ? severity : [severity]);
  return `${info.label}${sev} ${op} ${fmt(value, info.percent)}`;
}

interface Figure {
  actual: number | null;
  /** What the figure is made of, e.g. "(350 of 400 applicable points run)". */
  detail: string;
  /** Why it cannot be computed, when actual is null. */
  noData?: string;
}

function figureFor(c: ExitCriterion, m: ExitMetrics): Figure {
  const p = m.progress;
  switch (c.metric) {
    case "executionRate": {
      const applicable = p.planned - p.notApplicable;
      return {
        actual: p.executionRate,
        detail: `${p.run} of ${applicable} applicable points run; ${p.blocked} blocked, ${p.notRun} not run`,
        noData: "there are no applicable test points in scope",
      };
    }
    case "passRate":
      return {
        actual: p.passRate,
        detail: `${p.passed} passed of ${p.run} run; blocked and not applicable points are left out`,
        noData: "no test points have been run",
      };
    case "failedPoints":
      return { actual: p.failed, detail: `of ${p.planned} points` };
    case "blockedPoints":
      return { actual: p.blocked, detail: `of ${p.planned} points` };
    case "requirementsCovered":
    case "requirementsPassing": {
      const r = m.requirements;
      if (r === null) return { actual: null, detail: "", noData: "no requirements were given" };
      const n = c.metric === "requirementsCovered" ? r.requirements - r.notCovered : r.passing;
      const what = c.metric === "requirementsCovered" ? "have linked tests" : "are passing";
      return {
        actual: percent(n, r.requirements),
        detail: `${n} of ${r.requirements} requirements ${what}`,
        noData: "there are no requirements in scope",
      };
    }
    case "openDefects":
    case "openDefectsWithoutWorkOffPlan":
    case "slaBreaches": {
      const sevs = severitiesOf(c, m);
      const counts =
        c.metric === "openDefects"
          ? m.defects.openIds
          : c.metric === "slaBreaches"
            ? m.defects.slaBreachIds
            : m.defects.withoutWorkOffPlanIds;
      const bySeverity =
        c.metric === "openDefects"
          ? m.defects.openBySeverity
          : c.metric === "slaBreaches"
            ? m.defects.slaBreachesBySeverity
            : m.defects.withoutWorkOffPlanBySeverity;
      const ids: number[] = [];
      let actual = 0;
      for (const s of sevs) {
        actual += bySeverity[s];
        for (const id of counts[s]) ids.push(id);
      }
      ids.sort((a, b) => a - b);
      // Metrics counted by the server (dashboard widgets) carry no ids: the count stands alone.
      return { actual, detail: ids.length === actual ? idsText(ids) : "" };
    }
  }
}

/** Evaluates one criterion against the metrics (never throws; a malformed rule is red with a reason). */
export function evaluateCriterion(criterion: ExitCriterion, metrics: ExitMetrics): CriterionResult {
  const checked = validateExitCriteria([criterion]);
  const raw = (criterion !== null && typeof criterion === "object" ? criterion : {}) as unknown as Record<string, unknown>;
  if (checked.criteria.length === 0) {
    return {
      id: typeof raw.id === "string" ? raw.id : "",
      label: typeof raw.label === "string" ? raw.label : "Invalid criterion",
      metric: String(raw.metric),
      rag: "red",
      actual: null,
      op: String(raw.op),
      target: toNumber(raw.value),
      sentence: `This criterion cannot be evaluated: ${checked.messages.join(" ")}`,
    };
  }
  const c = checked.criteria[0];
  const info = EXIT_METRICS[c.metric];
  const fig = figureFor(c, metrics);
  const target = `target ${c.op} ${fmt(c.value, info.percent)}`;
  const base = { id: c.id, label: c.label, metric: c.metric, op: c.op, target: c.value };
  const sevs = info.defect ? severityText(severitiesOf(c, metrics)) : "";
  if (fig.actual === null) {
    const rag = c.noData ?? "red";
    return {
      ...base,
      rag,
      actual: null,
      sentence: `${info.label}${sevs} cannot be computed because ${fig.noData ?? "there is no data"} (${target}), so it is ${rag}.`,
    };
  }
  const actual = fig.actual;
  const stated = info.percent
    ? `${info.label} is ${fmt(actual, true)} (${fig.detail})`
    : c.metric === "failedPoints" || c.metric === "blockedPoints"
      ? `${info.label}: ${actual} ${fig.detail}`
      : `${info.label}${sevs}: ${actual}${fig.detail}`;
  if (compare(actual, c.op, c.value)) {
    return { ...base, rag: "green", actual, sentence: `${stated}; ${target} is met.` };
  }
  const by = miss(actual, c.op, c.value);
  if (by !== null && c.amber !== undefined && by <= c.amber) {
    return {
      ...base,
      rag: "amber",
      actual,
      sentence: `${stated}; ${target} is missed by ${fmt(by, info.percent)}, within the amber tolerance of ${fmt(c.amber, info.percent)}.`,
    };
  }
  const tol = c.amber !== undefined ? ` (amber tolerance ${fmt(c.amber, info.percent)})` : "";
  const missed = by !== null ? ` by ${fmt(by, info.percent)}` : "";
  return { ...base, rag: "red", actual, sentence: `${stated}; ${target} is missed${missed}${tol}.` };
}

/** Evaluates every criterion; the overall RAG is the worst one. */
export function evaluateExitCriteria(criteria: readonly ExitCriterion[], metrics: ExitMetrics): ExitEvaluation {
  if (!Array.isArray(criteria) || criteria.length === 0) {
    return { overall: null, results: [], sentence: "No exit criteria are configured." };
  }
  const results = criteria.map((c) => evaluateCriterion(c, metrics));
  let overall: Rag = "green";
  const tally = { green: 0, amber: 0, red: 0 };
  for (const r of results) {
    overall = worstRag(overall, r.rag);
    tally[r.rag]++;
  }
  const sentence =
    overall === "green"
      ? `All ${results.length} exit criteria are met.`
      : `${tally.red} of ${results.length} exit criteria are red and ${tally.amber} amber, so the overall position is ${overall}.`;
  return { overall, results, sentence };
}

/** Convenience: metrics for one stage and its criteria (configured, else the defaults). */
export function evaluateStageExit(
  stage: string,
  input: Omit<ExitMetricsInput, "filter"> & { filter?: Omit<CoverageFilter, "stage">; criteria?: Readonly<Record<string, readonly ExitCriterion[]>> },
): ExitEvaluation & { metrics: ExitMetrics } {
  const metrics = computeExitMetrics({ ...input, filter: { ...input.filter, stage } });
  return { ...evaluateExitCriteria(exitCriteriaForStage(stage, input.criteria), metrics), metrics };
}
