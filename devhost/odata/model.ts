// The entity model of the local Analytics endpoint: which entity sets exist, their properties and
// navigation properties, and the SQL that reads each over the store. Property and navigation names
// are the Analytics service's (Microsoft's "Metadata reference for Azure Boards Analytics" and
// "... for Test Plans Analytics"); every SQL fragment here is static text written in this file,
// with values (JSON paths, project ids) bound as parameters, so nothing a caller sends becomes SQL.
import type { Field } from "../store/fields";
import type { DevhostStore } from "../store/store";

export const MODEL_NAMESPACE = "Microsoft.VisualStudio.Services.Analytics.Model";

export type ValueType =
  | { kind: "string" }
  | { kind: "int" }
  | { kind: "double" }
  | { kind: "boolean" }
  | { kind: "dateTimeOffset" }
  | { kind: "date" }
  | { kind: "enum"; name: string; members: readonly string[] };

export const STRING: ValueType = { kind: "string" };
export const INT: ValueType = { kind: "int" };
export const DOUBLE: ValueType = { kind: "double" };
export const BOOLEAN: ValueType = { kind: "boolean" };
export const DATE_TIME: ValueType = { kind: "dateTimeOffset" };
export const DATE: ValueType = { kind: "date" };

/** The EDM name of a type, as OData messages and $metadata write it. */
export function edmName(type: ValueType | { kind: "null" }): string {
  switch (type.kind) {
    case "string":
      return "Edm.String";
    case "int":
      return "Edm.Int32";
    case "double":
      return "Edm.Double";
    case "boolean":
      return "Edm.Boolean";
    case "dateTimeOffset":
      return "Edm.DateTimeOffset";
    case "date":
      return "Edm.Date";
    case "enum":
      return `${MODEL_NAMESPACE}.${type.name}`;
    case "null":
      return "null";
  }
}

/** Named SQL parameters (better-sqlite3 binds an object), so fragments can be assembled in any order. */
export class SqlParams {
  readonly values: Record<string, string | number | null> = {};
  private next = 0;

  /** Different prefixes keep two sets of parameters of one statement apart. */
  constructor(private readonly prefix = "p") {}

  bind(value: string | number | boolean | null): string {
    const name = `${this.prefix}${this.next++}`;
    this.values[name] = typeof value === "boolean" ? (value ? 1 : 0) : value;
    return `@${name}`;
  }
}

export interface QueryScope {
  /** Absent for the organization-level endpoint: every project. */
  projectId?: string;
}

export interface PropertyDefinition {
  name: string;
  type: ValueType;
  /** The value for the entity under `alias`. */
  sql(alias: string, params: SqlParams): string;
}

export interface NavigationDefinition {
  name: string;
  /** The target entity type's name in the model. */
  target: string;
  /** The join condition from the source alias to the target alias. */
  on(from: string, to: string): string;
}

export interface EntityDefinition {
  /** The type's short name: WorkItem, TestPoint. */
  typeName: string;
  /** The key property (used for stable order and server-driven paging). */
  key: string;
  /** Brings derived tables up to date before a query reads the entity. */
  prepare?: () => void;
  /** The FROM item for the entity under `alias`. */
  table(alias: string): string;
  /** Conditions every row meets: project, not deleted. */
  scope(alias: string, scope: QueryScope, params: SqlParams): string[];
  properties: ReadonlyMap<string, PropertyDefinition>;
  navigations: ReadonlyMap<string, NavigationDefinition>;
}

export interface ODataModel {
  /** Entity sets by name (WorkItems -> WorkItem). */
  entitySets: ReadonlyMap<string, EntityDefinition>;
  /** Entity types by short name, including those reached only by navigation. */
  types: ReadonlyMap<string, EntityDefinition>;
}

export function qualifiedName(entity: EntityDefinition): string {
  return `${MODEL_NAMESPACE}.${entity.typeName}`;
}

export function propertyMap(properties: readonly PropertyDefinition[]): ReadonlyMap<string, PropertyDefinition> {
  return new Map(properties.map((p) => [p.name, p]));
}

