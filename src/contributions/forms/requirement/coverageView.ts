// What the coverage panel shows, from the loader's data and the domain's coverage rules: the
// requirement's status and open defects by severity, and for each linked test case its latest
// outcome per stage and participant.

import { analyseCoverage, CoverageStatus, OutcomeTally } from "../../../domain/coverage";
import { compareKeys, keyValue } from "../../../domain/groupKeys";
import type { SeverityCounts } from "../../../domain/defects";
import type { Outcome, TestCaseRecord, TestPointRecord } from "../../../domain/model";
import type { RequirementCoverageData } from "../shared/programme";

export interface LatestOutcome {
  stage: string;
  participant: string;
  outcome: Outcome;
  lastRunDate?: string;
}

export interface TestCaseCoverage {
  id: number;
  /** Absent when the linked test case could not be read (deleted, or no access). */
  testCase?: TestCaseRecord;
  latest: LatestOutcome[];
}

export interface RequirementCoverageView {
  status: CoverageStatus;
  counts: OutcomeTally;
  openDefects: SeverityCounts;
  testCases: TestCaseCoverage[];
}

export interface RequirementOnForm {
  id: number;
  type: string;
  roles: string[];
  stages: string[];
  testCaseIds: number[];
}

/** A later run wins; a point never run loses to any that was. */
function newer(a: TestPointRecord, b: TestPointRecord | undefined): boolean {
  if (!b) return true;
  return (a.lastRunDate ?? "") > (b.lastRunDate ?? "");
}

function latestPerStageAndParticipant(points: readonly TestPointRecord[], testCase: TestCaseRecord | undefined): LatestOutcome[] {
  const latest = new Map<string, { key: string[]; point: TestPointRecord }>();
  for (const point of points) {
    const key = [keyValue(point.stage || testCase?.stage), keyValue(point.participant ?? testCase?.participant)];
    const id = key.join("\u0001");
    if (newer(point, latest.get(id)?.point)) latest.set(id, { key, point });
  }
  return Array.from(latest.values())
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ key, point }) => ({ stage: key[0], participant: key[1], outcome: point.outcome, lastRunDate: point.lastRunDate }));
}

export function coverageView(requirement: RequirementOnForm, data: RequirementCoverageData): RequirementCoverageView {
  const result = analyseCoverage({
    requirements: [{ id: requirement.id, title: "", type: requirement.type, roles: requirement.roles, stages: requirement.stages, testCaseIds: requirement.testCaseIds }],
    testCases: data.testCases,
    points: data.points,
    defects: data.defects,
    closedStates: data.closedStates,
    gaps: false,
    retests: data.retests,
  });
  const coverage = result.requirements[0];
  const pointsOf = new Map<number, TestPointRecord[]>();
  for (const point of data.points) pointsOf.set(point.testCaseId, [...(pointsOf.get(point.testCaseId) ?? []), point]);
  return {
    status: coverage.status,
    counts: coverage.counts,
    openDefects: coverage.openDefects,
    testCases: requirement.testCaseIds.map((id) => {
      const testCase = data.testCases.find((candidate) => candidate.id === id);
      return { id, testCase, latest: latestPerStageAndParticipant(pointsOf.get(id) ?? [], testCase) };
    }),
  };
}
