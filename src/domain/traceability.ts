// The Requirements-to-Test Traceability Matrix as the hub shows and exports it: each requirement
// in scope with its coverage status, its tests and their latest outcomes, its open defects; the
// requirements by stage and role with their statuses; and the gaps (requirements without tests,
// tests that trace to no requirement). Statuses follow coverage.ts.

import { KEY_SEPARATOR, compareKeys, keyValue, normCode, sameCode } from "./groupKeys";
import type { CoverageFilter, CoverageGaps, CoverageStatus, CoverageSummary, OutcomeTally, RetestRule, TestCaseIndex } from "./coverage";
import { COVERAGE_STATUSES, analyseCoverage, indexTestCases } from "./coverage";
import { SEVERITY_KEYS, SeverityKey, severityKeyOf } from "./defects";
import { DEFAULT_CLOSED_STATES, DefectRecord, Outcome, RequirementRecord, TestCaseRecord, TestPointRecord } from "./model";
import { isLaterRun, outcomeIndex } from "./progress";

/** Outcomes as the programme's sheets write them. */
export const OUTCOME_NAMES: Readonly<Record<Outcome, string>> = {
  passed: "Passed",
  failed: "Failed",
  blocked: "Blocked",
  notApplicable: "Not applicable",
  notRun: "Not run",
};

export const COVERAGE_STATUS_LABELS: Readonly<Record<CoverageStatus, string>> = {
  notCovered: "Not covered",
  notRun: "Not run",
  failing: "Failing",
  blocked: "Blocked",
  passing: "Passing",
};

export interface TracedTest {
  id: number;
  programmeTestCaseId?: string;
  title: string;
  /** Latest outcome of its points in scope (see latestOutcomes). */
  outcome: Outcome;
  lastRunDate?: string;
}

export interface TracedDefect {
  id: number;
  title: string;
  severity: SeverityKey;
  state: string;
}

export interface TraceabilityRow {
  id: number;
  requirementId?: string;
  title: string;
  type: string;
  roles: string[];
  stages: string[];
  status: CoverageStatus;
  counts: OutcomeTally;
  tests: TracedTest[];
  openDefects: TracedDefect[];
}

export interface StageRoleCoverage {
  stage: string;
  role: string;
  requirements: number;
  notCovered: number;
  notRun: number;
  failing: number;
  blocked: number;
  passing: number;
}

export interface TraceabilityGaps extends Omit<CoverageGaps, "testCasesWithoutRequirement"> {
  testCasesWithoutRequirement: TestCaseRecord[];
}

export interface TraceabilityView {
  rows: TraceabilityRow[];
  summary: CoverageSummary;
  /** Each requirement counted under each of its stages x roles in scope, with its status in that stage and role. */
  byStageRole: StageRoleCoverage[];
  gaps: TraceabilityGaps;
}

export interface TraceabilityInput {
  requirements: readonly RequirementRecord[];
  testCases: readonly TestCaseRecord[];
  points: readonly TestPointRecord[];
  defects?: readonly DefectRecord[];
  filter?: CoverageFilter;
  closedStates?: readonly string[];
  /** Stage codes in programme order, for sorting the stage x role table. */
  stageOrder?: readonly string[];
  /** Whether a later run of a test supersedes earlier ones (default "count"). */
  retests?: RetestRule;
}

interface Latest {
  ts: string;
  oi: number;
  points: number;
  notApplicable: number;
}

const OUTCOME_BY_INDEX: Outcome[] = ["passed", "failed", "blocked", "notApplicable", "notRun"];

function pointMatches(p: TestPointRecord, tc: TestCaseRecord | undefined, f: CoverageFilter | undefined): boolean {
  if (!f) return true;
  if (f.stage !== undefined && !sameCode(p.stage, f.stage)) return false;
  if (f.cycle !== undefined && !sameCode(p.cycle, f.cycle)) return false;
  if (f.role !== undefined && !sameCode(p.role ?? tc?.role, f.role)) return false;
  if (f.participant !== undefined && !sameCode(p.participant ?? tc?.participant, f.participant)) return false;
  return true;
}

/**
 * Each test case's latest outcome over its points in scope: the most recent run (passed, failed
 * or blocked) wins; a test whose points are all not applicable is notApplicable; otherwise notRun.
 */
