// The programme data sources against the local host over loopback: Analytics and REST return the
// same records and counts for the same seed; Analytics counts in a fixed number of requests and
// pages its reads; the chosen source falls back to REST when Analytics is missing or denied; a
// throttled Analytics request is retried; a query too long for a GET goes through $batch.

import "../../../src/ado/node";
import { DevhostHandle, startDevhost } from "../../../devhost/server";
import { seedProgramme } from "../../../devhost/seed";
import { patAuthorization } from "../../../src/ado/clients";
import { ConfigStore, PARTICIPANT_REGISTER, PLAN_STAGE_MAPPING, QUALIFICATION_REQUIREMENTS } from "../../../src/ado/configStore";
import { analyticsDataSource, chooseDataSource, pointScope, ProgrammeDataSource, restDataSource } from "../../../src/ado/dataSources";
import type { PointCountQuery, WorkItemCountQuery } from "../../../src/ado/dataSources";
import { DEFAULT_TREND_RUN_BUDGET } from "../../../src/ado/dataSources/rest";
import { StageMapping } from "../../../src/ado/dataSources/shared";
import { analyseCoverage, CoverageFilter } from "../../../src/domain/coverage";
import { hasWorkOffPlan, isDefectOpen, matchesDefectFilter } from "../../../src/domain/defects";
import { computeExitMetricsByStage } from "../../../src/domain/exitCriteria";
import { DEFAULT_CLOSED_STATES } from "../../../src/domain/model";
import { qualificationView } from "../../../src/domain/qualification";
import { DEFAULT_STAGES_BY_PATH } from "../../../src/domain/readiness";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { groupProgress, latestResultTrend } from "../../../src/domain/progress";
import { connectToDevhost, Traffic } from "../../support/devhostConnection";

const SCALE = 0.2;
const ANCHOR = new Date("2025-03-31T00:00:00Z");
/** Smaller than the service's 10,000 so that reads at this scale take several pages. */
const PAGE_SIZE = 500;
const OPEN = { excludeStates: DEFAULT_CLOSED_STATES };

let devhost: DevhostHandle;

beforeAll(async () => {
  devhost = await startDevhost({
    port: 0,
    dataDir: ":memory:",
    faults: true,
    quiet: true,
    analyticsPageSize: PAGE_SIZE,
    seed: (store) => void seedProgramme(store, { scale: SCALE, anchor: ANCHOR }),
  });
}, 120_000);

afterAll(async () => {
  await devhost?.close();
});

afterEach(async () => {
  devhost.setAnalytics("on");
  await fetch(`${devhost.url}/_devhost/faults`, { method: "DELETE" });
});

/** A fresh connection (nothing cached) whose requests are recorded and whose retries do not wait. */
const connect = () => connectToDevhost(devhost, { retriesWait: false });

const analyticsCalls = (traffic: Traffic) => traffic.urls.filter((url) => url.includes("/_odata/"));

const WORK_ITEM_COUNTS: WorkItemCountQuery[] = [
  { subject: "defects", by: ["severity", "role"], filter: OPEN },
  { subject: "defects", by: ["stage", "category"], filter: { ...OPEN, severity: "2 - High" } },
  { subject: "requirements", by: ["role", "stage"] },
  { subject: "requirements", by: ["requirementType"], filter: { role: "LDSO" } },
  { subject: "testCases", by: ["stage", "participant"], filter: { stage: "SIT-FUNC" } },
  { subject: "testCases", by: [] },
];

const POINT_COUNTS: PointCountQuery[] = [
  { by: ["stage", "outcome"] },
  { by: ["role", "outcome"], filter: { stage: "SIT-FUNC" } },
  { by: ["stage", "cycle", "outcome"] },
  { by: ["participant", "outcome"], filter: { role: "SUP", stage: "QT" } },
  { by: ["planId", "suiteId"] },
];

