// The REST data source, for servers without Analytics (or users without access to it): work items
// by WIQL ids (one call per 20,000) and batch reads of 200 with bounded parallelism, links from the
// work items' relations, test points from the Test Plans API (each plan's points, recursively from
// its root suite, in pages with continuation tokens), and the daily trend from test runs' results,
// read only for the points with a result or reset in its window and only while that fits the trend's
// budget of requests; beyond the budget, from each point's latest result, with a note that says so.
// Counting reads the ids and, in batches, only the fields the counts are by; counting without any
// dimension costs the WIQL calls alone.

import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import { analyseCoverage, CoverageFilter, CoverageSummary, RetestRule } from "../../domain/coverage";
import { nameSet, sameCode } from "../../domain/groupKeys";
import type { DefectRecord, OutcomeChange, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../domain/model";
import { latestResultTrend, normaliseOutcome, PointLatest, progressTrend, resetChanges, splitAtWindow, Trend } from "../../domain/progress";
import type { AdoConnection } from "../clients";
import { FIELD } from "../fields";
import { boundedParallel, parseVssJson, sharedWhileRunning } from "../http";
import { and, eq, inList, notInList, select, WiqlCondition, WiqlMacro } from "../wiql";
import { queryIds, readWorkItems } from "../workItems";
import { SourceContext } from "./context";
import {
  compact,
  CountAccumulator,
  DEFECT_FIELDS,
  dimensionFields,
  dimensionValues,
  filterFields,
  isoDate,
  LinkIndex,
  matchesPointFilter,
  matchesWorkItemFilter,
  PointFact,
  pointDimension,
  pointTestCase,
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
  workItemGetter,
} from "./shared";
import type {
  Counts,
  DailyOutcomeQuery,
  DailyOutcomes,
  DailyTrend,
  PointCountQuery,
  PointDimension,
  PointFilter,
  ProgrammeDataSource,
  RequiredTestEvidence,
  RequiredTestQuery,
  WorkItemCountQuery,
  WorkItemDimension,
  WorkItemFilter,
  WorkItemSubject,
} from "./types";
import { countWrittenWorkOffPlans } from "./workOffPlans";

const API_VERSION = "7.1";
const CONTINUATION_HEADER = "x-ms-continuationtoken";
/** Runs and results per request (the Test API's largest page). */
const TEST_PAGE = 1000;

function indexRelations(items: readonly WorkItem[]): LinkIndex {
  const index = new LinkIndex();
  for (const item of items) index.addRelations(item.id, item.relations ?? []);
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
  lastResetToActive?: Date | string;
  results?: { outcome?: number | string; lastResultDetails?: { dateCompleted?: Date | string } };
}

/** A point as this source reads it: the fact the counts use, and when its outcome was last set. */
interface RestPointFact extends PointFact {
  lastResultDate?: string;
  lastResetDate?: string;
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
  /** Results in the run (with includeRunDetails). */
  totalTests?: number;
}

interface RestTestResult {
  testPoint?: RestReference;
  outcome?: string | number;
  completedDate?: Date | string;
}

/** Requests the daily trend may spend on reading test runs' results before it falls back to the points' latest results. */
export const DEFAULT_TREND_RUN_BUDGET = 250;

export interface RestSourceOptions {
  /** At most this many requests for test runs' results per daily trend (default DEFAULT_TREND_RUN_BUDGET); 0 never reads them. */
  trendRunBudget?: number;
}

/** Requests that read a run's results in pages of TEST_PAGE: one more than the full pages, as getAllBySkip stops at a short page. */
function resultRequests(run: RestTestRun): number {
  return Math.floor(Math.max(0, Number(run.totalTests) || 0) / TEST_PAGE) + 1;
}

function latestOf(fact: RestPointFact): PointLatest & { planId: number } {
  const outcome = normaliseOutcome(fact.outcome as string | number | undefined);
  // Without the last result's details, a point with an outcome was last changed by that result.
  const lastResultDate = fact.lastResultDate ?? (outcome === "notRun" ? undefined : isoDate(fact.changedDate));
  return compact({ id: fact.id ?? 0, planId: fact.planId, outcome, lastResultDate, lastResetDate: fact.lastResetDate });
}

function dailyOf(trend: Trend): DailyOutcomes[] {
  if (trend.messages.length && trend.days.length === 0) throw new RangeError(trend.messages.join(" "));
  return trend.days.map((day) => ({ date: day.date, passed: day.passed, failed: day.failed, blocked: day.blocked, notApplicable: day.notApplicable, notRun: day.notRun }));
}

function latestResultNote(runs: number, requests: number, budget: number): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  return (
    `Read without Analytics, this trend counts each test point from its latest result: not run until that day, then that outcome. ` +
    `Reading the history of ${n(runs)} test run${runs === 1 ? "" : "s"} would take ${n(requests)} request${requests === 1 ? "" : "s"} (more than the ${n(budget)} allowed). ` +
    `Earlier outcomes of points run more than once are not shown.`
  );
}

