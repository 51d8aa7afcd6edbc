// What the coverage panel shows, from the loader's data and the domain's coverage rules: the
// requirement's status and open defects by severity, and for each linked test case its latest
// outcome per stage and participant (the domain's rule, as the RTTM applies it).

import { analyseCoverage, CoverageStatus, OutcomeTally } from "../../../domain/coverage";
import type { SeverityCounts } from "../../../domain/defects";
import type { TestCaseRecord, TestPointRecord } from "../../../domain/model";
import { LatestOutcome, latestOutcomesByStageAndParticipant } from "../../../domain/testCaseOutcomes";
import type { RequirementCoverageData } from "../shared/programme";

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
  for (const point of data.points) {
    const list = pointsOf.get(point.testCaseId);
    if (list) list.push(point);
    else pointsOf.set(point.testCaseId, [point]);
  }
  const testCaseOf = new Map(data.testCases.map((testCase) => [testCase.id, testCase]));
  return {
    status: coverage.status,
    counts: coverage.counts,
    openDefects: coverage.openDefects,
    testCases: requirement.testCaseIds.map((id) => {
      const testCase = testCaseOf.get(id);
      return { id, testCase, latest: latestOutcomesByStageAndParticipant(id, pointsOf.get(id) ?? [], testCase) };
    }),
  };
}