describe("both data sources on the same seed", () => {
  let analytics: ProgrammeDataSource;
  let rest: ProgrammeDataSource;

  beforeAll(() => {
    analytics = analyticsDataSource(connect().connection);
    rest = restDataSource(connect().connection);
  });

  it("read the same requirements, test cases and defects, links included", async () => {
    const [a, r] = await Promise.all([Promise.all([analytics.requirements(), analytics.testCases(), analytics.defects()]), Promise.all([rest.requirements(), rest.testCases(), rest.defects()])]);
    expect(a).toEqual(r);
    const [requirements, testCases, defects] = a;
    expect(requirements.length).toBeGreaterThan(100);
    expect(testCases.length).toBeGreaterThan(requirements.length);
    expect(defects.length).toBeGreaterThan(100);

    const testedBy = requirements.flatMap((req) => req.testCaseIds.map((tc) => `${req.id}>${tc}`)).sort();
    const tests = testCases.flatMap((tc) => tc.requirementIds.map((req) => `${req}>${tc.id}`)).sort();
    expect(testedBy.length).toBeGreaterThanOrEqual(testCases.length);
    expect(tests).toEqual(testedBy);
    expect(defects.filter((d) => d.testCaseIds.length > 0).length).toBeGreaterThan(defects.length / 2);
    expect(defects.some((d) => d.workOffPlan)).toBe(true);
    expect(requirements.some((req) => req.roles.length > 1)).toBe(true);
  });

  it("read the same test points, with stage and cycle from the plan-to-stage mapping", async () => {
    const [a, r] = await Promise.all([analytics.testPoints(), rest.testPoints()]);
    expect(a).toEqual(r);
    expect(a.length).toBeGreaterThan(1000);
    const mapping = (await new ConfigStore(connect().connection.documents).load(PLAN_STAGE_MAPPING)).data.plans;
    expect(mapping.length).toBeGreaterThan(0);
    for (const point of a.slice(0, 200)) {
      const planned = mapping.find((m) => m.planId === point.planId);
      if (planned) expect(point.stage).toBe(planned.stage);
      if (planned?.cycle) expect(point.cycle).toBe(planned.cycle);
    }
    expect(a.filter((p) => p.outcome !== "notRun").every((p) => p.lastRunDate)).toBe(true);

    const filter = { stage: "SIT-FUNC", role: "SUP" };
    const [fa, fr] = await Promise.all([analytics.testPoints(filter), rest.testPoints(filter)]);
    expect(fa).toEqual(fr);
    expect(fa.length).toBeGreaterThan(0);
    expect(fa).toEqual(a.filter((p) => p.stage === "SIT-FUNC" && p.role === "SUP"));
  });

  it.each(WORK_ITEM_COUNTS.map((q) => [JSON.stringify(q), q] as const))("count work items the same way: %s", async (_name, query) => {
    const [a, r] = await Promise.all([analytics.countWorkItems(query), rest.countWorkItems(query)]);
    expect(a).toEqual(r);
    expect(a.total).toBeGreaterThan(0);
  });

  it.each(POINT_COUNTS.map((q) => [JSON.stringify(q), q] as const))("count test points the same way: %s", async (_name, query) => {
    const [a, r] = await Promise.all([analytics.countTestPoints(query), rest.countTestPoints(query)]);
    expect(a).toEqual(r);
    expect(a.total).toBeGreaterThan(0);
  });

  it("count what the domain counts from the records", async () => {
    const points = await analytics.testPoints();
    const counts = await analytics.countTestPoints({ by: ["stage", "outcome"] });
    const progress = groupProgress(points, ["stage"]);
    for (const row of progress.rows) {
      const stage = row.key[0];
      const of = (outcome: string) => counts.rows.find((c) => c.key.stage === stage && c.key.outcome === outcome)?.count ?? 0;
      expect([of("passed"), of("failed"), of("blocked"), of("notApplicable"), of("notRun")]).toEqual([row.passed, row.failed, row.blocked, row.notApplicable, row.notRun]);
    }
    expect(counts.total).toBe(points.length);
  });

  it("give the same daily outcomes from the history when REST may read every run it needs", async () => {
    const query = { from: "2025-01-20", to: "2025-03-31", filter: { stage: "SIT-FUNC" } };
    const [a, r] = await Promise.all([analytics.dailyOutcomes(query), restDataSource(connect().connection, { trendRunBudget: Number.POSITIVE_INFINITY }).dailyOutcomes(query)]);
    expect(r).toEqual(a);
    expect(a.basis).toBe("history");
    expect(a.days).toHaveLength(71);
    const last = a.days[a.days.length - 1];
    const points = await analytics.countTestPoints({ by: ["outcome"], filter: { stage: "SIT-FUNC" } });
    const now = Object.fromEntries(points.rows.map((row) => [row.key.outcome, row.count]));
    expect({ passed: last.passed, failed: last.failed, blocked: last.blocked }).toEqual({ passed: now.passed ?? 0, failed: now.failed ?? 0, blocked: now.blocked ?? 0 });
    expect(a.days[0].passed).toBeLessThan(last.passed);
  });
});

