// Work items in and out: WIQL ids past the 20,000 cap, batch reads of 200 with bounded
// parallelism, and writes that never overwrite someone else's change (a `test` on /rev first).

import type { JsonPatchDocument } from "azure-devops-extension-api/WebApi";
import type {
  WorkItem,
  WorkItemBatchGetRequest,
  WorkItemErrorPolicy,
  WorkItemExpand,
  WorkItemQueryResult,
} from "azure-devops-extension-api/WorkItemTracking";
import type { AdoConnection } from "./clients";
import { ConflictError, describeFailure } from "./errors";
import { assertReferenceName, FIELD } from "./fields";
import { boundedParallel } from "./http";
import { gt, WiqlQuery } from "./wiql";

/** Most ids one WIQL query may return. */
export const WIQL_RESULT_CAP = 20_000;
/** Ids per page when a query is read in slices, kept under the cap. */
export const WIQL_PAGE_SIZE = WIQL_RESULT_CAP - 1;
/** Most ids one batch read may ask for. */
export const BATCH_SIZE = 200;

// The enums' numbers, as the clients send them; imported as types only, this module (and the data
// sources built on it) loads without the api's runtime, so unit tests need no browser globals.
const OMIT_MISSING = 2 as WorkItemErrorPolicy;
const EXPAND_NONE = 0 as WorkItemExpand;
const EXPAND_RELATIONS = 1 as WorkItemExpand;

const SIZE_LIMIT_TYPE_KEY = "WorkItemTrackingQueryResultSizeLimitExceededException";

export function isQuerySizeLimitError(error: unknown): boolean {
  const { typeKey, message } = describeFailure(error);
  return typeKey === SIZE_LIMIT_TYPE_KEY || /\bVS402337\b/.test(message ?? "");
}

export interface QueryIdsOptions {
  /** Ids per slice; at most WIQL_PAGE_SIZE. */
  pageSize?: number;
}

async function runWiql(connection: AdoConnection, query: WiqlQuery, top?: number): Promise<number[]> {
  const result: WorkItemQueryResult = await connection.workItemTracking.queryByWiql(
    { query: query.text },
    connection.projectName,
    undefined,
    query.timePrecision || undefined,
    top,
  );
  return (result?.workItems ?? []).map((reference) => reference.id);
}

function orderedById(query: WiqlQuery): boolean {
  return (
    query.order.length === 0 ||
    (query.order.length === 1 && query.order[0].field.toLowerCase() === FIELD.id.toLowerCase() && query.order[0].direction === "asc")
  );
}

/** Reads every id in slices: `[System.Id] > last` in id order, `pageSize` at a time, until a short page. */
async function sliceById(connection: AdoConnection, query: WiqlQuery, pageSize: number): Promise<number[]> {
  const byId = query.reorder([{ field: FIELD.id, direction: "asc" }]);
  const ids: number[] = [];
  let last: number | undefined;
  for (;;) {
    const page = await runWiql(connection, last === undefined ? byId : byId.where(gt(FIELD.id, last)), pageSize);
    // A server that ignored the condition or the order must not make the loop go round forever.
    const fresh = page.filter((id) => last === undefined || id > last).sort((a, b) => a - b);
    ids.push(...fresh);
    if (fresh.length === 0 || page.length < pageSize) return ids;
    last = fresh[fresh.length - 1];
  }
}

/**
 * All ids the query matches. Ordered by id (or unordered), it is read in slices from the start,
 * so a query of any size costs ceil(n / pageSize) calls (the first is the whole answer when
 * small). With another order the query runs as written, and only when the service refuses it
 * for size (VS402337) is it read in slices, then in id order.
 */
