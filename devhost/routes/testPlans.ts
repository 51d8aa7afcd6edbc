// Test Plans (the testplan area, api 7.x): configurations, plans, suites (flat or as a tree), the test
// cases in a suite, and test points with their outcomes. Lists page with a continuation token in the
// x-ms-continuationtoken header, as the service does.
import { ApiCall, ApiRouter, reply } from "../http/api";
import { RequestContext, requireProject } from "../http/context";
import { Errors } from "../http/errors";
import { Locations } from "../http/locations";
import { isTrue, listParam } from "./queryParams";
import type { TestPointRecord, TestSuiteRecord } from "../store/testPlans";
import { PointOptions, TcmRenderer } from "../tcm/render";
import { parseId, TestManagementService } from "../tcm/testManagementService";

/** Rows per page of points, test cases, suites, plans and configurations (this host's choice). */
export const TEST_PLAN_PAGE_SIZE = 200;
const CONTINUATION_HEADER = "x-ms-continuationtoken";

export function registerTestPlanRoutes(api: ApiRouter): void {
  api.resource(Locations.testplan.configurations, { GET: getConfigurations });
  api.resource(Locations.testplan.plans, { GET: getPlans, POST: createPlan });
  api.resource(Locations.testplan.suites, { GET: getSuites, POST: createSuite });
  api.resource(Locations.testplan.testCases, { GET: getTestCases, POST: addTestCases });
  api.resource(Locations.testplan.testPoints, { GET: getPoints, PATCH: updatePoints });
  api.resource(Locations.testplan.suitesByTestCase, { GET: getSuitesByTestCase });
}

// --- configurations ---

function getConfigurations(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const renderer = new TcmRenderer(ctx);
  if (params.testConfigurationId !== undefined) {
    const id = parseId(params.testConfigurationId, "configuration id");
    const configuration = ctx.store.testPlans.configuration(id);
    if (!configuration || configuration.projectId !== project.id) throw Errors.testObjectNotFound(`Test configuration ${id} not found.`);
    return renderer.testConfiguration(configuration);
  }
  const rows = ctx.store.testPlans.configurations(project.id, { afterId: afterIdToken(query.continuationtoken), limit: TEST_PLAN_PAGE_SIZE + 1 });
  return pagedById(rows, (c) => renderer.testConfiguration(c));
}

// --- plans ---

function getPlans(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const renderer = new TcmRenderer(ctx);
  const service = new TestManagementService(ctx);
  if (params.planId !== undefined) return renderer.testPlan(service.requirePlan(project, params.planId));
  const owner = query.owner ? (ctx.store.identities.get(query.owner) ?? ctx.store.identities.find(query.owner)) : undefined;
  if (query.owner && !owner) return reply(200, []);
  const rows = ctx.store.testPlans.plans(project.id, {
    afterId: afterIdToken(query.continuationtoken),
    limit: TEST_PLAN_PAGE_SIZE + 1,
    ownerId: owner?.id,
    activeOnly: isTrue(query.filteractiveplans),
  });
  return pagedById(rows, (plan) => renderer.testPlan(plan));
}

function createPlan(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  if (params.planId !== undefined) throw Errors.resourceNotFound(`_apis/testplan/Plans/${params.planId}`);
  const plan = new TestManagementService(ctx).createPlan(project, call.body);
  return new TcmRenderer(ctx).testPlan(plan);
}

// --- suites ---

type SuiteExpand = { children: boolean; defaultTesters: boolean };

function parseSuiteExpand(raw: string | undefined): SuiteExpand {
  if (!raw) return { children: false, defaultTesters: false };
  if (/^\d+$/.test(raw)) return { children: (Number(raw) & 1) !== 0, defaultTesters: (Number(raw) & 2) !== 0 };
  const names = raw.split(",").map((n) => n.trim().toLowerCase());
  for (const name of names) {
    if (!["none", "children", "defaulttesters"].includes(name)) throw Errors.invalidTestProperty(`The expand value '${name}' is not valid. Valid values are: none, children, defaultTesters.`);
  }
  return { children: names.includes("children"), defaultTesters: names.includes("defaulttesters") };
}

