// What the work item forms read around the work item they show: the test points of given test cases
// (the Test API's points query: every plan at once, one request per 200 test cases), a
// requirement's linked test cases, their points and the defects linked to either, and short
// descriptions of linked work items. Records are built by the data sources' rules (dataSources/
// shared.ts: fields, a point's stage and cycle from the plan-to-stage mapping, links), so a form
// shows the figures the programme hub and the widgets show for the same work items.

import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import type { DefectRecord, TestCaseRecord, TestPointRecord } from "../domain/model";
import type { AdoConnection } from "./clients";
import { SourceContext } from "./dataSources/context";
import {
  compact,
  DEFECT_FIELDS,
  EVERY_ID,
  FieldGetter,
  LinkIndex,
  POINT_TEST_CASE_FIELDS,
  pointTestCase,
  subjectTypes,
  TEST_CASE_FIELDS,
  text,
  toDefect,
  toPointRecord,
  toTestCase,
  workItemGetter,
} from "./dataSources/shared";
import { FIELD } from "./fields";
import { boundedParallel } from "./http";
import { readWorkItems } from "./workItems";

/** Test cases per points query, as many as a batch read of work items takes. */
const POINTS_QUERY_SIZE = 200;

/** A test point with the names of its plan and suite, where the service sent them. */
export interface PlacedTestPoint {
  point: TestPointRecord;
  planName?: string;
  suiteName?: string;
}

/** A link as a work item (or the form) holds it: the link type's reference name and the target's REST URL. */
export interface WorkItemLink {
  rel?: string;
  url?: string;
}

export interface RequirementLinks {
  requirementId: number;
  /** The test cases the requirement is Tested By. */
  testCaseIds: readonly number[];
  /** The requirement's own links (as the form holds them, saved or not), for defects linked straight to it. */
  relations: readonly WorkItemLink[];
}

/**
 * A requirement's linked test cases (those that can be read), their points, and the defects linked
 * to the requirement or to them, as the data sources have them except that a defect's links are
 * limited to this requirement and its test cases, and its work-off plan is not read.
 */
export interface RequirementRecords {
  testCases: TestCaseRecord[];
  points: TestPointRecord[];
  defects: DefectRecord[];
}

export interface WorkItemSummary {
  id: number;
  title: string;
  type: string;
  state?: string;
}

export interface WorkItemFormData {
  /** Every test point of the test cases, in any plan, sorted by id: the records `ProgrammeDataSource.testPoints()` has for them. */
  testPoints(testCaseIds: readonly number[]): Promise<TestPointRecord[]>;
  /** The same points with their plans' and suites' names. */
  placedTestPoints(testCaseIds: readonly number[]): Promise<PlacedTestPoint[]>;
  requirementRecords(links: RequirementLinks): Promise<RequirementRecords>;
  /** Title, type and state of each work item that can be read, in the order asked for. */
  describeWorkItems(ids: readonly number[]): Promise<WorkItemSummary[]>;
}

interface QueryReference {
  id?: string | number;
  name?: string;
}

/** A point as the points query (Test API) returns it. */
interface QueriedPoint {
  id: number;
  testCase?: QueryReference;
  testPlan?: QueryReference;
  suite?: QueryReference;
  configuration?: QueryReference;
  outcome?: string | number;
  lastUpdatedDate?: string | Date;
}

function gettersOf(items: readonly WorkItem[]): Map<number, FieldGetter> {
  return new Map(items.map((item) => [item.id, workItemGetter(item)]));
}

/**
 * The forms' reads over a connection. The plan-to-stage mapping is read once per instance (as a
 * data source reads it once): make one per form load to see a mapping changed meanwhile.
 */