describe("the cost of the REST trend", () => {
  const runLists = (traffic: Traffic) => traffic.urls.filter((url) => /\/_apis\/test\/runs\?/i.test(url));
  const resultReads = (traffic: Traffic) => traffic.urls.filter((url) => /\/_apis\/test\/Runs\/\d+\/results/i.test(url));
  const SIT_FUNC = { from: "2025-01-20", to: "2025-03-31", filter: { stage: "SIT-FUNC" } };

  /** Runs and results requests of the trend before it had a budget: every page of the project's runs, then one request per run of the scope's plans started by `to`. */
  async function costBefore(planIds: ReadonlySet<number>, to: string): Promise<number> {
    const runs: { plan?: { id?: string }; startedDate?: string; createdDate?: string }[] = [];
    let pages = 0;
    for (let skip = 0; ; skip += 1000) {
      const url = `${devhost.url}/${devhost.organization}/${encodeURIComponent(devhost.project)}/_apis/test/runs?includeRunDetails=true&$top=1000&$skip=${skip}`;
      const response = await fetch(url, { headers: { Authorization: patAuthorization(devhost.pat), Accept: "application/json;api-version=7.1" } });
      const page = ((await response.json()) as { value: typeof runs }).value;
      pages++;
      runs.push(...page);
      if (page.length < 1000) break;
    }
    const read = runs.filter((run) => {
      const started = run.startedDate ?? run.createdDate;
      return (!started || started.slice(0, 10) <= to) && planIds.has(Number(run.plan?.id));
    });
    return pages + read.length;
  }

  it.each([
    ["a finished cycle over the last six weeks", { from: "2025-02-17", to: "2025-03-31", filter: { stage: "SIT-FUNC", cycle: "C1" } }],
    ["a stage that finished before the window", { from: "2025-03-01", to: "2025-03-31", filter: { stage: "SIT-CIT" } }],
    ["a batch over the last three weeks", { from: "2025-03-10", to: "2025-03-31", filter: { stage: "QT", cycle: "Batch 3" } }],
  ] as const)("gives the exact history within the default budget, in fewer requests than one per run: %s", async (_name, query) => {
    const { connection, traffic } = connect();
    const rest = restDataSource(connection);
    const [r, a] = await Promise.all([rest.dailyOutcomes(query), analyticsDataSource(connect().connection).dailyOutcomes(query)]);
    expect(r).toEqual(a);
    expect(r.basis).toBe("history");
    expect(r.days[r.days.length - 1].passed).toBeGreaterThan(0);
    expect(resultReads(traffic).length).toBeLessThanOrEqual(DEFAULT_TREND_RUN_BUDGET);
    const planIds = new Set((await rest.testPoints(query.filter)).map((p) => p.planId));
    expect(runLists(traffic).length + resultReads(traffic).length).toBeLessThan(await costBefore(planIds, query.to));
  });

  it("reads no run when every point in scope was last run before the window", async () => {
    const { connection, traffic } = connect();
    const trend = await restDataSource(connection, { trendRunBudget: 0 }).dailyOutcomes({ from: "2025-03-01", to: "2025-03-31", filter: { stage: "SIT-CIT" } });
    expect(trend.basis).toBe("history");
    expect(runLists(traffic)).toEqual([]);
    expect(resultReads(traffic)).toEqual([]);
  });

  it("takes each point's latest result when the history would cost more than the budget, and says so", async () => {
    const { connection, traffic } = connect();
    const rest = restDataSource(connection);
    const trend = await rest.dailyOutcomes(SIT_FUNC);
    expect(trend.basis).toBe("latestResult");
    expect(trend.note).toMatch(/latest result.* Reading the history of [\d,]+ test runs would take [\d,]+ requests \(more than the 250 allowed\)\. Earlier outcomes of points run more than once are not shown\.$/);
    expect(resultReads(traffic)).toEqual([]);
    const points = await rest.testPoints(SIT_FUNC.filter);
    expect(runLists(traffic).length).toBeLessThanOrEqual(new Set(points.map((p) => p.planId)).size);
    expect(runLists(traffic).length).toBeLessThan((await costBefore(new Set(points.map((p) => p.planId)), SIT_FUNC.to)) / 10);
  });

  it("with a budget of 0, gives the domain's latest-result trend of the REST points: the history's last day, without earlier outcomes of retests", async () => {
    const { connection, traffic } = connect();
    const rest = restDataSource(connection, { trendRunBudget: 0 });
    const trend = await rest.dailyOutcomes(SIT_FUNC);
    expect(trend.basis).toBe("latestResult");
    expect(trend.note).toMatch(/\(more than the 0 allowed\)/);
    expect(resultReads(traffic)).toEqual([]);
    const points = await rest.testPoints(SIT_FUNC.filter);
    const expected = latestResultTrend({ points: points.map((p) => ({ id: p.id, outcome: p.outcome, lastResultDate: p.lastRunDate })), from: SIT_FUNC.from, to: SIT_FUNC.to });
    expect(trend.days).toEqual(expected.days.map(({ date, passed, failed, blocked, notApplicable, notRun }) => ({ date, passed, failed, blocked, notApplicable, notRun })));
    for (const day of trend.days) expect(day.passed + day.failed + day.blocked + day.notApplicable + day.notRun).toBe(points.length);
    const history = await analyticsDataSource(connect().connection).dailyOutcomes(SIT_FUNC);
    expect(trend.days[trend.days.length - 1]).toEqual(history.days[history.days.length - 1]);
    expect(trend.days).not.toEqual(history.days);
  });
});

