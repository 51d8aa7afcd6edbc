// What both data sources share, so that they cannot disagree: which fields each record needs, how
// field values become domain records, how links become id lists, how points get their stage and
// cycle, and how facts (an item, or a group of items the server counted) become count rows.

import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import { compareKeys, KEY_SEPARATOR, keyValue, nameSet, sameCode } from "../../domain/groupKeys";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../domain/model";
import { normaliseOutcome } from "../../domain/progress";
import type { PlanStage } from "../configStore";
import { FIELD, splitMultiValue } from "../fields";
import { LINK_TYPES } from "../workItems";
import type { WorkItemTypes } from "../workItemTypes";
import type { CountRow, Counts, PointDimension, PointFilter, WorkItemDimension, WorkItemFilter, WorkItemSubject } from "./types";

/** A work item's field by reference name (System.Title, Custom.MhhsTestStage). */
export type FieldGetter = (referenceName: string) => unknown;

/** The fields of a work item read through REST, by reference name in any case. */
export function workItemGetter(item: WorkItem): FieldGetter {
  const fields = item.fields ?? {};
  const lower = new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
  return (referenceName) => fields[referenceName] ?? lower.get(referenceName.toLowerCase());
}

export const REQUIREMENT_FIELDS = [
  FIELD.title,
  FIELD.state,
  FIELD.requirementId,
  FIELD.requirementType,
  FIELD.roles,
  FIELD.marketRole,
  FIELD.stagesInScope,
  FIELD.testStage,
  FIELD.designReferences,
] as const;

export const TEST_CASE_FIELDS = [FIELD.title, FIELD.state, FIELD.testCaseId, FIELD.testStage, FIELD.testCycle, FIELD.marketRole, FIELD.participant, FIELD.nftCategory] as const;

/** The defect fields Analytics holds; the work-off plan (HTML) is read apart. */
export const DEFECT_FIELDS = [
  FIELD.title,
  FIELD.state,
  FIELD.severity,
  FIELD.priority,
  FIELD.testStage,
  FIELD.testCycle,
  FIELD.marketRole,
  FIELD.participant,
  FIELD.environment,
  FIELD.defectCategory,
  FIELD.createdDate,
  FIELD.closedDate,
  FIELD.resolvedDate,
] as const;

/** The test case fields a point takes its stage, cycle, role and participant from. */
export const POINT_TEST_CASE_FIELDS = [FIELD.testStage, FIELD.testCycle, FIELD.marketRole, FIELD.participant] as const;

export const SUBJECT_CATEGORY: Readonly<Record<WorkItemSubject, "requirement" | "testCase" | "bug">> = {
  requirements: "requirement",
  testCases: "testCase",
  defects: "bug",
};

/** The project's work item type names of a subject's category (empty when the process has none). */
export function subjectTypes(types: WorkItemTypes, subject: WorkItemSubject): string[] {
  return types[SUBJECT_CATEGORY[subject]]?.types ?? [];
}

// ---------------------------------------------------------------------------------------------
// Values

