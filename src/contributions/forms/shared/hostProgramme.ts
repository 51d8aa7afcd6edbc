// SEAM, to be replaced by src/ado's data sources once they exist: the programme data the form
// groups need, read in a contribution frame through what src/ado offers today (the host
// connection, the configuration store, batch reads of work items). Test points are read with the
// Test REST API's point query until src/ado has a test points source. Keep this file thin: rules
// belong to src/domain, access to src/ado.

import type { AdoConnection } from "../../../ado/clients";
import { connectInHost } from "../../../ado/clients";
import {
  ConfigStore,
  ENVIRONMENTS_PLAN,
  LoadedConfig,
  loadCatalogues,
  PARTICIPANT_REGISTER,
  PLAN_STAGE_MAPPING,
  PlanStage,
  SLA_TARGETS,
  STAGE_CALENDAR,
} from "../../../ado/configStore";
import { FIELD } from "../../../ado/fields";
import { readWorkItems, relationTo } from "../../../ado/workItems";
import { resolveWorkItemTypes } from "../../../ado/workItemTypes";
import type { DefectRecord, TestCaseRecord, TestPointRecord } from "../../../domain/model";
import { normaliseOutcome } from "../../../domain/progress";
import type { LinkedRelation } from "./formBinding";
import { CoverageRequest, LINK, linkedIds, ProgrammeContext, RequirementCoverageData, TestCasePlacement, WorkItemSummary } from "./programme";
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

export async function describeWorkItems(ids: number[]): Promise<WorkItemSummary[]> {
  const read = await readWorkItems(await connect(), ids, [FIELD.title, FIELD.workItemType, FIELD.state]);
  return read.items.map((item) => ({
    id: item.id,
    title: String(item.fields?.[FIELD.title] ?? ""),
    type: String(item.fields?.[FIELD.workItemType] ?? ""),
    state: item.fields?.[FIELD.state] === undefined ? undefined : String(item.fields[FIELD.state]),
  }));
}

// ---------------------------------------------------------------------------------------------
// Test points (POST {project}/_apis/test/points: every point of the given test cases, in any plan)

interface RestReference {
  id?: string | number;
  name?: string;
}

interface RestTestPoint {
  id: number;
  testCase?: RestReference;
  testPlan?: RestReference;
  suite?: RestReference;
  configuration?: RestReference;
  outcome?: string;
  lastUpdatedDate?: string;
  lastResultDetails?: { dateCompleted?: string };
}

async function readTestPoints(conn: AdoConnection, testCaseIds: readonly number[]): Promise<RestTestPoint[]> {
  if (testCaseIds.length === 0) return [];
  const answer = await conn.fetchJson<{ points?: RestTestPoint[] }>(`${encodeURIComponent(conn.projectName)}/_apis/test/points?api-version=7.1`, {
    method: "POST",
    body: JSON.stringify({ pointsFilter: { testcaseIds: testCaseIds } }),
  });
  return answer?.points ?? [];
}

async function planStages(conn: AdoConnection): Promise<PlanStage[]> {
  return (await new ConfigStore(conn.documents).load(PLAN_STAGE_MAPPING)).data.plans;
}

function placementOf(point: RestTestPoint, plans: readonly PlanStage[]): TestCasePlacement {
  const planId = Number(point.testPlan?.id ?? 0);
  const mapped = plans.find((plan) => plan.planId === planId);
  const outcome = normaliseOutcome(point.outcome);
  return {
    pointId: point.id,
    planId,
    planName: point.testPlan?.name ?? `Plan ${planId}`,
    suiteId: Number(point.suite?.id ?? 0),
    suiteName: point.suite?.name ?? "",
    configuration: point.configuration?.name,
    stage: mapped?.stage,
    cycle: mapped?.cycle,
    outcome,
    lastRunDate: outcome === "notRun" ? undefined : (point.lastResultDetails?.dateCompleted ?? point.lastUpdatedDate),
  };
}

export async function loadTestCasePlacements(testCaseId: number): Promise<TestCasePlacement[]> {
  const conn = await connect();
  const [points, plans] = await Promise.all([readTestPoints(conn, [testCaseId]), planStages(conn)]);
  return points.map((point) => placementOf(point, plans));
}

// ---------------------------------------------------------------------------------------------
// Requirement coverage

