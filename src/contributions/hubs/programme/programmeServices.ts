// What the programme hub needs from Azure DevOps, as one interface: the host implementation
// (hostProgrammeServices.ts) goes through src/ado; component tests pass fakes.

import type { ProgrammeDataSource } from "../../../ado/dataSources/types";
import type { Catalogues } from "../../../domain/catalogues";
import type { DefectRulesInput } from "../../../domain/defects";
import type { ConcurrencyLimits, EnvironmentAllocation, EnvironmentDefinition } from "../../../domain/environments";
import type { RetestRule } from "../../../domain/coverage";
import type { ExitCriterion } from "../../../domain/exitCriteria";
import type { Participant } from "../../../domain/model";
import type { QualificationRequirements } from "../../../domain/qualificationRequirements";
import type { HubState } from "./filters";

/** The programme's configuration documents, read once when the hub opens. */
export interface HubConfiguration {
  catalogues: Catalogues;
  participants: Participant[];
  environments: EnvironmentDefinition[];
  allocations: EnvironmentAllocation[];
  limits: ConcurrencyLimits;
  /** Criteria by stage code; a stage not listed uses the defaults. */
  exitCriteria: Record<string, ExitCriterion[]>;
  /** For requirement coverage: whether a later run of a test supersedes earlier ones (absent: every run counts). */
  retests?: RetestRule;
  defectRules: DefectRulesInput;
  /** Planned end date (ISO) by stage code, for the work-off plan rule. */
  stageEndDates: Record<string, string>;
  /**
   * The qualification requirements in force (the parts that pass their checks); absent when the
   * document could not be read. No required tests: each participant's planned tests are taken.
   */
  qualification?: QualificationRequirements;
  /** Why the qualification requirements could not be read, when they could not. */
  qualificationFailure?: string;
  /** Stored documents that did not pass their checks, one sentence each (defaults are used instead). */
  problems: string[];
}

export interface ProgrammeHubServices {
  readonly projectName: string;
  /** Requirements, test cases, defects, test points and daily outcomes. */
  readonly source: ProgrammeDataSource;
  /** Why REST is read instead of Analytics, once that is known. */
  fallbackReason(): string | undefined;
  loadConfiguration(): Promise<HubConfiguration>;
  /** Requests answered so far (for the progress indicator). */
  requestsAnswered(): number;
  /** The hub's query parameters in the host page's address. */
  readQuery(): Promise<Record<string, string>>;
  writeQuery(params: Record<string, string>): Promise<void>;
  /** The filters and pivot this user last used; undefined when never saved. */
  loadRemembered(): Promise<Partial<HubState> | undefined>;
  saveRemembered(state: HubState): Promise<void>;
  openWorkItem(id: number): Promise<void>;
  /** Today, ISO date: ages, SLAs and the trend's window are measured to it. */
  today(): string;
}
