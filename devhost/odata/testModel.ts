// The Test Plans entity sets of the local Analytics endpoint, over the test management tables of
// devhost/store/testPlans.ts: TestPoints (with LastResultOutcome), TestPointHistorySnapshot (each
// point's outcome at the end of each day), TestSuites, TestConfigurations, and the Users and Dates
// they navigate to. Names follow Microsoft's "Metadata reference for Test Plans Analytics".
//
// Surrogate keys: the store has no separate SK columns, so TestPointSK, TestSuiteSK and
// TestConfigurationSK equal the ids, and UserSK is the user id.
//
// The daily snapshot is not stored: it is derived from test_point_history. Each point holds 'None'
// from the day it was created, then the outcome of the last change of each day from that day until
// the next change. Those intervals and a calendar are kept in two TEMP tables of the connection,
// rebuilt when the history, the points or today's date change, so a query over the snapshot is a
// join of intervals to days that SQLite can filter by DateSK.
import type { Db } from "../store/database";
import { TEST_OUTCOMES } from "../store/testPlans";
import {
  column,
  DATE_TIME,
  dateSk,
  EntityDefinition,
  INT,
  ModelExtension,
  navigationMap,
  propertyMap,
  PropertyDefinition,
  QueryScope,
  SqlParams,
  STRING,
  ValueType,
} from "./model";

const OUTCOME: ValueType = { kind: "enum", name: "TestOutcome", members: TEST_OUTCOMES };
const RESULT_STATE: ValueType = { kind: "enum", name: "TestResultState", members: ["None", "Pending", "Queued", "InProgress", "Paused", "Completed"] };
const SUITE_TYPE: ValueType = { kind: "enum", name: "TestSuiteType", members: ["None", "QueryBased", "Static", "RequirementBased"] };

const projectScope = (alias: string, scope: QueryScope, params: SqlParams): string[] => (scope.projectId ? [`${alias}.project_id = ${params.bind(scope.projectId)}`] : []);

/** A property of the point's test case work item (Priority), read from its fields. */
function testCaseField(name: string, type: ValueType, referenceName: string, testCaseIdColumn: string): PropertyDefinition {
  return {
    name,
    type,
    sql: (alias, params) => `(SELECT json_extract(tcw.fields, ${params.bind(`$."${referenceName}"`)}) FROM work_items AS tcw WHERE tcw.id = ${alias}.${testCaseIdColumn})`,
  };
}

const POINT_NAVIGATIONS = navigationMap([
  { name: "TestCase", target: "WorkItem", on: (from, to) => `${to}.id = ${from}.test_case_id` },
  { name: "TestSuite", target: "TestSuite", on: (from, to) => `${to}.id = ${from}.suite_id` },
  { name: "TestConfiguration", target: "TestConfiguration", on: (from, to) => `${to}.id = ${from}.configuration_id` },
  { name: "Tester", target: "User", on: (from, to) => `${to}.id = ${from}.tester_id` },
  { name: "AssignedTo", target: "User", on: (from, to) => `${to}.id = ${from}.tester_id` },
]);

const POINT_REFERENCES: PropertyDefinition[] = [
  column("TestCaseId", INT, "test_case_id"),
  column("TestSuiteSK", INT, "suite_id"),
  column("TestSuiteId", INT, "suite_id"),
  column("TestPlanId", INT, "plan_id"),
  column("TestConfigurationSK", INT, "configuration_id"),
  column("TestConfigurationId", INT, "configuration_id"),
  column("TesterUserSK", STRING, "tester_id"),
  column("AssignedToUserSK", STRING, "tester_id"),
  testCaseField("Priority", INT, "Microsoft.VSTS.Common.Priority", "test_case_id"),
];

function testPointEntity(): EntityDefinition {
  const changed = (alias: string) => `${alias}.last_updated_date`;
  return {
    typeName: "TestPoint",
    key: "TestPointSK",
    table: (alias) => `test_points AS ${alias}`,
    scope: projectScope,
    properties: propertyMap([
      column("TestPointSK", INT, "id"),
      column("TestPointId", INT, "id"),
      ...POINT_REFERENCES,
      column("LastResultOutcome", OUTCOME, "outcome"),
      { name: "LastResultState", type: RESULT_STATE, sql: (alias) => `COALESCE(${alias}.last_result_state, 'None')` },
      { name: "ChangedDate", type: DATE_TIME, sql: changed },
      { name: "ChangedDateSK", type: INT, sql: (alias) => dateSk(changed(alias)) },
    ]),
    navigations: POINT_NAVIGATIONS,
  };
}