export function navigationMap(navigations: readonly NavigationDefinition[]): ReadonlyMap<string, NavigationDefinition> {
  return new Map(navigations.map((n) => [n.name, n]));
}

/** A column of the entity's table: `alias.column` (column names are this file's constants). */
export function column(name: string, type: ValueType, columnName: string): PropertyDefinition {
  return { name, type, sql: (alias) => `${alias}.${columnName}` };
}

/** yyyymmdd as an integer, the Analytics date surrogate key, of an ISO date-time (UTC is the organization's time zone here). */
export function dateSk(sql: string): string {
  return `CAST(strftime('%Y%m%d', ${sql}) AS INTEGER)`;
}

// ---------------------------------------------------------------------------------------------
// Work items

/** Work item fields by Analytics property name (the fields Analytics names without a namespace). */
const WORK_ITEM_PROPERTIES: readonly (readonly [string, string])[] = [
  ["Title", "System.Title"],
  ["WorkItemType", "System.WorkItemType"],
  ["State", "System.State"],
  ["Reason", "System.Reason"],
  ["Revision", "System.Rev"],
  ["CreatedDate", "System.CreatedDate"],
  ["ChangedDate", "System.ChangedDate"],
  ["TagNames", "System.Tags"],
  ["CommentCount", "System.CommentCount"],
  ["Watermark", "System.Watermark"],
  ["Severity", "Microsoft.VSTS.Common.Severity"],
  ["Priority", "Microsoft.VSTS.Common.Priority"],
  ["ValueArea", "Microsoft.VSTS.Common.ValueArea"],
  ["StateChangeDate", "Microsoft.VSTS.Common.StateChangeDate"],
  ["ActivatedDate", "Microsoft.VSTS.Common.ActivatedDate"],
  ["ResolvedDate", "Microsoft.VSTS.Common.ResolvedDate"],
  ["ClosedDate", "Microsoft.VSTS.Common.ClosedDate"],
  ["AutomatedTestName", "Microsoft.VSTS.TCM.AutomatedTestName"],
  ["AutomationStatus", "Microsoft.VSTS.TCM.AutomationStatus"],
];

/** Dates Analytics also offers as ...SK (yyyymmdd) surrogate keys. */
const DATE_KEYS = new Set(["CreatedDate", "ChangedDate", "StateChangeDate", "ActivatedDate", "ResolvedDate", "ClosedDate"]);

/** Field kinds Analytics does not store (long text) or exposes only through other entities (identities, paths). */
const NOT_IN_ANALYTICS = new Set(["html", "history", "treePath", "guid"]);

function fieldType(field: Field | undefined): ValueType {
  switch (field?.type) {
    case "integer":
      return INT;
    case "double":
      return DOUBLE;
    case "boolean":
      return BOOLEAN;
    case "dateTime":
      return DATE_TIME;
    default:
      return STRING;
  }
}

function jsonField(name: string, referenceName: string, type: ValueType): PropertyDefinition {
  return { name, type, sql: (alias, params) => `json_extract(${alias}.fields, ${params.bind(`$."${referenceName}"`)})` };
}

/** Custom.MhhsTestStage -> Custom_MhhsTestStage, as Analytics names custom fields. */
export function analyticsPropertyName(referenceName: string): string {
  return referenceName.replace(/\./g, "_");
}