const TEST_CASE_FIELDS = [FIELD.title, FIELD.state, FIELD.testCaseId, FIELD.testStage, FIELD.marketRole, FIELD.participant, FIELD.nftCategory];
const DEFECT_FIELDS = [
  FIELD.workItemType,
  FIELD.title,
  FIELD.state,
  FIELD.severity,
  FIELD.testStage,
  FIELD.testCycle,
  FIELD.marketRole,
  FIELD.participant,
  FIELD.createdDate,
  FIELD.closedDate,
];

function text(fields: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = fields?.[name];
  if (value === undefined || value === null || value === "") return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

function linkedWorkItems(relations: readonly LinkedRelation[]): number[] {
  return Array.from(new Set([LINK.related, LINK.testedBy, LINK.tests].flatMap((rel) => linkedIds(relations, rel))));
}

export async function loadRequirementCoverage(request: CoverageRequest): Promise<RequirementCoverageData> {
  const conn = await connect();
  const [read, rawPoints, plans, types] = await Promise.all([
    readWorkItems(conn, request.testCaseIds, TEST_CASE_FIELDS, { expandRelations: true }),
    readTestPoints(conn, request.testCaseIds),
    planStages(conn),
    resolveWorkItemTypes(conn),
  ]);
  const testCases: TestCaseRecord[] = read.items.map((item) => ({
    id: item.id,
    title: text(item.fields, FIELD.title) ?? "",
    state: text(item.fields, FIELD.state),
    programmeTestCaseId: text(item.fields, FIELD.testCaseId),
    stage: text(item.fields, FIELD.testStage),
    role: text(item.fields, FIELD.marketRole),
    participant: text(item.fields, FIELD.participant),
    nftCategory: text(item.fields, FIELD.nftCategory),
    requirementIds: linkedIds(item.relations ?? [], LINK.tests),
  }));
  const byId = new Map(testCases.map((testCase) => [testCase.id, testCase]));
  const points: TestPointRecord[] = rawPoints.map((point) => {
    const placement = placementOf(point, plans);
    const testCase = byId.get(Number(point.testCase?.id ?? 0));
    return {
      id: placement.pointId,
      testCaseId: Number(point.testCase?.id ?? 0),
      planId: placement.planId,
      suiteId: placement.suiteId,
      stage: placement.stage ?? testCase?.stage ?? "",
      cycle: placement.cycle,
      role: testCase?.role,
      participant: testCase?.participant,
      configuration: placement.configuration,
      outcome: placement.outcome,
      lastRunDate: placement.lastRunDate,
    };
  });

  const linkedFrom = new Map<number, number[]>();
  for (const item of read.items) {
    for (const id of linkedWorkItems(item.relations ?? [])) linkedFrom.set(id, [...(linkedFrom.get(id) ?? []), item.id]);
  }
  const direct = linkedWorkItems(request.relations).filter((id) => !request.testCaseIds.includes(id));
  const candidates = Array.from(new Set([...linkedFrom.keys(), ...direct])).filter((id) => !byId.has(id) && id !== request.requirementId);
  const bugTypes = new Set((types.bug?.types ?? ["Bug"]).map((type) => type.toLowerCase()));
  const linked = candidates.length > 0 ? (await readWorkItems(conn, candidates, DEFECT_FIELDS)).items : [];
  const defects: DefectRecord[] = linked
    .filter((item) => bugTypes.has((text(item.fields, FIELD.workItemType) ?? "").toLowerCase()))
    .map((item) => ({
      id: item.id,
      title: text(item.fields, FIELD.title) ?? "",
      state: text(item.fields, FIELD.state) ?? "",
      severity: text(item.fields, FIELD.severity) ?? "",
      stage: text(item.fields, FIELD.testStage),
      cycle: text(item.fields, FIELD.testCycle),
      role: text(item.fields, FIELD.marketRole),
      participant: text(item.fields, FIELD.participant),
      createdDate: text(item.fields, FIELD.createdDate) ?? "",
      closedDate: text(item.fields, FIELD.closedDate),
      testCaseIds: linkedFrom.get(item.id) ?? [],
      requirementIds: direct.includes(item.id) ? [request.requirementId] : [],
    }));
  return { testCases, points, defects };
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