function snapshotEntity(prepare: () => void): EntityDefinition {
  return {
    typeName: "TestPointHistorySnapshot",
    key: "TestPointHistorySnapshotSK",
    prepare,
    table: (alias) =>
      `(SELECT tp.*, d.date_sk AS date_sk, d.date AS date, i.outcome AS snapshot_outcome, (tp.id * 100000000 + d.date_sk) AS snapshot_sk
        FROM temp.odata_point_intervals AS i
        CROSS JOIN test_points AS tp ON tp.id = i.point_id
        CROSS JOIN temp.odata_days AS d ON d.date_sk >= i.from_sk AND d.date_sk < i.next_sk) AS ${alias}`,
    scope: projectScope,
    properties: propertyMap([
      column("TestPointHistorySnapshotSK", INT, "snapshot_sk"),
      column("TestPointSK", INT, "id"),
      column("TestPointId", INT, "id"),
      column("DateSK", INT, "date_sk"),
      ...POINT_REFERENCES,
      column("ResultOutcome", OUTCOME, "snapshot_outcome"),
    ]),
    navigations: navigationMap([...POINT_NAVIGATIONS.values(), { name: "Date", target: "CalendarDate", on: (from, to) => `${to}.date_sk = ${from}.date_sk` }]),
  };
}

function testSuiteEntity(): EntityDefinition {
  return {
    typeName: "TestSuite",
    key: "TestSuiteSK",
    table: (alias) => `test_suites AS ${alias}`,
    scope: (alias, scope, params) => (scope.projectId ? [`EXISTS (SELECT 1 FROM test_plans AS sp WHERE sp.id = ${alias}.plan_id AND sp.project_id = ${params.bind(scope.projectId)})`] : []),
    properties: propertyMap([
      column("TestSuiteSK", INT, "id"),
      column("TestSuiteId", INT, "id"),
      column("TestPlanId", INT, "plan_id"),
      column("Title", STRING, "name"),
      { name: "TestPlanTitle", type: STRING, sql: (alias) => `(SELECT sp.name FROM test_plans AS sp WHERE sp.id = ${alias}.plan_id)` },
      column("OrderId", INT, "sort_order"),
      column("RequirementWorkItemId", INT, "requirement_id"),
      {
        name: "Type",
        type: SUITE_TYPE,
        sql: (alias) => `(CASE ${alias}.suite_type WHEN 'staticTestSuite' THEN 'Static' WHEN 'requirementTestSuite' THEN 'RequirementBased' WHEN 'dynamicTestSuite' THEN 'QueryBased' ELSE 'None' END)`,
      },
      {
        name: "Depth",
        type: INT,
        sql: (alias) =>
          `(WITH RECURSIVE up(id, parent, depth) AS (SELECT s.id, s.parent_suite_id, 0 FROM test_suites AS s WHERE s.id = ${alias}.id UNION ALL SELECT s.id, s.parent_suite_id, up.depth + 1 FROM test_suites AS s JOIN up ON s.id = up.parent) SELECT MAX(depth) FROM up)`,
      },
    ]),
    navigations: navigationMap([
      { name: "RequirementWorkItem", target: "WorkItem", on: (from, to) => `${to}.id = ${from}.requirement_id` },
      { name: "TestPlanWorkItem", target: "WorkItem", on: (from, to) => `${to}.id = ${from}.plan_id` },
      { name: "TestSuiteWorkItem", target: "WorkItem", on: (from, to) => `${to}.id = ${from}.id` },
    ]),
  };
}

function testConfigurationEntity(): EntityDefinition {
  return {
    typeName: "TestConfiguration",
    key: "TestConfigurationSK",
    table: (alias) => `test_configurations AS ${alias}`,
    scope: projectScope,
    properties: propertyMap([
      column("TestConfigurationSK", INT, "id"),
      column("TestConfigurationId", INT, "id"),
      column("Name", STRING, "name"),
      column("State", STRING, "state"),
    ]),
    navigations: navigationMap([]),
  };
}

function userEntity(): EntityDefinition {
  return {
    typeName: "User",
    key: "UserSK",
    table: (alias) => `users AS ${alias}`,
    scope: () => [],
    properties: propertyMap([column("UserSK", STRING, "id"), column("UserName", STRING, "display_name"), column("UserEmail", STRING, "unique_name")]),
    navigations: navigationMap([]),
  };
}