export function workItemFormData(connection: AdoConnection): WorkItemFormData {
  const context = new SourceContext(connection);
  const project = encodeURIComponent(connection.projectName);

  async function queryPoints(testCaseIds: readonly number[]): Promise<QueriedPoint[]> {
    const unique = [...new Set(testCaseIds)].filter((id) => Number.isInteger(id) && id > 0);
    const chunks: number[][] = [];
    for (let i = 0; i < unique.length; i += POINTS_QUERY_SIZE) chunks.push(unique.slice(i, i + POINTS_QUERY_SIZE));
    const answers = await boundedParallel(
      chunks.map(
        (chunk) => () =>
          connection.fetchJson<{ points?: QueriedPoint[] }>(`${project}/_apis/test/points?api-version=7.1`, {
            method: "POST",
            body: JSON.stringify({ pointsFilter: { testcaseIds: chunk } }),
          }),
      ),
      connection.parallelism,
    );
    return answers.flatMap((answer) => answer?.points ?? []);
  }

  /** The points of the test cases; `testCaseFields` are the fields of those test cases when the caller reads them anyway. */
  async function placed(testCaseIds: readonly number[], testCaseFields?: Promise<ReadonlyMap<number, FieldGetter>>): Promise<PlacedTestPoint[]> {
    const [points, mapping, preread] = await Promise.all([queryPoints(testCaseIds), context.stageMapping(), testCaseFields]);
    const testCaseOf = (point: QueriedPoint) => Number(point.testCase?.id);
    const getters = preread ?? gettersOf((await readWorkItems(connection, points.map(testCaseOf).filter(Number.isInteger), POINT_TEST_CASE_FIELDS)).items);
    return points
      .map((point) => {
        const testCaseId = testCaseOf(point);
        const record = toPointRecord(
          {
            id: point.id,
            testCaseId,
            planId: Number(point.testPlan?.id),
            suiteId: Number(point.suite?.id),
            configuration: point.configuration?.name || undefined,
            outcome: point.outcome,
            changedDate: point.lastUpdatedDate,
            testCase: pointTestCase(getters.get(testCaseId)),
            count: 1,
          },
          mapping,
        );
        return compact({ point: record, planName: point.testPlan?.name || undefined, suiteName: point.suite?.name || undefined });
      })
      .sort((a, b) => a.point.id - b.point.id);
  }

  return {
    async testPoints(testCaseIds) {
      return (await placed(testCaseIds)).map((p) => p.point);
    },

    placedTestPoints: (testCaseIds) => placed(testCaseIds),

    async requirementRecords(links) {
      const reading = readWorkItems(connection, links.testCaseIds, TEST_CASE_FIELDS, { expandRelations: true });
      const [read, types, points] = await Promise.all([reading, context.workItemTypes(), placed(links.testCaseIds, reading.then((r) => gettersOf(r.items)))]);
      const index = new LinkIndex();
      for (const item of read.items) index.addRelations(item.id, item.relations ?? []);
      index.addRelations(links.requirementId, links.relations);

      // The work items linked to the test cases or to the requirement, other than those: the test cases' other requirements, and defects.
      const testCaseSet = new Set(read.items.map((item) => item.id));
      const known = new Set([...testCaseSet, ...links.testCaseIds, links.requirementId]);
      const candidates = [...new Set([...testCaseSet, links.requirementId].flatMap((id) => index.linkedIds(id, EVERY_ID)))].filter((id) => !known.has(id));
      const linked = candidates.length > 0 ? (await readWorkItems(connection, candidates, [FIELD.workItemType, ...DEFECT_FIELDS])).items : [];
      const typed = linked.map((item) => ({ id: item.id, get: workItemGetter(item) }));
      const ofCategory = (subject: "requirements" | "defects") => {
        const names = new Set(subjectTypes(types, subject).map((type) => type.toLowerCase()));
        return typed.filter(({ get }) => names.has((text(get(FIELD.workItemType)) ?? "").toLowerCase()));
      };
      const requirements = new Set([links.requirementId, ...ofCategory("requirements").map(({ id }) => id)]);
      const testCases = read.items.map((item) => compact(toTestCase(item.id, workItemGetter(item), index.testsIds(item.id, requirements))));
      const requirement = new Set([links.requirementId]);
      const defects = ofCategory("defects")
        .map(({ id, get }) => compact(toDefect(id, get, undefined, { testCaseIds: index.linkedIds(id, testCaseSet), requirementIds: index.linkedIds(id, requirement) })))
        .sort((a, b) => a.id - b.id);
      return { testCases, points: points.map((p) => p.point), defects };
    },

    async describeWorkItems(ids) {
      const read = await readWorkItems(connection, ids, [FIELD.title, FIELD.workItemType, FIELD.state]);
      return read.items.map((item) => {
        const get = workItemGetter(item);
        return compact({ id: item.id, title: text(get(FIELD.title)) ?? "", type: text(get(FIELD.workItemType)) ?? "", state: text(get(FIELD.state)) });
      });
    },
  };
}
