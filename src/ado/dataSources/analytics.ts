// The Analytics data source: counts are one $apply=filter(...)/groupby((...), aggregate($count as
// Count)) query each, whatever the number of work items or points; records are read in the
// service's pages of up to 10,000 rows, following @odata.nextLink; links come from WorkItemLinks
// (no per-item reads); the daily trend is one aggregate over TestPointHistorySnapshot. The one
// thing Analytics does not hold is HTML fields, so defects' work-off plans are read through WIQL
// (the bugs whose plan is not empty) and batch reads of just those.

import { analyseCoverage, CoverageFilter, CoverageSummary, RetestRule } from "../../domain/coverage";
import { sameCode } from "../../domain/groupKeys";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../domain/model";
import { normaliseOutcome } from "../../domain/progress";
import type { AdoConnection } from "../clients";
import { FIELD } from "../fields";
import { sharedWhileRunning } from "../http";
import {
  analyticsRoot,
  ODATA_TRUE,
  odataAnd,
  ODataCondition,
  odataContains,
  odataEq,
  odataGe,
  odataIn,
  odataLe,
  odataNot,
  odataOr,
  odataQueryString,
  readAllPages,
} from "../odata";
import { LINK_TYPES } from "../workItems";
import { dateKey, daysBetween, SourceContext } from "./context";
import {
  compact,
  CountAccumulator,
  DEFECT_FIELDS,
  EVERY_ID,
  dimensionFields,
  dimensionValues,
  FieldGetter,
  filterFields,
  isoDate,
  LinkIndex,
  matchesPointFilter,
  matchesWorkItemFilter,
  PointFact,
  pointDimension,
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
} from "./shared";
import type {
  Counts,
  DailyOutcomeQuery,
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
import { countWrittenWorkOffPlans, readDefectsWithWorkOffPlans } from "./workOffPlans";

/** Analytics names of the built-in fields; custom fields are Custom_<Name>. */
const BUILT_IN_PROPERTIES: Readonly<Record<string, string>> = {
  "system.id": "WorkItemId",
  "system.title": "Title",
  "system.workitemtype": "WorkItemType",
  "system.state": "State",
  "system.reason": "Reason",
  "system.createddate": "CreatedDate",
  "system.changeddate": "ChangedDate",
  "microsoft.vsts.common.severity": "Severity",
  "microsoft.vsts.common.priority": "Priority",
  "microsoft.vsts.common.closeddate": "ClosedDate",
  "microsoft.vsts.common.resolveddate": "ResolvedDate",
  "microsoft.vsts.common.statechangedate": "StateChangeDate",
};

/** The Analytics property of a work item field: System.Title -> Title, Custom.MhhsTestStage -> Custom_MhhsTestStage. */
export function analyticsProperty(referenceName: string): string {
  return BUILT_IN_PROPERTIES[referenceName.toLowerCase()] ?? referenceName.replace(/\./g, "_");
}

const TEST_CASE_NAVIGATION = "TestCase";
const POINT_TEST_CASE_PROPERTIES = {
  stage: analyticsProperty(FIELD.testStage),
  cycle: analyticsProperty(FIELD.testCycle),
  role: analyticsProperty(FIELD.marketRole),
  participant: analyticsProperty(FIELD.participant),
} as const;
const pointTestCasePath = (key: keyof typeof POINT_TEST_CASE_PROPERTIES) => `${TEST_CASE_NAVIGATION}/${POINT_TEST_CASE_PROPERTIES[key]}`;

type Row = Record<string, unknown>;

/** A getter over an Analytics row (nested objects for navigation properties). */
function rowGetter(row: Row): FieldGetter {
  return (referenceName) => row[analyticsProperty(referenceName)];
}

/** Grouping by a date-time would give a row per item: dates are grouped by their day key (CreatedDateSK). */
const DAY_KEYS: Readonly<Record<string, string>> = { [FIELD.createdDate.toLowerCase()]: "CreatedDateSK" };

function groupProperty(referenceName: string): string {
  return DAY_KEYS[referenceName.toLowerCase()] ?? analyticsProperty(referenceName);
}

/** A getter over a grouped row: a day key reads as its ISO date. */
function groupRowGetter(row: Row): FieldGetter {
  return (referenceName) => {
    const dayKey = DAY_KEYS[referenceName.toLowerCase()];
    if (!dayKey) return row[analyticsProperty(referenceName)];
    const digits = String(row[dayKey] ?? "");
    return /^\d{8}$/.test(digits) ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : undefined;
  };
}

function nested(row: Row, path: string): unknown {
  let value: unknown = row;
  for (const segment of path.split("/")) value = value && typeof value === "object" ? (value as Row)[segment] : undefined;
  return value;
}

/** The points a filter selects, as an OData condition: the same rules as matchesPointFilter. */
export function pointScope(filter: PointFilter | undefined, mapping: StageMapping): ODataCondition {
  if (!filter) return ODATA_TRUE;
  const parts: ODataCondition[] = [];
  if (filter.planIds) parts.push(odataIn("TestPlanId", [...filter.planIds]));
  if (filter.role !== undefined) parts.push(odataEq(pointTestCasePath("role"), filter.role));
  if (filter.participant !== undefined) parts.push(odataEq(pointTestCasePath("participant"), filter.participant));
  for (const key of ["stage", "cycle"] as const) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const mapped = mapping.plansWith(key, wanted);
    const setting = mapping.plansSetting(key);
    const byTestCase = odataEq(pointTestCasePath(key), wanted);
    const unmapped = setting.length ? odataAnd(odataNot(odataIn("TestPlanId", setting)), byTestCase) : byTestCase;
    parts.push(mapped.length ? odataOr(odataIn("TestPlanId", mapped), unmapped) : unmapped);
  }
  return odataAnd(...parts);
}