function calendarDateEntity(prepare: () => void): EntityDefinition {
  return {
    typeName: "CalendarDate",
    key: "DateSK",
    prepare,
    table: (alias) => `temp.odata_days AS ${alias}`,
    scope: () => [],
    properties: propertyMap([
      column("DateSK", INT, "date_sk"),
      { name: "Date", type: DATE_TIME, sql: (alias) => `(${alias}.date || 'T00:00:00.000Z')` },
      { name: "Year", type: INT, sql: (alias) => `CAST(substr(${alias}.date, 1, 4) AS INTEGER)` },
      { name: "MonthOfYear", type: INT, sql: (alias) => `CAST(substr(${alias}.date, 6, 2) AS INTEGER)` },
      { name: "DayOfMonth", type: INT, sql: (alias) => `CAST(substr(${alias}.date, 9, 2) AS INTEGER)` },
    ]),
    navigations: navigationMap([]),
  };
}

// ---------------------------------------------------------------------------------------------
// The snapshot's TEMP tables

const builtFor = new WeakMap<Db, string>();

/** What the intervals depend on: history and points (added or removed), and today. */
function snapshotVersion(db: Db, today: string): string {
  const row = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM test_point_history) AS h, (SELECT MAX(id) FROM test_point_history) AS hm,
              (SELECT COUNT(*) FROM test_points) AS p, (SELECT MAX(id) FROM test_points) AS pm`,
    )
    .get() as Record<string, number | null>;
  return `${today}:${row.h}:${row.hm}:${row.p}:${row.pm}`;
}

/** Rebuilds the calendar and the outcome intervals when what they are made from has changed. */
export function prepareSnapshot(db: Db, now: () => Date = () => new Date()): void {
  const today = now().toISOString().slice(0, 10);
  const version = snapshotVersion(db, today);
  if (builtFor.get(db) === version) return;
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS odata_days (date_sk INTEGER PRIMARY KEY, date TEXT NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS odata_point_intervals (point_id INTEGER NOT NULL, from_sk INTEGER NOT NULL, next_sk INTEGER NOT NULL, outcome TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS temp.ix_odata_point_intervals_point ON odata_point_intervals (point_id);
  `);
  db.transaction(() => {
    db.exec("DELETE FROM temp.odata_days; DELETE FROM temp.odata_point_intervals;");
    db.prepare(
      `INSERT INTO temp.odata_days (date_sk, date)
       WITH RECURSIVE day(date) AS (
         SELECT MIN(first) FROM (SELECT date(MIN(created_date)) AS first FROM test_points UNION ALL SELECT date(MIN(changed_date)) FROM test_point_history)
         UNION ALL SELECT date(date, '+1 day') FROM day
         WHERE date < MAX(@today, COALESCE((SELECT date(MAX(changed_date)) FROM test_point_history), @today)))
       SELECT CAST(strftime('%Y%m%d', date) AS INTEGER), date FROM day WHERE date IS NOT NULL`,
    ).run({ today });
    db.prepare(
      `INSERT INTO temp.odata_point_intervals (point_id, from_sk, next_sk, outcome)
       WITH last_of_day AS (
         SELECT point_id, date_sk, outcome FROM (
           SELECT h.point_id, h.date_sk, h.outcome, ROW_NUMBER() OVER (PARTITION BY h.point_id, h.date_sk ORDER BY h.changed_date DESC, h.id DESC) AS rn
           FROM test_point_history AS h)
         WHERE rn = 1),
       changes AS (
         SELECT point_id, date_sk, outcome, LEAD(date_sk, 1, 99991231) OVER (PARTITION BY point_id ORDER BY date_sk) AS next_sk FROM last_of_day)
       SELECT point_id, date_sk, next_sk, outcome FROM changes
       UNION ALL
       SELECT p.id, CAST(strftime('%Y%m%d', p.created_date) AS INTEGER),
              COALESCE((SELECT MIN(h.date_sk) FROM test_point_history AS h WHERE h.point_id = p.id), 99991231), 'None'
       FROM test_points AS p`,
    ).run();
  })();
  builtFor.set(db, version);
}

/** The Test Plans entity sets, for buildModel. */
export const testManagementModel: ModelExtension = ({ store }) => {
  const prepare = () => prepareSnapshot(store.db);
  const suite = testSuiteEntity();
  const configuration = testConfigurationEntity();
  return {
    sets: {
      TestPoints: testPointEntity(),
      TestPointHistorySnapshot: snapshotEntity(prepare),
      TestSuites: suite,
      TestConfigurations: configuration,
      Users: userEntity(),
      Dates: calendarDateEntity(prepare),
    },
  };
};