export function latestOutcomes(
  points: readonly TestPointRecord[],
  filter?: CoverageFilter,
  testCases?: TestCaseIndex,
): Map<number, { outcome: Outcome; lastRunDate?: string }> {
  const latest = new Map<number, Latest>();
  for (const p of points) {
    const pos = testCases ? testCases.index.get(p.testCaseId) : -1;
    if (!pointMatches(p, pos >= 0 ? testCases?.list[pos] : undefined, filter)) continue;
    const oi = outcomeIndex(p.outcome);
    let l = latest.get(p.testCaseId);
    if (l === undefined) {
      l = { ts: "", oi: 4, points: 0, notApplicable: 0 };
      latest.set(p.testCaseId, l);
    }
    l.points++;
    if (oi === 3) l.notApplicable++;
    if (oi > 2) continue;
    const ts = p.lastRunDate ?? "";
    if (l.oi > 2 || isLaterRun(ts, oi, l.ts, l.oi)) {
      l.ts = ts;
      l.oi = oi;
    }
  }
  const out = new Map<number, { outcome: Outcome; lastRunDate?: string }>();
  for (const [id, l] of latest) {
    if (l.oi <= 2) out.set(id, l.ts ? { outcome: OUTCOME_BY_INDEX[l.oi], lastRunDate: l.ts } : { outcome: OUTCOME_BY_INDEX[l.oi] });
    else out.set(id, { outcome: l.notApplicable === l.points ? "notApplicable" : "notRun" });
  }
  return out;
}

/** Requirements' coverage per stage x role: the input split by stage and role, then one coverage pass per part. */
function coverageByStageRole(input: TraceabilityInput, index: TestCaseIndex): StageRoleCoverage[] {
  const f = input.filter ?? {};
  const parts = new Map<string, { stage: string; role: string; requirements: RequirementRecord[]; points: TestPointRecord[] }>();
  const part = (stage: string, role: string) => {
    const k = normCode(stage) + KEY_SEPARATOR + normCode(role);
    let p = parts.get(k);
    if (p === undefined) {
      p = { stage, role, requirements: [], points: [] };
      parts.set(k, p);
    }
    return p;
  };
  for (const r of input.requirements) {
    const stages = r.stages?.length ? r.stages : [keyValue(undefined)];
    const roles = r.roles?.length ? r.roles : [keyValue(undefined)];
    for (const s of stages) {
      if (f.stage !== undefined && !sameCode(s, f.stage)) continue;
      for (const ro of roles) {
        if (f.role !== undefined && !sameCode(ro, f.role)) continue;
        part(s.trim(), ro.trim()).requirements.push(r);
      }
    }
  }
  for (const p of input.points) {
    const pos = index.index.get(p.testCaseId);
    const role = p.role ?? (pos >= 0 ? index.list[pos].role : undefined);
    const k = normCode(keyValue(p.stage)) + KEY_SEPARATOR + normCode(keyValue(role));
    parts.get(k)?.points.push(p);
  }
  const rows: StageRoleCoverage[] = [];
  for (const p of parts.values()) {
    if (p.requirements.length === 0) continue;
    const result = analyseCoverage({
      requirements: p.requirements,
      testCases: input.testCases,
      testCaseIndex: index,
      points: p.points,
      filter: { ...f, stage: p.stage, role: p.role },
      gaps: false,
      retests: input.retests,
    });
    const s = result.summary;
    rows.push({ stage: p.stage, role: p.role, requirements: s.requirements, notCovered: s.notCovered, notRun: s.notRun, failing: s.failing, blocked: s.blocked, passing: s.passing });
  }
  const order = new Map((input.stageOrder ?? []).map((code, i) => [normCode(code), i]));
  const rank = (stage: string) => order.get(normCode(stage)) ?? order.size;
  return rows.sort((a, b) => rank(a.stage) - rank(b.stage) || compareKeys([a.stage, a.role], [b.stage, b.role]));
}

