// Test management as stored (migration 2): test configurations, plans, suites, the test cases in
// suites, test points, runs, results, the bugs associated with results, and each point's outcome
// history. Rules (validation, ADO shapes, what a result does to its point) live in devhost/tcm; this
// store only reads and writes rows. Other readers (the Analytics endpoint) may rely on what follows.
//
// Conventions
//   - Dates are ISO 8601 UTC strings with milliseconds ("2025-03-31T09:15:00.000Z").
//   - People are user ids (users.id); render them with the identities store.
//   - Outcomes are ADO's TestOutcome names, PascalCase: Unspecified, None, Passed, Failed,
//     Inconclusive, Timeout, Aborted, Blocked, NotExecuted, Warning, Error, NotApplicable, Paused,
//     InProgress, NotImpacted. A point that has never run (or was reset to active) is 'None'.
//
// test_configurations   id, project_id, name (unique per project), description, is_default (0/1),
//                       state ('Active' | 'Inactive'), variable_values (JSON [{name, value}])
// test_plans            id = the id of the plan's "Test Plan" work item; project_id, name, description,
//                       area_path, iteration, state ('Active' | 'Inactive'), start_date, end_date,
//                       owner_id, root_suite_id, revision, created_date, updated_date, updated_by_id.
//                       The work item is created with the plan; this row is what the test REST reads.
// test_suites           id = the id of the suite's "Test Suite" work item; plan_id, parent_suite_id
//                       (NULL only for the plan's root suite, which is named after the plan), name,
//                       suite_type ('staticTestSuite' | 'requirementTestSuite' | 'dynamicTestSuite'),
//                       requirement_id (requirement suites), query_string (WIQL, dynamic suites),
//                       sort_order among siblings, state, inherit_default_configurations,
//                       default_configuration_ids (JSON [id]), default_tester_ids (JSON [user id]),
//                       revision, last_updated_date, last_updated_by_id, last_populated_date
// test_suite_test_cases suite_id, test_case_id (a Test Case work item), sort_order, added_date
// test_points           one per (suite, test case, configuration): id, project_id, plan_id, suite_id,
//                       test_case_id, configuration_id, tester_id, outcome (see above), state
//                       ('Ready' | 'Completed' | 'NotReady' | 'InProgress'), last_run_id +
//                       last_result_id (the result that set the outcome; NULL when never run or reset),
//                       last_result_state, last_result_completed_date, last_result_duration_ms,
//                       last_run_by_id, last_reset_to_active, comment, revision, created_date (the
//                       point exists, outcome 'None', from then), last_updated_date, last_updated_by_id
// test_runs             id, project_id, name, plan_id, state ('NotStarted' | 'InProgress' | 'Completed'
//                       | 'Aborted' | 'Waiting' | 'NeedsInvestigation'), is_automated, owner_id,
//                       iteration, comment, error_message, created_date, started_date, completed_date,
//                       last_updated_date, last_updated_by_id, revision
// test_results          key (run_id, id): ids are numbered per run from 100000, as ADO numbers them.
//                       project_id, point_id, plan_id, suite_id, test_case_id, test_case_title (as run),
//                       configuration_id, priority, outcome, state ('Pending' | 'Queued' | 'InProgress'
//                       | 'Paused' | 'Completed'), run_by_id, started_date, completed_date, duration_ms,
//                       error_message, comment, created_date, last_updated_date, last_updated_by_id,
//                       revision
// test_result_bugs      (run_id, result_id, bug_id): the bugs associated with a result
// test_point_history    one row each time a point's outcome is set (a retest that fails again is a
//                       row too): id, point_id, changed_date, date_sk (YYYYMMDD of changed_date, UTC),
//                       outcome (the point's outcome from then on), run_id + result_id (the result
//                       that set it; NULL for a reset to active), changed_by_id. A point's outcome on
//                       day D is that of its last row with changed_date on or before D, else 'None'
//                       (from created_date); points created after D did not exist yet.
//
// Invariants: a point's outcome is its latest history row's outcome ('None' without rows); when it
// has a last result, that result's outcome equals the point's outcome and it is the point's newest
// result (highest run id, then result id, among those that set an outcome); a point's plan is its
// suite's plan; a result's point belongs to its run's plan.
import { Db } from "./database";

export const TEST_OUTCOMES = [
  "Unspecified",
  "None",
  "Passed",
  "Failed",
  "Inconclusive",
  "Timeout",
  "Aborted",
  "Blocked",
  "NotExecuted",
  "Warning",
  "Error",
  "NotApplicable",
  "Paused",
  "InProgress",
  "NotImpacted",
] as const;
export type TestOutcome = (typeof TEST_OUTCOMES)[number];