const REQUIREMENT_SCOPE_FIELDS = [FIELD.stagesInScope, FIELD.testStage, FIELD.roles, FIELD.marketRole] as const;
const TEST_CASE_SCOPE_FIELDS = [FIELD.testStage, FIELD.marketRole, FIELD.participant] as const;
/** What coverage reads of the scope's points (with the participant, configuration and latest change when retests supersede). */
const COVERAGE_POINT_PATHS = ["TestCaseId", "LastResultOutcome"];
/** What readiness reads of a required test case. */
const REQUIRED_TEST_FIELDS = [FIELD.testCaseId, FIELD.testStage, FIELD.marketRole, FIELD.participant] as const;

/**
 * Requirements that may be in scope: the stage or role in the multi-valued list or the single
 * field (the domain decides exactly). `via` reaches them from another entity (SourceWorkItem/).
 */
function requirementScope(filter: CoverageFilter, via = ""): ODataCondition[] {
  const path = (field: string) => via + analyticsProperty(field);
  const parts: ODataCondition[] = [];
  if (filter.stage !== undefined) parts.push(odataOr(odataContains(path(FIELD.stagesInScope), filter.stage), odataEq(path(FIELD.testStage), filter.stage)));
  if (filter.role !== undefined) parts.push(odataOr(odataContains(path(FIELD.roles), filter.role), odataEq(path(FIELD.marketRole), filter.role)));
  return parts;
}

/** Test cases in scope: those naming the stage, role and participant asked for, or none (generic). */
function testCaseScope(filter: CoverageFilter, via = ""): ODataCondition[] {
  const byField: [string | undefined, string][] = [
    [filter.stage, FIELD.testStage],
    [filter.role, FIELD.marketRole],
    [filter.participant, FIELD.participant],
  ];
  return byField
    .filter(([wanted]) => wanted !== undefined)
    .map(([wanted, field]) => odataOr(odataEq(via + analyticsProperty(field), wanted as string), odataEq(via + analyticsProperty(field), null)));
}

