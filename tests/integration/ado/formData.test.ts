// What the work item forms read (src/ado/formData.ts) against the local host over loopback: the
// same records as the REST data source for the same work items (points with stage and cycle from
// the plan-to-stage mapping, else from the test case; test cases; linked defects), with the points
// of any number of test cases in one request per 200 of them.

import "../../../src/ado/node";
import { DevhostHandle, startDevhost } from "../../../devhost/server";
import { seedProgramme } from "../../../devhost/seed";
import { AdoConnection } from "../../../src/ado/clients";
import { ConfigStore, PLAN_STAGE_MAPPING, PlanStage } from "../../../src/ado/configStore";
import { restDataSource } from "../../../src/ado/dataSources";
import { compact } from "../../../src/ado/dataSources/shared";
import { workItemFormData } from "../../../src/ado/formData";
import { LINK_TYPES, readWorkItems, relationTo } from "../../../src/ado/workItems";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { connectToDevhost } from "../../support/devhostConnection";

const SCALE = 0.2;
const ANCHOR = new Date("2025-03-31T00:00:00Z");

let devhost: DevhostHandle;
/** What the REST data source reads, once the mapping below is stored. */
let records: { requirements: RequirementRecord[]; testCases: TestCaseRecord[]; defects: DefectRecord[]; points: TestPointRecord[] };
/** The plan the test changed the mapping of, and the one it left out of the mapping. */
let remapped: PlanStage;
let unmapped: PlanStage;

function connect(urls: string[] = []): AdoConnection {
  return connectToDevhost(devhost, { traffic: { urls } }).connection;
}

const pointsOf = (ids: readonly number[]) => records.points.filter((point) => ids.includes(point.testCaseId));

beforeAll(async () => {
  devhost = await startDevhost({ port: 0, dataDir: ":memory:", quiet: true, seed: (store) => void seedProgramme(store, { scale: SCALE, anchor: ANCHOR }) });
  // One plan mapped to another stage and cycle, one not mapped at all (its points take their test cases' stage and cycle).
  const store = new ConfigStore(connect().documents);
  const mapping = await store.load(PLAN_STAGE_MAPPING);
  const plans = mapping.data.plans;
  const otherStage = plans.find((p) => p.stage !== plans[0].stage)!.stage;
  remapped = { planId: plans[0].planId, stage: otherStage, cycle: "Cycle 9" };
  unmapped = plans[1];
  await store.save(PLAN_STAGE_MAPPING, { plans: [remapped, ...plans.slice(2)] }, mapping.etag);

  const rest = restDataSource(connect());
  const [requirements, testCases, defects, points] = await Promise.all([rest.requirements(), rest.testCases(), rest.defects(), rest.testPoints()]);
  records = { requirements, testCases, defects, points };
}, 120_000);

afterAll(async () => {
  await devhost?.close();
});

