// What the dashboard widgets read: the data source's aggregates (points and work items counted by
// attributes, open defects by the day they were raised for SLA breaches, requirement coverage from
// links and point counts, the defects with written work-off plans, the evidence of the configured
// required tests) and the configuration documents the figures depend on. Nothing here reads every
// work item while Analytics answers.

import type { Catalogues } from "../domain/catalogues";
import { CoverageFilter, CoverageSummary, retestRuleOf, RetestRule } from "../domain/coverage";
import { DefectRules, resolveDefectRules } from "../domain/defects";
import { ExitCriterion, exitCriteriaForStage } from "../domain/exitCriteria";
import type { Participant } from "../domain/model";
import type { AdoConnection } from "./clients";
import { checkQualificationRequirements, QualificationRequirements } from "../domain/qualificationRequirements";
import { ConfigStore, EXIT_CRITERIA, loadCatalogues, PARTICIPANT_REGISTER, QUALIFICATION_REQUIREMENTS, SLA_TARGETS } from "./configStore";
import { chooseDataSource } from "./dataSources";
import type { Counts, PointCountQuery, PointDimension, ProgrammeDataSource, RequiredTestEvidence, RequiredTestQuery, WorkItemCountQuery, WorkItemDimension, WorkItemFilter } from "./dataSources";

/** Attributes open defects are counted by alongside the day they were raised. */
export type RaisedDayDimension = "severity" | "role" | "participant" | "stage";
export type RaisedDayCountDimension = RaisedDayDimension | "raisedDay";

type OpenDefectFilter = Omit<WorkItemFilter, "states" | "excludeStates">;

export interface WidgetData {
  countTestPoints(query: PointCountQuery): Promise<Counts<PointDimension>>;
  countWorkItems(query: WorkItemCountQuery): Promise<Counts<WorkItemDimension>>;
  /** Open defects (not in the configured closed states) by attributes and raisedDay, the ISO date each was raised. */
  countOpenDefectsByRaisedDay(by: readonly RaisedDayDimension[], filter: OpenDefectFilter): Promise<Counts<RaisedDayCountDimension>>;
  /** Open defects in the filter whose work-off plan is written, by severity. */
  countOpenDefectsWithWorkOffPlan(filter: OpenDefectFilter): Promise<Counts<"severity">>;
  /** Requirements in scope by coverage status, with the exit criteria document's retest rule. */
  requirementCoverage(filter: CoverageFilter): Promise<CoverageSummary>;
  /** Only the required test cases named and their points in some stages. */
  requiredTestEvidence(query: RequiredTestQuery): Promise<RequiredTestEvidence>;
  /** The SLA targets and defect rules in force (the project's, over the defaults). */
  defectRules(): Promise<DefectRules>;
  /** The exit criteria of a stage (configured, else the defaults). */
  exitCriteria(stage: string): Promise<readonly ExitCriterion[]>;
  participants(): Promise<Participant[]>;
  /** The usable parts of the qualification requirements (stages per path, readiness RAG rules, required tests). */
  qualificationRequirements(): Promise<QualificationRequirements>;
  catalogues(): Promise<Catalogues>;
  /** Today, as an ISO date: the day defect ages are measured to. */
  today(): string;
}

/** The widgets' reads over a connection; configuration documents are read once per frame. */
export function widgetData(connection: AdoConnection, options: { source?: ProgrammeDataSource; today?: () => string } = {}): WidgetData {
  const source = options.source ?? chooseDataSource(connection);
  const store = new ConfigStore(connection.documents);
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => {
      pending ??= load();
      pending.catch(() => (pending = undefined));
      return pending;
    };
  };
  const rules = once(async () => resolveDefectRules((await store.load(SLA_TARGETS)).data));
  const exitDocument = once(async () => (await store.load(EXIT_CRITERIA)).data);
  const criteria = async () => (await exitDocument()).byStage;
  const retests = async (): Promise<RetestRule | undefined> => retestRuleOf((await exitDocument()).retests);
  const participants = once(async () => (await store.load(PARTICIPANT_REGISTER)).data.participants ?? []);
  const catalogues = once(() => loadCatalogues(store));
  const qualification = once(async () => checkQualificationRequirements((await store.load(QUALIFICATION_REQUIREMENTS)).data, await catalogues()).usable);
  return {
    countTestPoints: (query) => source.countTestPoints(query),
    countWorkItems: (query) => source.countWorkItems(query),
    async countOpenDefectsByRaisedDay(by, filter) {
      const counts = await source.countWorkItems({ subject: "defects", by: [...by, "raisedDay"], filter: { ...filter, excludeStates: (await rules()).closedStates } });
      return counts as Counts<RaisedDayCountDimension>;
    },
    async countOpenDefectsWithWorkOffPlan(filter) {
      return source.countWorkOffPlans({ ...filter, excludeStates: (await rules()).closedStates });
    },
    requirementCoverage: async (filter) => source.requirementCoverage(filter, { retests: await retests() }),
    requiredTestEvidence: (query) => source.requiredTestEvidence(query),
    defectRules: rules,
    exitCriteria: async (stage) => exitCriteriaForStage(stage, await criteria()),
    participants,
    qualificationRequirements: qualification,
    catalogues,
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
}