export async function queryIds(connection: AdoConnection, query: WiqlQuery, options: QueryIdsOptions = {}): Promise<number[]> {
  const pageSize = options.pageSize ?? WIQL_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > WIQL_PAGE_SIZE) {
    throw new RangeError(`WIQL page size must be a whole number from 1 to ${WIQL_PAGE_SIZE}, not ${pageSize}`);
  }
  if (orderedById(query)) return sliceById(connection, query, pageSize);
  try {
    return await runWiql(connection, query);
  } catch (error) {
    if (isQuerySizeLimitError(error)) return sliceById(connection, query, pageSize);
    throw error;
  }
}

export interface ReadWorkItemsOptions {
  /** Also read links; the fields are then picked out of the full work items, as the service will not take both. */
  expandRelations?: boolean;
  asOf?: Date;
}

export interface WorkItemsRead {
  /** In the order of the ids asked for (each id once). */
  items: WorkItem[];
  /** Ids that do not exist, were deleted or cannot be seen. */
  missing: number[];
}

function pickFields(item: WorkItem, fields: readonly string[]): WorkItem {
  const wanted = new Set(fields.map((f) => f.toLowerCase()));
  const picked = Object.fromEntries(Object.entries(item.fields ?? {}).filter(([name]) => wanted.has(name.toLowerCase())));
  return { ...item, fields: picked };
}

/** Reads work items in batches of 200, with at most `connection.parallelism` batches in flight. */
export async function readWorkItems(
  connection: AdoConnection,
  ids: readonly number[],
  fields: readonly string[],
  options: ReadWorkItemsOptions = {},
): Promise<WorkItemsRead> {
  fields.forEach(assertReferenceName);
  const unique = Array.from(new Set(ids));
  const batches: number[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_SIZE) batches.push(unique.slice(i, i + BATCH_SIZE));
  const request = (batch: number[]): WorkItemBatchGetRequest =>
    ({
      ids: batch,
      fields: options.expandRelations ? undefined : fields.slice(),
      $expand: options.expandRelations ? EXPAND_RELATIONS : EXPAND_NONE,
      errorPolicy: OMIT_MISSING,
      asOf: options.asOf,
    }) as WorkItemBatchGetRequest;
  const results = await boundedParallel(
    batches.map((batch) => () => connection.workItemTracking.getWorkItemsBatch(request(batch), connection.projectName)),
    connection.parallelism,
  );
  const byId = new Map<number, WorkItem>();
  for (const batch of results) {
    for (const item of batch ?? []) if (item && typeof item.id === "number") byId.set(item.id, item);
  }
  const items: WorkItem[] = [];
  const missing: number[] = [];
  for (const id of unique) {
    const item = byId.get(id);
    if (!item) missing.push(id);
    else items.push(options.expandRelations ? pickFields(item, fields) : item);
  }
  return { items, missing };
}

export type PatchOperation =
  | { op: "test"; path: string; value: unknown }
  | { op: "add"; path: string; value: unknown }
  | { op: "remove"; path: string };

export interface RelationToAdd {
  /** Link type reference name, e.g. LINK_TYPES.testedBy. */
  rel: string;
  /** REST URL of the target (see relationTo). */
  url: string;
  attributes?: Record<string, unknown>;
}

export const LINK_TYPES = {
  testedBy: "Microsoft.VSTS.Common.TestedBy-Forward",
  tests: "Microsoft.VSTS.Common.TestedBy-Reverse",
  related: "System.LinkTypes.Related",
  parent: "System.LinkTypes.Hierarchy-Reverse",
  child: "System.LinkTypes.Hierarchy-Forward",
} as const;

/** A link to another work item, addressed as the service wants it (its REST URL). */
export async function relationTo(
  connection: AdoConnection,
  rel: string,
  targetId: number,
  attributes?: Record<string, unknown>,
): Promise<RelationToAdd> {
  if (!Number.isInteger(targetId) || targetId < 1) throw new RangeError(`Work item id must be a positive whole number, not ${targetId}`);
  const url = `${await connection.serviceRoot()}_apis/wit/workItems/${targetId}`;
  return attributes ? { rel, url, attributes } : { rel, url };
}