function getSuites(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const renderer = new TcmRenderer(ctx);
  const expand = parseSuiteExpand(query.expand);
  const suites = ctx.store.testPlans.suitesOfPlan(plan.id);
  const childrenOf = new Map<number, TestSuiteRecord[]>();
  for (const suite of suites) if (suite.parentSuiteId !== undefined) childrenOf.set(suite.parentSuiteId, [...(childrenOf.get(suite.parentSuiteId) ?? []), suite]);
  const render = (suite: TestSuiteRecord, depth: number): unknown => {
    const children = childrenOf.get(suite.id) ?? [];
    return renderer.testSuite(suite, {
      hasChildren: children.length > 0,
      defaultTesters: expand.defaultTesters,
      children: depth > 0 && children.length > 0 ? children.map((child) => render(child, depth - 1)) : undefined,
    });
  };
  if (params.suiteId !== undefined) return render(service.requireSuite(plan, params.suiteId), expand.children ? 1 : 0);
  if (isTrue(query.astreeview)) return suites.filter((s) => s.parentSuiteId === undefined).map((root) => render(root, Number.MAX_SAFE_INTEGER));
  const start = offsetToken(query.continuationtoken);
  const page = suites.slice(start, start + TEST_PLAN_PAGE_SIZE);
  const body = page.map((suite) => render(suite, expand.children ? 1 : 0));
  return start + TEST_PLAN_PAGE_SIZE < suites.length ? reply(200, body, { [CONTINUATION_HEADER]: String(start + TEST_PLAN_PAGE_SIZE) }) : body;
}

function createSuite(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  if (params.suiteId !== undefined) throw Errors.resourceNotFound(`_apis/testplan/Plans/${params.planId}/Suites/${params.suiteId}`);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.createSuite(project, plan, call.body);
  return new TcmRenderer(ctx).testSuite(suite, { hasChildren: false });
}

function getSuitesByTestCase(call: ApiCall) {
  const { ctx, query } = call;
  const testCaseId = parseId(query.testcaseid, "testCaseId");
  const renderer = new TcmRenderer(ctx);
  return ctx.store.testPlans
    .suitesOfTestCase(testCaseId)
    .filter((suite) => !ctx.project || renderer.plan(suite.planId)?.projectId === ctx.project.id)
    .map((suite) => renderer.testSuite(suite, { hasChildren: ctx.store.testPlans.childCount(suite.id) > 0 }));
}

// --- test cases in a suite ---

function getTestCases(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.requireSuite(plan, params.suiteId);
  if (suite.suiteType === "dynamicTestSuite") ctx.store.transaction(() => service.populate(project, suite));
  const renderer = new TcmRenderer(ctx);
  const witFields = listParam(query.witfields);
  const exclude = Number(query.excludeflags ?? 0);
  const suiteIds = isTrue(query.isrecursive) ? descendants(ctx, plan.id, suite.id) : [suite.id];
  let entries = suiteIds.flatMap((id) => ctx.store.testPlans.suiteTestCases(id));
  if (params.testCaseId !== undefined) {
    const id = parseId(params.testCaseId, "test case id");
    entries = entries.filter((e) => e.testCaseId === id);
    if (entries.length === 0) throw Errors.testObjectNotFound(`Test case ${id} not found in test suite ${suite.id}.`);
  }
  const testIds = listParam(query.testids)?.map((id) => parseId(id, "testIds"));
  if (testIds) entries = entries.filter((e) => testIds.includes(e.testCaseId));
  const configurationIds = listParam(query.configurationids)?.map((id) => parseId(id, "configurationIds"));
  const points = ctx.store.testPlans.pointsOfSuites(suiteIds, { testCaseIds: entries.map((e) => e.testCaseId) });
  renderer.preload(points);
  const pointsOf = (suiteId: number, testCaseId: number) => points.filter((p) => p.suiteId === suiteId && p.testCaseId === testCaseId);
  if (configurationIds) entries = entries.filter((e) => configurationIds.every((c) => pointsOf(e.suiteId, e.testCaseId).some((p) => p.configurationId === c)));
  const render = (entry: (typeof entries)[number]) => {
    const rendered: Record<string, unknown> = renderer.suiteTestCase(entry, (exclude & 1) !== 0 ? [] : pointsOf(entry.suiteId, entry.testCaseId), witFields);
    if ((exclude & 1) !== 0) delete rendered.pointAssignments;
    if ((exclude & 2) !== 0) {
      delete rendered.testPlan;
      delete rendered.testSuite;
      delete rendered.project;
    }
    return rendered;
  };
  if (params.testCaseId !== undefined) return entries.map(render);
  const start = offsetToken(query.continuationtoken);
  const body = entries.slice(start, start + TEST_PLAN_PAGE_SIZE).map(render);
  return start + TEST_PLAN_PAGE_SIZE < entries.length ? reply(200, body, { [CONTINUATION_HEADER]: String(start + TEST_PLAN_PAGE_SIZE) }) : body;
}

