// Test plans, suites, points, runs and results in the local host: REST shapes of both areas (testplan
// and test), continuation paging, results setting points' outcomes and history, refusals that leave
// the store unchanged, the official Node client, and the seeded execution data.
import { getPersonalAccessTokenHandler, WebApi } from "azure-devops-node-api";
import { RunCreateModel } from "azure-devops-node-api/interfaces/TestInterfaces";
import { Outcome, SuiteExpand } from "azure-devops-node-api/interfaces/TestPlanInterfaces";
import { PLAN_STAGE_MAPPING, readConfig } from "../../../src/ado/configStore";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import { TESTER_USER } from "../../../devhost/catalogue/users";
import { TEST_PLAN_PAGE_SIZE } from "../../../devhost/routes/testPlans";
import { CONFIG_COLLECTION, CONFIG_DOCUMENT, EXECUTION_WINDOW_DAYS, MAX_EXECUTIONS_PER_POINT, MHHS_EXTENSION, seedProgramme } from "../../../devhost/seed";
import type { DevhostHandle } from "../../../devhost/server";
import { bootstrapOrganization } from "../../../devhost/store/bootstrap";
import { openStore } from "../../../devhost/store/store";
import { ANCHOR, Json, ORG, PROJECT, PROJECT_PATH, Rest, RestResponse, startTestHost } from "./host";

const WEB_CLIENT_ACCEPT = "application/json;api-version=7.1-preview.1;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true";
const TESTPLAN = `${PROJECT_PATH}/_apis/testplan`;
const TEST = `${PROJECT_PATH}/_apis/test`;

type Store = DevhostHandle["store"];