export function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** An ISO date-time, whatever form the server sent (ISO text, MS JSON date already parsed to Date). */
export function isoDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function integer(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function requirementRoles(get: FieldGetter): string[] {
  const roles = splitMultiValue(get(FIELD.roles));
  const single = text(get(FIELD.marketRole));
  return roles.length ? roles : single ? [single] : [];
}

function requirementStages(get: FieldGetter): string[] {
  const stages = splitMultiValue(get(FIELD.stagesInScope));
  const single = text(get(FIELD.testStage));
  return stages.length ? stages : single ? [single] : [];
}

// ---------------------------------------------------------------------------------------------
// Links

/** The id at the end of a work item's REST URL (…/_apis/wit/workItems/42). */
const WORK_ITEM_URL = /\/workitems\/(\d+)\/?$/i;

/**
 * Links between work items as both sources see them: "A Tested By B" (TestedBy-Forward from A,
 * TestedBy-Reverse from B) and "A Related B" (either end).
 */
export class LinkIndex {
  private readonly testedBy = new Map<number, Set<number>>();
  private readonly tests = new Map<number, Set<number>>();
  private readonly related = new Map<number, Set<number>>();

  private static put(map: Map<number, Set<number>>, from: number, to: number): void {
    let set = map.get(from);
    if (!set) map.set(from, (set = new Set()));
    set.add(to);
  }

  /** One relation as a work item lists it (REST) or as a WorkItemLinks row shows it (Analytics). */
  add(sourceId: number, rel: string, targetId: number): void {
    const name = rel.toLowerCase();
    if (name === LINK_TYPES.testedBy.toLowerCase()) {
      LinkIndex.put(this.testedBy, sourceId, targetId);
      LinkIndex.put(this.tests, targetId, sourceId);
    } else if (name === LINK_TYPES.tests.toLowerCase()) {
      LinkIndex.put(this.testedBy, targetId, sourceId);
      LinkIndex.put(this.tests, sourceId, targetId);
    } else if (name === LINK_TYPES.related.toLowerCase()) {
      LinkIndex.put(this.related, sourceId, targetId);
      LinkIndex.put(this.related, targetId, sourceId);
    }
  }

  /**
   * A work item's relations as REST (or the work item form) lists them: the link type's reference
   * name and the target's URL. Relations to anything but a work item (hyperlinks, artifacts) are skipped.
   */
  addRelations(sourceId: number, relations: readonly { rel?: string; url?: string }[]): void {
    for (const relation of relations) {
      const target = WORK_ITEM_URL.exec(relation.url ?? "");
      if (target && relation.rel) this.add(sourceId, relation.rel, Number(target[1]));
    }
  }

  /** Ids the work item is Tested By, among `within`, ascending. */
  testedByIds(id: number, within: IdSet): number[] {
    return pick(this.testedBy.get(id), within);
  }

  /** Ids the work item Tests, among `within`, ascending. */
  testsIds(id: number, within: IdSet): number[] {
    return pick(this.tests.get(id), within);
  }

  /** Ids linked by Tested By, Tests or Related, among `within`, ascending. */
  linkedIds(id: number, within: IdSet): number[] {
    const all = new Set<number>([...(this.testedBy.get(id) ?? []), ...(this.tests.get(id) ?? []), ...(this.related.get(id) ?? [])]);
    return pick(all, within);
  }
}

/** Membership of a set of ids (a Set, or EVERY_ID when the links were already limited by the server). */
export interface IdSet {
  has(id: number): boolean;
}

export const EVERY_ID: IdSet = { has: () => true };

function pick(ids: ReadonlySet<number> | undefined, within: IdSet): number[] {
  if (!ids) return [];
  return [...ids].filter((id) => within.has(id)).sort((a, b) => a - b);
}

/** The link types the records are built from. */
export const RECORD_LINK_TYPES = [LINK_TYPES.testedBy, LINK_TYPES.related] as const;

// ---------------------------------------------------------------------------------------------
// Records

export function toRequirement(id: number, get: FieldGetter, testCaseIds: number[]): RequirementRecord {
  return {
    id,
    title: text(get(FIELD.title)) ?? "",
    requirementId: text(get(FIELD.requirementId)),
    type: text(get(FIELD.requirementType)) ?? "",
    roles: requirementRoles(get),
    stages: requirementStages(get),
    designReferences: text(get(FIELD.designReferences)),
    state: text(get(FIELD.state)),
    testCaseIds,
  };
}

export function toTestCase(id: number, get: FieldGetter, requirementIds: number[]): TestCaseRecord {
  return {
    id,
    title: text(get(FIELD.title)) ?? "",
    programmeTestCaseId: text(get(FIELD.testCaseId)),
    stage: text(get(FIELD.testStage)),
    role: text(get(FIELD.marketRole)),
    participant: text(get(FIELD.participant)),
    nftCategory: text(get(FIELD.nftCategory)),
    state: text(get(FIELD.state)),
    requirementIds,
  };
}

export function toDefect(id: number, get: FieldGetter, workOffPlan: string | undefined, linked: { testCaseIds: number[]; requirementIds: number[] }): DefectRecord {
  return {
    id,
    title: text(get(FIELD.title)) ?? "",
    state: text(get(FIELD.state)) ?? "",
    severity: text(get(FIELD.severity)) ?? "",
    priority: integer(get(FIELD.priority)),
    stage: text(get(FIELD.testStage)),
    cycle: text(get(FIELD.testCycle)),
    role: text(get(FIELD.marketRole)),
    participant: text(get(FIELD.participant)),
    environment: text(get(FIELD.environment)),
    category: text(get(FIELD.defectCategory)),
    createdDate: isoDate(get(FIELD.createdDate)) ?? "",
    closedDate: isoDate(get(FIELD.closedDate)) ?? isoDate(get(FIELD.resolvedDate)),
    workOffPlan: workOffPlan && workOffPlan !== "" ? workOffPlan : undefined,
    testCaseIds: linked.testCaseIds,
    requirementIds: linked.requirementIds,
  };
}

/** Drops members whose value is undefined, so records compare equal whichever source made them. */
export function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}

