// What the hubs and widgets read, behind one interface with two implementations: Analytics (OData
// aggregates and server-driven pages) and REST (WIQL ids, batches of 200, the Test Plans API), for
// servers where Analytics is missing or denied. Both return the same records and counts for the
// same data; see README.md beside this file for how each figure is obtained.

import type { CoverageFilter, CoverageSummary, RetestRule } from "../../domain/coverage";
import type { DefectRecord, Outcome, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../domain/model";

export type DataSourceKind = "analytics" | "rest";

/** What work items are counted or read: the requirement, test case or bug category of the project. */
export type WorkItemSubject = "requirements" | "testCases" | "defects";

/** Attributes work items are counted by. Requirements' roles and stages are multi-valued: an item counts once under each. */
export type WorkItemDimension =
  | "type"
  | "state"
  | "severity"
  | "priority"
  | "stage"
  | "cycle"
  | "role"
  | "participant"
  | "environment"
  | "category"
  | "requirementType"
  | "nftCategory"
  /** The ISO day the work item was created (a defect's raised day), in the server's time zone. */
  | "raisedDay";

/** Attributes test points are counted by; stage and cycle come from the plan-to-stage mapping, else the test case. */
export type PointDimension = "stage" | "cycle" | "role" | "participant" | "outcome" | "planId" | "suiteId";

export interface WorkItemFilter {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
  severity?: string;
  /** Only these states (case-insensitive). */
  states?: readonly string[];
  /** Not these states (case-insensitive), e.g. the closed states for open defects. */
  excludeStates?: readonly string[];
}

export interface PointFilter {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
  planIds?: readonly number[];
}

export interface WorkItemCountQuery {
  subject: WorkItemSubject;
  by: readonly WorkItemDimension[];
  filter?: WorkItemFilter;
}

export interface PointCountQuery {
  by: readonly PointDimension[];
  filter?: PointFilter;
}

export interface CountRow<D extends string> {
  /** The value of each dimension asked for; UNASSIGNED ("(none)") when the item has none. */
  key: Record<D, string>;
  count: number;
}

export interface Counts<D extends string> {
  by: D[];
  /** Sorted by key, values as compareKeys orders them (UNASSIGNED last). */
  rows: CountRow<D>[];
  /** Items counted (an item with two roles counts once here, once under each role in rows). */
  total: number;
}

export interface DailyOutcomeQuery {
  /** First and last day, ISO dates (inclusive). */
  from: string;
  to: string;
  filter?: PointFilter;
}

/** The points in scope by their outcome at the end of a day. */
export interface DailyOutcomes {
  date: string;
  passed: number;
  failed: number;
  blocked: number;
  notApplicable: number;
  /** Points in scope today that had no result (or were reset) by the end of the day. */
  notRun: number;
}

/** How daily outcomes were obtained: from the points' outcome history, or (REST, when reading it would take too many requests) from each point's latest result alone. */
export type DailyTrendBasis = "history" | "latestResult";

export interface DailyTrend {
  days: DailyOutcomes[];
  basis: DailyTrendBasis;
  /** For the user, in plain words, when the days are not the exact history: how they were obtained and what they leave out. */
  note?: string;
}

/** The required tests whose evidence is read: by work item id or programme test case id, in some stages. */
export interface RequiredTestQuery {
  /** Programme test case ids (QT-093), matched without regard to case. */
  programmeTestCaseIds: readonly string[];
  testCaseIds: readonly number[];
  /** Only points in these stages (a point's stage from the plan-to-stage mapping, else its test case). */
  stages: readonly string[];
}

/**
 * The test cases a RequiredTestQuery names and their points in its stages. Analytics gives one
 * point per test case, plan, stage, role, participant and outcome, dated by its latest change
 * (what readiness reads: which outcomes, and the latest run); REST gives every point. Test cases'
 * requirement links are not read (empty).
 */
export interface RequiredTestEvidence {
  testCases: TestCaseRecord[];
  points: TestPointRecord[];
}

export interface ProgrammeDataSource {
  readonly kind: DataSourceKind;
  /** Work items of a category counted by attributes, without reading each work item where the server can count. */
  countWorkItems(query: WorkItemCountQuery): Promise<Counts<WorkItemDimension>>;
  /** Test points counted by attributes and last outcome. */
  countTestPoints(query: PointCountQuery): Promise<Counts<PointDimension>>;
  /** Defects in the filter whose work-off plan is written, by severity: only the defects with a plan are read. */
  countWorkOffPlans(filter: WorkItemFilter): Promise<Counts<"severity">>;
  /** The requirements in scope by coverage status, from links and point counts rather than every work item where the server can. */
  requirementCoverage(filter: CoverageFilter, options?: { retests?: RetestRule }): Promise<CoverageSummary>;
  /** The evidence of required tests: only the test cases named and their points in the stages asked for. */
  requiredTestEvidence(query: RequiredTestQuery): Promise<RequiredTestEvidence>;
  requirements(): Promise<RequirementRecord[]>;
  testCases(): Promise<TestCaseRecord[]>;
  defects(): Promise<DefectRecord[]>;
  testPoints(filter?: PointFilter): Promise<TestPointRecord[]>;
  /** Per day from `from` to `to`: the points in scope by outcome at the end of that day, and how that was obtained. */
  dailyOutcomes(query: DailyOutcomeQuery): Promise<DailyTrend>;
}

export type { Outcome };