describe("the cost of Analytics", () => {
  it("counts in one Analytics request whatever the number of work items, after the types are known", async () => {
    const { connection, traffic } = connect();
    const source = analyticsDataSource(connection);
    const counts = await source.countWorkItems({ subject: "defects", by: ["severity", "role"], filter: OPEN });
    expect(counts.total).toBeGreaterThan(100);
    expect(analyticsCalls(traffic)).toHaveLength(1);
    expect(traffic.urls.length).toBeLessThanOrEqual(3);
    traffic.urls.length = 0;
    await source.countWorkItems({ subject: "requirements", by: ["role"] });
    expect(traffic.urls).toHaveLength(1);
  });

  it("counts points in one Analytics request plus the mapping document", async () => {
    const { connection, traffic } = connect();
    await analyticsDataSource(connection).countTestPoints({ by: ["stage", "outcome"] });
    expect(analyticsCalls(traffic)).toHaveLength(1);
    expect(traffic.urls.length).toBeLessThanOrEqual(2);
  });

  it("reads records in server pages and never one request per item", async () => {
    const { connection, traffic } = connect();
    const points = await analyticsDataSource(connection).testPoints();
    expect(analyticsCalls(traffic)).toHaveLength(Math.ceil(points.length / PAGE_SIZE));
    expect(traffic.urls.filter((url) => url.includes("workItemsBatch"))).toHaveLength(0);

    const restTraffic = connect();
    await restDataSource(restTraffic.connection).testPoints();
    expect(restTraffic.traffic.urls.length).toBeGreaterThan(analyticsCalls(traffic).length);
  });

  it("sends a query too long for a GET through $batch", async () => {
    const { connection, traffic } = connect();
    const planIds = [...Array.from({ length: 700 }, (_, i) => 900_000 + i), ...(await new ConfigStore(connection.documents).load(PLAN_STAGE_MAPPING)).data.plans.map((p) => p.planId)];
    const scope = pointScope({ planIds }, new StageMapping([]));
    expect(scope.text.length).toBeGreaterThan(3000);
    const [a, r] = await Promise.all([analyticsDataSource(connection).testPoints({ planIds }), restDataSource(connect().connection).testPoints({ planIds })]);
    expect(a).toEqual(r);
    expect(a.length).toBeGreaterThan(0);
    expect(traffic.urls.some((url) => url.endsWith("/$batch"))).toBe(true);
  });
});