/** Row counts of every table: equal fingerprints mean nothing was written. */
function fingerprint(store: Store): Record<string, number> {
  const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (store.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

function one<T>(store: Store, sql: string, ...args: unknown[]): T {
  return store.db.prepare(sql).get(...args) as T;
}

function all<T>(store: Store, sql: string, ...args: unknown[]): T[] {
  return store.db.prepare(sql).all(...args) as T[];
}

describe("devhost test plans over REST", () => {
  let host: DevhostHandle;
  let rest: Rest;
  /** The plan with the most points, its root suite, and a participant suite of it. */
  let plan: { id: number; name: string; rootSuiteId: number };
  let leaf: { id: number; planId: number };

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.2 });
    rest = new Rest(host);
    plan = one(host.store, "SELECT p.id, p.name, p.root_suite_id AS rootSuiteId FROM test_plans p JOIN test_points t ON t.plan_id = p.id GROUP BY p.id ORDER BY COUNT(*) DESC, p.id LIMIT 1");
    leaf = one(host.store, "SELECT s.id, s.plan_id AS planId FROM test_suites s JOIN test_points t ON t.suite_id = s.id WHERE s.plan_id = ? GROUP BY s.id HAVING COUNT(*) >= 4 ORDER BY s.id LIMIT 1", plan.id);
  });
  afterAll(() => host.close());

  /** Points of a suite that have never run, to give them results. */
  function freshPoints(planId: number, count: number): { id: number; suite_id: number; test_case_id: number }[] {
    return all(host.store, "SELECT id, suite_id, test_case_id FROM test_points WHERE plan_id = ? AND outcome = 'None' ORDER BY id LIMIT ?", planId, count);
  }

  describe("plans, suites and configurations", () => {
    it("lists the plans and reads one, shaped as TestPlan", async () => {
      const list = await rest.get(`${TESTPLAN}/plans`);
      expect(list.status).toBe(200);
      expect(list.body.count).toBe(16);
      const names = list.body.value.map((p: Json) => p.name);
      expect(names).toEqual(expect.arrayContaining(["SIT-FUNC Cycle 1", "SIT-FUNC Cycle 3", "QT Batch 2", "SIT-NFT", "PIT"]));
      const read = await rest.get(`${TESTPLAN}/Plans/${plan.id}`);
      expect(read.body).toMatchObject({
        id: plan.id,
        name: plan.name,
        areaPath: PROJECT,
        iteration: PROJECT,
        state: "Active",
        rootSuite: { id: plan.rootSuiteId, name: plan.name },
        owner: { displayName: "Morgan Manager" },
        project: { name: PROJECT, state: "wellFormed" },
      });
      expect(Date.parse(read.body.startDate)).toBeLessThan(ANCHOR.getTime());
    });

    it("speaks the web client's dialect: bare arrays, enums as numbers, MS dates", async () => {
      const list = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${leaf.id}/TestPoint`, { accept: WEB_CLIENT_ACCEPT });
      expect(Array.isArray(list.body)).toBe(true);
      expect(list.text).toMatch(/"lastUpdatedDate":"\\\/Date\(\d+\)\\\/"/);
      expect(typeof list.body[0].results.outcome).toBe("number");
      expect(typeof list.body[0].results.state).toBe("number");
      const suite = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${leaf.id}`, { accept: WEB_CLIENT_ACCEPT });
      expect(suite.body.suiteType).toBe(2);
    });

    it("returns the suites flat with their parents, or as a tree of role and participant suites", async () => {
      const flat = await rest.get(`${TESTPLAN}/Plans/${plan.id}/suites`);
      const suites = flat.body.value as Json[];
      expect(suites[0]).toMatchObject({ id: plan.rootSuiteId, name: plan.name, suiteType: "staticTestSuite", hasChildren: true });
      expect(suites[0]).not.toHaveProperty("parentSuite");
      expect(suites.slice(1).every((s) => typeof s.parentSuite?.id === "number")).toBe(true);
      const tree = await rest.get(`${TESTPLAN}/Plans/${plan.id}/suites?asTreeView=true`);
      expect(tree.body.count).toBe(1);
      const root = tree.body.value[0];
      const roles = root.children as Json[];
      expect(roles.length).toBeGreaterThan(1);
      expect(roles.every((r) => /^[A-Z]+ - /.test(r.name) && r.parentSuite.id === root.id)).toBe(true);
      const participantSuites = roles.flatMap((r) => (r.children ?? []) as Json[]);
      expect(participantSuites.length).toBeGreaterThan(0);
      expect(participantSuites.every((p) => /^[A-Z]{3}[A-Z] - /.test(p.name))).toBe(true);
      const count = (node: Json): number => 1 + ((node.children ?? []) as Json[]).reduce((n, c) => n + count(c), 0);
      expect(count(root)).toBe(suites.length);
      const withChildren = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${root.id}?expand=children`);
      expect(withChildren.body.children.map((c: Json) => c.id)).toEqual(roles.map((r) => r.id));
    });

    it("lists the test cases of a suite with their point assignments and requested fields", async () => {
      const response = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${leaf.id}/TestCase?witFields=System.Title,Custom.MhhsTestStage`);
      const entries = response.body.value as Json[];
      const testCases = all<{ test_case_id: number }>(host.store, "SELECT test_case_id FROM test_suite_test_cases WHERE suite_id = ? ORDER BY sort_order", leaf.id);
      expect(entries.map((e) => e.workItem.id)).toEqual(testCases.map((t) => t.test_case_id));
      expect(entries[0]).toMatchObject({ testPlan: { id: plan.id }, testSuite: { id: leaf.id }, order: 1 });
      expect(entries[0].workItem.workItemFields).toEqual([{ "System.Title": expect.any(String) }, { "Custom.MhhsTestStage": expect.any(String) }]);
      const pointIds = all<{ id: number }>(host.store, "SELECT id FROM test_points WHERE suite_id = ? AND test_case_id = ? ORDER BY id", leaf.id, entries[0].workItem.id).map((p) => p.id);
      expect(entries[0].pointAssignments.map((a: Json) => a.id)).toEqual(pointIds);
      expect(entries[0].pointAssignments.every((a: Json) => ["SIT-A", "SIT-B"].includes(a.configurationName) && a.tester.displayName)).toBe(true);
    });

    it("lists the configurations", async () => {
      const response = await rest.get(`${TESTPLAN}/Configurations`);
      expect(response.body.value.map((c: Json) => c.name)).toEqual(expect.arrayContaining(["SIT-A", "SIT-B", "QTF", "PIT"]));
      expect(response.body.value.find((c: Json) => c.name === "SIT-A")).toMatchObject({ isDefault: true, state: "active", values: [{ name: "Environment", value: "SIT-A" }] });
    });

    it("finds the suites of a test case", async () => {
      const testCaseId = one<{ id: number }>(host.store, "SELECT test_case_id AS id FROM test_suite_test_cases WHERE suite_id = ? LIMIT 1", leaf.id).id;
      const response = await rest.get(`/${ORG}/_apis/testplan/Suites?testCaseId=${testCaseId}`);
      expect(response.body.value.map((s: Json) => s.id)).toContain(leaf.id);
    });
  });

  describe("test points", () => {
    it("pages a plan's points with the x-ms-continuationtoken header", async () => {
      const total = one<{ n: number }>(host.store, "SELECT COUNT(*) AS n FROM test_points WHERE plan_id = ?", plan.id).n;
      expect(total).toBeGreaterThan(TEST_PLAN_PAGE_SIZE);
      const ids: number[] = [];
      let token: string | null = null;
      let pages = 0;
      do {
        const response: RestResponse = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${plan.rootSuiteId}/TestPoint?isRecursive=true${token ? `&continuationToken=${token}` : ""}`);
        expect(response.status).toBe(200);
        const page = response.body.value as Json[];
        expect(page.length).toBeLessThanOrEqual(TEST_PLAN_PAGE_SIZE);
        ids.push(...page.map((p) => p.id));
        token = response.headers.get("x-ms-continuationtoken");
        pages++;
      } while (token);
      expect(pages).toBe(Math.ceil(total / TEST_PLAN_PAGE_SIZE));
      expect(ids.length).toBe(total);
      expect(new Set(ids).size).toBe(total);
      const notRecursive = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${plan.rootSuiteId}/TestPoint`);
      expect(notRecursive.body.count).toBe(0);
      expect((await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${leaf.id}/TestPoint?continuationToken=abc`)).status).toBe(400);
    });

    it("shapes a point as the TestPlan TestPoint: test case, configuration, tester, results", async () => {
      const row = one<{ id: number }>(host.store, "SELECT id FROM test_points WHERE plan_id = ? AND last_result_id IS NOT NULL ORDER BY id LIMIT 1", plan.id);
      const stored = host.store.testPlans.point(row.id)!;
      const response = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${stored.suiteId}/TestPoint/${stored.id}?returnIdentityRef=true`);
      const point = response.body.value[0];
      expect(point).toMatchObject({
        id: stored.id,
        testCaseReference: { id: stored.testCaseId, name: expect.stringMatching(/: verify /), state: expect.any(String) },
        configuration: { id: stored.configurationId, name: expect.stringMatching(/^SIT-[AB]$/) },
        tester: { displayName: expect.any(String), uniqueName: expect.stringMatching(/@mhhs\.example$/) },
        testPlan: { id: plan.id, name: plan.name },
        testSuite: { id: stored.suiteId },
        isActive: false,
        isAutomated: false,
        results: {
          outcome: stored.outcome.charAt(0).toLowerCase() + stored.outcome.slice(1),
          lastResultId: stored.lastResultId,
          lastTestRunId: stored.lastRunId,
          lastResultState: "completed",
          lastResultDetails: { dateCompleted: stored.lastResultCompletedDate, duration: stored.lastResultDurationMs, runBy: { displayName: expect.any(String) } },
        },
      });
      const small = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${stored.suiteId}/TestPoint/${stored.id}?includePointDetails=false`);
      expect(small.body.value[0].results).not.toHaveProperty("lastResultDetails");
      expect(small.body.value[0]).not.toHaveProperty("project");
    });

    it("answers the points query by test case ids with the older TestPoint shape, in every plan", async () => {
      const testCaseId = one<{ id: number }>(host.store, "SELECT test_case_id AS id FROM test_points GROUP BY test_case_id HAVING COUNT(DISTINCT plan_id) > 1 ORDER BY test_case_id LIMIT 1").id;
      const expected = all<{ id: number; plan_id: number; outcome: string }>(host.store, "SELECT id, plan_id, outcome FROM test_points WHERE test_case_id = ? ORDER BY id", testCaseId);
      const response = await rest.post(`${TEST}/points`, { pointsFilter: { testcaseIds: [testCaseId] } });
      expect(response.status).toBe(200);
      const points = response.body.points as Json[];
      expect(points.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      expect(points[0]).toMatchObject({
        testCase: { id: String(testCaseId) },
        testPlan: { id: String(expected[0].plan_id), name: expect.any(String) },
        suite: { id: expect.any(String), name: expect.any(String) },
        configuration: { id: expect.any(String), name: expect.any(String) },
        outcome: expected[0].outcome,
        state: expect.stringMatching(/^(Ready|Completed|NotReady|InProgress)$/),
      });
      const filtered = await rest.post(`${TEST}/points`, { pointsFilter: { testcaseIds: [testCaseId], configurationNames: ["SIT-B"] } });
      expect(filtered.body.points.every((p: Json) => p.configuration.name === "SIT-B")).toBe(true);
      expect((await rest.post(`${TEST}/points`, { pointsFilter: {} })).status).toBe(400);
    });

    it("lists a suite's points in the test area with $skip and $top", async () => {
      const all = await rest.get(`${TEST}/Plans/${plan.id}/Suites/${leaf.id}/points`);
      expect(all.body.count).toBeGreaterThanOrEqual(4);
      const page = await rest.get(`${TEST}/Plans/${plan.id}/Suites/${leaf.id}/points?$skip=1&$top=2`);
      expect(page.body.value.map((p: Json) => p.id)).toEqual(all.body.value.slice(1, 3).map((p: Json) => p.id));
      const one = await rest.get(`${TEST}/Plans/${plan.id}/Suites/${leaf.id}/points/${all.body.value[0].id}`);
      expect(one.body.id).toBe(all.body.value[0].id);
    });
  });

  describe("runs and results", () => {
    it("creates a run of points, records outcomes on them with history, and completes it once", async () => {
      const [a, b, c] = freshPoints(plan.id, 3);
      const created = await rest.post(`${TEST}/runs`, { name: "Cycle rerun", plan: { id: plan.id }, pointIds: [a.id, b.id] });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ name: "Cycle rerun", state: "NotStarted", plan: { id: String(plan.id) }, totalTests: 2, incompleteTests: 2, isAutomated: false });
      const runId = created.body.id;
      const pending = (await rest.get(`${TEST}/Runs/${runId}/results`)).body.value as Json[];
      expect(pending.map((r) => [r.testPoint.id, r.outcome, r.state])).toEqual([
        [String(a.id), "Unspecified", "Pending"],
        [String(b.id), "Unspecified", "Pending"],
      ]);
      expect(pending[0].id).toBe(100000);
      expect(host.store.testPlans.point(a.id)!.outcome).toBe("None");

      const bug = one<{ id: number }>(host.store, "SELECT work_item_id AS id FROM work_item_field_values WHERE field = 'System.WorkItemType' AND value = 'Bug' LIMIT 1").id;
      const updated = await rest.patch(`${TEST}/Runs/${runId}/results`, [
        { id: pending[0].id, outcome: "Failed", errorMessage: "IF-033 not received", associatedBugs: [{ id: bug }] },
        { id: pending[1].id, outcome: "Passed", durationInMs: 60_000 },
      ]);
      expect(updated.status).toBe(200);
      expect(updated.body.value[0]).toMatchObject({ outcome: "Failed", state: "Completed", errorMessage: "IF-033 not received", associatedBugs: [{ id: String(bug) }] });
      const pointA = host.store.testPlans.point(a.id)!;
      expect(pointA).toMatchObject({ outcome: "Failed", state: "Ready", lastRunId: runId, lastResultId: pending[0].id, lastResultState: "Completed" });
      expect(host.store.testPlans.point(b.id)).toMatchObject({ outcome: "Passed", state: "Completed", lastResultDurationMs: 60_000 });
      expect(host.store.testPlans.history(a.id).map((h) => [h.outcome, h.runId, h.resultId])).toEqual([["Failed", runId, pending[0].id]]);

      const viaTestPlan = await rest.get(`${TESTPLAN}/Plans/${plan.id}/Suites/${a.suite_id}/TestPoint/${a.id}`);
      expect(viaTestPlan.body.value[0].results).toMatchObject({ outcome: "failed", lastTestRunId: runId, lastResultId: pending[0].id });

      const added = await rest.post(`${TEST}/Runs/${runId}/results`, [{ testPoint: { id: c.id }, outcome: "Blocked", comment: "SIT-B down" }]);
      expect(added.body.value[0]).toMatchObject({ id: 100002, outcome: "Blocked", state: "Completed", testPoint: { id: String(c.id) } });
      expect(host.store.testPlans.point(c.id)).toMatchObject({ outcome: "Blocked", state: "NotReady" });
      const retest = await rest.patch(`${TEST}/Runs/${runId}/results`, [{ id: pending[0].id, outcome: "Passed" }]);
      expect(retest.status).toBe(200);
      expect(host.store.testPlans.history(a.id).map((h) => h.outcome)).toEqual(["Failed", "Passed"]);
      expect(host.store.testPlans.point(a.id)!.outcome).toBe("Passed");

      const completed = await rest.patch(`${TEST}/Runs/${runId}`, { state: "Completed" });
      expect(completed.body).toMatchObject({ state: "Completed", totalTests: 3, passedTests: 2, incompleteTests: 0 });
      const before = fingerprint(host.store);
      const again = await rest.patch(`${TEST}/Runs/${runId}`, { state: "Completed" });
      expect(again.status).toBe(200);
      expect(again.body.completedDate).toBe(completed.body.completedDate);
      expect(again.body.revision).toBe(completed.body.revision);
      expect(fingerprint(host.store)).toEqual(before);
      const listed = await rest.get(`${TEST}/runs?planId=${plan.id}&includeRunDetails=true`);
      expect(listed.body.value.find((r: Json) => r.id === runId).runStatistics).toEqual(
        expect.arrayContaining([{ state: "Completed", outcome: "Passed", count: 2 }, { state: "Completed", outcome: "Blocked", count: 1 }]),
      );
    });

    it("a result for an older run does not overwrite a point's newer outcome", async () => {
      const [point] = freshPoints(plan.id, 1);
      const first = (await rest.post(`${TEST}/runs`, { name: "First", plan: { id: plan.id }, pointIds: [point.id] })).body.id;
      const second = (await rest.post(`${TEST}/runs`, { name: "Second", plan: { id: plan.id }, pointIds: [point.id] })).body.id;
      await rest.patch(`${TEST}/Runs/${second}/results`, [{ id: 100000, outcome: "Passed" }]);
      await rest.patch(`${TEST}/Runs/${first}/results`, [{ id: 100000, outcome: "Failed" }]);
      expect(host.store.testPlans.point(point.id)).toMatchObject({ outcome: "Passed", lastRunId: second });
    });

    it("refuses bad input with ADO errors and changes nothing", async () => {
      const [a, b] = freshPoints(plan.id, 2);
      const run = (await rest.post(`${TEST}/runs`, { name: "Atomic", plan: { id: plan.id }, pointIds: [a.id, b.id] })).body;
      const otherPlan = one<{ id: number }>(host.store, "SELECT id FROM test_plans WHERE id <> ? ORDER BY id LIMIT 1", plan.id).id;
      const foreignPoint = one<{ id: number }>(host.store, "SELECT id FROM test_points WHERE plan_id = ? LIMIT 1", otherPlan).id;
      const before = fingerprint(host.store);
      const pointsBefore = [host.store.testPlans.point(a.id), host.store.testPlans.point(b.id)];

      const illegal = await rest.patch(`${TEST}/Runs/${run.id}/results`, [
        { id: 100000, outcome: "Passed" },
        { id: 100001, outcome: "Passd" },
      ]);
      expect(illegal.status).toBe(400);
      expect(illegal.body).toMatchObject({ typeKey: "InvalidPropertyException", $id: "1", eventId: 3000 });
      expect(illegal.body.message).toMatch(/'Passd' is not valid\. Valid values are: Unspecified, None, Passed, Failed, .*NotApplicable/);

      const foreign = await rest.post(`${TEST}/Runs/${run.id}/results`, [
        { testPoint: { id: a.id }, outcome: "Passed" },
        { testPoint: { id: foreignPoint }, outcome: "Failed" },
      ]);
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toMatch(new RegExp(`Test point ${foreignPoint} belongs to test plan ${otherPlan}`));

      const unknownResult = await rest.patch(`${TEST}/Runs/${run.id}/results`, [{ id: 100000, outcome: "Passed" }, { id: 123456, outcome: "Passed" }]);
      expect(unknownResult.status).toBe(404);
      expect(unknownResult.body).toMatchObject({ typeKey: "TestObjectNotFoundException", message: `Test result 123456 not found in test run ${run.id}.` });

      const missingBug = await rest.patch(`${TEST}/Runs/${run.id}/results`, [{ id: 100000, outcome: "Failed", associatedBugs: [{ id: 987654 }] }]);
      expect(missingBug.status).toBe(404);

      const unknownRun = await rest.get(`${TEST}/Runs/987654`);
      expect(unknownRun.status).toBe(404);
      expect(unknownRun.body).toMatchObject({ typeKey: "TestObjectNotFoundException", message: "Test run 987654 not found." });

      const unknownPlan = await rest.post(`${TEST}/runs`, { name: "Nowhere", plan: { id: 987654 }, pointIds: [a.id] });
      expect(unknownPlan.status).toBe(404);
      expect(unknownPlan.body).toMatchObject({
        typeKey: "TestObjectNotFoundException",
        message: "Test plan 987654 not found.",
        typeName: expect.stringMatching(/^Microsoft\.TeamFoundation\.TestManagement\.WebApi\.TestObjectNotFoundException/),
      });
      const wrongPlan = await rest.post(`${TEST}/runs`, { name: "Mixed", plan: { id: plan.id }, pointIds: [a.id, foreignPoint] });
      expect(wrongPlan.status).toBe(400);
      const badState = await rest.patch(`${TEST}/Runs/${run.id}`, { state: "Finished" });
      expect(badState.status).toBe(400);
      expect(badState.body.message).toMatch(/Valid values are: NotStarted, InProgress, Completed, Aborted/);

      expect(fingerprint(host.store)).toEqual(before);
      expect([host.store.testPlans.point(a.id), host.store.testPlans.point(b.id)]).toEqual(pointsBefore);
      expect(host.store.testPlans.result(run.id, 100000)).toMatchObject({ outcome: "Unspecified", state: "Pending", associatedBugIds: [] });
    });

    it("updates points through the testplan area: outcome (as a run of its own), reset to active, tester", async () => {
      const [a, b] = freshPoints(plan.id, 2).filter((p, _, list) => p.suite_id === list[0].suite_id);
      const suiteId = a.suite_id;
      const marked = await rest.patch(`${TESTPLAN}/Plans/${plan.id}/Suites/${suiteId}/TestPoint`, [{ id: a.id, results: { outcome: 3 } }]);
      expect(marked.status).toBe(200);
      expect(marked.body.value[0].results).toMatchObject({ outcome: "failed", lastResultState: "completed" });
      const point = host.store.testPlans.point(a.id)!;
      expect(host.store.testPlans.run(point.lastRunId!)).toMatchObject({ state: "Completed", planId: plan.id });
      expect(host.store.testPlans.result(point.lastRunId!, point.lastResultId!)).toMatchObject({ outcome: "Failed", pointId: a.id });

      const reset = await rest.patch(`${TESTPLAN}/Plans/${plan.id}/Suites/${suiteId}/TestPoint`, [{ id: a.id, isActive: true }]);
      expect(reset.body.value[0]).toMatchObject({ isActive: true, results: { outcome: "none", lastResultId: 0 } });
      expect(host.store.testPlans.history(a.id).map((h) => h.outcome)).toEqual(["Failed", "None"]);

      const assigned = await rest.patch(`${TESTPLAN}/Plans/${plan.id}/Suites/${suiteId}/TestPoint`, [{ id: a.id, tester: { uniqueName: TESTER_USER.uniqueName } }]);
      expect(assigned.body.value[0].tester).toMatchObject({ displayName: TESTER_USER.displayName });

      const before = fingerprint(host.store);
      const notInSuite = one<{ id: number }>(host.store, "SELECT id FROM test_points WHERE suite_id <> ? LIMIT 1", suiteId).id;
      const wrongSuite = await rest.patch(`${TESTPLAN}/Plans/${plan.id}/Suites/${suiteId}/TestPoint`, [
        { id: b?.id ?? a.id, results: { outcome: "passed" } },
        { id: notInSuite, results: { outcome: "passed" } },
      ]);
      expect(wrongSuite.status).toBe(404);
      expect(wrongSuite.body.message).toBe(`Test point ${notInSuite} not found in test suite ${suiteId}.`);
      const illegal = await rest.patch(`${TESTPLAN}/Plans/${plan.id}/Suites/${suiteId}/TestPoint`, [{ id: a.id, results: { outcome: "green" } }]);
      expect(illegal.status).toBe(400);
      const unknownTester = await rest.patch(`${TESTPLAN}/Plans/${plan.id}/Suites/${suiteId}/TestPoint`, [{ id: a.id, tester: { uniqueName: "nobody@example.com" } }]);
      expect(unknownTester.status).toBe(400);
      expect(fingerprint(host.store)).toEqual(before);
    });
  });

  describe("creating plans and suites", () => {
    it("makes a Test Plan work item with its root Test Suite, ids shared as in Azure DevOps", async () => {
      const created = await rest.post(`${TESTPLAN}/plans`, { name: "SIT-FUNC Cycle 4", startDate: "2025-04-01T00:00:00Z", endDate: "2025-05-01T00:00:00Z" });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ name: "SIT-FUNC Cycle 4", state: "Active", startDate: "2025-04-01T00:00:00.000Z", rootSuite: { name: "SIT-FUNC Cycle 4" } });
      const planItem = await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/${created.body.id}`);
      expect(planItem.body.fields).toMatchObject({ "System.WorkItemType": "Test Plan", "System.Title": "SIT-FUNC Cycle 4", "System.State": "Active" });
      const rootItem = await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/${created.body.rootSuite.id}`);
      expect(rootItem.body.fields).toMatchObject({ "System.WorkItemType": "Test Suite", "Microsoft.VSTS.TCM.TestSuiteType": "Static" });

      const before = fingerprint(host.store);
      expect((await rest.post(`${TESTPLAN}/plans`, { description: "no name" })).status).toBe(400);
      expect((await rest.post(`${TESTPLAN}/plans`, { name: "Bad area", areaPath: "Elsewhere" })).status).toBe(400);
      expect(fingerprint(host.store)).toEqual(before);
    });

    it("creates static, requirement-based and query-based suites and adds test cases by id", async () => {
      const created = (await rest.post(`${TESTPLAN}/plans`, { name: "Suite types" })).body;
      const root = created.rootSuite.id;
      const staticSuite = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { name: "SUP - Supplier", suiteType: "staticTestSuite", parentSuite: { id: root } });
      expect(staticSuite.body).toMatchObject({ name: "SUP - Supplier", suiteType: "staticTestSuite", parentSuite: { id: root }, plan: { id: created.id } });
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/${staticSuite.body.id}`)).body.fields["System.WorkItemType"]).toBe("Test Suite");

      const testCases = all<{ id: number }>(host.store, "SELECT work_item_id AS id FROM work_item_field_values WHERE field = 'System.WorkItemType' AND value = 'Test Case' ORDER BY work_item_id LIMIT 3");
      const added = await rest.post(
        `${TESTPLAN}/Plans/${created.id}/Suites/${staticSuite.body.id}/TestCase`,
        testCases.map(({ id }) => ({ workItem: { id } })),
      );
      expect(added.status).toBe(200);
      expect(added.body.value.map((e: Json) => e.workItem.id)).toEqual(testCases.map((t) => t.id));
      expect(added.body.value[0].pointAssignments).toEqual([expect.objectContaining({ configurationName: "SIT-A" })]);
      const points = await rest.get(`${TESTPLAN}/Plans/${created.id}/Suites/${staticSuite.body.id}/TestPoint`);
      expect(points.body.count).toBe(3);
      expect(points.body.value.every((p: Json) => p.results.outcome === "none" && p.isActive)).toBe(true);
      const sitB = one<{ id: number }>(host.store, "SELECT id FROM test_configurations WHERE name = 'SIT-B'").id;
      await rest.post(`${TESTPLAN}/Plans/${created.id}/Suites/${staticSuite.body.id}/TestCase`, [{ workItem: { id: testCases[0].id }, pointAssignments: [{ configurationId: sitB }] }]);
      expect((await rest.get(`${TESTPLAN}/Plans/${created.id}/Suites/${staticSuite.body.id}/TestPoint`)).body.count).toBe(4);

      const requirement = one<{ id: number; tc: number }>(
        host.store,
        "SELECT r.work_item_id AS id, COUNT(*) AS tc FROM work_item_relations r WHERE r.rel = 'Microsoft.VSTS.Common.TestedBy-Forward' AND r.work_item_id IN (SELECT work_item_id FROM work_item_field_values WHERE field = 'System.WorkItemType' AND value = 'User Story') GROUP BY r.work_item_id ORDER BY COUNT(*) DESC, r.work_item_id LIMIT 1",
      );
      const requirementSuite = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { suiteType: "requirementTestSuite", requirementId: requirement.id, parentSuite: { id: root } });
      expect(requirementSuite.body).toMatchObject({ suiteType: "requirementTestSuite", requirementId: requirement.id, name: expect.stringMatching(new RegExp(`^${requirement.id} : REQ-`)) });
      const requirementCases = await rest.get(`${TESTPLAN}/Plans/${created.id}/Suites/${requirementSuite.body.id}/TestCase`);
      expect(requirementCases.body.count).toBe(requirement.tc);
      const extra = testCases.find((t) => !host.store.workItems.findLink(requirement.id, "Microsoft.VSTS.Common.TestedBy-Forward", t.id))!;
      await rest.post(`${TESTPLAN}/Plans/${created.id}/Suites/${requirementSuite.body.id}/TestCase`, [{ workItem: { id: extra.id } }]);
      expect(host.store.workItems.findLink(requirement.id, "Microsoft.VSTS.Common.TestedBy-Forward", extra.id)).toBeDefined();

      const query = "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Test Case' AND [Custom.MhhsTestStage] = 'SIT-NFT'";
      const dynamic = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { name: "NFT by query", suiteType: 1, queryString: query, parentSuite: { id: root } });
      expect(dynamic.body).toMatchObject({ suiteType: "dynamicTestSuite", queryString: query });
      const expectedIds = (await rest.wiql(query)).body.workItems.map((w: Json) => w.id);
      const dynamicCases = await rest.get(`${TESTPLAN}/Plans/${created.id}/Suites/${dynamic.body.id}/TestCase`);
      expect(dynamicCases.body.value.map((e: Json) => e.workItem.id)).toEqual(expectedIds);
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/${dynamic.body.id}`)).body.fields).toMatchObject({ "Microsoft.VSTS.TCM.TestSuiteType": "Query Based", "Microsoft.VSTS.TCM.QueryText": query });

      const tree = await rest.get(`${TESTPLAN}/Plans/${created.id}/suites?asTreeView=true`);
      expect(tree.body.value[0].children.map((c: Json) => c.name)).toEqual(["SUP - Supplier", requirementSuite.body.name, "NFT by query"]);
    });

    it("refuses what Azure DevOps refuses, and changes nothing", async () => {
      const created = (await rest.post(`${TESTPLAN}/plans`, { name: "Refusals" })).body;
      const root = created.rootSuite.id;
      const dynamic = (await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { name: "q", suiteType: "dynamicTestSuite", queryString: "SELECT [System.Id] FROM WorkItems WHERE [System.Id] = 1", parentSuite: { id: root } })).body;
      const bug = one<{ id: number }>(host.store, "SELECT work_item_id AS id FROM work_item_field_values WHERE field = 'System.WorkItemType' AND value = 'Bug' LIMIT 1").id;
      const testCase = one<{ id: number }>(host.store, "SELECT work_item_id AS id FROM work_item_field_values WHERE field = 'System.WorkItemType' AND value = 'Test Case' LIMIT 1").id;
      const before = fingerprint(host.store);

      const notATestCase = await rest.post(`${TESTPLAN}/Plans/${created.id}/Suites/${root}/TestCase`, [{ workItem: { id: testCase } }, { workItem: { id: bug } }]);
      expect(notATestCase.status).toBe(400);
      expect(notATestCase.body.message).toMatch(new RegExp(`Work item ${bug} is a Bug, not a test case`));
      expect((await rest.post(`${TESTPLAN}/Plans/${created.id}/Suites/${root}/TestCase`, [{ workItem: { id: 987654 } }])).status).toBe(404);
      expect((await rest.post(`${TESTPLAN}/Plans/${created.id}/Suites/${dynamic.id}/TestCase`, [{ workItem: { id: testCase } }])).status).toBe(400);
      const underDynamic = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { name: "x", suiteType: "staticTestSuite", parentSuite: { id: dynamic.id } });
      expect(underDynamic.status).toBe(400);
      const badType = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { name: "x", suiteType: "folder", parentSuite: { id: root } });
      expect(badType.status).toBe(400);
      expect(badType.body.message).toMatch(/Valid values are: staticTestSuite, requirementTestSuite, dynamicTestSuite/);
      const requirementOnBug = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { suiteType: "requirementTestSuite", requirementId: bug, parentSuite: { id: root } });
      expect(requirementOnBug.status).toBe(400);
      const badQuery = await rest.post(`${TESTPLAN}/Plans/${created.id}/suites`, { name: "q", suiteType: "dynamicTestSuite", queryString: "SELECT FROM", parentSuite: { id: root } });
      expect(badQuery.status).toBe(400);

      const otherSuite = plan.rootSuiteId;
      const foreignSuite = await rest.get(`${TESTPLAN}/Plans/${created.id}/Suites/${otherSuite}/TestPoint`);
      expect(foreignSuite.status).toBe(404);
      expect(foreignSuite.body.message).toBe(`Test suite ${otherSuite} does not exist in test plan ${created.id}.`);
      const unknownPlan = await rest.get(`${TESTPLAN}/Plans/987654/suites`);
      expect(unknownPlan.status).toBe(404);
      expect(unknownPlan.body.message).toBe("Test plan 987654 not found.");
      expect((await rest.get(`${TESTPLAN}/Plans/${created.id}/Suites/987654`)).status).toBe(404);
      expect(fingerprint(host.store)).toEqual(before);
    });
  });
});

describe("devhost test plans with azure-devops-node-api", () => {
  let host: DevhostHandle;
  let connection: WebApi;

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.05 });
    connection = new WebApi(`${host.url}/${ORG}`, getPersonalAccessTokenHandler(host.pat));
  });
  afterAll(() => host.close());

  it("reads plans, suites and points through TestPlanApi", async () => {
    const testPlan = await connection.getTestPlanApi();
    const plans = await testPlan.getTestPlans(PROJECT);
    expect(plans.length).toBe(16);
    const plan = plans.find((p) => p.name === "SIT-FUNC Cycle 3")!;
    expect(plan.rootSuite?.id).toBeGreaterThan(0);
    expect(plan.startDate).toBeInstanceOf(Date);
    const suites = await testPlan.getTestSuitesForPlan(PROJECT, plan.id!, SuiteExpand.Children);
    expect(suites[0].id).toBe(plan.rootSuite!.id);
    const suiteId = one<{ id: number }>(host.store, "SELECT suite_id AS id FROM test_points WHERE plan_id = ? AND outcome = 'Passed' LIMIT 1", plan.id).id;
    const points = await testPlan.getPointsList(PROJECT, plan.id!, suiteId);
    expect(points.length).toBeGreaterThan(0);
    expect(points.map((p) => p.results?.outcome)).toContain(Outcome.Passed);
    expect(points[0].testSuite?.id).toBe(suiteId);
    const configurations = await testPlan.getTestConfigurations(PROJECT);
    expect(configurations.map((c) => c.name)).toContain("SIT-A");
  });

  it("reads points and runs, creates a run and records a result through TestApi", async () => {
    const test = await connection.getTestApi();
    const point = one<{ id: number; plan_id: number; suite_id: number }>(host.store, "SELECT id, plan_id, suite_id FROM test_points WHERE outcome = 'None' ORDER BY id LIMIT 1");
    const points = await test.getPoints(PROJECT, point.plan_id, point.suite_id);
    expect(points.map((p) => p.id)).toContain(point.id);
    const run = await test.createTestRun({ name: "Node client run", plan: { id: String(point.plan_id) }, pointIds: [point.id] } as RunCreateModel, PROJECT);
    expect(run.state).toBe("NotStarted");
    const [pending] = await test.getTestResults(PROJECT, run.id!);
    await test.updateTestResults([{ id: pending.id, outcome: "Passed", state: "Completed" }], PROJECT, run.id!);
    await test.updateTestRun({ state: "Completed" }, PROJECT, run.id!);
    expect((await test.getTestRunById(PROJECT, run.id!)).state).toBe("Completed");
    expect(host.store.testPlans.point(point.id)!.outcome).toBe("Passed");
    const runs = await test.getTestRuns(PROJECT, undefined, undefined, undefined, point.plan_id);
    expect(runs.map((r) => r.id)).toContain(run.id);
  });
});

describe("devhost seeded test execution", () => {
  const store = openStore(":memory:");
  let seeded: ReturnType<typeof seedProgramme>;

  beforeAll(() => {
    bootstrapOrganization(store, { defaultProject: PROJECT });
    seeded = seedProgramme(store, { scale: 1, anchor: ANCHOR });
  });
  afterAll(() => store.close());

  it("seeds about 12,000 points in plans per stage and cycle", () => {
    expect(seeded.testPoints).toBeGreaterThan(11_000);
    expect(seeded.testPoints).toBeLessThan(13_000);
    const planTypes = all<{ n: number }>(store, "SELECT COUNT(*) AS n FROM work_item_field_values v JOIN test_plans p ON p.id = v.work_item_id WHERE v.field = 'System.WorkItemType' AND v.value = 'Test Plan'");
    expect(planTypes[0].n).toBe(seeded.testPlans);
    const suiteTypes = one<{ n: number }>(store, "SELECT COUNT(*) AS n FROM work_item_field_values v JOIN test_suites s ON s.id = v.work_item_id WHERE v.field = 'System.WorkItemType' AND v.value = 'Test Suite'");
    expect(suiteTypes.n).toBe(seeded.testSuites);
    const byPlan = all<{ name: string }>(store, "SELECT name FROM test_plans ORDER BY id").map((p) => p.name);
    expect(byPlan).toEqual(expect.arrayContaining(["PIT", "SIT-FUNC Cycle 1", "SIT-FUNC Cycle 2", "SIT-FUNC Cycle 3", "SIT-MIG Cycle 1", "SIT-REG Cycle 3", "QT Batch 1", "QT Batch 3"]));
    expect(one<{ n: number }>(store, "SELECT COUNT(*) AS n FROM test_points t JOIN test_suites s ON s.id = t.suite_id WHERE s.plan_id <> t.plan_id").n).toBe(0);
  });

  it("keeps each point's outcome equal to its newest result's, and its history to its results", () => {
    const newest = new Map<number, { run_id: number; id: number; outcome: string }>();
    for (const result of all<{ point_id: number; run_id: number; id: number; outcome: string }>(store, "SELECT point_id, run_id, id, outcome FROM test_results ORDER BY run_id, id")) {
      newest.set(result.point_id, result);
    }
    const points = all<{ id: number; outcome: string; last_run_id: number | null; last_result_id: number | null }>(store, "SELECT id, outcome, last_run_id, last_result_id FROM test_points");
    const mismatched = points.filter((p) => {
      const result = newest.get(p.id);
      return (result?.outcome ?? "None") !== p.outcome || (result?.run_id ?? null) !== p.last_run_id || (result?.id ?? null) !== p.last_result_id;
    }).length;
    expect(mismatched).toBe(0);
    const lastHistory = one<{ n: number }>(
      store,
      `SELECT COUNT(*) AS n FROM test_points p WHERE p.outcome <> COALESCE((SELECT outcome FROM test_point_history h WHERE h.point_id = p.id ORDER BY changed_date DESC, id DESC LIMIT 1), 'None')`,
    ).n;
    expect(lastHistory).toBe(0);
    expect(one<{ n: number }>(store, "SELECT COUNT(*) AS n FROM test_results").n).toBe(one<{ n: number }>(store, "SELECT COUNT(*) AS n FROM test_point_history").n);
    const orphan = one<{ n: number }>(store, "SELECT COUNT(*) AS n FROM test_point_history h LEFT JOIN test_results r ON r.run_id = h.run_id AND r.id = h.result_id WHERE r.id IS NULL OR r.outcome <> h.outcome OR r.point_id <> h.point_id").n;
    expect(orphan).toBe(0);
    const mostChanges = one<{ n: number }>(store, "SELECT MAX(n) AS n FROM (SELECT COUNT(*) AS n FROM test_point_history GROUP BY point_id)").n;
    expect(mostChanges).toBeLessThanOrEqual(MAX_EXECUTIONS_PER_POINT);
    const foreignResults = one<{ n: number }>(store, "SELECT COUNT(*) AS n FROM test_results r JOIN test_runs u ON u.id = r.run_id JOIN test_points p ON p.id = r.point_id WHERE u.plan_id <> r.plan_id OR p.plan_id <> r.plan_id").n;
    expect(foreignResults).toBe(0);
  });

  it("spreads the history over the ten weeks before the anchor, with a shape a trend can show", () => {
    const from = new Date(ANCHOR.getTime() - EXECUTION_WINDOW_DAYS * 86_400_000).toISOString();
    const range = one<{ first: string; last: string }>(store, "SELECT MIN(changed_date) AS first, MAX(changed_date) AS last FROM test_point_history");
    expect(range.first >= from).toBe(true);
    expect(range.last <= ANCHOR.toISOString()).toBe(true);
    const outcomeAt = (daysBefore: number) => {
      const at = new Date(ANCHOR.getTime() - daysBefore * 86_400_000).toISOString();
      const rows = all<{ outcome: string; n: number }>(
        store,
        `SELECT COALESCE((SELECT outcome FROM test_point_history h WHERE h.point_id = p.id AND h.changed_date <= ? ORDER BY changed_date DESC, id DESC LIMIT 1), 'None') AS outcome, COUNT(*) AS n
         FROM test_points p GROUP BY 1`,
        at,
      );
      const total = rows.reduce((n, r) => n + r.n, 0);
      return Object.fromEntries(rows.map((r) => [r.outcome, r.n / total]));
    };
    const early = outcomeAt(56);
    const now = outcomeAt(0);
    expect(early.None).toBeGreaterThan(0.8);
    expect(now.None).toBeLessThan(0.25);
    expect(now.Passed).toBeGreaterThan(0.5);
    expect(now.Failed).toBeGreaterThan(0.03);
    expect(now.Blocked).toBeGreaterThan(0.01);
    expect(now.NotApplicable).toBeGreaterThan(0.01);
    const days = one<{ n: number }>(store, "SELECT COUNT(DISTINCT date_sk) AS n FROM test_point_history").n;
    expect(days).toBeGreaterThan(50);
  });

  it("associates the programme's bugs with failed results of the test cases they are linked to", () => {
    const associations = all<{ bug_id: number; outcome: string; test_case_id: number }>(
      store,
      "SELECT b.bug_id, r.outcome, r.test_case_id FROM test_result_bugs b JOIN test_results r ON r.run_id = b.run_id AND r.id = b.result_id",
    );
    expect(associations.length).toBeGreaterThan(200);
    expect(associations.every((a) => a.outcome === "Failed")).toBe(true);
    const types = new Map(all<{ id: number; type: string }>(store, "SELECT work_item_id AS id, value AS type FROM work_item_field_values WHERE field = 'System.WorkItemType'").map((r) => [r.id, r.type]));
    expect(associations.every((a) => types.get(a.bug_id) === "Bug")).toBe(true);
    expect(associations.every((a) => store.workItems.findLink(a.bug_id, "Microsoft.VSTS.Common.TestedBy-Forward", a.test_case_id) !== undefined)).toBe(true);
    const openBugsPassing = one<{ n: number }>(
      store,
      `SELECT COUNT(*) AS n FROM test_result_bugs b JOIN test_results r ON r.run_id = b.run_id AND r.id = b.result_id JOIN test_points p ON p.id = r.point_id
       JOIN work_item_field_values s ON s.work_item_id = b.bug_id AND s.field = 'System.State'
       WHERE s.value IN ('New', 'Active') AND p.outcome IN ('Passed', 'NotApplicable') AND p.last_result_id IS NOT NULL`,
    ).n;
    expect(openBugsPassing).toBe(0);
  });

  it("maps every plan to its stage and cycle in the configuration the extension reads", () => {
    const stored = store.extensionData.get({ ...MHHS_EXTENSION, scopeType: "Default", scopeValue: "Current", collection: CONFIG_COLLECTION }, CONFIG_DOCUMENT.planStageMapping)!;
    const loaded = readConfig(PLAN_STAGE_MAPPING, { ...stored.body, id: CONFIG_DOCUMENT.planStageMapping, __etag: stored.etag }, { catalogues: resolveCatalogues() });
    expect(loaded.problems).toEqual([]);
    const plans = all<{ id: number; name: string }>(store, "SELECT id, name FROM test_plans ORDER BY id");
    expect(loaded.data.plans.map((p) => p.planId)).toEqual(plans.map((p) => p.id));
    const cycle1 = loaded.data.plans.find((p) => p.planId === plans.find((q) => q.name === "SIT-FUNC Cycle 1")!.id);
    expect(cycle1).toEqual({ planId: expect.any(Number), stage: "SIT-FUNC", cycle: "C1" });
    expect(loaded.data.plans.find((p) => p.planId === plans.find((q) => q.name === "QT Batch 2")!.id)).toMatchObject({ stage: "QT", cycle: "Batch 2" });
  });

  it("is deterministic for a seed, scale and anchor date", () => {
    const again = openStore(":memory:");
    const other = openStore(":memory:");
    try {
      for (const s of [again, other]) {
        bootstrapOrganization(s, { defaultProject: PROJECT });
        seedProgramme(s, { scale: 0.05, anchor: ANCHOR });
      }
      // Everything but the project ids, which are made afresh for each store.
      const rows = (s: typeof store, sql: string) => (s.db.prepare(sql).all() as Record<string, unknown>[]).map(({ project_id: _projectId, ...row }) => row);
      const snapshot = (s: typeof store) => ({
        points: rows(s, "SELECT * FROM test_points ORDER BY id"),
        results: rows(s, "SELECT * FROM test_results ORDER BY run_id, id"),
        history: rows(s, "SELECT * FROM test_point_history ORDER BY id"),
        bugs: rows(s, "SELECT * FROM test_result_bugs ORDER BY run_id, result_id, bug_id"),
      });
      expect(snapshot(again)).toEqual(snapshot(other));
    } finally {
      again.close();
      other.close();
    }
  });
});
