// The plain records the domain works on. src/ado maps Azure DevOps work items, test points and
// documents into these shapes; nothing here knows where they came from.

/** Outcomes as the domain counts them; see normaliseOutcome in progress.ts for the ADO mapping. */
export type Outcome = "passed" | "failed" | "blocked" | "notApplicable" | "notRun";

export const OUTCOMES: readonly Outcome[] = ["passed", "failed", "blocked", "notApplicable", "notRun"];

/** Azure DevOps Severity values, most severe first. */
export const SEVERITIES = ["1 - Critical", "2 - High", "3 - Medium", "4 - Low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ParticipantPath = "SIT" | "QT";
export type Reliance = "none" | "partial" | "combined";
/** How a Smart Data Service collects half-hourly data: the new MDR service or existing Supplier/DCC functionality. */
export type MdrChoice = "MDR" | "SupplierDCC";

export interface Participant {
  mpid: string;
  organisation: string;
  roles: string[];
  path: ParticipantPath;
  reliance: Reliance;
  /** Required when the participant acts as SDS; absent otherwise. */
  mdrChoice?: MdrChoice;
  /** MPIDs of the parties whose testing this participant relies upon (Placing Reliance). */
  reliesOn?: string[];
}

export interface RequirementRecord {
  id: number;
  title: string;
  /** Programme requirement id from the RTTM, when known. */
  requirementId?: string;
  type: string;
  roles: string[];
  stages: string[];
  designReferences?: string;
  state?: string;
  /** Ids of test cases linked by Tested By. */
  testCaseIds: number[];
}

export interface TestCaseRecord {
  id: number;
  title: string;
  programmeTestCaseId?: string;
  stage?: string;
  role?: string;
  participant?: string;
  nftCategory?: string;
  state?: string;
  /** Ids of requirements this test case tests (reverse of Tested By). */
  requirementIds: number[];
}

export interface TestPointRecord {
  id: number;
  testCaseId: number;
  planId: number;
  suiteId: number;
  stage: string;
  cycle?: string;
  role?: string;
  participant?: string;
  configuration?: string;
  outcome: Outcome;
  /** ISO date-time of the last result, if any. */
  lastRunDate?: string;
}

/** One change of a test point's outcome, for trends. */
export interface OutcomeChange {
  pointId: number;
  /** ISO date (yyyy-mm-dd) or date-time. */
  date: string;
  outcome: Outcome;
}

export interface DefectRecord {
  id: number;
  title: string;
  state: string;
  severity: Severity | string;
  priority?: number;
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
  environment?: string;
  category?: string;
  /** ISO date-time the defect was raised. */
  createdDate: string;
  /** ISO date-time it was closed/resolved; absent while open. */
  closedDate?: string;
  workOffPlan?: string;
  testCaseIds: number[];
  requirementIds?: number[];
}

/** States that count as closed unless configuration says otherwise. */
export const DEFAULT_CLOSED_STATES: readonly string[] = ["Closed", "Done", "Resolved", "Removed"];