describe("reads loaded side by side", () => {
  const wiqlCalls = (traffic: Traffic) => traffic.urls.filter((url) => /_apis\/wit\/wiql/i.test(url));
  const batchReads = (traffic: Traffic) => traffic.urls.filter((url) => /workitemsbatch/i.test(url));
  const linkReads = (traffic: Traffic) => analyticsCalls(traffic).filter((url) => url.includes("/WorkItemLinks"));

  it("on REST, run one WIQL query per category and read each work item once for a hub's parts and a coverage at once", async () => {
    const { connection, traffic } = connect();
    const source = restDataSource(connection);
    const filter = { stage: "SIT-FUNC" };
    const [requirements, testCases, defects, points, coverage] = await Promise.all([
      source.requirements(),
      source.testCases(),
      source.defects(),
      source.testPoints(),
      source.requirementCoverage(filter),
    ]);
    expect(coverage).toEqual(analyseCoverage({ requirements, testCases, points, filter, gaps: false }).summary);
    expect(wiqlCalls(traffic)).toHaveLength(3);
    const pointTestCases = new Set(points.map((p) => p.testCaseId)).size;
    const batches = [requirements.length, testCases.length, defects.length, pointTestCases].reduce((sum, n) => sum + Math.ceil(n / 200), 0);
    expect(batchReads(traffic)).toHaveLength(batches);

    // Nothing is kept once the reads settled: the next load asks again.
    await source.requirements();
    expect(wiqlCalls(traffic)).toHaveLength(5);
  });

  it("on REST, read the required tests' evidence from the test case and point reads in flight", async () => {
    const { connection, traffic } = connect();
    const source = restDataSource(connection);
    const [testCases, points, evidence] = await Promise.all([
      source.testCases(),
      source.testPoints(),
      source.requiredTestEvidence({ programmeTestCaseIds: [], testCaseIds: [], stages: ["SIT-FUNC"] }),
    ]);
    expect(evidence).toEqual({ testCases: [], points: [] });
    expect(testCases.length).toBeGreaterThan(0);
    expect(points.length).toBeGreaterThan(0);
    expect(wiqlCalls(traffic)).toHaveLength(2);
  });

  it("on Analytics, read the Tested By links once for requirements and test cases loaded together, and again for a later load", async () => {
    const alone = connect();
    await analyticsDataSource(alone.connection).requirements();
    const pages = linkReads(alone.traffic).length;
    expect(pages).toBeGreaterThan(0);

    const { connection, traffic } = connect();
    const source = analyticsDataSource(connection);
    await Promise.all([source.requirements(), source.testCases()]);
    expect(linkReads(traffic)).toHaveLength(pages);
    await source.testCases();
    expect(linkReads(traffic)).toHaveLength(2 * pages);
  });
});

describe("chooseDataSource", () => {
  it("uses Analytics while it answers", async () => {
    const { connection, traffic } = connect();
    const source = chooseDataSource(connection);
    expect(source).toBe(chooseDataSource(connection));
    await source.countTestPoints({ by: ["outcome"] });
    expect(source.kind).toBe("analytics");
    expect(source.fallbackReason).toBeUndefined();
    expect(analyticsCalls(traffic)).toHaveLength(1);
  });

  it.each([
    ["off", /not available on this server \(404\)/],
    ["denied", /refused access \(403\).*View analytics/],
  ] as const)("falls back to REST when Analytics is %s, with the same answer", async (mode, reason) => {
    const expected = await restDataSource(connect().connection).countWorkItems({ subject: "defects", by: ["severity"], filter: OPEN });
    devhost.setAnalytics(mode);
    const { connection, traffic } = connect();
    const source = chooseDataSource(connection);
    expect(await source.countWorkItems({ subject: "defects", by: ["severity"], filter: OPEN })).toEqual(expected);
    expect(source.kind).toBe("rest");
    expect(source.fallbackReason).toMatch(reason);
    traffic.urls.length = 0;
    await source.countWorkItems({ subject: "defects", by: ["severity"] });
    expect(analyticsCalls(traffic)).toHaveLength(0);
  });

  it("passes its REST trend budget to the fallback", async () => {
    devhost.setAnalytics("off");
    const query = { from: "2025-01-20", to: "2025-03-31", filter: { stage: "SIT-CIT" } };
    const unlimited = await chooseDataSource(connect().connection, { trendRunBudget: Number.MAX_SAFE_INTEGER }).dailyOutcomes(query);
    const none = await chooseDataSource(connect().connection, { trendRunBudget: 0 }).dailyOutcomes(query);
    expect(unlimited.basis).toBe("history");
    expect(none.basis).toBe("latestResult");
    expect(none.note).toMatch(/latest result/);
  });

  it("passes on a query Analytics refused as malformed instead of hiding it behind REST", async () => {
    await fetch(`${devhost.url}/_devhost/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ route: "/_odata/", kind: "status", status: 400, times: 1 }) });
    const source = chooseDataSource(connect().connection);
    await expect(source.countWorkItems({ subject: "defects", by: ["severity"] })).rejects.toMatchObject({ status: 400 });
    expect(source.kind).toBe("analytics");
    await expect(source.countWorkItems({ subject: "defects", by: ["severity"] })).resolves.toMatchObject({ by: ["severity"] });
  });

  it("retries a throttled Analytics request after Retry-After", async () => {
    const response = await fetch(`${devhost.url}/_devhost/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ route: "/_odata/", kind: "status", status: 429, retryAfter: 2, times: 2 }),
    });
    expect(response.status).toBe(201);
    const { connection, traffic, waits } = connect();
    const source = chooseDataSource(connection);
    const counts = await source.countTestPoints({ by: ["outcome"] });
    expect(counts.total).toBeGreaterThan(0);
    expect(source.kind).toBe("analytics");
    expect(waits).toEqual([2000, 2000]);
    expect(analyticsCalls(traffic)).toHaveLength(3);
  });
});