/** Field values as patch operations: null clears a field, undefined leaves it alone. */
export function fieldOperations(fields: Readonly<Record<string, unknown>>): PatchOperation[] {
  const operations: PatchOperation[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const path = `/fields/${assertReferenceName(name)}`;
    operations.push(value === null ? { op: "remove", path } : { op: "add", path, value });
  }
  return operations;
}

function relationOperations(relations: readonly RelationToAdd[]): PatchOperation[] {
  return relations.map((relation) => ({
    op: "add",
    path: "/relations/-",
    value: relation.attributes ? { rel: relation.rel, url: relation.url, attributes: relation.attributes } : { rel: relation.rel, url: relation.url },
  }));
}

/** The patch for an update: first a test that the work item is still at `rev`, then the changes. */
export function updatePatch(
  rev: number,
  fields: Readonly<Record<string, unknown>>,
  relationsToAdd: readonly RelationToAdd[] = [],
): PatchOperation[] {
  if (!Number.isInteger(rev) || rev < 1) throw new RangeError(`Revision must be a positive whole number, not ${rev}`);
  return [{ op: "test", path: "/rev", value: rev }, ...fieldOperations(fields), ...relationOperations(relationsToAdd)];
}

// Azure DevOps answers a failed `test` on /rev with 412 TestPatchOperationFailedException (VS403351).
const REVISION_CONFLICT = /TestPatchOperationFailed|RevisionMismatch|VS403351|TF26071/i;

export function isRevisionConflict(error: unknown): boolean {
  const { status, typeKey, message } = describeFailure(error);
  return status === 412 || status === 409 || REVISION_CONFLICT.test(typeKey ?? "") || REVISION_CONFLICT.test(message ?? "");
}

/** One work item as it is now, or undefined when it cannot be read. */
export async function readWorkItem(connection: AdoConnection, id: number, fields?: readonly string[]): Promise<WorkItem | undefined> {
  fields?.forEach(assertReferenceName);
  try {
    return await connection.workItemTracking.getWorkItem(id, connection.projectName, fields?.slice());
  } catch (error) {
    if (describeFailure(error).status === 404) return undefined;
    throw error;
  }
}

/**
 * Saves changes made to revision `rev`. If someone else saved the work item since, nothing is
 * written and a ConflictError says so, with the work item as it is now when it can be read.
 */
export async function updateWorkItem(
  connection: AdoConnection,
  id: number,
  rev: number,
  fields: Readonly<Record<string, unknown>>,
  relationsToAdd: readonly RelationToAdd[] = [],
): Promise<WorkItem> {
  const patch = updatePatch(rev, fields, relationsToAdd);
  try {
    return await connection.workItemTracking.updateWorkItem(patch as JsonPatchDocument, id, connection.projectName);
  } catch (error) {
    if (!isRevisionConflict(error)) throw error;
    const current = await readWorkItem(connection, id).catch(() => undefined);
    const now = current ? ` (it is now at revision ${current.rev}; your changes were made to revision ${rev})` : "";
    throw new ConflictError<WorkItem>(
      `Work item ${id} was changed by someone else since you opened it${now}. Your changes were not saved: reload it, then make them again.`,
      { subject: "workItem", current, currentRev: current?.rev, cause: error },
    );
  }
}

/** Creates a work item of the given type (a name such as resolved by workItemTypes.ts). */
export async function createWorkItem(
  connection: AdoConnection,
  type: string,
  fields: Readonly<Record<string, unknown>>,
  relations: readonly RelationToAdd[] = [],
): Promise<WorkItem> {
  if (!type.trim()) throw new RangeError("A work item type is needed to create a work item");
  const patch = [...fieldOperations(fields), ...relationOperations(relations)];
  return connection.workItemTracking.createWorkItem(patch as JsonPatchDocument, connection.projectName, type);
}