export function restDataSource(connection: AdoConnection, options: RestSourceOptions = {}): ProgrammeDataSource {
  const trendRunBudget = Math.max(0, options.trendRunBudget ?? DEFAULT_TREND_RUN_BUDGET);
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

  // Reads in flight are shared by the calls that start while they run: a hub loads requirements, test
  // cases, defects and points side by side, each record needs the other categories' ids for its links,
  // and requirement coverage or required test evidence read the same records again. Nothing is kept
  // once a read settles, so the next load sees the project as it is then. Callers only read what they
  // are given (the work items, ids and facts are never changed).
  const sharedIds = sharedWhileRunning<number[]>();
  const sharedItems = sharedWhileRunning<WorkItem[]>();
  const sharedPoints = sharedWhileRunning<RestPointFact[]>();

  function ids(subject: WorkItemSubject, filter?: WorkItemFilter): Promise<number[]> {
    return sharedIds(JSON.stringify([subject, filter ?? null]), async () => {
      const types = subjectTypes(await context.workItemTypes(), subject);
      if (types.length === 0) return [];
      const conditions: WiqlCondition[] = [eq(FIELD.teamProject, WiqlMacro.project), inList(FIELD.workItemType, types)];
      for (const { field, value } of serverFilterFields(subject, filter)) conditions.push(eq(field, value));
      if (filter?.states) conditions.push(inList(FIELD.state, [...filter.states]));
      if (filter?.excludeStates?.length) conditions.push(notInList(FIELD.state, [...filter.excludeStates]));
      return queryIds(connection, select(FIELD.id).where(and(...conditions)));
    });
  }

  function read(subject: WorkItemSubject, fields: readonly string[], relations: boolean): Promise<WorkItem[]> {
    return sharedItems(JSON.stringify([subject, fields, relations]), async () => {
      const found = await ids(subject);
      return (await readWorkItems(connection, found, fields, { expandRelations: relations })).items.sort((a, b) => a.id - b.id);
    });
  }

  /** The points of the plans asked for (a hub loads points and the trend at once: one read). */
  function pointFacts(filter: PointFilter | undefined): Promise<RestPointFact[]> {
    return sharedPoints(JSON.stringify(filter?.planIds ?? null), () => readPointFacts(filter));
  }

  /** Every test point of the project's plans (or of the plans asked for), with the fields of their test cases. */
  async function readPointFacts(filter: PointFilter | undefined): Promise<RestPointFact[]> {
    const plans = (await getAllByContinuation<RestTestPlan>("testplan/Plans")).filter((plan) => !filter?.planIds || filter.planIds.includes(plan.id));
    const perPlan = await boundedParallel(
      plans
        .filter((plan) => plan.rootSuite?.id !== undefined)
        .map((plan) => () => getAllByContinuation<RestTestPoint>(`testplan/Plans/${plan.id}/Suites/${plan.rootSuite!.id}/TestPoint?isRecursive=true&includePointDetails=true`)),
      connection.parallelism,
    );
    const points = perPlan.flat();
    const testCaseIds = [...new Set(points.map((p) => Number(p.testCaseReference?.id)).filter((id) => Number.isInteger(id) && id > 0))];
    const testCases = new Map((await readWorkItems(connection, testCaseIds, POINT_TEST_CASE_FIELDS)).items.map((item) => [item.id, workItemGetter(item)]));
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
        lastResultDate: isoDate(point.results?.lastResultDetails?.dateCompleted),
        lastResetDate: isoDate(point.lastResetToActive),
        testCase: pointTestCase(get),
        count: 1,
      };
    });
  }

  async function scopedFacts(filter: PointFilter | undefined): Promise<{ facts: RestPointFact[]; mapping: StageMapping }> {
    const [facts, mapping] = await Promise.all([pointFacts(filter), context.stageMapping()]);
    return { facts: facts.filter((fact) => matchesPointFilter(fact, filter, mapping)), mapping };
  }

  /** The runs of the plans that started by `until` (ISO date): one list per plan, so plans out of scope cost nothing. */
  async function runsOfPlans(planIds: readonly number[], until: string): Promise<RestTestRun[]> {
    const perPlan = await boundedParallel(
      planIds.map((planId) => () => getAllBySkip<RestTestRun>(`test/runs?planId=${planId}&includeRunDetails=true`)),
      connection.parallelism,
    );
    return perPlan.flat().filter((run) => {
      const started = isoDate(run.startedDate ?? run.createdDate);
      return !started || started.slice(0, 10) <= until;
    });
  }

  /** Each result in the runs that set one of the points' outcome. */
  async function outcomeChanges(points: readonly PointLatest[], runs: readonly RestTestRun[]): Promise<OutcomeChange[]> {
    const pointIds = new Set(points.map((p) => p.id));
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

  const source: ProgrammeDataSource = {
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
        const get = workItemGetter(item);
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

    async countWorkOffPlans(filter: WorkItemFilter): Promise<Counts<"severity">> {
      return countWrittenWorkOffPlans(connection, subjectTypes(await context.workItemTypes(), "defects"), filter);
    },

    async requirementCoverage(filter: CoverageFilter, options: { retests?: RetestRule } = {}): Promise<CoverageSummary> {
      const [requirements, testCases, points] = await Promise.all([source.requirements(), source.testCases(), source.testPoints(filter)]);
      return analyseCoverage({ requirements, testCases, points, filter, gaps: false, retests: options.retests }).summary;
    },

    async requiredTestEvidence(query: RequiredTestQuery): Promise<RequiredTestEvidence> {
      const ids = new Set(query.testCaseIds);
      const programmeIds = nameSet(query.programmeTestCaseIds);
      const named = (tc: TestCaseRecord) => ids.has(tc.id) || (tc.programmeTestCaseId !== undefined && programmeIds.has(tc.programmeTestCaseId.trim().toLowerCase()));
      const testCases = (await source.testCases()).filter(named).map((tc) => ({ ...tc, requirementIds: [] }));
      if (testCases.length === 0 || query.stages.length === 0) return { testCases, points: [] };
      const found = new Set(testCases.map((tc) => tc.id));
      const points = (await source.testPoints()).filter((point) => found.has(point.testCaseId) && query.stages.some((stage) => sameCode(stage, point.stage)));
      return { testCases, points };
    },

    async requirements(): Promise<RequirementRecord[]> {
      const [items, testCaseIds] = await Promise.all([read("requirements", REQUIREMENT_FIELDS, true), ids("testCases")]);
      const index = indexRelations(items);
      const testCases = new Set(testCaseIds);
      return items.map((item) => compact(toRequirement(item.id, workItemGetter(item), index.testedByIds(item.id, testCases))));
    },

    async testCases(): Promise<TestCaseRecord[]> {
      const [items, requirementIds] = await Promise.all([read("testCases", TEST_CASE_FIELDS, true), ids("requirements")]);
      const index = indexRelations(items);
      const requirements = new Set(requirementIds);
      return items.map((item) => compact(toTestCase(item.id, workItemGetter(item), index.testsIds(item.id, requirements))));
    },

    async defects(): Promise<DefectRecord[]> {
      const [items, testCaseIds, requirementIds] = await Promise.all([read("defects", [...DEFECT_FIELDS, FIELD.workOffPlan], true), ids("testCases"), ids("requirements")]);
      const index = indexRelations(items);
      const testCases = new Set(testCaseIds);
      const requirements = new Set(requirementIds);
      return items.map((item) => {
        const get = workItemGetter(item);
        const linked = { testCaseIds: index.linkedIds(item.id, testCases), requirementIds: index.linkedIds(item.id, requirements) };
        return compact(toDefect(item.id, get, text(get(FIELD.workOffPlan)), linked));
      });
    },

    async testPoints(filter?: PointFilter): Promise<TestPointRecord[]> {
      const { facts, mapping } = await scopedFacts(filter);
      return facts.map((fact) => toPointRecord(fact, mapping)).sort((a, b) => a.id - b.id);
    },

    async dailyOutcomes(query: DailyOutcomeQuery): Promise<DailyTrend> {
      const { facts } = await scopedFacts(query.filter);
      const points = facts.map(latestOf);
      // A point last set before the window keeps its outcome through it; only the others need history.
      const { settled, unsettled } = splitAtWindow(points, query.from);
      const runs = await runsOfPlans([...new Set(unsettled.map((p) => p.planId))].filter(Number.isInteger), query.to);
      const requests = runs.reduce((sum, run) => sum + resultRequests(run), 0);
      if (requests <= trendRunBudget) {
        const history = [...(await outcomeChanges(unsettled, runs)), ...resetChanges(unsettled)];
        return { days: dailyOf(progressTrend({ points, history, initial: settled, from: query.from, to: query.to })), basis: "history" };
      }
      return { days: dailyOf(latestResultTrend({ points, from: query.from, to: query.to })), basis: "latestResult", note: latestResultNote(runs.length, requests, trendRunBudget) };
    },
  };
  return source;
}