describe("the aggregates widgets read", () => {
  let analytics: ProgrammeDataSource;
  let rest: ProgrammeDataSource;
  let records: { requirements: RequirementRecord[]; testCases: TestCaseRecord[]; points: TestPointRecord[]; defects: DefectRecord[] };

  beforeAll(async () => {
    analytics = analyticsDataSource(connect().connection);
    rest = restDataSource(connect().connection);
    const [requirements, testCases, points, defects] = await Promise.all([rest.requirements(), rest.testCases(), rest.testPoints(), rest.defects()]);
    records = { requirements, testCases, points, defects };
  });

  it("give the requirement coverage the domain computes from every record, for stages, roles, cycles and participants", async () => {
    const participant = records.testCases.find((tc) => tc.stage === "SIT-FUNC" && tc.participant)?.participant;
    expect(participant).toBeDefined();
    const scopes: CoverageFilter[] = [{ stage: "SIT-FUNC" }, { stage: "SIT-FUNC", role: "SUP" }, { stage: "QT", cycle: "C1" }, { stage: "SIT-FUNC", participant }, {}];
    for (const filter of scopes) {
      const [a, r] = await Promise.all([analytics.requirementCoverage(filter), rest.requirementCoverage(filter)]);
      const expected = analyseCoverage({ ...records, filter, gaps: false }).summary;
      expect({ filter, coverage: a }).toEqual({ filter, coverage: expected });
      expect({ filter, coverage: r }).toEqual({ filter, coverage: expected });
      expect(expected.requirements).toBeGreaterThan(0);
    }
  });

  it("let a later run supersede earlier ones when asked, as the domain does, on both sources", async () => {
    const scopes: CoverageFilter[] = [{ stage: "SIT-FUNC" }, { stage: "QT" }, {}];
    let changed = 0;
    for (const filter of scopes) {
      const [a, r] = await Promise.all([analytics.requirementCoverage(filter, { retests: "supersede" }), rest.requirementCoverage(filter, { retests: "supersede" })]);
      const expected = analyseCoverage({ ...records, filter, gaps: false, retests: "supersede" }).summary;
      expect({ filter, coverage: a }).toEqual({ filter, coverage: expected });
      expect({ filter, coverage: r }).toEqual({ filter, coverage: expected });
      const counted = analyseCoverage({ ...records, filter, gaps: false }).summary;
      expect(expected.failing).toBeLessThanOrEqual(counted.failing);
      changed += counted.failing - expected.failing;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it("give the hub's coverage figure for a stage's exit criteria", async () => {
    const hub = computeExitMetricsByStage({ ...records, asOf: "2025-03-31" }, ["SIT-FUNC"])["SIT-FUNC"].requirements;
    expect(await analytics.requirementCoverage({ stage: "SIT-FUNC" })).toEqual(hub);
    expect(hub?.notCovered).toBeGreaterThan(0);
    expect(hub?.passing).toBeGreaterThan(0);
  });

  it("count coverage on Analytics from links and counts, without reading work items one by one", async () => {
    const { connection, traffic } = connect();
    await analyticsDataSource(connection).requirementCoverage({ stage: "SIT-FUNC" });
    expect(traffic.urls.filter((url) => /workitemsbatch|_apis\/wit\/wiql/i.test(url))).toEqual([]);
    const pointQueries = analyticsCalls(traffic).filter((url) => url.includes("/TestPoints"));
    expect(pointQueries.length).toBeGreaterThan(0);
    expect(pointQueries.every((url) => decodeURIComponent(url).includes("groupby"))).toBe(true);
  });

  it.each([{ stage: "SIT-FUNC" }, { stage: "SIT-FUNC", role: "SUP" }, {}].map((f) => [JSON.stringify(f), f] as const))(
    "count open defects with written work-off plans as the domain judges them: %s",
    async (_name, scope) => {
      const filter = { ...scope, ...OPEN };
      const [a, r] = await Promise.all([analytics.countWorkOffPlans(filter), rest.countWorkOffPlans(filter)]);
      expect(a).toEqual(r);
      const open = records.defects.filter((d) => matchesDefectFilter(d, scope) && isDefectOpen(d) && hasWorkOffPlan(d.workOffPlan));
      expect(a.total).toBe(open.length);
      for (const row of a.rows) expect(row.count).toBe(open.filter((d) => (d.severity || "(none)") === row.key.severity).length);
    },
  );

  it("give the evidence of required tests from which the hub's qualification figures follow, reading only those tests", async () => {
    const store = new ConfigStore(connect().connection.documents);
    const requirements = (await store.load(QUALIFICATION_REQUIREMENTS)).data;
    const participants = (await store.load(PARTICIPANT_REGISTER)).data.participants;
    expect(requirements.requiredTests.length).toBeGreaterThan(0);
    const query = {
      programmeTestCaseIds: requirements.requiredTests.flatMap((rule) => rule.programmeTestCaseIds ?? []),
      testCaseIds: requirements.requiredTests.flatMap((rule) => rule.testCaseIds ?? []),
      stages: [...DEFAULT_STAGES_BY_PATH.SIT, ...DEFAULT_STAGES_BY_PATH.QT],
    };
    const { connection, traffic } = connect();
    const [a, r] = await Promise.all([analyticsDataSource(connection).requiredTestEvidence(query), rest.requiredTestEvidence(query)]);
    const view = (evidence: { testCases: TestCaseRecord[]; points: TestPointRecord[] }) =>
      qualificationView({ participants, testCases: evidence.testCases, points: evidence.points, defects: records.defects, asOf: "2025-03-31", config: requirements });
    const hub = view(records);
    expect(view(a)).toEqual(hub);
    expect(view(r)).toEqual(hub);
    expect(hub.rows.some((row) => row.reliedUpon > 0)).toBe(true);
    expect(a.points.length).toBeLessThan(records.points.length / 10);
    expect(traffic.urls.filter((url) => /workitemsbatch|_apis\/wit\/wiql|_apis\/testplan\//i.test(url))).toEqual([]);
  });

  it("read only the defects with a plan to count work-off plans", async () => {
    const { connection, traffic } = connect();
    const counts = await analyticsDataSource(connection).countWorkOffPlans({ stage: "SIT-FUNC", ...OPEN });
    const withPlans = records.defects.filter((d) => d.workOffPlan).length;
    expect(traffic.urls.filter((url) => /_apis\/wit\/wiql/i.test(url))).toHaveLength(1);
    expect(traffic.urls.filter((url) => /workitemsbatch/i.test(url)).length).toBeLessThanOrEqual(Math.ceil(withPlans / 200));
    expect(counts.total).toBeGreaterThan(0);
  });

  it("count open defects by the day they were raised, as the records say", async () => {
    const query: WorkItemCountQuery = { subject: "defects", by: ["severity", "raisedDay"], filter: { stage: "SIT-FUNC", ...OPEN } };
    const [a, r] = await Promise.all([analytics.countWorkItems(query), rest.countWorkItems(query)]);
    expect(a).toEqual(r);
    const open = records.defects.filter((d) => matchesDefectFilter(d, { stage: "SIT-FUNC" }) && isDefectOpen(d));
    expect(a.total).toBe(open.length);
    for (const row of a.rows) {
      expect(row.key.raisedDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.count).toBe(open.filter((d) => d.severity === row.key.severity && d.createdDate.slice(0, 10) === row.key.raisedDay).length);
    }
  });
});
