// The programme's test execution: configurations (the SIT environments, the QTF, PIT), a test plan per
// stage and cycle ("SIT-FUNC Cycle 1", "QT Batch 2", "SIT-NFT"), each with a suite per market role
// holding a suite per participant with that participant's test cases, a point per test case and
// configuration, and each point's executions over the ten weeks before the anchor date: results in
// runs (one run per suite, tester and day), the point's outcome history, and the programme's bugs
// associated with the failed results of the test cases they are linked to. Plans and suites are work
// items too, as in Azure DevOps. With a point scale above 1 each plan also runs its test cases on
// variants of its configurations ("SIT-A #2": same environment), for stores with more points per test
// case than the programme's own plans give.
import type { Participant } from "../../src/domain/model";
import { DEFAULT_MARKET_ROLES } from "../../src/domain/catalogues";
import type { User } from "../store/identities";
import { identityValue } from "../store/identities";
import {
  FIRST_RESULT_ID,
  PointHistoryRecord,
  TestConfigurationRecord,
  TestManagementData,
  TestOutcome,
  TestPlanRecord,
  TestPointRecord,
  TestResultRecord,
  TestRunRecord,
  TestSuiteRecord,
} from "../store/testPlans";
import type { FieldMap } from "../store/workItems";
import { pointStateFor, SUITE_TYPE_WORK_ITEM } from "../tcm/enums";
import type { SeedBug, SeedTestCase } from "./programme";
import { Random } from "./prng";

const DAY = 86_400_000;
/** How far back execution goes: plans start at most this many days before the anchor. */
export const EXECUTION_WINDOW_DAYS = 70;
/** At most this many outcome changes (results) per point. */
export const MAX_EXECUTIONS_PER_POINT = 6;

export interface TestExecutionOptions {
  projectId: string;
  projectName: string;
  participants: readonly Participant[];
  testCases: readonly SeedTestCase[];
  bugs: readonly SeedBug[];
  /** Owns the plans and creates the plans and suites. */
  owner: User;
  /** Testers of the participant suites, the first the most often. */
  testers: readonly User[];
  anchor: Date;
  random: Random;
  /** Work item type names for plans and suites in the project's process. */
  types: { testPlan: string; testSuite: string };
  firstWorkItemId: number;
  firstConfigurationId: number;
  firstPointId: number;
  firstRunId: number;
  /**
   * Configurations each plan runs its test cases on, as a multiple of the plan's own (1 = SIT-A and
   * SIT-B, 2 = also "SIT-A #2" and "SIT-B #2", ...), so every test case has that many times the points.
   * Default 1: the programme's own plans, and the same data as without the option.
   */
  pointScale?: number;
}

export interface PlanStage {
  planId: number;
  stage: string;
  cycle?: string;
}

export interface TestExecution {
  /** The Test Plan and Test Suite work items. */
  items: { id: number; projectId: string; fields: FieldMap }[];
  data: TestManagementData;
  /** The plan-to-stage mapping the extension's configuration keeps. */
  planStages: PlanStage[];
}

interface PlanSpec {
  stage: string;
  cycle?: string;
  name: string;
  /** Days before the anchor the plan starts, and how long it runs. */
  startsDaysAgo: number;
  lengthDays: number;
  configurations: readonly string[];
}

const CYCLES = ["C1", "C2", "C3"];
const BATCHES = ["Batch 1", "Batch 2", "Batch 3"];
const SIT_CONFIGURATIONS = ["SIT-A", "SIT-B"];
/**
 * Stages run in cycles: a test case is run in its own cycle and carried into every later one, and the
 * regression plan of each cycle reruns the functional and migration test cases brought in so far.
 */