// ---------------------------------------------------------------------------------------------
// Test points

/** What a point is, whichever API it came from. */
export interface PointFact {
  id?: number;
  testCaseId?: number;
  planId: number;
  suiteId: number;
  configuration?: string;
  /** The ADO outcome as sent (name or number). */
  outcome: unknown;
  /** The point's last change (both APIs have it; Analytics has no last result date). */
  changedDate?: unknown;
  testCase: { stage?: string; cycle?: string; role?: string; participant?: string };
  /** How many points the fact stands for (a group counted by the server). */
  count: number;
}

/** What a point takes from its test case (POINT_TEST_CASE_FIELDS), from the test case's fields (undefined when it could not be read). */
export function pointTestCase(get: FieldGetter | undefined): PointFact["testCase"] {
  return { stage: text(get?.(FIELD.testStage)), cycle: text(get?.(FIELD.testCycle)), role: text(get?.(FIELD.marketRole)), participant: text(get?.(FIELD.participant)) };
}

export class StageMapping {
  private readonly byPlan: Map<number, PlanStage>;

  constructor(readonly plans: readonly PlanStage[]) {
    this.byPlan = new Map(plans.map((p) => [p.planId, p]));
  }

  stage(planId: number, testCaseStage: string | undefined): string | undefined {
    return this.byPlan.get(planId)?.stage ?? testCaseStage;
  }

  cycle(planId: number, testCaseCycle: string | undefined): string | undefined {
    return this.byPlan.get(planId)?.cycle ?? testCaseCycle;
  }

  /** Plans whose mapping says the stage (or, with cycle, sets a cycle). */
  plansWith(key: "stage" | "cycle", value: string): number[] {
    return this.plans.filter((p) => p[key] !== undefined && sameCode(p[key], value)).map((p) => p.planId);
  }

  /** Plans the mapping gives a stage (or a cycle) at all. */
  plansSetting(key: "stage" | "cycle"): number[] {
    return this.plans.filter((p) => p[key] !== undefined && p[key] !== "").map((p) => p.planId);
  }
}

export function pointDimension(fact: PointFact, dimension: PointDimension, mapping: StageMapping): string {
  switch (dimension) {
    case "stage":
      return keyValue(mapping.stage(fact.planId, fact.testCase.stage));
    case "cycle":
      return keyValue(mapping.cycle(fact.planId, fact.testCase.cycle));
    case "role":
      return keyValue(fact.testCase.role);
    case "participant":
      return keyValue(fact.testCase.participant);
    case "outcome":
      return normaliseOutcome(fact.outcome as string | number | undefined);
    case "planId":
      return String(fact.planId);
    case "suiteId":
      return String(fact.suiteId);
  }
}

export function matchesPointFilter(fact: PointFact, filter: PointFilter | undefined, mapping: StageMapping): boolean {
  if (!filter) return true;
  if (filter.stage !== undefined && !sameCode(mapping.stage(fact.planId, fact.testCase.stage), filter.stage)) return false;
  if (filter.cycle !== undefined && !sameCode(mapping.cycle(fact.planId, fact.testCase.cycle), filter.cycle)) return false;
  if (filter.role !== undefined && !sameCode(fact.testCase.role, filter.role)) return false;
  if (filter.participant !== undefined && !sameCode(fact.testCase.participant, filter.participant)) return false;
  if (filter.planIds !== undefined && !filter.planIds.includes(fact.planId)) return false;
  return true;
}

export function toPointRecord(fact: PointFact, mapping: StageMapping): TestPointRecord {
  const outcome = normaliseOutcome(fact.outcome as string | number | undefined);
  return compact({
    id: fact.id ?? 0,
    testCaseId: fact.testCaseId ?? 0,
    planId: fact.planId,
    suiteId: fact.suiteId,
    stage: mapping.stage(fact.planId, fact.testCase.stage) ?? "",
    cycle: mapping.cycle(fact.planId, fact.testCase.cycle),
    role: fact.testCase.role,
    participant: fact.testCase.participant,
    configuration: fact.configuration,
    outcome,
    lastRunDate: outcome === "notRun" ? undefined : isoDate(fact.changedDate),
  });
}

// ---------------------------------------------------------------------------------------------
// Work item dimensions and filters

