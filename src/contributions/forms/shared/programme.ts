// The programme data the form groups need that is not on the work item, as narrow interfaces:
// the entries load it through src/ado, the component tests pass it in.

import type { RetestRule } from "../../../domain/coverage";
import { Catalogues, resolveCatalogues } from "../../../domain/catalogues";
import type { DefectRulesInput } from "../../../domain/defects";
import { DEFAULT_ENVIRONMENTS, EnvironmentAllocation, EnvironmentDefinition } from "../../../domain/environments";
import type { DefectRecord, Outcome, Participant, TestCaseRecord, TestPointRecord } from "../../../domain/model";
import type { ProgrammeTestIdFormat } from "../../../domain/programmeTestIds";
import type { LinkedRelation } from "./formBinding";

export interface ProgrammeContext {
  catalogues: Catalogues;
  participants: Participant[];
  environments: EnvironmentDefinition[];
  allocations: EnvironmentAllocation[];
  defectRules: DefectRulesInput;
  /** Planned end date (ISO) of each stage, by stage code, for the work-off plan rule. */
  stageEndDates: Record<string, string>;
  /** Programme test case id formats; absent = the defaults (QT-nnn, SITNFT-T<theme>-nnn). */
  testIdFormats?: ProgrammeTestIdFormat[];
  /** Today (ISO date): ages and the work-off plan rule are measured to it. */
  asOf: string;
  /** Stored configuration that did not pass its checks, one sentence each. */
  problems: string[];
}

export type DefectFormContext = Pick<
  ProgrammeContext,
  "catalogues" | "participants" | "environments" | "allocations" | "defectRules" | "stageEndDates" | "asOf" | "problems"
>;
export type RequirementFormContext = Pick<ProgrammeContext, "catalogues" | "problems">;
export type TestCaseFormContext = Pick<ProgrammeContext, "catalogues" | "participants" | "testIdFormats" | "problems">;

/** What the groups fall back to while the configuration cannot be read: the public-record defaults, no register. */
export function defaultProgrammeContext(asOf: string): ProgrammeContext {
  return {
    catalogues: resolveCatalogues(),
    participants: [],
    environments: DEFAULT_ENVIRONMENTS.slice(),
    allocations: [],
    defectRules: {},
    stageEndDates: {},
    asOf,
    problems: [],
  };
}

/** Title, type and state of a linked work item. */
export type { WorkItemSummary } from "../../../ado/formData";

/** The linked test cases of a requirement, their test points (last outcomes) and linked defects. */
export interface RequirementCoverageData {
  testCases: TestCaseRecord[];
  points: TestPointRecord[];
  defects: DefectRecord[];
  closedStates?: string[];
  /** Whether a later run of a test supersedes earlier ones (the exit criteria document's setting). */
  retests?: RetestRule;
}

/** What the coverage loader is asked for. */
export interface CoverageRequest {
  requirementId: number;
  /** Test cases linked by Tested By. */
  testCaseIds: number[];
  /** The requirement's own links, for defects linked straight to it. */
  relations: readonly LinkedRelation[];
}

/** A test point of a test case: where it is planned and how it last ran. */
export interface TestCasePlacement {
  pointId: number;
  planId: number;
  planName: string;
  suiteId: number;
  suiteName: string;
  configuration?: string;
  stage?: string;
  cycle?: string;
  outcome: Outcome;
  /** ISO date-time of the last result. */
  lastRunDate?: string;
}

export const LINK = {
  testedBy: "Microsoft.VSTS.Common.TestedBy-Forward",
  tests: "Microsoft.VSTS.Common.TestedBy-Reverse",
  related: "System.LinkTypes.Related",
  artifact: "ArtifactLink",
} as const;

const WORK_ITEM_URL = /\/_apis\/wit\/workItems\/(\d+)\/?$/i;

/** The id of the work item a link points at, or undefined for links to other artifacts. */
export function linkedWorkItemId(relation: LinkedRelation): number | undefined {
  const match = WORK_ITEM_URL.exec(relation.url ?? "");
  return match ? Number(match[1]) : undefined;
}

/** Ids of the work items linked by one link type, ascending and each once. */
export function linkedIds(relations: readonly LinkedRelation[], rel: string): number[] {
  const ids = new Set<number>();
  for (const relation of relations) {
    if (relation.rel !== rel) continue;
    const id = linkedWorkItemId(relation);
    if (id !== undefined) ids.add(id);
  }
  return Array.from(ids).sort((a, b) => a - b);
}

export interface TestResultLink {
  runId: number;
  resultId: number;
}

const TEST_RESULT_URI = /^vstfs:\/\/\/TestManagement\/TcmResult\/(\d+)\.(\d+)$/i;

/** Test results a defect was raised from (the Test Runner links them as "Test Result" artifacts). */
export function linkedTestResults(relations: readonly LinkedRelation[]): TestResultLink[] {
  const results: TestResultLink[] = [];
  for (const relation of relations) {
    if (relation.rel !== LINK.artifact) continue;
    const match = TEST_RESULT_URI.exec(relation.url ?? "");
    if (match) results.push({ runId: Number(match[1]), resultId: Number(match[2]) });
  }
  return results;
}