const CYCLED_STAGES: Record<string, { firstStart: number }> = { "SIT-FUNC": { firstStart: 70 }, "SIT-MIG": { firstStart: 63 }, "SIT-REG": { firstStart: 56 } };
const SINGLE_PLAN_STAGES: Record<string, { startsDaysAgo: number; lengthDays: number; configurations: readonly string[] }> = {
  PIT: { startsDaysAgo: 70, lengthDays: 35, configurations: ["PIT"] },
  "SIT-CIT": { startsDaysAgo: 70, lengthDays: 28, configurations: SIT_CONFIGURATIONS },
  "SIT-NFT": { startsDaysAgo: 56, lengthDays: 49, configurations: SIT_CONFIGURATIONS },
  "SIT-OPS": { startsDaysAgo: 42, lengthDays: 42, configurations: SIT_CONFIGURATIONS },
  "E2E-SANDBOX": { startsDaysAgo: 28, lengthDays: 42, configurations: ["E2E Sandbox"] },
};
/** Share of the functional and migration test cases of a cycle and earlier rerun in that cycle's regression plan. */
const REGRESSION_SHARE = 1;
/** Stages without cycles whose test cases the last regression cycle reruns before SIT exit. */
const FINAL_REGRESSION_STAGES = ["SIT-NFT", "SIT-OPS"];

const CONFIGURATION_DESCRIPTIONS: Record<string, string> = {
  "SIT-A": "SIT environment A",
  "SIT-B": "SIT environment B",
  QTF: "Qualification Test Framework",
  PIT: "The participant's own PIT environment",
  "E2E Sandbox": "End-to-End Sandbox",
};

const FAILURES = [
  "Response not received within the agreed time",
  "Rejected with the wrong error code",
  "Publication not received by the subscribing party",
  "MPAN not found on the registration service",
  "Settlement period totals do not reconcile",
  "Payload failed schema validation on the DIP",
];
const BLOCKS = ["Environment unavailable", "Test data not loaded", "Blocked by an open defect in a dependent service", "DIP certificate not issued"];

interface Execution {
  time: number;
  outcome: TestOutcome;
  bugId?: number;
}