function pointFact(row: Row, count: number): PointFact {
  return {
    id: typeof row.TestPointId === "number" ? row.TestPointId : undefined,
    testCaseId: typeof row.TestCaseId === "number" ? row.TestCaseId : undefined,
    planId: Number(row.TestPlanId),
    suiteId: Number(row.TestSuiteId),
    configuration: text(nested(row, "TestConfiguration/Name")),
    outcome: row.LastResultOutcome,
    changedDate: row.ChangedDate,
    testCase: {
      stage: text(nested(row, pointTestCasePath("stage"))),
      cycle: text(nested(row, pointTestCasePath("cycle"))),
      role: text(nested(row, pointTestCasePath("role"))),
      participant: text(nested(row, pointTestCasePath("participant"))),
    },
    count,
  };
}

export interface AnalyticsSourceOptions {
  /** The Analytics root, ending in "/"; by default derived from the connection (see analyticsRoot). */
  root?: string;
}

export function analyticsDataSource(connection: AdoConnection, options: AnalyticsSourceOptions = {}): ProgrammeDataSource {
  const context = new SourceContext(connection);
  let rootPromise: Promise<string> | undefined;
  const root = () => (rootPromise ??= options.root ? Promise.resolve(options.root) : analyticsRoot(connection));
  const read = async (entitySet: string, query: string): Promise<Row[]> => (await readAllPages<Row>(connection, await root(), entitySet, query)).rows;

  const typeCondition = async (subject: WorkItemSubject): Promise<{ types: string[]; condition: ODataCondition }> => {
    const types = subjectTypes(await context.workItemTypes(), subject);
    return { types, condition: odataIn("WorkItemType", types) };
  };

  function workItemCondition(subject: WorkItemSubject, base: ODataCondition, filter: WorkItemFilter | undefined): ODataCondition {
    const parts = [base, ...serverFilterFields(subject, filter).map(({ field, value }) => odataEq(analyticsProperty(field), value))];
    if (filter?.states) parts.push(odataIn("State", [...filter.states]));
    if (filter?.excludeStates?.length) parts.push(odataNot(odataIn("State", [...filter.excludeStates])));
    return odataAnd(...parts);
  }

  async function readWorkItemRows(subject: WorkItemSubject, fields: readonly string[]): Promise<Row[]> {
    const { types, condition } = await typeCondition(subject);
    if (types.length === 0) return [];
    const select = ["WorkItemId", ...new Set(fields.map(analyticsProperty))];
    return read("WorkItems", odataQueryString({ filter: condition, select }));
  }

  /**
   * Links from work items of one subject to work items of another (the server limits both ends by
   * type). Requirements and test cases loaded side by side share one read; nothing is kept once it
   * settles, so a later load sees links added meanwhile, as it sees the work items.
   */
  const sharedLinks = sharedWhileRunning<LinkIndex>();
  function links(from: WorkItemSubject, to: WorkItemSubject, linkTypes: readonly string[]): Promise<LinkIndex> {
    return sharedLinks(`${from}>${to}:${linkTypes.join(",")}`, async () => {
      const types = await context.workItemTypes();
      const targetTypes = subjectTypes(types, to);
      const sourceTypes = subjectTypes(types, from);
      const index = new LinkIndex();
      if (sourceTypes.length === 0 || targetTypes.length === 0) return index;
      const filter = odataAnd(
        odataIn("LinkTypeReferenceName", [...linkTypes]),
        odataIn("SourceWorkItem/WorkItemType", sourceTypes),
        odataIn("TargetWorkItem/WorkItemType", targetTypes),
      );
      for (const row of await read("WorkItemLinks", odataQueryString({ filter, select: ["SourceWorkItemId", "TargetWorkItemId", "LinkTypeReferenceName"] }))) {
        index.add(Number(row.SourceWorkItemId), String(row.LinkTypeReferenceName), Number(row.TargetWorkItemId));
      }
      return index;
    });
  }

  async function workOffPlans(bugTypes: readonly string[]): Promise<Map<number, string>> {
    const items = await readDefectsWithWorkOffPlans(connection, bugTypes, []);
    return new Map(items.map((item) => [item.id, String(item.fields?.[FIELD.workOffPlan] ?? "")]));
  }

  async function pointRows(filter: PointFilter | undefined, mapping: StageMapping, groupBy?: readonly string[]): Promise<Row[]> {
    const scope = pointScope(filter, mapping);
    if (groupBy) return read("TestPoints", odataQueryString({ groupBy: { filter: scope, paths: groupBy } }));
    return read(
      "TestPoints",
      odataQueryString({
        filter: scope,
        select: ["TestPointId", "TestCaseId", "TestPlanId", "TestSuiteId", "LastResultOutcome", "ChangedDate"],
        expand: { TestConfiguration: ["Name"], [TEST_CASE_NAVIGATION]: Object.values(POINT_TEST_CASE_PROPERTIES) },
      }),
    );
  }

  return {
    kind: "analytics",

    async countWorkItems(query: WorkItemCountQuery): Promise<Counts<WorkItemDimension>> {
      const accumulator = new CountAccumulator<WorkItemDimension>(query.by);
      const { types, condition } = await typeCondition(query.subject);
      if (types.length === 0) return accumulator.result();
      const fields = [...new Set([...query.by.flatMap((d) => dimensionFields(query.subject, d)), ...filterFields(query.subject, query.filter)])];
      const paths = fields.map(groupProperty);
      const rows = await read("WorkItems", odataQueryString({ groupBy: { filter: workItemCondition(query.subject, condition, query.filter), paths } }));
      for (const row of rows) {
        const get = groupRowGetter(row);
        if (!matchesWorkItemFilter(query.subject, query.filter, get)) continue;
        accumulator.add(
          query.by.map((d) => dimensionValues(query.subject, d, get)),
          Number(row.Count),
        );
      }
      return accumulator.result();
    },

    async countTestPoints(query: PointCountQuery): Promise<Counts<PointDimension>> {
      const mapping = await context.stageMapping();
      const needed = new Set<string>(["TestPlanId"]);
      const wants = (key: PointDimension) => query.by.includes(key) || (query.filter as Record<string, unknown> | undefined)?.[key] !== undefined;
      for (const key of ["stage", "cycle", "role", "participant"] as const) if (wants(key)) needed.add(pointTestCasePath(key));
      if (query.by.includes("outcome")) needed.add("LastResultOutcome");
      if (query.by.includes("suiteId")) needed.add("TestSuiteId");
      const accumulator = new CountAccumulator<PointDimension>(query.by);
      for (const row of await pointRows(query.filter, mapping, [...needed])) {
        const fact = pointFact(row, Number(row.Count));
        if (!matchesPointFilter(fact, query.filter, mapping)) continue;
        accumulator.add(
          query.by.map((d) => [pointDimension(fact, d, mapping)]),
          fact.count,
        );
      }
      return accumulator.result();
    },

    async countWorkOffPlans(filter: WorkItemFilter): Promise<Counts<"severity">> {
      return countWrittenWorkOffPlans(connection, subjectTypes(await context.workItemTypes(), "defects"), filter);
    },

    async requirementCoverage(filter: CoverageFilter, options: { retests?: RetestRule } = {}): Promise<CoverageSummary> {
      const supersede = options.retests === "supersede";
      const types = await context.workItemTypes();
      const requirementTypes = subjectTypes(types, "requirements");
      const testCaseTypes = subjectTypes(types, "testCases");
      const mapping = await context.stageMapping();
      const linkFilter = odataAnd(
        odataEq("LinkTypeReferenceName", LINK_TYPES.testedBy),
        odataIn("SourceWorkItem/WorkItemType", requirementTypes),
        odataIn("TargetWorkItem/WorkItemType", testCaseTypes),
        ...requirementScope(filter, "SourceWorkItem/"),
        ...testCaseScope(filter, "TargetWorkItem/"),
      );
      const [requirementRows, testCaseRows, linkRows, pointGroups] = await Promise.all([
        read("WorkItems", odataQueryString({ groupBy: { filter: odataAnd(odataIn("WorkItemType", requirementTypes), ...requirementScope(filter)), paths: ["WorkItemId", ...REQUIREMENT_SCOPE_FIELDS.map(analyticsProperty)] } })),
        read("WorkItems", odataQueryString({ groupBy: { filter: odataAnd(odataIn("WorkItemType", testCaseTypes), ...testCaseScope(filter)), paths: ["WorkItemId", ...TEST_CASE_SCOPE_FIELDS.map(analyticsProperty)] } })),
        read("WorkItemLinks", odataQueryString({ groupBy: { filter: linkFilter, paths: ["SourceWorkItemId", "TargetWorkItemId"] } })),
        // The server keeps only the scope's points; a requirement's status depends on which outcomes its tests have, not on how many
        // (when retests supersede, on which outcome each participant's configuration ran last).
        read(
          "TestPoints",
          odataQueryString({
            groupBy: supersede
              ? { filter: pointScope(filter, mapping), paths: [...COVERAGE_POINT_PATHS, pointTestCasePath("participant"), "TestConfiguration/Name"], aggregates: [{ path: "ChangedDate", method: "max", alias: "LastChanged" }] }
              : { filter: pointScope(filter, mapping), paths: COVERAGE_POINT_PATHS },
          }),
        ),
      ]);
      const index = new LinkIndex();
      for (const row of linkRows) index.add(Number(row.SourceWorkItemId), LINK_TYPES.testedBy, Number(row.TargetWorkItemId));
      const testCases = testCaseRows.map((row) => {
        const id = Number(row.WorkItemId);
        return compact(toTestCase(id, rowGetter(row), index.testsIds(id, EVERY_ID)));
      });
      // Test cases the server left out name another stage, role or participant: they are not this scope's tests.
      const known = new Set(testCases.map((tc) => tc.id));
      const requirements = requirementRows.map((row) => {
        const id = Number(row.WorkItemId);
        return compact(toRequirement(id, rowGetter(row), index.testedByIds(id, known)));
      });
      const points: TestPointRecord[] = pointGroups.map((row) => {
        const outcome = normaliseOutcome(row.LastResultOutcome as string);
        return compact({
          id: 0,
          testCaseId: Number(row.TestCaseId),
          planId: 0,
          suiteId: 0,
          stage: filter.stage ?? "",
          cycle: filter.cycle,
          outcome,
          participant: text(nested(row, pointTestCasePath("participant"))),
          configuration: text(nested(row, "TestConfiguration/Name")),
          lastRunDate: outcome === "notRun" ? undefined : isoDate(row.LastChanged),
        });
      });
      return analyseCoverage({ requirements, testCases, points, filter, gaps: false, retests: options.retests }).summary;
    },

    async requiredTestEvidence(query: RequiredTestQuery): Promise<RequiredTestEvidence> {
      const testCaseTypes = subjectTypes(await context.workItemTypes(), "testCases");
      const ids = [...new Set(query.testCaseIds)];
      const programmeIds = [...new Set(query.programmeTestCaseIds.map((id) => id.trim()).filter((id) => id !== ""))];
      if (testCaseTypes.length === 0 || (ids.length === 0 && programmeIds.length === 0)) return { testCases: [], points: [] };
      const named = odataOr(...(programmeIds.length ? [odataIn(analyticsProperty(FIELD.testCaseId), programmeIds)] : []), ...(ids.length ? [odataIn("WorkItemId", ids)] : []));
      const testCaseRows = await read(
        "WorkItems",
        odataQueryString({ groupBy: { filter: odataAnd(odataIn("WorkItemType", testCaseTypes), named), paths: ["WorkItemId", ...REQUIRED_TEST_FIELDS.map(analyticsProperty)] } }),
      );
      const testCases = testCaseRows.map((row) => compact(toTestCase(Number(row.WorkItemId), rowGetter(row), []))).sort((a, b) => a.id - b.id);
      if (testCases.length === 0 || query.stages.length === 0) return { testCases, points: [] };
      const mapping = await context.stageMapping();
      const inStages = odataOr(...query.stages.map((stage) => pointScope({ stage }, mapping)));
      const groups = await read(
        "TestPoints",
        odataQueryString({
          groupBy: {
            filter: odataAnd(odataIn("TestCaseId", testCases.map((tc) => tc.id)), inStages),
            paths: ["TestCaseId", "TestPlanId", "LastResultOutcome", ...(["stage", "cycle", "role", "participant"] as const).map(pointTestCasePath)],
            aggregates: [{ path: "ChangedDate", method: "max", alias: "LastChanged" }],
          },
        }),
      );
      const points = groups
        .map((row) => toPointRecord(pointFact({ ...row, ChangedDate: row.LastChanged }, Number(row.Count)), mapping))
        .filter((point) => query.stages.some((stage) => sameCode(stage, point.stage)));
      return { testCases, points };
    },

    async requirements(): Promise<RequirementRecord[]> {
      const [rows, index] = await Promise.all([readWorkItemRows("requirements", REQUIREMENT_FIELDS), links("requirements", "testCases", [LINK_TYPES.testedBy])]);
      return rows
        .map((row) => {
          const id = Number(row.WorkItemId);
          return compact(toRequirement(id, rowGetter(row), index.testedByIds(id, EVERY_ID)));
        })
        .sort((a, b) => a.id - b.id);
    },

    async testCases(): Promise<TestCaseRecord[]> {
      const [rows, index] = await Promise.all([readWorkItemRows("testCases", TEST_CASE_FIELDS), links("requirements", "testCases", [LINK_TYPES.testedBy])]);
      return rows
        .map((row) => {
          const id = Number(row.WorkItemId);
          return compact(toTestCase(id, rowGetter(row), index.testsIds(id, EVERY_ID)));
        })
        .sort((a, b) => a.id - b.id);
    },

    async defects(): Promise<DefectRecord[]> {
      const types = await context.workItemTypes();
      const linkTypes = [LINK_TYPES.testedBy, LINK_TYPES.tests, LINK_TYPES.related];
      const [rows, toTestCases, toRequirements, plans] = await Promise.all([
        readWorkItemRows("defects", DEFECT_FIELDS),
        links("defects", "testCases", linkTypes),
        links("defects", "requirements", linkTypes),
        workOffPlans(subjectTypes(types, "defects")),
      ]);
      return rows
        .map((row) => {
          const id = Number(row.WorkItemId);
          const linked = { testCaseIds: toTestCases.linkedIds(id, EVERY_ID), requirementIds: toRequirements.linkedIds(id, EVERY_ID) };
          return compact(toDefect(id, rowGetter(row), plans.get(id), linked));
        })
        .sort((a, b) => a.id - b.id);
    },

    async testPoints(filter?: PointFilter): Promise<TestPointRecord[]> {
      const mapping = await context.stageMapping();
      const records: TestPointRecord[] = [];
      for (const row of await pointRows(filter, mapping)) {
        const fact = pointFact(row, 1);
        if (matchesPointFilter(fact, filter, mapping)) records.push(toPointRecord(fact, mapping));
      }
      return records.sort((a, b) => a.id - b.id);
    },

    async dailyOutcomes(query: DailyOutcomeQuery): Promise<DailyTrend> {
      const days = daysBetween(query.from, query.to);
      const mapping = await context.stageMapping();
      const scope = pointScope(query.filter, mapping);
      const window = odataAnd(odataGe("DateSK", dateKey(query.from)), odataLe("DateSK", dateKey(query.to)), scope);
      const [snapshot, total] = await Promise.all([
        read("TestPointHistorySnapshot", odataQueryString({ groupBy: { filter: window, paths: ["DateSK", "ResultOutcome"] } })),
        read("TestPoints", odataQueryString({ groupBy: { filter: scope, paths: [] } })),
      ]);
      const inScope = Number(total[0]?.Count ?? 0);
      const byDay = new Map(days.map((day) => [dateKey(day), { date: day, passed: 0, failed: 0, blocked: 0, notApplicable: 0, notRun: inScope }]));
      for (const row of snapshot) {
        const day = byDay.get(Number(row.DateSK));
        const outcome = normaliseOutcome(row.ResultOutcome as string);
        if (!day || outcome === "notRun") continue;
        const count = Number(row.Count);
        day[outcome] += count;
        day.notRun -= count;
      }
      return { days: [...byDay.values()], basis: "history" };
    },
  };
}
