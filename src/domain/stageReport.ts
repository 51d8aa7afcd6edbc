// The programme hub's overview: per stage, execution and pass rates by role and by cycle, open
// defects by severity and the exit criteria with the figures behind them; and the trend of
// executed and passed points with defects opened and closed per day. Everything is computed from
// the same records with the same filter, so the overview agrees with the other views.

import type { Stage } from "./catalogues";
import { keyValue, normCode } from "./groupKeys";
import type { RetestRule, TestCaseIndex } from "./coverage";
import { indexTestCases } from "./coverage";
import type { DefectRules, DefectRulesInput, SeverityCounts } from "./defects";
import { matchesDefectFilter } from "./defects";
import type { ExitCriterion, ExitEvaluation, ExitMetrics } from "./exitCriteria";
import { computeExitMetricsByStage, evaluateExitCriteria, exitCriteriaForStage } from "./exitCriteria";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "./model";
import type { ProgressFigures, ProgressRow } from "./progress";
import { groupProgress, matchesProgressFilter, progressTrend } from "./progress";

/** The hub's filters; an absent value means every stage, cycle, role or participant. */
export interface ProgrammeFilter {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
}

export interface StageReportInput {
  /** The stage catalogue, in programme order. */
  stages: readonly Pick<Stage, "code" | "name">[];
  points: readonly TestPointRecord[];
  defects: readonly DefectRecord[];
  /** Absent when requirements could not be read: coverage criteria then say they have no data. */
  requirements?: readonly RequirementRecord[];
  testCases?: readonly TestCaseRecord[];
  filter?: ProgrammeFilter;
  asOf: string;
  defectRules?: DefectRulesInput | DefectRules;
  stageEndDates?: Readonly<Record<string, string>>;
  /** Configured criteria by stage code; a stage without any uses the defaults. */
  exitCriteria?: Readonly<Record<string, readonly ExitCriterion[]>>;
  testCaseIndex?: TestCaseIndex;
  /** Whether a later run of a test supersedes earlier ones for requirement coverage (default "count"). */
  retests?: RetestRule;
}

export interface StageReport {
  stage: string;
  name: string;
  progress: ProgressFigures;
  byRole: ProgressRow[];
  byCycle: ProgressRow[];
  openDefects: SeverityCounts;
  exit: ExitEvaluation;
  metrics: ExitMetrics;
}

/**
 * One report per stage in scope: the filtered stage, else every catalogue stage with points,
 * defects or requirements in scope (in catalogue order), then stages found only in the data.
 */
export function stageReports(input: StageReportInput): StageReport[] {
  const f = input.filter ?? {};
  const rest = { cycle: f.cycle, role: f.role, participant: f.participant };
  const inScope: TestPointRecord[] = [];
  for (const p of input.points) if (matchesProgressFilter(p, rest)) inScope.push(p);

  const names = new Map<string, string>();
  const order: string[] = [];
  for (const s of input.stages) {
    names.set(normCode(s.code), s.name);
    order.push(s.code);
  }
  let stages: string[];
  if (f.stage !== undefined) {
    const known = order.find((code) => normCode(code) === normCode(f.stage as string));
    stages = [known ?? (f.stage as string)];
  } else {
    const seen = new Set<string>();
    const found: string[] = [];
    const note = (stage: string | undefined) => {
      if (typeof stage !== "string" || stage.trim() === "") return;
      const k = normCode(stage);
      if (seen.has(k)) return;
      seen.add(k);
      found.push(stage.trim());
    };
    for (const p of inScope) note(p.stage);
    for (const d of input.defects) if (matchesDefectFilter(d, rest)) note(d.stage);
    for (const r of input.requirements ?? []) for (const s of r.stages ?? []) note(s);
    stages = order.filter((code) => seen.has(normCode(code)));
    for (const s of found) if (!names.has(normCode(s))) stages.push(s);
  }

  const byStage = new Map<string, TestPointRecord[]>();
  for (const s of stages) byStage.set(normCode(s), []);
  for (const p of inScope) byStage.get(normCode(keyValue(p.stage)))?.push(p);

  const testCaseIndex = input.testCaseIndex ?? (input.testCases ? indexTestCases(input.testCases) : undefined);
  const metrics = computeExitMetricsByStage(
    {
      points: inScope,
      defects: input.defects,
      requirements: input.requirements,
      testCases: input.testCases,
      filter: rest,
      asOf: input.asOf,
      defectRules: input.defectRules,
      stageEndDates: input.stageEndDates,
      testCaseIndex,
      retests: input.retests,
    },
    stages,
  );

  return stages.map((stage) => {
    const points = byStage.get(normCode(stage)) ?? [];
    const m = metrics[stage];
    return {
      stage,
      name: names.get(normCode(stage)) ?? stage,
      progress: m.progress,
      byRole: groupProgress(points, ["role"]).rows,
      byCycle: groupProgress(points, ["cycle"]).rows,
      openDefects: m.defects.openBySeverity,
      exit: evaluateExitCriteria(exitCriteriaForStage(stage, input.exitCriteria), m),
      metrics: m,
    };
  });
}

/** Points in scope by outcome at the end of one day, as a data source reports them. */
export interface DailyOutcomeCounts {
  date: string;
  passed: number;
  failed: number;
  blocked: number;
  notApplicable: number;
  notRun: number;
}

export interface ProgrammeTrendDay {
  date: string;
  /** Points run to a verdict (passed + failed) as of the end of the day; null when outcomes are unknown. */
  executed: number | null;
  passed: number | null;
  defectsOpened: number;
  defectsClosed: number;
  /** Defects open at the end of the day. */
  openDefects: number;
}

export interface ProgrammeTrend {
  days: ProgrammeTrendDay[];
  messages: string[];
}

export interface ProgrammeTrendInput {
  /** Daily outcomes of the points in scope; absent when they could not be read (defects still show). */
  daily?: readonly DailyOutcomeCounts[];
  defects: readonly DefectRecord[];
  filter?: ProgrammeFilter;
  from: string;
  to: string;
  closedStates?: readonly string[];
}

/** Executed and passed over time (from daily outcomes) with defects opened, closed and open per day. */
export function programmeTrend(input: ProgrammeTrendInput): ProgrammeTrend {
  const defects = input.defects.filter((d) => matchesDefectFilter(d, input.filter));
  const defectTrend = progressTrend({ points: [], history: [], from: input.from, to: input.to, defects, closedStates: input.closedStates });
  const byDate = new Map<string, DailyOutcomeCounts>();
  for (const d of input.daily ?? []) byDate.set(d.date.slice(0, 10), d);
  const days = defectTrend.days.map((day): ProgrammeTrendDay => {
    const outcomes = byDate.get(day.date);
    return {
      date: day.date,
      executed: outcomes ? outcomes.passed + outcomes.failed : null,
      passed: outcomes ? outcomes.passed : null,
      defectsOpened: day.defectsOpened,
      defectsClosed: day.defectsClosed,
      openDefects: day.openDefects,
    };
  });
  return { days, messages: defectTrend.messages };
}