export function generateTestExecution(options: TestExecutionOptions): TestExecution {
  const { random, anchor } = options;
  const pointScale = options.pointScale ?? 1;
  if (!Number.isInteger(pointScale) || pointScale < 1) throw new Error(`Invalid point scale ${pointScale}: a whole number of 1 or more`);
  const now = anchor.getTime();
  const iso = (time: number) => new Date(time).toISOString();
  const items: TestExecution["items"] = [];
  const data: TestManagementData = { configurations: [], plans: [], suites: [], suiteTestCases: [], points: [], runs: [], results: [], history: [] };
  let nextWorkItemId = options.firstWorkItemId;

  // --- configurations ---
  const configurationIds = new Map<string, number>();
  /** A configuration of an environment; variant 1 is the environment's own, later ones are named "SIT-A #2". */
  const configuration = (environment: string, variant = 1): number => {
    const name = variant === 1 ? environment : `${environment} #${variant}`;
    let id = configurationIds.get(name);
    if (id === undefined) {
      id = options.firstConfigurationId + data.configurations.length;
      const description = CONFIGURATION_DESCRIPTIONS[environment] ?? environment;
      const record: TestConfigurationRecord = {
        id,
        projectId: options.projectId,
        name,
        description: variant === 1 ? description : `${description}, variant ${variant}`,
        isDefault: name === SIT_CONFIGURATIONS[0],
        state: "Active",
        values: [{ name: "Environment", value: environment }],
      };
      data.configurations.push(record);
      configurationIds.set(name, id);
    }
    return id;
  };
  for (const name of SIT_CONFIGURATIONS) configuration(name);

  // --- which plans hold which test cases ---
  const specs = new Map<string, PlanSpec>();
  const members = new Map<string, SeedTestCase[]>();
  const place = (spec: PlanSpec, testCase: SeedTestCase) => {
    const key = `${spec.stage}|${spec.cycle ?? ""}`;
    if (!specs.has(key)) {
      specs.set(key, spec);
      members.set(key, []);
    }
    members.get(key)!.push(testCase);
  };
  const cyclePlan = (stage: string, index: number): PlanSpec => ({
    stage,
    cycle: CYCLES[index],
    name: `${stage} Cycle ${index + 1}`,
    startsDaysAgo: CYCLED_STAGES[stage].firstStart - 21 * index,
    lengthDays: 35,
    configurations: SIT_CONFIGURATIONS,
  });
  for (const testCase of options.testCases) {
    if (CYCLED_STAGES[testCase.stage]) {
      const first = Math.max(0, CYCLES.indexOf(testCase.cycle));
      for (let i = first; i < CYCLES.length; i++) place(cyclePlan(testCase.stage, i), testCase);
      if (testCase.stage !== "SIT-REG") {
        for (let i = first; i < CYCLES.length; i++) if (random.chance(REGRESSION_SHARE)) place(cyclePlan("SIT-REG", i), testCase);
      }
    } else if (testCase.stage === "QT") {
      const batch = Math.max(0, BATCHES.indexOf(testCase.cycle));
      place({ stage: "QT", cycle: BATCHES[batch], name: `QT ${BATCHES[batch]}`, startsDaysAgo: 70 - 21 * batch, lengthDays: 35, configurations: ["QTF"] }, testCase);
    } else {
      const single = SINGLE_PLAN_STAGES[testCase.stage] ?? { startsDaysAgo: 56, lengthDays: 42, configurations: SIT_CONFIGURATIONS };
      place({ stage: testCase.stage, name: testCase.stage, ...single }, testCase);
      if (FINAL_REGRESSION_STAGES.includes(testCase.stage)) place(cyclePlan("SIT-REG", CYCLES.length - 1), testCase);
    }
  }
  const stageRank = rankIn(["PIT", "SIT-CIT", "SIT-FUNC", "SIT-MIG", "SIT-NFT", "SIT-OPS", "SIT-REG", "QT", "E2E-SANDBOX"]);
  const orderedKeys = [...specs.keys()].sort((a, b) => {
    const [sa, ca] = a.split("|");
    const [sb, cb] = b.split("|");
    return stageRank(sa) - stageRank(sb) || sa.localeCompare(sb) || ca.localeCompare(cb);
  });

  // --- work items for plans and suites ---
  const owner = identityValue(options.owner);
  const workItem = (type: string, title: string, state: string, created: number, extra: FieldMap): number => {
    const id = nextWorkItemId++;
    const when = iso(created);
    items.push({
      id,
      projectId: options.projectId,
      fields: {
        "System.Id": id,
        "System.Rev": 1,
        "System.WorkItemType": type,
        "System.TeamProject": options.projectName,
        "System.AreaPath": options.projectName,
        "System.IterationPath": options.projectName,
        "System.NodeName": options.projectName,
        "System.Title": title,
        "System.State": state,
        "System.Reason": "New",
        "System.CreatedBy": owner,
        "System.CreatedDate": when,
        "System.ChangedBy": owner,
        "System.ChangedDate": when,
        "System.AuthorizedAs": owner,
        "System.AuthorizedDate": when,
        "System.RevisedDate": "9999-01-01T00:00:00.000Z",
        "System.Watermark": id,
        "System.CommentCount": 0,
        "Microsoft.VSTS.Common.StateChangeDate": when,
        ...extra,
      },
    });
    return id;
  };
  const staticSuite = SUITE_TYPE_WORK_ITEM.staticTestSuite;
  const roleRank = rankIn(DEFAULT_MARKET_ROLES.map((r) => r.code));
  const roleName = (code: string) => DEFAULT_MARKET_ROLES.find((r) => r.code === code)?.name ?? code;
  const participantsById = new Map(options.participants.map((p) => [p.mpid, p]));
  const testerWeights = options.testers.map((user, index) => [user, index === 0 ? 70 : 30 / Math.max(1, options.testers.length - 1)] as const);

  const planStages: PlanStage[] = [];
  interface PlacedPoint {
    point: TestPointRecord;
    plan: TestPlanRecord;
    suite: TestSuiteRecord;
    testCase: SeedTestCase;
    windowStart: number;
    windowEnd: number;
    executions: Execution[];
  }
  const placed: PlacedPoint[] = [];
  let nextPointId = options.firstPointId;

  for (const key of orderedKeys) {
    const spec = specs.get(key)!;
    const start = startOfDay(now - spec.startsDaysAgo * DAY);
    const end = start + spec.lengthDays * DAY - 1000;
    const created = start - 7 * DAY;
    const planId = workItem(options.types.testPlan, spec.name, "Active", created, {
      "System.AssignedTo": owner,
      "System.Description": `<p>${spec.name}: the ${spec.stage} test plan${spec.cycle ? ` for ${spec.cycle}` : ""}.</p>`,
      "Microsoft.VSTS.Scheduling.StartDate": iso(start),
      "Microsoft.VSTS.Scheduling.FinishDate": iso(end),
    });
    const suiteItem = (name: string) =>
      workItem(options.types.testSuite, name, "In Progress", created, { "Microsoft.VSTS.TCM.TestSuiteType": staticSuite.name, "Microsoft.VSTS.TCM.TestSuiteTypeId": staticSuite.id });
    const rootId = suiteItem(spec.name);
    const plan: TestPlanRecord = {
      id: planId,
      projectId: options.projectId,
      name: spec.name,
      description: `${spec.name}: the ${spec.stage} test plan${spec.cycle ? ` for ${spec.cycle}` : ""}.`,
      areaPath: options.projectName,
      iteration: options.projectName,
      state: "Active",
      startDate: iso(start),
      endDate: iso(end),
      ownerId: options.owner.id,
      rootSuiteId: rootId,
      revision: 1,
      createdDate: iso(created),
      updatedDate: iso(created),
      updatedById: options.owner.id,
    };
    data.plans.push(plan);
    planStages.push({ planId, stage: spec.stage, ...(spec.cycle ? { cycle: spec.cycle } : {}) });
    const suite = (id: number, name: string, parentSuiteId: number | undefined, order: number, extra: Partial<TestSuiteRecord> = {}): TestSuiteRecord => {
      const record: TestSuiteRecord = {
        id,
        planId,
        parentSuiteId,
        name,
        suiteType: "staticTestSuite",
        order,
        state: "In Progress",
        inheritDefaultConfigurations: parentSuiteId !== undefined,
        defaultConfigurationIds: [],
        defaultTesterIds: [],
        revision: 1,
        lastUpdatedDate: iso(created),
        lastUpdatedById: options.owner.id,
        ...extra,
      };
      data.suites.push(record);
      return record;
    };
    const configurationsOfPlan = spec.configurations.flatMap((environment) => Array.from({ length: pointScale }, (_, i) => configuration(environment, i + 1)));
    suite(rootId, spec.name, undefined, 0, { defaultConfigurationIds: configurationsOfPlan });

    const byRole = new Map<string, SeedTestCase[]>();
    for (const testCase of members.get(key)!) byRole.set(testCase.role, [...(byRole.get(testCase.role) ?? []), testCase]);
    const roles = [...byRole.keys()].sort((a, b) => roleRank(a) - roleRank(b) || a.localeCompare(b));
    roles.forEach((role, roleIndex) => {
      const roleSuite = suite(suiteItem(`${role} - ${roleName(role)}`), `${role} - ${roleName(role)}`, rootId, roleIndex + 1);
      const byParticipant = new Map<string, SeedTestCase[]>();
      for (const testCase of byRole.get(role)!) byParticipant.set(testCase.participant, [...(byParticipant.get(testCase.participant) ?? []), testCase]);
      const holders = [...byParticipant.keys()].sort();
      let order = 0;
      for (const mpid of holders) {
        const tester = random.weighted(testerWeights);
        let target = roleSuite;
        if (mpid !== "") {
          const name = `${mpid} - ${participantsById.get(mpid)?.organisation ?? mpid}`;
          target = suite(suiteItem(name), name, roleSuite.id, ++order, { defaultTesterIds: [tester.id] });
        }
        const testCases = byParticipant.get(mpid)!.sort((a, b) => a.id - b.id);
        testCases.forEach((testCase, index) => {
          data.suiteTestCases.push({ suiteId: target.id, testCaseId: testCase.id, order: index + 1, addedDate: iso(created) });
          for (const configurationId of configurationsOfPlan) {
            const point: TestPointRecord = {
              id: nextPointId++,
              projectId: options.projectId,
              planId,
              suiteId: target.id,
              testCaseId: testCase.id,
              configurationId,
              testerId: tester.id,
              outcome: "None",
              state: "Ready",
              comment: "",
              revision: 1,
              createdDate: iso(start),
              lastUpdatedDate: iso(start),
              lastUpdatedById: options.owner.id,
            };
            const windowEnd = Math.min(end, now);
            placed.push({ point, plan, suite: target, testCase, windowStart: start, windowEnd, executions: executions(random, start, windowEnd, spec.lengthDays) });
          }
        });
      }
    });
  }

  // --- bugs raised from failures: a failed result at the bug's creation, then retests that fit its state ---
  const openBugRaised = new Map<PlacedPoint, number>();
  const pointsOfTestCase = new Map<number, PlacedPoint[]>();
  for (const p of placed) pointsOfTestCase.set(p.testCase.id, [...(pointsOfTestCase.get(p.testCase.id) ?? []), p]);
  for (const bug of options.bugs) {
    if (bug.testCaseId === undefined) continue;
    const raised = bug.createdDate.getTime();
    const candidates = (pointsOfTestCase.get(bug.testCaseId) ?? []).filter((p) => p.windowStart <= raised && raised <= p.windowEnd);
    if (candidates.length === 0) continue;
    const target = random.pick(candidates);
    const open = bug.state !== "Resolved" && bug.state !== "Closed";
    const fixed = bug.changedDate.getTime();
    const events = target.executions.map((e) => {
      if (e.time <= raised || e.bugId !== undefined) return e;
      const beforeFix = open || e.time < fixed;
      return beforeFix && (e.outcome === "Passed" || e.outcome === "NotApplicable") ? { ...e, outcome: "Failed" as TestOutcome } : e;
    });
    events.push({ time: raised, outcome: "Failed", bugId: bug.id });
    if (!open) {
      const retest = startOfDay(Math.max(fixed, raised)) + random.int(1, 3) * DAY + workingTime(random);
      const passedAfter = events.some((e) => e.time > fixed && e.outcome === "Passed");
      if (!passedAfter && retest <= target.windowEnd) events.push({ time: retest, outcome: "Passed" });
    }
    events.sort((a, b) => a.time - b.time);
    while (events.length > MAX_EXECUTIONS_PER_POINT) {
      const drop = events.findIndex((e) => e.bugId === undefined);
      events.splice(drop < 0 ? 0 : drop, 1);
    }
    target.executions = events;
    if (open) openBugRaised.set(target, Math.min(raised, openBugRaised.get(target) ?? raised));
  }
  // While a bug found on a point is open, its retests do not pass.
  for (const [target, raised] of openBugRaised) {
    target.executions = target.executions.map((e) => (e.time > raised && (e.outcome === "Passed" || e.outcome === "NotApplicable") ? { ...e, outcome: "Failed" } : e));
  }

  // --- runs (one per plan, suite, tester and day), results and history ---
  const groups = new Map<string, { plan: TestPlanRecord; suite: TestSuiteRecord; testerId: string; entries: { placed: PlacedPoint; execution: Execution }[] }>();
  for (const p of placed) {
    for (const execution of p.executions) {
      const key = `${p.plan.id}|${p.suite.id}|${p.point.testerId}|${Math.floor(execution.time / DAY)}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { plan: p.plan, suite: p.suite, testerId: p.point.testerId!, entries: [] }));
      group.entries.push({ placed: p, execution });
    }
  }
  const runGroups = [...groups.values()]
    .map((group) => ({ ...group, entries: group.entries.sort((a, b) => a.execution.time - b.execution.time || a.placed.point.id - b.placed.point.id) }))
    .sort((a, b) => a.entries[0].execution.time - b.entries[0].execution.time || a.suite.id - b.suite.id);
  // Runs are numbered in time order, so a point's last result here is also its newest by run and result id.
  const lastResult = new Map<number, TestResultRecord>();
  let nextRunId = options.firstRunId;
  for (const group of runGroups) {
    const runId = nextRunId++;
    let resultId = FIRST_RESULT_ID;
    const results: TestResultRecord[] = group.entries.map(({ placed: p, execution }) => {
      const durationMs = random.int(5, 45) * 60_000;
      const completed = iso(execution.time);
      const result: TestResultRecord = {
        runId,
        id: resultId++,
        projectId: options.projectId,
        pointId: p.point.id,
        planId: p.plan.id,
        suiteId: p.suite.id,
        testCaseId: p.testCase.id,
        testCaseTitle: p.testCase.title,
        configurationId: p.point.configurationId,
        priority: p.testCase.priority,
        outcome: execution.outcome,
        state: "Completed",
        runById: group.testerId,
        startedDate: iso(execution.time - durationMs),
        completedDate: completed,
        durationMs,
        errorMessage: execution.outcome === "Failed" ? random.pick(FAILURES) : execution.outcome === "Blocked" ? random.pick(BLOCKS) : "",
        comment: "",
        createdDate: iso(execution.time - durationMs),
        lastUpdatedDate: completed,
        lastUpdatedById: group.testerId,
        revision: 1,
        associatedBugIds: execution.bugId === undefined ? [] : [execution.bugId],
      };
      data.history.push({ pointId: p.point.id, changedDate: completed, outcome: execution.outcome, runId, resultId: result.id, changedById: group.testerId } satisfies PointHistoryRecord);
      lastResult.set(p.point.id, result);
      return result;
    });
    data.results.push(...results);
    const run: TestRunRecord = {
      id: runId,
      projectId: options.projectId,
      name: `${group.plan.name}: ${group.suite.name}`,
      planId: group.plan.id,
      state: "Completed",
      isAutomated: false,
      ownerId: group.testerId,
      iteration: group.plan.iteration,
      comment: "",
      errorMessage: "",
      createdDate: results[0].startedDate!,
      startedDate: results[0].startedDate!,
      completedDate: results[results.length - 1].completedDate!,
      lastUpdatedDate: results[results.length - 1].completedDate!,
      lastUpdatedById: group.testerId,
      revision: 1,
    };
    data.runs.push(run);
  }

  for (const p of placed) {
    const last = lastResult.get(p.point.id);
    if (last) {
      Object.assign(p.point, {
        outcome: last.outcome,
        state: pointStateFor(last.outcome),
        lastRunId: last.runId,
        lastResultId: last.id,
        lastResultState: last.state,
        lastResultCompletedDate: last.completedDate,
        lastResultDurationMs: last.durationMs,
        lastRunById: last.runById,
        revision: 1 + p.executions.length,
        lastUpdatedDate: last.completedDate,
        lastUpdatedById: last.runById,
      } satisfies Partial<TestPointRecord>);
    }
    data.points.push(p.point);
  }
  data.history.sort((a, b) => a.pointId - b.pointId || a.changedDate.localeCompare(b.changedDate) || a.runId! - b.runId! || a.resultId! - b.resultId!);
  return { items, data, planStages };
}

/**
 * A point's executions in its plan's window: most points run, the first run falls anywhere in the
 * window (later plans have had less time), failures and blocks are retested a few days later until
 * they pass or the window ends, and a passed point is now and then rerun.
 */
function executions(random: Random, start: number, end: number, lengthDays: number): Execution[] {
  if (end <= start) return [];
  const elapsed = Math.min(1, (end - start) / (lengthDays * DAY));
  if (!random.chance(0.92 * Math.sqrt(elapsed))) return [];
  const result: Execution[] = [];
  let day = startOfDay(start + Math.floor((end - start) * 0.9 * random.next()));
  let retest = false;
  while (result.length < MAX_EXECUTIONS_PER_POINT) {
    const time = day + workingTime(random);
    if (time > end) break;
    const outcome = retest
      ? random.weighted<TestOutcome>([["Passed", 70], ["Failed", 18], ["Blocked", 10], ["NotApplicable", 2]])
      : random.weighted<TestOutcome>([["Passed", 58], ["Failed", 24], ["Blocked", 11], ["NotApplicable", 5], ["Inconclusive", 2]]);
    result.push({ time, outcome });
    if (outcome === "NotApplicable") break;
    if (outcome === "Passed") {
      if (!random.chance(0.08)) break;
      day += random.int(5, 14) * DAY;
      retest = false;
    } else {
      if (!random.chance(0.8)) break;
      day += random.int(2, 9) * DAY;
      retest = true;
    }
  }
  return result;
}

/** A time in the working day (08:00 to 17:59 UTC), as an offset from midnight. */
function workingTime(random: Random): number {
  return (random.int(8, 17) * 60 + random.int(0, 59)) * 60_000 + random.int(0, 59) * 1000;
}

/** Position in a list, unknown values last. */
function rankIn(order: readonly string[]): (value: string) => number {
  return (value) => {
    const index = order.indexOf(value);
    return index < 0 ? order.length : index;
  };
}

function startOfDay(time: number): number {
  return Math.floor(time / DAY) * DAY;
}
