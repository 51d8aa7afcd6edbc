// The test area (the older Test REST API, still what runs and results go through): test points of a
// suite, the points query by test case, test runs and their results. A result with an outcome sets
// its point's outcome (devhost/tcm).
import { ApiCall, ApiRouter } from "../http/api";
import { requireProject } from "../http/context";
import { Errors } from "../http/errors";
import { Locations } from "../http/locations";
import { isTrue, listParam } from "./queryParams";
import type { TestPointRecord } from "../store/testPlans";
import { parseOutcome } from "../tcm/enums";
import { TcmRenderer } from "../tcm/render";
import { parseId, TestManagementService } from "../tcm/testManagementService";

export function registerTestRunRoutes(api: ApiRouter): void {
  api.resource(Locations.test.points, { GET: getSuitePoints, PATCH: updateSuitePoints });
  api.resource(Locations.test.pointsQuery, { POST: queryPoints });
  api.resource(Locations.test.runs, { GET: getRuns, POST: createRun, PATCH: updateRun });
  api.resource(Locations.test.results, { GET: getResults, POST: addResults, PATCH: updateResults });
}

// --- points ---

function getSuitePoints(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.requireSuite(plan, params.suiteId);
  if (suite.suiteType === "dynamicTestSuite") ctx.store.transaction(() => service.populate(project, suite));
  const witFields = listParam(query.witfields);
  const renderer = new TcmRenderer(ctx);
  if (params.pointIds !== undefined) {
    const id = parseId(params.pointIds, "point id");
    const point = ctx.store.testPlans.point(id);
    if (!point || point.suiteId !== suite.id) throw Errors.testPointNotFound(id, suite.id);
    return renderer.preload([point]).legacyPoint(point, witFields);
  }
  const points = ctx.store.testPlans.pointsOfSuites([suite.id], {
    pointIds: listParam(query.testpointids)?.map((id) => parseId(id, "testPointIds")),
    testCaseIds: listParam(query.testcaseid)?.map((id) => parseId(id, "testCaseId")),
    configurationId: query.configurationid === undefined ? undefined : parseId(query.configurationid, "configurationId"),
  });
  const page = points.slice(skip(query.$skip), top(query.$top, skip(query.$skip)));
  renderer.preload(page);
  return page.map((point) => renderer.legacyPoint(point, witFields));
}

/** PointUpdateModel: { outcome, resetToActive, tester, comment } applied to every point in the route. */
function updateSuitePoints(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.requireSuite(plan, params.suiteId);
  const ids = listParam(params.pointIds)?.map((id) => parseId(id, "point id"));
  if (!ids) throw Errors.testArgument("The points to update are required in the route: .../Points/{pointIds}.");
  const body = (call.body ?? {}) as { outcome?: unknown; resetToActive?: unknown; tester?: unknown; comment?: unknown };
  const updates = ids.map((id) => ({ id, results: body.outcome === undefined ? undefined : { outcome: body.outcome }, isActive: body.resetToActive === true, tester: body.tester }));
  let points = service.updatePoints(project, plan, suite, updates);
  if (typeof body.comment === "string") {
    points = points.map((point) => ({ ...point, comment: body.comment as string, revision: point.revision + 1 }));
    for (const point of points) ctx.store.testPlans.updatePoint(point);
  }
  const renderer = new TcmRenderer(ctx).preload(points);
  return points.map((point) => renderer.legacyPoint(point, undefined));
}

