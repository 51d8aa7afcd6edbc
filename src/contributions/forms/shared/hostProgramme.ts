// The programme data the form groups need, read in a contribution frame: the host connection (one
// per frame), the configuration documents, and the forms' reads in src/ado (formData.ts), shaped
// for the groups. Rules belong to src/domain, access (and how records are built) to src/ado.

import type { AdoConnection } from "../../../ado/clients";
import { connectInHost } from "../../../ado/clients";
import {
  ConfigStore,
  ENVIRONMENTS_PLAN,
  EXIT_CRITERIA,
  LoadedConfig,
  loadCatalogues,
  PARTICIPANT_REGISTER,
  SLA_TARGETS,
  STAGE_CALENDAR,
} from "../../../ado/configStore";
import { WorkItemFormData, workItemFormData } from "../../../ado/formData";
import { relationTo } from "../../../ado/workItems";
import { retestRuleOf } from "../../../domain/coverage";
import { resolveDefectRules } from "../../../domain/defects";
import { resolveWorkItemTypes } from "../../../ado/workItemTypes";
import type { LinkedRelation } from "./formBinding";
import { CoverageRequest, LINK, ProgrammeContext, RequirementCoverageData, TestCasePlacement, WorkItemSummary } from "./programme";
import { todayIso } from "./useProgramme";

let connection: Promise<AdoConnection> | undefined;

function connect(): Promise<AdoConnection> {
  connection ??= connectInHost().catch((error: unknown) => {
    connection = undefined;
    throw error;
  });
  return connection;
}

function problemsOf(...loaded: LoadedConfig<unknown>[]): string[] {
  return loaded.flatMap((config) => config.problems.map((problem) => problem.message));
}

export async function loadProgrammeContext(): Promise<ProgrammeContext> {
  const store = new ConfigStore((await connect()).documents);
  const [catalogues, register, plan, rules, calendar] = await Promise.all([
    loadCatalogues(store),
    store.load(PARTICIPANT_REGISTER),
    store.load(ENVIRONMENTS_PLAN),
    store.load(SLA_TARGETS),
    store.load(STAGE_CALENDAR),
  ]);
  return {
    catalogues,
    participants: register.data.participants,
    environments: plan.data.environments,
    allocations: plan.data.allocations,
    defectRules: rules.data,
    stageEndDates: calendar.problems.length === 0 ? calendar.data.endDates : {},
    asOf: todayIso(),
    problems: problemsOf(register, plan, rules, calendar),
  };
}

/** The forms' reads, with the plan-to-stage mapping read afresh for each form load. */
async function formData(): Promise<WorkItemFormData> {
  return workItemFormData(await connect());
}

export async function describeWorkItems(ids: number[]): Promise<WorkItemSummary[]> {
  return (await formData()).describeWorkItems(ids);
}

export async function loadTestCasePlacements(testCaseId: number): Promise<TestCasePlacement[]> {
  const placed = await (await formData()).placedTestPoints([testCaseId]);
  return placed.map(({ point, planName, suiteName }) => ({
    pointId: point.id,
    planId: point.planId,
    planName: planName ?? `Plan ${point.planId}`,
    suiteId: point.suiteId,
    suiteName: suiteName ?? "",
    configuration: point.configuration,
    stage: point.stage || undefined,
    cycle: point.cycle,
    outcome: point.outcome,
    lastRunDate: point.lastRunDate,
  }));
}

/** The requirement's coverage data, judged with the project's closed states and retest rule. */
export async function loadRequirementCoverage(request: CoverageRequest): Promise<RequirementCoverageData> {
  const store = new ConfigStore((await connect()).documents);
  const [records, rules, criteria] = await Promise.all([(await formData()).requirementRecords(request), store.load(SLA_TARGETS), store.load(EXIT_CRITERIA)]);
  const retests = retestRuleOf(criteria.data.retests);
  return { ...records, closedStates: [...resolveDefectRules(rules.data).closedStates], ...(retests ? { retests } : {}) };
}

// ---------------------------------------------------------------------------------------------
// New linked test case

/** The Tested By link from the requirement to a test case, as the form service takes it. */
export async function testedByRelation(testCaseId: number): Promise<Required<LinkedRelation>> {
  const relation = await relationTo(await connect(), LINK.testedBy, testCaseId);
  return { rel: relation.rel, url: relation.url, attributes: relation.attributes ?? {} };
}

export async function testCaseTypeName(): Promise<string> {
  return (await resolveWorkItemTypes(await connect())).testCase?.defaultType ?? "Test Case";
}