function workItemEntity(fields: readonly Field[]): EntityDefinition {
  const byReference = new Map(fields.map((f) => [f.referenceName.toLowerCase(), f]));
  const properties: PropertyDefinition[] = [column("WorkItemId", INT, "id")];
  const named = new Set<string>();
  for (const [name, referenceName] of WORK_ITEM_PROPERTIES) {
    const type = referenceName === "System.Rev" ? INT : fieldType(byReference.get(referenceName.toLowerCase()));
    const property = jsonField(name, referenceName, type);
    properties.push(property);
    named.add(referenceName.toLowerCase());
    if (DATE_KEYS.has(name)) properties.push({ name: `${name}SK`, type: INT, sql: (alias, params) => dateSk(property.sql(alias, params)) });
  }
  for (const field of fields) {
    const reference = field.referenceName;
    if (named.has(reference.toLowerCase()) || field.usage !== "workItem" || field.isIdentity || NOT_IN_ANALYTICS.has(field.type)) continue;
    if (/^(System|Microsoft\.VSTS)\./i.test(reference)) continue;
    if (!/^[A-Za-z][\w.]*$/.test(reference)) continue;
    properties.push(jsonField(analyticsPropertyName(reference), reference, fieldType(field)));
  }
  return {
    typeName: "WorkItem",
    key: "WorkItemId",
    table: (alias) => `work_items AS ${alias}`,
    scope: (alias, scope, params) => [`${alias}.is_deleted = 0`, ...(scope.projectId ? [`${alias}.project_id = ${params.bind(scope.projectId)}`] : [])],
    properties: propertyMap(properties),
    navigations: navigationMap([]),
  };
}

function workItemLinkEntity(): EntityDefinition {
  const linkType = (column: string) => (alias: string) => `(SELECT lt.${column} FROM link_types AS lt WHERE lt.reference_name = ${alias}.rel)`;
  return {
    typeName: "WorkItemLink",
    key: "WorkItemLinkSK",
    table: (alias) => `work_item_relations AS ${alias}`,
    scope: (alias, scope, params) => [
      `${alias}.target_id IS NOT NULL`,
      `EXISTS (SELECT 1 FROM work_items AS ls WHERE ls.id = ${alias}.work_item_id AND ls.is_deleted = 0${scope.projectId ? ` AND ls.project_id = ${params.bind(scope.projectId)}` : ""})`,
      `EXISTS (SELECT 1 FROM work_items AS lt WHERE lt.id = ${alias}.target_id AND lt.is_deleted = 0)`,
    ],
    properties: propertyMap([
      column("WorkItemLinkSK", INT, "id"),
      column("SourceWorkItemId", INT, "work_item_id"),
      column("TargetWorkItemId", INT, "target_id"),
      column("LinkTypeReferenceName", STRING, "rel"),
      { name: "LinkTypeName", type: STRING, sql: linkType("name") },
      { name: "LinkTypeIsDirectional", type: BOOLEAN, sql: linkType("is_directional") },
      { name: "LinkTypeIsAcyclic", type: BOOLEAN, sql: linkType("is_acyclic") },
      { name: "Comment", type: STRING, sql: (alias) => `json_extract(${alias}.attributes, '$.comment')` },
    ]),
    navigations: navigationMap([
      { name: "SourceWorkItem", target: "WorkItem", on: (from, to) => `${to}.id = ${from}.work_item_id` },
      { name: "TargetWorkItem", target: "WorkItem", on: (from, to) => `${to}.id = ${from}.target_id` },
    ]),
  };
}

/** Contributes entity sets beyond work items (test plans, points, history), given the work item type. */
export type ModelExtension = (context: { store: DevhostStore; workItem: EntityDefinition }) => { sets: Record<string, EntityDefinition>; types?: EntityDefinition[] };

/** The model for the store as it is now (custom fields come and go with the processes). */
export function buildModel(store: DevhostStore, extensions: readonly ModelExtension[] = []): ODataModel {
  const workItem = workItemEntity(store.fields.list());
  const link = workItemLinkEntity();
  const entitySets = new Map<string, EntityDefinition>([
    ["WorkItems", workItem],
    ["WorkItemLinks", link],
  ]);
  const types = new Map<string, EntityDefinition>([
    [workItem.typeName, workItem],
    [link.typeName, link],
  ]);
  for (const extend of extensions) {
    const extension = extend({ store, workItem });
    for (const [name, entity] of Object.entries(extension.sets)) {
      entitySets.set(name, entity);
      types.set(entity.typeName, entity);
    }
    for (const entity of extension.types ?? []) types.set(entity.typeName, entity);
  }
  return { entitySets, types };
}
