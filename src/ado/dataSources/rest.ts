// The REST data source, for servers without Analytics (or users without access to it): work items
// by WIQL ids (one call per 20,000) and batch reads of 200 with bounded parallelism, links from the
// work items' relations, test points from the Test Plans API (each plan's points, recursively from
// its root suite, in pages with continuation tokens) and their history from test runs' results.
// Counting reads the ids and, in batches, only the fields the counts are by; counting without any
// dimension costs the WIQL calls alone.

import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import type { DefectRecord, OutcomeChange, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../domain/model";
import { normaliseOutcome, progressTrend } from "../../domain/progress";
import type { AdoConnection } from "../clients";
import { FIELD } from "../fields";
import { boundedParallel, parseVssJson } from "../http";
import { and, eq, inList, notInList, select, WiqlCondition, WiqlMacro } from "../wiql";
import { queryIds, readWorkItems } from "../workItems";
import { SourceContext } from "./context";
import {
  compact,
  CountAccumulator,
  DEFECT_FIELDS,
  dimensionFields,
  dimensionValues,
  FieldGetter,
  filterFields,
  LinkIndex,
  matchesPointFilter,
  matchesWorkItemFilter,
  PointFact,
  pointDimension,
  POINT_TEST_CASE_FIELDS,
  REQUIREMENT_FIELDS,
  serverFilterFields,
  StageMapping,
  subjectTypes,
  TEST_CASE_FIELDS,
  text,
  toDefect,
  toPointRecord,
  toRequirement,
  toTestCase,
} from "./shared";
import type {
  Counts,
  DailyOutcomeQuery,
  DailyOutcomes,
  PointCountQuery,
  PointDimension,
  PointFilter,
  ProgrammeDataSource,
  WorkItemCountQuery,
  WorkItemDimension,
  WorkItemFilter,
  WorkItemSubject,
} from "./types";

const API_VERSION = "7.1";
const CONTINUATION_HEADER = "x-ms-continuationtoken";
/** Runs and results per request (the Test API's largest page). */
const TEST_PAGE = 1000;

function getter(item: WorkItem): FieldGetter {
  const fields = item.fields ?? {};
  const lower = new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
  return (referenceName) => fields[referenceName] ?? lower.get(referenceName.toLowerCase());
}

const TARGET_ID = /\/workitems\/(\d+)$/i;

function indexRelations(items: readonly WorkItem[]): LinkIndex {
  const index = new LinkIndex();
  for (const item of items) {
    for (const relation of item.relations ?? []) {
      const target = TARGET_ID.exec(relation.url ?? "");
      if (target && relation.rel) index.add(item.id, relation.rel, Number(target[1]));
    }
  }
  return index;
}

interface RestReference {
  id?: number | string;
  name?: string;
}

interface RestTestPoint {
  id: number;
  testCaseReference?: RestReference;
  testPlan?: RestReference;
  testSuite?: RestReference;
  configuration?: RestReference;
  lastUpdatedDate?: Date | string;
  results?: { outcome?: number | string };
}

interface RestTestPlan {
  id: number;
  rootSuite?: RestReference;
}

interface RestTestRun {
  id: number;
  plan?: RestReference;
  createdDate?: Date | string;
  startedDate?: Date | string;
}

interface RestTestResult {
  testPoint?: RestReference;
  outcome?: string | number;
  completedDate?: Date | string;
}

export function restDataSource(connection: AdoConnection): ProgrammeDataSource {
  const context = new SourceContext(connection);
  const project = encodeURIComponent(connection.projectName);

  /** A GET returning a list: the body and the continuation token of the next page, if any. */
  async function getList<T>(path: string): Promise<{ items: T[]; continuation?: string }> {
    const url = `${await connection.serviceRoot()}${project}/_apis/${path}`;
    const response = await connection.transport.send(url, {
      headers: { Accept: `application/json;api-version=${API_VERSION};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true` },
    });
    const body = parseVssJson<T[] | { value?: T[] }>(await response.text());
    const items = Array.isArray(body) ? body : (body?.value ?? []);
    return { items, continuation: response.headers.get(CONTINUATION_HEADER) ?? undefined };
  }

  async function getAllByContinuation<T>(path: string): Promise<T[]> {
    const all: T[] = [];
    let token: string | undefined;
    do {
      const separator = path.includes("?") ? "&" : "?";
      const page = await getList<T>(token ? `${path}${separator}continuationToken=${encodeURIComponent(token)}` : path);
      all.push(...page.items);
      token = page.continuation;
    } while (token);
    return all;
  }

  async function getAllBySkip<T>(path: string): Promise<T[]> {
    const all: T[] = [];
    for (let skip = 0; ; skip += TEST_PAGE) {
      const separator = path.includes("?") ? "&" : "?";
      const page = await getList<T>(`${path}${separator}$top=${TEST_PAGE}&$skip=${skip}`);
      all.push(...page.items);
      if (page.items.length < TEST_PAGE) return all;
    }
  }

  async function ids(subject: WorkItemSubject, filter?: WorkItemFilter): Promise<number[]> {
    const types = subjectTypes(await context.workItemTypes(), subject);
    if (types.length === 0) return [];
    const conditions: WiqlCondition[] = [eq(FIELD.teamProject, WiqlMacro.project), inList(FIELD.workItemType, types)];
    for (const { field, value } of serverFilterFields(subject, filter)) conditions.push(eq(field, value));
    if (filter?.states) conditions.push(inList(FIELD.state, [...filter.states]));
    if (filter?.excludeStates?.length) conditions.push(notInList(FIELD.state, [...filter.excludeStates]));
    return queryIds(connection, select(FIELD.id).where(and(...conditions)));
  }

  async function read(subject: WorkItemSubject, fields: readonly string[], relations: boolean): Promise<WorkItem[]> {
    const found = await ids(subject);
    return (await readWorkItems(connection, found, fields, { expandRelations: relations })).items.sort((a, b) => a.id - b.id);
  }

  /** Reads of the points in flight, shared by calls that start while one runs (a hub loads points and the trend at once). */
  const pointReads = new Map<string, Promise<PointFact[]>>();
  function pointFacts(filter: PointFilter | undefined): Promise<PointFact[]> {
    const key = JSON.stringify(filter?.planIds ?? null);
    let pending = pointReads.get(key);
    if (!pending) {
      pending = readPointFacts(filter).finally(() => pointReads.delete(key));
      pointReads.set(key, pending);
    }
    return pending;
  }

  /** Every test point of the project's plans (or of the plans asked for), with the fields of their test cases. */
  async function readPointFacts(filter: PointFilter | undefined): Promise<PointFact[]> {
    const plans = (await getAllByContinuation<RestTestPlan>("testplan/Plans")).filter((plan) => !filter?.planIds || filter.planIds.includes(plan.id));
    const perPlan = await boundedParallel(
      plans
        .filter((plan) => plan.rootSuite?.id !== undefined)
        .map((plan) => () => getAllByContinuation<RestTestPoint>(`testplan/Plans/${plan.id}/Suites/${plan.rootSuite!.id}/TestPoint?isRecursive=true&includePointDetails=true`)),
      connection.parallelism,
    );
    const points = perPlan.flat();
    const testCaseIds = [...new Set(points.map((p) => Number(p.testCaseReference?.id)).filter((id) => Number.isInteger(id) && id > 0))];
    const testCases = new Map((await readWorkItems(connection, testCaseIds, POINT_TEST_CASE_FIELDS)).items.map((item) => [item.id, getter(item)]));
    return points.map((point) => {
      const testCaseId = Number(point.testCaseReference?.id);
      const get = testCases.get(testCaseId);
      return {
        id: point.id,
        testCaseId,
        planId: Number(point.testPlan?.id),
        suiteId: Number(point.testSuite?.id),
        configuration: point.configuration?.name || undefined,
        outcome: point.results?.outcome,
        changedDate: point.lastUpdatedDate,
        testCase: {
          stage: text(get?.(FIELD.testStage)),
          cycle: text(get?.(FIELD.testCycle)),
          role: text(get?.(FIELD.marketRole)),
          participant: text(get?.(FIELD.participant)),
        },
        count: 1,
      };
    });
  }

  async function scopedFacts(filter: PointFilter | undefined): Promise<{ facts: PointFact[]; mapping: StageMapping }> {
    const [facts, mapping] = await Promise.all([pointFacts(filter), context.stageMapping()]);
    return { facts: facts.filter((fact) => matchesPointFilter(fact, filter, mapping)), mapping };
  }

  /** Each result that set one of the points' outcome, from the runs of their plans that started by `until` (ISO date). */
  async function outcomeChanges(points: readonly PointFact[], until: string): Promise<OutcomeChange[]> {
    const pointIds = new Set(points.map((p) => p.id));
    const planIds = new Set(points.map((p) => p.planId));
    const runs = (await getAllBySkip<RestTestRun>("test/runs")).filter((run) => {
      const started = run.startedDate ?? run.createdDate;
      const planId = Number(run.plan?.id);
      return (!started || new Date(started).toISOString().slice(0, 10) <= until) && (!Number.isInteger(planId) || planIds.has(planId));
    });
    const perRun = await boundedParallel(
      runs.map((run) => () => getAllBySkip<RestTestResult>(`test/Runs/${run.id}/results`)),
      connection.parallelism,
    );
    const changes: OutcomeChange[] = [];
    for (const result of perRun.flat()) {
      const pointId = Number(result.testPoint?.id);
      if (!pointIds.has(pointId) || !result.completedDate) continue;
      changes.push({ pointId, date: new Date(result.completedDate).toISOString(), outcome: normaliseOutcome(result.outcome) });
    }
    return changes;
  }

  return {
    kind: "rest",

    async countWorkItems(query: WorkItemCountQuery): Promise<Counts<WorkItemDimension>> {
      const accumulator = new CountAccumulator<WorkItemDimension>(query.by);
      const found = await ids(query.subject, query.filter);
      const fields = [...new Set([...query.by.flatMap((d) => dimensionFields(query.subject, d)), ...filterFields(query.subject, query.filter)])];
      if (fields.length === 0) {
        accumulator.add([], found.length);
        return accumulator.result();
      }
      for (const item of (await readWorkItems(connection, found, fields)).items) {
        const get = getter(item);
        if (!matchesWorkItemFilter(query.subject, query.filter, get)) continue;
        accumulator.add(
          query.by.map((d) => dimensionValues(query.subject, d, get)),
          1,
        );
      }
      return accumulator.result();
    },

    async countTestPoints(query: PointCountQuery): Promise<Counts<PointDimension>> {
      const { facts, mapping } = await scopedFacts(query.filter);
      const accumulator = new CountAccumulator<PointDimension>(query.by);
      for (const fact of facts) {
        accumulator.add(
          query.by.map((d) => [pointDimension(fact, d, mapping)]),
          1,
        );
      }
      return accumulator.result();
    },

    async requirements(): Promise<RequirementRecord[]> {
      const [items, testCaseIds] = await Promise.all([read("requirements", REQUIREMENT_FIELDS, true), ids("testCases")]);
      const index = indexRelations(items);
      const testCases = new Set(testCaseIds);
      return items.map((item) => compact(toRequirement(item.id, getter(item), index.testedByIds(item.id, testCases))));
    },

    async testCases(): Promise<TestCaseRecord[]> {
      const [items, requirementIds] = await Promise.all([read("testCases", TEST_CASE_FIELDS, true), ids("requirements")]);
      const index = indexRelations(items);
      const requirements = new Set(requirementIds);
      return items.map((item) => compact(toTestCase(item.id, getter(item), index.testsIds(item.id, requirements))));
    },

    async defects(): Promise<DefectRecord[]> {
      const [items, testCaseIds, requirementIds] = await Promise.all([read("defects", [...DEFECT_FIELDS, FIELD.workOffPlan], true), ids("testCases"), ids("requirements")]);
      const index = indexRelations(items);
      const testCases = new Set(testCaseIds);
      const requirements = new Set(requirementIds);
      return items.map((item) => {
        const get = getter(item);
        const linked = { testCaseIds: index.linkedIds(item.id, testCases), requirementIds: index.linkedIds(item.id, requirements) };
        return compact(toDefect(item.id, get, text(get(FIELD.workOffPlan)), linked));
      });
    },

    async testPoints(filter?: PointFilter): Promise<TestPointRecord[]> {
      const { facts, mapping } = await scopedFacts(filter);
      return facts.map((fact) => toPointRecord(fact, mapping)).sort((a, b) => a.id - b.id);
    },

    async dailyOutcomes(query: DailyOutcomeQuery): Promise<DailyOutcomes[]> {
      const { facts } = await scopedFacts(query.filter);
      const points = facts.map((fact) => ({ id: fact.id ?? 0 }));
      const history = await outcomeChanges(facts, query.to);
      const trend = progressTrend({ points, history, from: query.from, to: query.to });
      if (trend.messages.length && trend.days.length === 0) throw new RangeError(trend.messages.join(" "));
      return trend.days.map((day) => ({ date: day.date, passed: day.passed, failed: day.failed, blocked: day.blocked, notApplicable: day.notApplicable, notRun: day.notRun }));
    },
  };
}
