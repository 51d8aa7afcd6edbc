// Seeds an empty store with an MHHS-like programme: the "MHHS Agile" process, the programme project on
// it, a "Fresh Project" on plain Agile, ~60 participants, requirements, test cases, bugs and links, test
// plans with suites, ~12,000 test points (at scale 1, point scale 1) and ten weeks of runs and results, and the
// programme configuration documents. Deterministic for a given seed, scale, point scale and anchor date.
import { AGILE_PROCESS_ID } from "../catalogue/systemProcesses";
import { ADMIN_USER, SEEDED_USERS, TEST_MANAGER_USER, TESTER_USER } from "../catalogue/users";
import type { DevhostStore } from "../store/store";
import { programmeDocuments } from "./documents";
import { CONFIG_COLLECTION, MHHS_EXTENSION } from "./extensionIds";
import { CATEGORY_REFERENCE } from "./fields";
import { provisionMhhsProcess } from "./mhhsProcess";
import { generateParticipants } from "./participants";
import { Random } from "./prng";
import { BASE_COUNTS, generateProgramme, qualificationRequirementsDocument } from "./programme";
import { generateTestExecution } from "./testExecution";

export { CONFIG_COLLECTION, CONFIG_DOCUMENT, MHHS_EXTENSION } from "./extensionIds";
export { MHHS_FIELD, MHHS_FIELD_SPECS } from "./fields";
export { MHHS_PROCESS_NAME } from "./mhhsProcess";
export { BASE_COUNTS, validMpan } from "./programme";
export { EXECUTION_WINDOW_DAYS, MAX_EXECUTIONS_PER_POINT } from "./testExecution";

export const PROGRAMME_PROJECT = "MHHS Programme";
export const FRESH_PROJECT = "Fresh Project";
export const DEFAULT_SEED = 20231030;
/** Test execution draws from its own sequence, so adding to it leaves the work items as they were. */
const EXECUTION_SEED_SALT = 0x7e57ab1e;
const SEEDED_SETTING = "seed.completedAt";

export interface SeedOptions {
  /** Multiplies everything (1 = 1,000 requirements, 3,000 test cases, 1,500 bugs, ~12,000 test points). */
  scale?: number;
  seed?: number;
  /**
   * Multiplies the test points of every test case (a whole number, default 1): each plan runs its test
   * cases on this many variants of each of its configurations ("SIT-A", "SIT-A #2", ...). Work items
   * are the same as at 1; points, results and history grow about this many times. At scale 8.85
   * (~50,000 work items) 2 gives ~216,000 points.
   */
  pointScale?: number;
  /**
   * The programme's "today": dates are spread over the weeks before it and no result is later. Default:
   * the current day (UTC midnight), so the demo looks current; tests pass a fixed date.
   */
  anchor?: Date;
  projectName?: string;
}

export interface SeedResult {
  /** All work items, test plans and suites included. */
  workItems: number;
  links: number;
  testPlans: number;
  testSuites: number;
  testPoints: number;
  testRuns: number;
  testResults: number;
  milliseconds: number;
}

/** Seeds the programme unless the store has been seeded or already holds work items. */
export function seedIfEmpty(store: DevhostStore, options: SeedOptions = {}): SeedResult | undefined {
  if (store.settings.get(SEEDED_SETTING) || store.workItems.count() > 0) return undefined;
  return seedProgramme(store, options);
}

export function seedProgramme(store: DevhostStore, options: SeedOptions = {}): SeedResult {
  const started = Date.now();
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const now = new Date();
  const anchor = options.anchor ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const projectName = options.projectName ?? PROGRAMME_PROJECT;
  return store.transaction(() => {
    const process = provisionMhhsProcess(store);
    const project = store.projects.find(projectName) ?? store.projects.create({ name: projectName, processId: process.id, description: "The MHHS test programme." });
    if (project.processId !== process.id) store.projects.changeProcess(project.id, process.id);
    if (!store.projects.find(FRESH_PROJECT)) store.projects.create({ name: FRESH_PROJECT, processId: AGILE_PROCESS_ID, description: "A project on plain Agile, without the MHHS fields." });

    const categories = store.processes.categories(process.id);
    const typeOf = (reference: string) => categories.find((c) => c.referenceName === reference)!.types[0];
    const participants = generateParticipants(random);
    const programme = generateProgramme({
      projectId: project.id,
      projectName: project.name,
      participants,
      users: SEEDED_USERS,
      anchor,
      scale: options.scale ?? 1,
      firstId: store.workItems.nextId(),
      random,
      types: { requirement: typeOf(CATEGORY_REFERENCE.requirement), testCase: typeOf(CATEGORY_REFERENCE.testCase), bug: typeOf(CATEGORY_REFERENCE.bug) },
    });
    store.workItems.bulkInsert(programme.items, programme.links);

    const execution = generateTestExecution({
      projectId: project.id,
      projectName: project.name,
      participants,
      testCases: programme.testCases,
      bugs: programme.bugs,
      owner: TEST_MANAGER_USER,
      testers: [TESTER_USER, TEST_MANAGER_USER, ADMIN_USER],
      anchor,
      random: new Random(((options.seed ?? DEFAULT_SEED) ^ EXECUTION_SEED_SALT) >>> 0),
      types: { testPlan: typeOf("Microsoft.TestPlanCategory"), testSuite: typeOf("Microsoft.TestSuiteCategory") },
      firstWorkItemId: store.workItems.nextId(),
      firstConfigurationId: store.testPlans.nextId("test_configurations"),
      firstPointId: store.testPlans.nextId("test_points"),
      firstRunId: store.testPlans.nextId("test_runs"),
      pointScale: options.pointScale ?? 1,
    });
    store.workItems.bulkInsert(execution.items);
    store.testPlans.bulkInsert(execution.data);

    const scope = { ...MHHS_EXTENSION, scopeType: "Default" as const, scopeValue: "Current", collection: CONFIG_COLLECTION };
    const documents = [
      ...programmeDocuments(participants, random, anchor, ADMIN_USER.displayName, execution.planStages),
      qualificationRequirementsDocument(programme, anchor, ADMIN_USER.displayName),
    ];
    for (const document of documents) {
      if (!store.extensionData.get(scope, document.id)) store.extensionData.put(scope, { id: document.id, etag: 1, body: document.body });
    }
    store.settings.set(SEEDED_SETTING, new Date().toISOString());
    const { data } = execution;
    return {
      workItems: programme.items.length + execution.items.length,
      links: programme.links.length,
      testPlans: data.plans.length,
      testSuites: data.suites.length,
      testPoints: data.points.length,
      testRuns: data.runs.length,
      testResults: data.results.length,
      milliseconds: Date.now() - started,
    };
  });
}

/** The number of requirements, test cases and bugs a scale produces (test plans and suites come on top). */
export function workItemCount(scale: number): number {
  return Object.values(BASE_COUNTS).reduce((sum, base) => sum + Math.max(1, Math.round(base * scale)), 0);
}