function addTestCases(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.requireSuite(plan, params.suiteId);
  const added = service.addTestCases(project, suite, call.body);
  const renderer = new TcmRenderer(ctx);
  const points = ctx.store.testPlans.pointsOfSuites([suite.id], { testCaseIds: added.map((e) => e.testCaseId) });
  renderer.preload(points);
  return added.map((entry) => renderer.suiteTestCase(entry, points.filter((p) => p.testCaseId === entry.testCaseId), undefined));
}

// --- test points ---

function pointOptions(query: ApiCall["query"]): PointOptions {
  return { details: query.includepointdetails === undefined ? true : isTrue(query.includepointdetails), identityRefs: isTrue(query.returnidentityref) };
}

function getPoints(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.requireSuite(plan, params.suiteId);
  if (suite.suiteType === "dynamicTestSuite") ctx.store.transaction(() => service.populate(project, suite));
  const renderer = new TcmRenderer(ctx);
  const options = pointOptions(query);
  const suiteIds = isTrue(query.isrecursive) ? descendants(ctx, plan.id, suite.id) : [suite.id];
  const routeIds = listParam(params.pointIds)?.map((id) => parseId(id, "point id"));
  const pointIds = routeIds ?? listParam(query.testpointids)?.map((id) => parseId(id, "testPointIds"));
  const testCaseIds = listParam(query.testcaseid)?.map((id) => parseId(id, "testCaseId"));
  if (routeIds) {
    const points = ctx.store.testPlans.pointsOfSuites(suiteIds, { pointIds: routeIds });
    const missing = routeIds.find((id) => !points.some((p) => p.id === id));
    if (missing !== undefined) throw Errors.testPointNotFound(missing, suite.id);
    renderer.preload(points);
    return points.map((point) => renderer.testPoint(point, options));
  }
  const rows = ctx.store.testPlans.pointsOfSuites(suiteIds, { pointIds, testCaseIds, afterId: afterIdToken(query.continuationtoken), limit: TEST_PLAN_PAGE_SIZE + 1 });
  renderer.preload(rows);
  return pagedById(rows, (point) => renderer.testPoint(point, options));
}

function updatePoints(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const service = new TestManagementService(ctx);
  const plan = service.requirePlan(project, params.planId);
  const suite = service.requireSuite(plan, params.suiteId);
  const updated: TestPointRecord[] = service.updatePoints(project, plan, suite, call.body);
  const renderer = new TcmRenderer(ctx).preload(updated);
  return updated.map((point) => renderer.testPoint(point, pointOptions(query)));
}

// --- helpers ---

/** The suite and every suite below it. */
function descendants(ctx: RequestContext, planId: number, suiteId: number): number[] {
  const suites = ctx.store.testPlans.suitesOfPlan(planId);
  const ids = [suiteId];
  for (let i = 0; i < ids.length; i++) for (const suite of suites) if (suite.parentSuiteId === ids[i]) ids.push(suite.id);
  return ids;
}

/** A page of rows fetched with one extra: when the extra is there, the token says where to go on. */
function pagedById<T extends { id: number }>(rows: T[], render: (row: T) => unknown) {
  const page = rows.slice(0, TEST_PLAN_PAGE_SIZE);
  const body = page.map(render);
  return rows.length > TEST_PLAN_PAGE_SIZE ? reply(200, body, { [CONTINUATION_HEADER]: String(page[page.length - 1].id) }) : body;
}

function afterIdToken(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw Errors.invalidTestProperty(`The continuation token '${raw}' is not valid.`);
  return Number(raw);
}

function offsetToken(raw: string | undefined): number {
  return afterIdToken(raw) ?? 0;
}