export const POINT_STATES = ["Ready", "Completed", "NotReady", "InProgress"] as const;
export type PointState = (typeof POINT_STATES)[number];

export const RUN_STATES = ["NotStarted", "InProgress", "Completed", "Aborted", "Waiting", "NeedsInvestigation"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const RESULT_STATES = ["Pending", "Queued", "InProgress", "Paused", "Completed"] as const;
export type ResultState = (typeof RESULT_STATES)[number];

export const SUITE_TYPES = ["staticTestSuite", "requirementTestSuite", "dynamicTestSuite"] as const;
export type SuiteType = (typeof SUITE_TYPES)[number];

/** ADO numbers the results of each run from here. */
export const FIRST_RESULT_ID = 100000;

export interface TestConfigurationRecord {
  id: number;
  projectId: string;
  name: string;
  description: string;
  isDefault: boolean;
  state: "Active" | "Inactive";
  values: { name: string; value: string }[];
}

export interface TestPlanRecord {
  id: number;
  projectId: string;
  name: string;
  description: string;
  areaPath: string;
  iteration: string;
  state: string;
  startDate?: string;
  endDate?: string;
  ownerId?: string;
  rootSuiteId?: number;
  revision: number;
  createdDate: string;
  updatedDate: string;
  updatedById?: string;
}

export interface TestSuiteRecord {
  id: number;
  planId: number;
  parentSuiteId?: number;
  name: string;
  suiteType: SuiteType;
  requirementId?: number;
  queryString?: string;
  order: number;
  state: string;
  inheritDefaultConfigurations: boolean;
  defaultConfigurationIds: number[];
  defaultTesterIds: string[];
  revision: number;
  lastUpdatedDate: string;
  lastUpdatedById?: string;
  lastPopulatedDate?: string;
}

export interface SuiteTestCaseRecord {
  suiteId: number;
  testCaseId: number;
  order: number;
  addedDate: string;
}

export interface TestPointRecord {
  id: number;
  projectId: string;
  planId: number;
  suiteId: number;
  testCaseId: number;
  configurationId: number;
  testerId?: string;
  outcome: TestOutcome;
  state: PointState;
  lastRunId?: number;
  lastResultId?: number;
  lastResultState?: ResultState;
  lastResultCompletedDate?: string;
  lastResultDurationMs?: number;
  lastRunById?: string;
  lastResetToActive?: string;
  comment: string;
  revision: number;
  createdDate: string;
  lastUpdatedDate: string;
  lastUpdatedById?: string;
}

export interface TestRunRecord {
  id: number;
  projectId: string;
  name: string;
  planId?: number;
  state: RunState;
  isAutomated: boolean;
  ownerId?: string;
  iteration?: string;
  comment: string;
  errorMessage: string;
  createdDate: string;
  startedDate?: string;
  completedDate?: string;
  lastUpdatedDate: string;
  lastUpdatedById?: string;
  revision: number;
}

export interface TestResultRecord {
  runId: number;
  id: number;
  projectId: string;
  pointId?: number;
  planId?: number;
  suiteId?: number;
  testCaseId: number;
  testCaseTitle: string;
  configurationId?: number;
  priority?: number;
  outcome: TestOutcome;
  state: ResultState;
  runById?: string;
  startedDate?: string;
  completedDate?: string;
  durationMs: number;
  errorMessage: string;
  comment: string;
  createdDate: string;
  lastUpdatedDate: string;
  lastUpdatedById?: string;
  revision: number;
  associatedBugIds: number[];
}

export interface PointHistoryRecord {
  pointId: number;
  changedDate: string;
  outcome: TestOutcome;
  runId?: number;
  resultId?: number;
  changedById?: string;
}

/** Everything the seed writes, inserted with prepared statements in one transaction. */
export interface TestManagementData {
  configurations: TestConfigurationRecord[];
  plans: TestPlanRecord[];
  suites: TestSuiteRecord[];
  suiteTestCases: SuiteTestCaseRecord[];
  points: TestPointRecord[];
  runs: TestRunRecord[];
  results: TestResultRecord[];
  history: PointHistoryRecord[];
}

export interface Page {
  /** Rows with a greater id only (continuation). */
  afterId?: number;
  /** At most this many rows. */
  limit?: number;
}

/** YYYYMMDD of an ISO date, in UTC: the surrogate date key trends group by. */
export function dateSk(isoDate: string): number {
  return Number(isoDate.slice(0, 10).replace(/-/g, ""));
}

type Row = Record<string, unknown>;
const opt = <T>(value: unknown): T | undefined => (value === null || value === undefined ? undefined : (value as T));
const nul = (value: unknown) => (value === undefined ? null : value);
const flag = (value: boolean) => (value ? 1 : 0);

const toConfiguration = (r: Row): TestConfigurationRecord => ({
  id: r.id as number,
  projectId: r.project_id as string,
  name: r.name as string,
  description: r.description as string,
  isDefault: r.is_default === 1,
  state: r.state as "Active" | "Inactive",
  values: JSON.parse(r.variable_values as string) as { name: string; value: string }[],
});

const toPlan = (r: Row): TestPlanRecord => ({
  id: r.id as number,
  projectId: r.project_id as string,
  name: r.name as string,
  description: r.description as string,
  areaPath: r.area_path as string,
  iteration: r.iteration as string,
  state: r.state as string,
  startDate: opt(r.start_date),
  endDate: opt(r.end_date),
  ownerId: opt(r.owner_id),
  rootSuiteId: opt(r.root_suite_id),
  revision: r.revision as number,
  createdDate: r.created_date as string,
  updatedDate: r.updated_date as string,
  updatedById: opt(r.updated_by_id),
});

const toSuite = (r: Row): TestSuiteRecord => ({
  id: r.id as number,
  planId: r.plan_id as number,
  parentSuiteId: opt(r.parent_suite_id),
  name: r.name as string,
  suiteType: r.suite_type as SuiteType,
  requirementId: opt(r.requirement_id),
  queryString: opt(r.query_string),
  order: r.sort_order as number,
  state: r.state as string,
  inheritDefaultConfigurations: r.inherit_default_configurations === 1,
  defaultConfigurationIds: JSON.parse(r.default_configuration_ids as string) as number[],
  defaultTesterIds: JSON.parse(r.default_tester_ids as string) as string[],
  revision: r.revision as number,
  lastUpdatedDate: r.last_updated_date as string,
  lastUpdatedById: opt(r.last_updated_by_id),
  lastPopulatedDate: opt(r.last_populated_date),
});

const toSuiteTestCase = (r: Row): SuiteTestCaseRecord => ({
  suiteId: r.suite_id as number,
  testCaseId: r.test_case_id as number,
  order: r.sort_order as number,
  addedDate: r.added_date as string,
});

const toPoint = (r: Row): TestPointRecord => ({
  id: r.id as number,
  projectId: r.project_id as string,
  planId: r.plan_id as number,
  suiteId: r.suite_id as number,
  testCaseId: r.test_case_id as number,
  configurationId: r.configuration_id as number,
  testerId: opt(r.tester_id),
  outcome: r.outcome as TestOutcome,
  state: r.state as PointState,
  lastRunId: opt(r.last_run_id),
  lastResultId: opt(r.last_result_id),
  lastResultState: opt(r.last_result_state),
  lastResultCompletedDate: opt(r.last_result_completed_date),
  lastResultDurationMs: opt(r.last_result_duration_ms),
  lastRunById: opt(r.last_run_by_id),
  lastResetToActive: opt(r.last_reset_to_active),
  comment: r.comment as string,
  revision: r.revision as number,
  createdDate: r.created_date as string,
  lastUpdatedDate: r.last_updated_date as string,
  lastUpdatedById: opt(r.last_updated_by_id),
});

const toRun = (r: Row): TestRunRecord => ({
  id: r.id as number,
  projectId: r.project_id as string,
  name: r.name as string,
  planId: opt(r.plan_id),
  state: r.state as RunState,
  isAutomated: r.is_automated === 1,
  ownerId: opt(r.owner_id),
  iteration: opt(r.iteration),
  comment: r.comment as string,
  errorMessage: r.error_message as string,
  createdDate: r.created_date as string,
  startedDate: opt(r.started_date),
  completedDate: opt(r.completed_date),
  lastUpdatedDate: r.last_updated_date as string,
  lastUpdatedById: opt(r.last_updated_by_id),
  revision: r.revision as number,
});

const toResult = (r: Row, bugs: number[]): TestResultRecord => ({
  runId: r.run_id as number,
  id: r.id as number,
  projectId: r.project_id as string,
  pointId: opt(r.point_id),
  planId: opt(r.plan_id),
  suiteId: opt(r.suite_id),
  testCaseId: r.test_case_id as number,
  testCaseTitle: r.test_case_title as string,
  configurationId: opt(r.configuration_id),
  priority: opt(r.priority),
  outcome: r.outcome as TestOutcome,
  state: r.state as ResultState,
  runById: opt(r.run_by_id),
  startedDate: opt(r.started_date),
  completedDate: opt(r.completed_date),
  durationMs: r.duration_ms as number,
  errorMessage: r.error_message as string,
  comment: r.comment as string,
  createdDate: r.created_date as string,
  lastUpdatedDate: r.last_updated_date as string,
  lastUpdatedById: opt(r.last_updated_by_id),
  revision: r.revision as number,
  associatedBugIds: bugs,
});

const toHistory = (r: Row): PointHistoryRecord => ({
  pointId: r.point_id as number,
  changedDate: r.changed_date as string,
  outcome: r.outcome as TestOutcome,
  runId: opt(r.run_id),
  resultId: opt(r.result_id),
  changedById: opt(r.changed_by_id),
});

const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(",");

export class TestPlanStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insertConfiguration: writer(db, 
        "INSERT INTO test_configurations (id, project_id, name, description, is_default, state, variable_values) VALUES (@id, @projectId, @name, @description, @isDefault, @state, @values)",
      ),
      insertPlan: writer(db, 
        `INSERT INTO test_plans (id, project_id, name, description, area_path, iteration, state, start_date, end_date, owner_id, root_suite_id, revision, created_date, updated_date, updated_by_id)
         VALUES (@id, @projectId, @name, @description, @areaPath, @iteration, @state, @startDate, @endDate, @ownerId, @rootSuiteId, @revision, @createdDate, @updatedDate, @updatedById)`,
      ),
      insertSuite: writer(db, 
        `INSERT INTO test_suites (id, plan_id, parent_suite_id, name, suite_type, requirement_id, query_string, sort_order, state, inherit_default_configurations,
           default_configuration_ids, default_tester_ids, revision, last_updated_date, last_updated_by_id, last_populated_date)
         VALUES (@id, @planId, @parentSuiteId, @name, @suiteType, @requirementId, @queryString, @order, @state, @inheritDefaultConfigurations,
           @defaultConfigurationIds, @defaultTesterIds, @revision, @lastUpdatedDate, @lastUpdatedById, @lastPopulatedDate)`,
      ),
      insertSuiteTestCase: writer(db, "INSERT INTO test_suite_test_cases (suite_id, test_case_id, sort_order, added_date) VALUES (@suiteId, @testCaseId, @order, @addedDate)"),
      insertPoint: writer(db, 
        `INSERT INTO test_points (id, project_id, plan_id, suite_id, test_case_id, configuration_id, tester_id, outcome, state, last_run_id, last_result_id, last_result_state,
           last_result_completed_date, last_result_duration_ms, last_run_by_id, last_reset_to_active, comment, revision, created_date, last_updated_date, last_updated_by_id)
         VALUES (@id, @projectId, @planId, @suiteId, @testCaseId, @configurationId, @testerId, @outcome, @state, @lastRunId, @lastResultId, @lastResultState,
           @lastResultCompletedDate, @lastResultDurationMs, @lastRunById, @lastResetToActive, @comment, @revision, @createdDate, @lastUpdatedDate, @lastUpdatedById)`,
      ),
      updatePoint: writer(db, 
        `UPDATE test_points SET tester_id = @testerId, outcome = @outcome, state = @state, last_run_id = @lastRunId, last_result_id = @lastResultId,
           last_result_state = @lastResultState, last_result_completed_date = @lastResultCompletedDate, last_result_duration_ms = @lastResultDurationMs,
           last_run_by_id = @lastRunById, last_reset_to_active = @lastResetToActive, comment = @comment, revision = @revision,
           last_updated_date = @lastUpdatedDate, last_updated_by_id = @lastUpdatedById
         WHERE id = @id`,
      ),
      insertRun: writer(db, 
        `INSERT INTO test_runs (id, project_id, name, plan_id, state, is_automated, owner_id, iteration, comment, error_message, created_date, started_date, completed_date,
           last_updated_date, last_updated_by_id, revision)
         VALUES (@id, @projectId, @name, @planId, @state, @isAutomated, @ownerId, @iteration, @comment, @errorMessage, @createdDate, @startedDate, @completedDate,
           @lastUpdatedDate, @lastUpdatedById, @revision)`,
      ),
      updateRun: writer(db, 
        `UPDATE test_runs SET name = @name, plan_id = @planId, state = @state, owner_id = @ownerId, iteration = @iteration, comment = @comment, error_message = @errorMessage,
           started_date = @startedDate, completed_date = @completedDate, last_updated_date = @lastUpdatedDate, last_updated_by_id = @lastUpdatedById, revision = @revision
         WHERE id = @id`,
      ),
      insertResult: writer(db, 
        `INSERT INTO test_results (run_id, id, project_id, point_id, plan_id, suite_id, test_case_id, test_case_title, configuration_id, priority, outcome, state, run_by_id,
           started_date, completed_date, duration_ms, error_message, comment, created_date, last_updated_date, last_updated_by_id, revision)
         VALUES (@runId, @id, @projectId, @pointId, @planId, @suiteId, @testCaseId, @testCaseTitle, @configurationId, @priority, @outcome, @state, @runById,
           @startedDate, @completedDate, @durationMs, @errorMessage, @comment, @createdDate, @lastUpdatedDate, @lastUpdatedById, @revision)`,
      ),
      updateResult: writer(db, 
        `UPDATE test_results SET outcome = @outcome, state = @state, run_by_id = @runById, started_date = @startedDate, completed_date = @completedDate,
           duration_ms = @durationMs, error_message = @errorMessage, comment = @comment, last_updated_date = @lastUpdatedDate, last_updated_by_id = @lastUpdatedById,
           revision = @revision
         WHERE run_id = @runId AND id = @id`,
      ),
      insertResultBug: db.prepare("INSERT OR IGNORE INTO test_result_bugs (run_id, result_id, bug_id) VALUES (?, ?, ?)"),
      deleteResultBugs: db.prepare("DELETE FROM test_result_bugs WHERE run_id = ? AND result_id = ?"),
      insertHistory: writer(db, 
        "INSERT INTO test_point_history (point_id, changed_date, date_sk, outcome, run_id, result_id, changed_by_id) VALUES (@pointId, @changedDate, @dateSk, @outcome, @runId, @resultId, @changedById)",
      ),
      point: db.prepare("SELECT * FROM test_points WHERE id = ?"),
      suite: db.prepare("SELECT * FROM test_suites WHERE id = ?"),
      plan: db.prepare("SELECT * FROM test_plans WHERE id = ?"),
      run: db.prepare("SELECT * FROM test_runs WHERE id = ?"),
      result: db.prepare("SELECT * FROM test_results WHERE run_id = ? AND id = ?"),
      resultBugs: db.prepare("SELECT bug_id FROM test_result_bugs WHERE run_id = ? AND result_id = ? ORDER BY bug_id"),
    };
  }

  // --- configurations ---

  configurations(projectId: string, page: Page = {}): TestConfigurationRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM test_configurations WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?")
      .all(projectId, page.afterId ?? 0, page.limit ?? -1) as Row[];
    return rows.map(toConfiguration);
  }

  configuration(id: number): TestConfigurationRecord | undefined {
    const row = this.db.prepare("SELECT * FROM test_configurations WHERE id = ?").get(id) as Row | undefined;
    return row && toConfiguration(row);
  }

  configurationsByIds(ids: readonly number[]): Map<number, TestConfigurationRecord> {
    return this.byIds("test_configurations", ids, toConfiguration);
  }

  insertConfiguration(configuration: Omit<TestConfigurationRecord, "id"> & { id?: number }): TestConfigurationRecord {
    const id = configuration.id ?? this.nextId("test_configurations");
    this.statements.insertConfiguration({ ...configuration, id });
    return { ...configuration, id };
  }

  // --- plans ---

  plan(id: number): TestPlanRecord | undefined {
    const row = this.statements.plan.get(id) as Row | undefined;
    return row && toPlan(row);
  }

  plans(projectId: string, filter: Page & { ownerId?: string; activeOnly?: boolean } = {}): TestPlanRecord[] {
    const where = ["project_id = ?", "id > ?"];
    const args: unknown[] = [projectId, filter.afterId ?? 0];
    if (filter.ownerId) {
      where.push("owner_id = ?");
      args.push(filter.ownerId);
    }
    if (filter.activeOnly) where.push("state = 'Active'");
    const rows = this.db.prepare(`SELECT * FROM test_plans WHERE ${where.join(" AND ")} ORDER BY id LIMIT ?`).all(...args, filter.limit ?? -1) as Row[];
    return rows.map(toPlan);
  }

  plansByIds(ids: readonly number[]): Map<number, TestPlanRecord> {
    return this.byIds("test_plans", ids, toPlan);
  }

  insertPlan(plan: TestPlanRecord): void {
    this.statements.insertPlan(plan);
  }

  setRootSuite(planId: number, suiteId: number): void {
    this.db.prepare("UPDATE test_plans SET root_suite_id = ? WHERE id = ?").run(suiteId, planId);
  }

  // --- suites ---

  suite(id: number): TestSuiteRecord | undefined {
    const row = this.statements.suite.get(id) as Row | undefined;
    return row && toSuite(row);
  }

  /** The plan's suites, parents before children, siblings in order. */
  suitesOfPlan(planId: number): TestSuiteRecord[] {
    const rows = this.db.prepare("SELECT * FROM test_suites WHERE plan_id = ? ORDER BY id").all(planId) as Row[];
    const suites = rows.map(toSuite);
    const children = new Map<number | undefined, TestSuiteRecord[]>();
    for (const suite of suites) children.set(suite.parentSuiteId, [...(children.get(suite.parentSuiteId) ?? []), suite]);
    const ordered: TestSuiteRecord[] = [];
    const visit = (parentId: number | undefined) => {
      for (const suite of (children.get(parentId) ?? []).sort((a, b) => a.order - b.order || a.id - b.id)) {
        ordered.push(suite);
        visit(suite.id);
      }
    };
    visit(undefined);
    return ordered;
  }

  suitesByIds(ids: readonly number[]): Map<number, TestSuiteRecord> {
    return this.byIds("test_suites", ids, toSuite);
  }

  /** Suites (of any plan) that hold the test case. */
  suitesOfTestCase(testCaseId: number): TestSuiteRecord[] {
    const rows = this.db
      .prepare("SELECT s.* FROM test_suite_test_cases c JOIN test_suites s ON s.id = c.suite_id WHERE c.test_case_id = ? ORDER BY s.id")
      .all(testCaseId) as Row[];
    return rows.map(toSuite);
  }

  childCount(suiteId: number): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM test_suites WHERE parent_suite_id = ?").get(suiteId) as { n: number }).n;
  }

  insertSuite(suite: TestSuiteRecord): void {
    this.statements.insertSuite(suite);
  }

  touchSuite(suiteId: number, date: string, userId: string | undefined, populated = false): void {
    this.db
      .prepare(
        `UPDATE test_suites SET revision = revision + 1, last_updated_date = ?, last_updated_by_id = ?${populated ? ", last_populated_date = ?" : ""} WHERE id = ?`,
      )
      .run(...(populated ? [date, nul(userId), date, suiteId] : [date, nul(userId), suiteId]));
  }

  nextSiblingOrder(planId: number, parentSuiteId: number | undefined): number {
    const row = this.db
      .prepare("SELECT COALESCE(MAX(sort_order), 0) AS n FROM test_suites WHERE plan_id = ? AND parent_suite_id IS ?")
      .get(planId, nul(parentSuiteId)) as { n: number };
    return row.n + 1;
  }

  // --- test cases in suites ---

  suiteTestCases(suiteId: number): SuiteTestCaseRecord[] {
    return (this.db.prepare("SELECT * FROM test_suite_test_cases WHERE suite_id = ? ORDER BY sort_order, test_case_id").all(suiteId) as Row[]).map(toSuiteTestCase);
  }

  addSuiteTestCase(entry: Omit<SuiteTestCaseRecord, "order"> & { order?: number }): SuiteTestCaseRecord {
    const order =
      entry.order ?? (this.db.prepare("SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM test_suite_test_cases WHERE suite_id = ?").get(entry.suiteId) as { n: number }).n;
    const record = { ...entry, order };
    this.statements.insertSuiteTestCase(record);
    return record;
  }

  /** Takes a test case out of a suite with its points (their results and history stay, as in ADO). */
  removeSuiteTestCase(suiteId: number, testCaseId: number): void {
    const points = this.db.prepare("SELECT id FROM test_points WHERE suite_id = ? AND test_case_id = ?").all(suiteId, testCaseId) as { id: number }[];
    for (const { id } of points) {
      this.db.prepare("UPDATE test_results SET point_id = NULL WHERE point_id = ?").run(id);
      this.db.prepare("DELETE FROM test_point_history WHERE point_id = ?").run(id);
      this.db.prepare("DELETE FROM test_points WHERE id = ?").run(id);
    }
    this.db.prepare("DELETE FROM test_suite_test_cases WHERE suite_id = ? AND test_case_id = ?").run(suiteId, testCaseId);
  }

  // --- points ---

  point(id: number): TestPointRecord | undefined {
    const row = this.statements.point.get(id) as Row | undefined;
    return row && toPoint(row);
  }

  pointsByIds(ids: readonly number[]): Map<number, TestPointRecord> {
    return this.byIds("test_points", ids, toPoint);
  }

  /** Points of the suites (by id, paged on id), optionally only of some test cases, point ids or a configuration. */
  pointsOfSuites(suiteIds: readonly number[], filter: Page & { testCaseIds?: readonly number[]; pointIds?: readonly number[]; configurationId?: number } = {}): TestPointRecord[] {
    if (suiteIds.length === 0) return [];
    const where = [`suite_id IN (${placeholders(suiteIds.length)})`, "id > ?"];
    const args: unknown[] = [...suiteIds, filter.afterId ?? 0];
    if (filter.testCaseIds) {
      where.push(`test_case_id IN (${placeholders(filter.testCaseIds.length)})`);
      args.push(...filter.testCaseIds);
    }
    if (filter.pointIds) {
      where.push(`id IN (${placeholders(filter.pointIds.length)})`);
      args.push(...filter.pointIds);
    }
    if (filter.configurationId !== undefined) {
      where.push("configuration_id = ?");
      args.push(filter.configurationId);
    }
    const rows = this.db.prepare(`SELECT * FROM test_points WHERE ${where.join(" AND ")} ORDER BY id LIMIT ?`).all(...args, filter.limit ?? -1) as Row[];
    return rows.map(toPoint);
  }

  /** Every point of the test cases, in any plan of the project. */
  pointsOfTestCases(projectId: string, testCaseIds: readonly number[]): TestPointRecord[] {
    const points: TestPointRecord[] = [];
    for (let i = 0; i < testCaseIds.length; i += 500) {
      const chunk = testCaseIds.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT * FROM test_points WHERE project_id = ? AND test_case_id IN (${placeholders(chunk.length)}) ORDER BY id`)
        .all(projectId, ...chunk) as Row[];
      points.push(...rows.map(toPoint));
    }
    return points.sort((a, b) => a.id - b.id);
  }

  insertPoint(point: Omit<TestPointRecord, "id"> & { id?: number }): TestPointRecord {
    const id = point.id ?? this.nextId("test_points");
    this.statements.insertPoint({ ...point, id });
    return { ...point, id };
  }

  updatePoint(point: TestPointRecord): void {
    this.statements.updatePoint(point);
  }

  history(pointId: number): PointHistoryRecord[] {
    return (this.db.prepare("SELECT * FROM test_point_history WHERE point_id = ? ORDER BY changed_date, id").all(pointId) as Row[]).map(toHistory);
  }

  addHistory(entry: PointHistoryRecord): void {
    this.statements.insertHistory(historyRow(entry));
  }

  // --- runs and results ---

  run(id: number): TestRunRecord | undefined {
    const row = this.statements.run.get(id) as Row | undefined;
    return row && toRun(row);
  }

  runs(projectId: string, filter: { planId?: number; automated?: boolean; skip?: number; top?: number } = {}): TestRunRecord[] {
    const where = ["project_id = ?"];
    const args: unknown[] = [projectId];
    if (filter.planId !== undefined) {
      where.push("plan_id = ?");
      args.push(filter.planId);
    }
    if (filter.automated !== undefined) {
      where.push("is_automated = ?");
      args.push(flag(filter.automated));
    }
    const rows = this.db
      .prepare(`SELECT * FROM test_runs WHERE ${where.join(" AND ")} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...args, filter.top ?? -1, filter.skip ?? 0) as Row[];
    return rows.map(toRun);
  }

  insertRun(run: Omit<TestRunRecord, "id"> & { id?: number }): TestRunRecord {
    const id = run.id ?? this.nextId("test_runs");
    this.statements.insertRun({ ...run, id });
    return { ...run, id };
  }

  updateRun(run: TestRunRecord): void {
    this.statements.updateRun(run);
  }

  /** Result counts of a run by state and outcome. */
  runStatistics(runId: number): { state: ResultState; outcome: TestOutcome; count: number }[] {
    return this.db.prepare("SELECT state, outcome, COUNT(*) AS count FROM test_results WHERE run_id = ? GROUP BY state, outcome ORDER BY state, outcome").all(runId) as {
      state: ResultState;
      outcome: TestOutcome;
      count: number;
    }[];
  }

  result(runId: number, id: number): TestResultRecord | undefined {
    const row = this.statements.result.get(runId, id) as Row | undefined;
    return row && toResult(row, this.resultBugIds(runId, id));
  }

  results(runId: number, filter: { skip?: number; top?: number; outcomes?: readonly TestOutcome[] } = {}): TestResultRecord[] {
    const where = ["run_id = ?"];
    const args: unknown[] = [runId];
    if (filter.outcomes) {
      where.push(`outcome IN (${placeholders(filter.outcomes.length)})`);
      args.push(...filter.outcomes);
    }
    const rows = this.db
      .prepare(`SELECT * FROM test_results WHERE ${where.join(" AND ")} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...args, filter.top ?? -1, filter.skip ?? 0) as Row[];
    const bugs = new Map<number, number[]>();
    for (const row of this.db.prepare("SELECT result_id, bug_id FROM test_result_bugs WHERE run_id = ? ORDER BY bug_id").all(runId) as { result_id: number; bug_id: number }[]) {
      bugs.set(row.result_id, [...(bugs.get(row.result_id) ?? []), row.bug_id]);
    }
    return rows.map((row) => toResult(row, bugs.get(row.id as number) ?? []));
  }

  /** Results of a point, newest first. */
  resultsOfPoint(pointId: number): TestResultRecord[] {
    const rows = this.db.prepare("SELECT * FROM test_results WHERE point_id = ? ORDER BY run_id DESC, id DESC").all(pointId) as Row[];
    return rows.map((row) => toResult(row, this.resultBugIds(row.run_id as number, row.id as number)));
  }

  nextResultId(runId: number): number {
    const row = this.db.prepare("SELECT MAX(id) AS id FROM test_results WHERE run_id = ?").get(runId) as { id: number | null };
    return row.id === null ? FIRST_RESULT_ID : row.id + 1;
  }

  insertResult(result: TestResultRecord): void {
    this.statements.insertResult(result);
    this.setResultBugs(result.runId, result.id, result.associatedBugIds);
  }

  updateResult(result: TestResultRecord): void {
    this.statements.updateResult(result);
    this.setResultBugs(result.runId, result.id, result.associatedBugIds);
  }

  // --- seeding ---

  /** Inserts everything in one transaction, parents first. */
  bulkInsert(data: TestManagementData): void {
    const s = this.statements;
    this.db.transaction(() => {
      for (const configuration of data.configurations) s.insertConfiguration(configuration);
      for (const plan of data.plans) s.insertPlan(plan);
      for (const suite of data.suites) s.insertSuite(suite);
      for (const entry of data.suiteTestCases) s.insertSuiteTestCase(entry);
      for (const point of data.points) s.insertPoint(point);
      for (const run of data.runs) s.insertRun(run);
      for (const result of data.results) {
        s.insertResult(result);
        for (const bugId of result.associatedBugIds) s.insertResultBug.run(result.runId, result.id, bugId);
      }
      for (const entry of data.history) s.insertHistory(historyRow(entry));
    })();
  }

  nextId(table: "test_configurations" | "test_points" | "test_runs"): number {
    return (this.db.prepare(`SELECT COALESCE(MAX(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
  }

  /** Row counts, for the seed's report and tests. */
  counts(): Record<"configurations" | "plans" | "suites" | "points" | "runs" | "results" | "history", number> {
    const count = (table: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      configurations: count("test_configurations"),
      plans: count("test_plans"),
      suites: count("test_suites"),
      points: count("test_points"),
      runs: count("test_runs"),
      results: count("test_results"),
      history: count("test_point_history"),
    };
  }

  private resultBugIds(runId: number, resultId: number): number[] {
    return (this.statements.resultBugs.all(runId, resultId) as { bug_id: number }[]).map((r) => r.bug_id);
  }

  private setResultBugs(runId: number, resultId: number, bugIds: readonly number[]): void {
    this.statements.deleteResultBugs.run(runId, resultId);
    for (const bugId of bugIds) this.statements.insertResultBug.run(runId, resultId, bugId);
  }

  private byIds<T>(table: string, ids: readonly number[], map: (row: Row) => T): Map<number, T> {
    const found = new Map<number, T>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      for (const row of this.db.prepare(`SELECT * FROM ${table} WHERE id IN (${placeholders(chunk.length)})`).all(...chunk) as Row[]) found.set(row.id as number, map(row));
    }
    return found;
  }
}

/**
 * A prepared write whose named parameters (@name) are taken from a record: absent members bind as
 * NULL, booleans as 0/1, arrays and objects as JSON.
 */
function writer(db: Db, sql: string): (record: object) => void {
  const statement = db.prepare(sql);
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))];
  return (record) => {
    const values = record as Record<string, unknown>;
    const bound: Record<string, unknown> = {};
    for (const name of names) {
      const value = values[name];
      bound[name] = value === undefined ? null : typeof value === "boolean" ? flag(value) : typeof value === "object" && value !== null ? JSON.stringify(value) : value;
    }
    statement.run(bound);
  };
}

function historyRow(entry: PointHistoryRecord) {
  return {
    pointId: entry.pointId,
    changedDate: entry.changedDate,
    dateSk: dateSk(entry.changedDate),
    outcome: entry.outcome,
    runId: nul(entry.runId),
    resultId: nul(entry.resultId),
    changedById: nul(entry.changedById),
  };
}