describe("the test points of given test cases", () => {
  it("are the REST data source's points of those test cases, with stage and cycle from the mapping, else the test case", async () => {
    const inPlan = (planId: number) => [...new Set(records.points.filter((p) => p.planId === planId).map((p) => p.testCaseId))].slice(0, 15);
    const withoutPoints = records.testCases.find((tc) => !records.points.some((p) => p.testCaseId === tc.id))?.id;
    const ids = [...inPlan(remapped.planId), ...inPlan(unmapped.planId), ...inPlan(records.points[records.points.length - 1].planId), ...(withoutPoints ? [withoutPoints] : [])];

    const points = await workItemFormData(connect()).testPoints(ids);
    expect(points).toEqual(pointsOf(ids));
    expect(points.length).toBeGreaterThan(ids.length);

    const remappedPoints = points.filter((p) => p.planId === remapped.planId);
    expect(remappedPoints.length).toBeGreaterThan(0);
    expect(remappedPoints.every((p) => p.stage === remapped.stage && p.cycle === "Cycle 9")).toBe(true);
    const testCase = new Map(records.testCases.map((tc) => [tc.id, tc]));
    const unmappedPoints = points.filter((p) => p.planId === unmapped.planId);
    expect(unmappedPoints.length).toBeGreaterThan(0);
    expect(unmappedPoints.every((p) => p.stage === (testCase.get(p.testCaseId)?.stage ?? ""))).toBe(true);
  });

  it("carry their plans' and suites' names, and cost one points query per 200 test cases", async () => {
    const ids = [...new Set(records.points.map((p) => p.testCaseId))].slice(0, 250);
    const urls: string[] = [];
    const placed = await workItemFormData(connect(urls)).placedTestPoints(ids);
    expect(placed.map((p) => p.point)).toEqual(pointsOf(ids));
    expect(placed.every((p) => p.planName && p.suiteName)).toBe(true);
    expect(urls.filter((url) => url.includes("/_apis/test/points")).length).toBe(2);
  });

  it("are none, without a request for them, when there are no test cases", async () => {
    const urls: string[] = [];
    expect(await workItemFormData(connect(urls)).testPoints([])).toEqual([]);
    expect(urls.filter((url) => url.includes("/_apis/test/points"))).toEqual([]);
  });
});

describe("a requirement's records", () => {
  it("are the REST data source's test cases, points and defects for the requirement's links, the form's unsaved links included", async () => {
    const connection = connect();
    const linkedToTestCases = (req: RequirementRecord) => records.defects.filter((d) => d.testCaseIds.some((id) => req.testCaseIds.includes(id)));
    const requirement = records.requirements.find((req) => req.testCaseIds.length >= 2 && linkedToTestCases(req).length > 0);
    expect(requirement).toBeDefined();
    const req = requirement!;
    // A defect linked to none of its test cases, related to the requirement on the form but not saved yet.
    const unsaved = records.defects.find((d) => !linkedToTestCases(req).includes(d) && !(d.requirementIds ?? []).includes(req.id))!;
    const [stored] = (await readWorkItems(connection, [req.id], [], { expandRelations: true })).items;
    const relations = [...(stored.relations ?? []), await relationTo(connection, LINK_TYPES.related, unsaved.id)];

    const read = await workItemFormData(connection).requirementRecords({ requirementId: req.id, testCaseIds: req.testCaseIds, relations });

    expect(read.testCases).toEqual(records.testCases.filter((tc) => req.testCaseIds.includes(tc.id)));
    expect(read.points).toEqual(pointsOf(req.testCaseIds));
    expect(read.points.length).toBeGreaterThan(0);
    const linked = records.defects.filter((d) => linkedToTestCases(req).includes(d) || (d.requirementIds ?? []).includes(req.id) || d === unsaved);
    // Links are limited to this requirement and its test cases; the work-off plan is not read for the form.
    const expected = linked.map((d) =>
      compact({
        ...d,
        workOffPlan: undefined,
        testCaseIds: d.testCaseIds.filter((id) => req.testCaseIds.includes(id)),
        requirementIds: d === unsaved ? [req.id] : (d.requirementIds ?? []).filter((id) => id === req.id),
      }),
    );
    expect(read.defects).toEqual(expected);
    expect(read.defects.some((d) => d.id === unsaved.id)).toBe(true);
    expect(read.defects.length).toBeGreaterThan(1);
  });
});

describe("linked work items", () => {
  it("are described by title, type and state, leaving out those that cannot be read", async () => {
    const testCase = records.testCases[0];
    const defect = records.defects[0];
    const described = await workItemFormData(connect()).describeWorkItems([testCase.id, 999_999, defect.id]);
    expect(described).toEqual([
      { id: testCase.id, title: testCase.title, type: "Test Case", ...(testCase.state ? { state: testCase.state } : {}) },
      { id: defect.id, title: defect.title, type: "Bug", state: defect.state },
    ]);
  });
});