/** POST test/points: every point of the given test cases in any plan (the forms' placements and coverage). */
function queryPoints(call: ApiCall) {
  const { ctx, query } = call;
  const project = requireProject(ctx);
  const body = (call.body ?? {}) as { pointsFilter?: { testcaseIds?: unknown; configurationNames?: unknown; testers?: unknown }; witFields?: unknown; orderBy?: unknown };
  const filter = body.pointsFilter;
  if (!filter || !Array.isArray(filter.testcaseIds) || filter.testcaseIds.length === 0) {
    throw Errors.testArgument("The points query needs pointsFilter.testcaseIds: the ids of the test cases whose points to return.");
  }
  const testCaseIds = filter.testcaseIds.map((id) => parseId(id, "pointsFilter.testcaseIds"));
  let points: TestPointRecord[] = ctx.store.testPlans.pointsOfTestCases(project.id, testCaseIds);
  const renderer = new TcmRenderer(ctx).preload(points);
  if (Array.isArray(filter.configurationNames) && filter.configurationNames.length > 0) {
    const names = new Set(filter.configurationNames.map((n) => String(n).toLowerCase()));
    points = points.filter((p) => names.has((renderer.configuration(p.configurationId)?.name ?? "").toLowerCase()));
  }
  if (Array.isArray(filter.testers) && filter.testers.length > 0) {
    const testerIds = new Set(
      filter.testers.map((t) => {
        const ref = (t ?? {}) as { id?: string; uniqueName?: string; displayName?: string };
        return (ref.id && ctx.store.identities.get(ref.id)?.id) ?? ctx.store.identities.find(ref.uniqueName ?? ref.displayName ?? "")?.id;
      }),
    );
    points = points.filter((p) => p.testerId !== undefined && testerIds.has(p.testerId));
  }
  const witFields = Array.isArray(body.witFields) ? body.witFields.map(String) : undefined;
  const page = points.slice(skip(query.$skip), top(query.$top, skip(query.$skip)));
  return {
    points: page.map((point) => renderer.legacyPoint(point, witFields)),
    pointsFilter: { testcaseIds: testCaseIds, configurationNames: filter.configurationNames, testers: filter.testers },
    witFields: witFields ?? [],
    orderBy: body.orderBy,
  };
}

// --- runs ---

function getRuns(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const renderer = new TcmRenderer(ctx);
  if (params.runId !== undefined) return renderer.run(new TestManagementService(ctx).requireRun(project, params.runId), true);
  const runs = ctx.store.testPlans.runs(project.id, {
    planId: query.planid === undefined ? undefined : parseId(query.planid, "planId"),
    automated: query.automated === undefined ? undefined : isTrue(query.automated),
    skip: skip(query.$skip),
    top: count(query.$top),
  });
  return runs.map((run) => renderer.run(run, isTrue(query.includerundetails)));
}

function createRun(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  if (params.runId !== undefined) throw Errors.resourceNotFound(`_apis/test/Runs/${params.runId}`);
  const run = new TestManagementService(ctx).createRun(project, call.body);
  return new TcmRenderer(ctx).run(run, true);
}

function updateRun(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const run = service.updateRun(service.requireRun(project, params.runId), call.body);
  return new TcmRenderer(ctx).run(run, true);
}

// --- results ---

function getResults(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const run = new TestManagementService(ctx).requireRun(project, params.runId);
  const renderer = new TcmRenderer(ctx);
  if (params.testCaseResultId !== undefined) {
    const id = parseId(params.testCaseResultId, "result id");
    const result = ctx.store.testPlans.result(run.id, id);
    if (!result) throw Errors.testResultNotFound(run.id, id);
    return renderer.result(result);
  }
  const outcomes = listParam(query.outcomes)?.map(parseOutcome);
  const results = ctx.store.testPlans.results(run.id, { skip: skip(query.$skip), top: count(query.$top), outcomes });
  return results.map((result) => renderer.result(result));
}

function addResults(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  if (params.testCaseResultId !== undefined) throw Errors.resourceNotFound(`_apis/test/Runs/${params.runId}/Results/${params.testCaseResultId}`);
  const service = new TestManagementService(ctx);
  const results = service.addResults(service.requireRun(project, params.runId), call.body);
  const renderer = new TcmRenderer(ctx);
  return results.map((result) => renderer.result(result));
}

function updateResults(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const results = service.updateResults(service.requireRun(project, params.runId), call.body);
  const renderer = new TcmRenderer(ctx);
  return results.map((result) => renderer.result(result));
}

// --- helpers ---

function skip(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw Errors.testArgument(`The value of $skip '${raw}' is not valid.`);
  return value;
}

function count(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw Errors.testArgument(`The value of $top '${raw}' is not valid.`);
  return value;
}

/** The end index of a page ($skip + $top), or all. */
function top(raw: string | undefined, from: number): number | undefined {
  const value = count(raw);
  return value === undefined ? undefined : from + value;
}