/** The RTTM view of the requirements in scope (one coverage pass, plus one per stage x role). */
export function traceabilityView(input: TraceabilityInput): TraceabilityView {
  const index = indexTestCases(input.testCases);
  const coverage = analyseCoverage({
    requirements: input.requirements,
    testCases: input.testCases,
    testCaseIndex: index,
    points: input.points,
    defects: input.defects,
    filter: input.filter,
    closedStates: input.closedStates ?? DEFAULT_CLOSED_STATES,
    retests: input.retests,
  });
  const outcomes = latestOutcomes(input.points, input.filter, index);
  const requirementById = new Map(input.requirements.map((r) => [r.id, r]));
  const defectById = new Map((input.defects ?? []).map((d) => [d.id, d]));
  const rows = coverage.requirements.map((c): TraceabilityRow => {
    const r = requirementById.get(c.id);
    const tests = c.testCaseIds.map((id): TracedTest => {
      const pos = index.index.get(id);
      const tc = pos >= 0 ? index.list[pos] : undefined;
      const latest = outcomes.get(id);
      const test: TracedTest = { id, title: tc?.title ?? "", outcome: latest?.outcome ?? "notRun" };
      if (tc?.programmeTestCaseId) test.programmeTestCaseId = tc.programmeTestCaseId;
      if (latest?.lastRunDate) test.lastRunDate = latest.lastRunDate;
      return test;
    });
    const openDefects = c.openDefectIds.map((id): TracedDefect => {
      const d = defectById.get(id);
      return { id, title: d?.title ?? "", severity: severityKeyOf(d?.severity), state: d?.state ?? "" };
    });
    openDefects.sort((a, b) => SEVERITY_KEYS.indexOf(a.severity) - SEVERITY_KEYS.indexOf(b.severity) || a.id - b.id);
    const row: TraceabilityRow = {
      id: c.id,
      title: c.title,
      type: c.type,
      roles: r?.roles.slice() ?? [],
      stages: r?.stages.slice() ?? [],
      status: c.status,
      counts: c.counts,
      tests,
      openDefects,
    };
    if (c.requirementId !== undefined) row.requirementId = c.requirementId;
    return row;
  });
  const traced = new Set(coverage.gaps.testCasesWithoutRequirement);
  return {
    rows,
    summary: coverage.summary,
    byStageRole: coverageByStageRole(input, index),
    gaps: {
      requirementsWithoutTests: coverage.gaps.requirementsWithoutTests,
      testCasesWithoutRequirement: input.testCases.filter((tc) => traced.has(tc.id)).sort((a, b) => a.id - b.id),
      missingTestCaseIds: coverage.gaps.missingTestCaseIds,
    },
  };
}

/** The RTTM columns, in the order the programme's boards asked for, then the status and the work item id. */
export const RTTM_EXPORT_HEADINGS = [
  "Requirement Id",
  "Title",
  "Requirement Type",
  "Roles",
  "Stage",
  "Test Case Ids",
  "Latest Outcomes",
  "Defects",
  "Coverage Status",
  "Work Item Id",
] as const;

export type RttmExportCell = string | number;

/** A test's id as the programme writes it: its programme id, else "#<work item id>". */
export function testLabel(test: Pick<TracedTest, "id" | "programmeTestCaseId">): string {
  return test.programmeTestCaseId || `#${test.id}`;
}

/**
 * One export row per requirement: the stage column names the filtered stage, else the
 * requirement's stages in scope; list cells are joined with "; " as the programme's sheets do.
 */
export function rttmExportRows(rows: readonly TraceabilityRow[], filter?: CoverageFilter): RttmExportCell[][] {
  return rows.map((row) => [
    row.requirementId || String(row.id),
    row.title,
    row.type,
    row.roles.join("; "),
    filter?.stage !== undefined ? filter.stage : row.stages.join("; "),
    row.tests.map(testLabel).join("; "),
    row.tests.map((t) => `${testLabel(t)}: ${OUTCOME_NAMES[t.outcome]}`).join("; "),
    row.openDefects.map((d) => `${d.id} (${d.severity})`).join("; "),
    COVERAGE_STATUS_LABELS[row.status],
    row.id,
  ]);
}

/** Count of rows per status, for the status filter's labels. */
export function countByStatus(rows: readonly TraceabilityRow[]): Record<CoverageStatus, number> {
  const out = Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, 0])) as Record<CoverageStatus, number>;
  for (const r of rows) out[r.status]++;
  return out;
}