/** The fields a dimension is read from, for a subject. */
export function dimensionFields(subject: WorkItemSubject, dimension: WorkItemDimension): string[] {
  switch (dimension) {
    case "type":
      return [FIELD.workItemType];
    case "state":
      return [FIELD.state];
    case "severity":
      return [FIELD.severity];
    case "priority":
      return [FIELD.priority];
    case "stage":
      return subject === "requirements" ? [FIELD.stagesInScope, FIELD.testStage] : [FIELD.testStage];
    case "cycle":
      return [FIELD.testCycle];
    case "role":
      return subject === "requirements" ? [FIELD.roles, FIELD.marketRole] : [FIELD.marketRole];
    case "participant":
      return [FIELD.participant];
    case "environment":
      return [FIELD.environment];
    case "category":
      return [FIELD.defectCategory];
    case "requirementType":
      return [FIELD.requirementType];
    case "nftCategory":
      return [FIELD.nftCategory];
    case "raisedDay":
      return [FIELD.createdDate];
  }
}

/** The values of a dimension (several for a requirement's roles and stages; UNASSIGNED when none). */
export function dimensionValues(subject: WorkItemSubject, dimension: WorkItemDimension, get: FieldGetter): string[] {
  if (subject === "requirements" && dimension === "role") {
    const roles = requirementRoles(get);
    return roles.length ? roles.map(keyValue) : [keyValue(undefined)];
  }
  if (subject === "requirements" && dimension === "stage") {
    const stages = requirementStages(get);
    return stages.length ? stages.map(keyValue) : [keyValue(undefined)];
  }
  if (dimension === "raisedDay") return [keyValue(isoDate(get(FIELD.createdDate))?.slice(0, 10))];
  return [keyValue(text(get(dimensionFields(subject, dimension)[0])))];
}

const FILTER_DIMENSIONS: readonly (keyof WorkItemFilter & WorkItemDimension)[] = ["stage", "cycle", "role", "participant", "severity"];

export function filterFields(subject: WorkItemSubject, filter: WorkItemFilter | undefined): string[] {
  if (!filter) return [];
  const fields: string[] = [];
  for (const dimension of FILTER_DIMENSIONS) if (filter[dimension] !== undefined) fields.push(...dimensionFields(subject, dimension));
  if (filter.states || filter.excludeStates) fields.push(FIELD.state);
  return fields;
}

export function matchesWorkItemFilter(subject: WorkItemSubject, filter: WorkItemFilter | undefined, get: FieldGetter): boolean {
  if (!filter) return true;
  for (const dimension of FILTER_DIMENSIONS) {
    const wanted = filter[dimension];
    if (wanted !== undefined && !dimensionValues(subject, dimension, get).some((value) => sameCode(value, wanted))) return false;
  }
  const state = (text(get(FIELD.state)) ?? "").trim().toLowerCase();
  if (filter.states && !nameSet(filter.states).has(state)) return false;
  if (filter.excludeStates && nameSet(filter.excludeStates).has(state)) return false;
  return true;
}

/** Single-valued equality filters the server can apply as well (for requirements, roles and stages are multi-valued). */
export function serverFilterFields(subject: WorkItemSubject, filter: WorkItemFilter | undefined): { field: string; value: string }[] {
  if (!filter) return [];
  const result: { field: string; value: string }[] = [];
  for (const dimension of FILTER_DIMENSIONS) {
    const value = filter[dimension];
    if (value === undefined) continue;
    if (subject === "requirements" && (dimension === "role" || dimension === "stage")) continue;
    result.push({ field: dimensionFields(subject, dimension)[0], value });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Counting

/** Adds facts up by the dimensions' values; a fact with several values of a dimension counts under each. */
export class CountAccumulator<D extends string> {
  private readonly groups = new Map<string, { key: string[]; count: number }>();
  total = 0;

  constructor(private readonly by: readonly D[]) {}

  add(values: readonly string[][], count: number): void {
    this.total += count;
    let keys: string[][] = [[]];
    for (const options of values) keys = keys.flatMap((prefix) => [...new Set(options)].map((value) => [...prefix, value]));
    for (const key of keys) {
      const id = key.join(KEY_SEPARATOR);
      const group = this.groups.get(id);
      if (group) group.count += count;
      else this.groups.set(id, { key, count });
    }
  }

  result(): Counts<D> {
    const rows: CountRow<D>[] = [...this.groups.values()]
      .sort((a, b) => compareKeys(a.key, b.key))
      .map(({ key, count }) => ({ key: Object.fromEntries(this.by.map((d, i) => [d, key[i]])) as Record<D, string>, count }));
    return { by: this.by.slice(), rows, total: this.total };
  }
}
