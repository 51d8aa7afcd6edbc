// Work items: get one or many, batch, create, update, delete, revisions and updates.
import { ApiCall, ApiRouter } from "../http/api";
import { requireProject } from "../http/context";
import { Errors } from "../http/errors";
import { Locations } from "../http/locations";
import { isTrue } from "./queryParams";
import type { WorkItemRecord } from "../store/workItems";
import { parseExpand, parseFieldList, renderRevision, renderUpdate, renderWorkItem } from "../wit/render";
import { WorkItemService } from "../wit/workItemService";

/** ADO's cap on work items per read (ids= and workItemsBatch). */
export const WORK_ITEM_PAGE_SIZE = 200;

export function registerWorkItemRoutes(api: ApiRouter): void {
  api.resource(Locations.wit.workItems, { GET: getWorkItems, PATCH: updateWorkItem, DELETE: deleteWorkItem });
  api.resource(Locations.wit.createWorkItem, { POST: createWorkItem });
  api.resource(Locations.wit.workItemsBatch, { POST: getWorkItemsBatch });
  api.resource(Locations.wit.revisions, { GET: getRevisions });
  api.resource(Locations.wit.updates, { GET: getUpdates });
}

function getWorkItems(call: ApiCall) {
  return call.params.id === undefined ? getWorkItemList(call) : getWorkItem(call, parseId(call.params.id));
}

function getWorkItem(call: ApiCall, id: number) {
  const { ctx, query } = call;
  const { expand, fields } = readOptions(call, query.$expand, query.fields);
  const item = readItem(call, id, parseAsOf(query.asof));
  if (!item) throw Errors.workItemNotFound(id);
  return renderWorkItem(ctx, item, { expand, fields });
}

function getWorkItemList(call: ApiCall) {
  const { query } = call;
  if (!query.ids) throw Errors.badRequest("Value cannot be null.\r\nParameter name: ids", "ArgumentNullException");
  const ids = query.ids.split(",").map((id) => parseId(id.trim()));
  return readMany(call, ids, { expand: query.$expand, fields: query.fields, asOf: query.asof, errorPolicy: query.errorpolicy });
}

function getWorkItemsBatch(call: ApiCall) {
  const body = (call.body ?? {}) as { ids?: unknown; fields?: unknown; $expand?: unknown; asOf?: unknown; errorPolicy?: unknown };
  if (!Array.isArray(body.ids)) throw Errors.badRequest("Value cannot be null.\r\nParameter name: ids", "ArgumentNullException");
  const ids = body.ids.map((id) => parseId(String(id)));
  return readMany(call, ids, { expand: body.$expand, fields: body.fields, asOf: body.asOf, errorPolicy: body.errorPolicy });
}

function readMany(call: ApiCall, ids: number[], options: { expand: unknown; fields: unknown; asOf: unknown; errorPolicy: unknown }) {
  if (ids.length > WORK_ITEM_PAGE_SIZE) throw Errors.workItemPageSizeExceeded(ids.length, WORK_ITEM_PAGE_SIZE);
  const { expand, fields } = readOptions(call, options.expand, options.fields);
  const omitMissing = String(options.errorPolicy ?? "").toLowerCase() === "omit" || options.errorPolicy === 2;
  const asOf = parseAsOf(options.asOf);
  const current = asOf ? undefined : call.ctx.store.workItems.getMany(ids);
  return ids.map((id) => {
    const item = current ? current.get(id) : readItem(call, id, asOf);
    if (!item) {
      if (omitMissing) return null;
      throw Errors.workItemNotFound(id);
    }
    return renderWorkItem(call.ctx, item, { expand, fields });
  });
}

function createWorkItem(call: ApiCall) {
  const { ctx, params, query } = call;
  const project = requireProject(ctx);
  const typeName = params.type ?? "";
  if (!typeName.startsWith("$")) throw Errors.resourceNotFound(`_apis/wit/workItems/${typeName}`);
  const service = new WorkItemService(ctx);
  const save = () => {
    const created = service.create(project, typeName.slice(1), call.body, { bypassRules: isTrue(query.bypassrules) });
    return renderWorkItem(ctx, created, { expand: parseExpand(query.$expand), includeRelations: true });
  };
  return isTrue(query.validateonly) ? ctx.store.dryRun(save) : save();
}

function updateWorkItem(call: ApiCall) {
  const { ctx, params, query } = call;
  if (params.id === undefined) throw Errors.badRequest("A work item id is required to update a work item.");
  const id = parseId(params.id);
  const service = new WorkItemService(ctx);
  const save = () => {
    const updated = service.update(id, call.body, { bypassRules: isTrue(query.bypassrules) });
    return renderWorkItem(ctx, updated, { expand: parseExpand(query.$expand), includeRelations: true });
  };
  return isTrue(query.validateonly) ? ctx.store.dryRun(save) : save();
}

function deleteWorkItem(call: ApiCall) {
  const { ctx, params } = call;
  const id = parseId(params.id ?? "");
  const deleted = new WorkItemService(ctx).delete(id);
  const project = ctx.store.projects.find(deleted.projectId);
  return {
    id,
    code: 200,
    deletedBy: ctx.user.displayName,
    deletedDate: new Date(),
    name: deleted.fields["System.Title"],
    project: project?.name,
    type: deleted.fields["System.WorkItemType"],
    url: `${ctx.urls.api("wit/recyclebin", deleted.projectId)}/${id}`,
  };
}

function getRevisions(call: ApiCall) {
  const { ctx, params, query } = call;
  const id = parseId(params.id ?? "");
  const item = ctx.store.workItems.get(id);
  if (!item) throw Errors.workItemNotFound(id);
  if (params.revisionNumber !== undefined) {
    const rev = parseId(params.revisionNumber);
    const revision = ctx.store.workItems.revision(id, rev);
    if (!revision) throw Errors.workItemRevisionNotFound(id, rev);
    return renderRevision(ctx, item.projectId, revision);
  }
  const skip = Number(query.$skip ?? 0);
  const top = query.$top === undefined ? undefined : Number(query.$top);
  const revisions = ctx.store.workItems.revisions(id).slice(skip, top === undefined ? undefined : skip + top);
  return revisions.map((r) => renderRevision(ctx, item.projectId, r));
}

function getUpdates(call: ApiCall) {
  const { ctx, params } = call;
  const id = parseId(params.id ?? "");
  const item = ctx.store.workItems.get(id);
  if (!item) throw Errors.workItemNotFound(id);
  const revisions = ctx.store.workItems.revisions(id);
  const updates = revisions.map((revision, index) => renderUpdate(ctx, item.projectId, revision, revisions[index - 1]));
  if (params.updateNumber === undefined) return updates;
  const update = updates.find((u) => u.rev === parseId(params.updateNumber!));
  if (!update) throw Errors.workItemRevisionNotFound(id, Number(params.updateNumber));
  return update;
}

function readOptions(call: ApiCall, rawExpand: unknown, rawFields: unknown) {
  const expand = parseExpand(rawExpand);
  const fields = parseFieldList(call.ctx, rawFields);
  if (fields && expand !== "none") throw Errors.conflictingParameters("The expand parameter can not be used with the fields parameter.");
  return { expand, fields };
}

function readItem(call: ApiCall, id: number, asOf: Date | undefined): Pick<WorkItemRecord, "id" | "rev" | "fields" | "projectId"> | undefined {
  const item = call.ctx.store.workItems.get(id);
  if (!item || !asOf) return item;
  const revision = call.ctx.store.workItems.revisionAsOf(id, asOf);
  return revision && { id, rev: revision.rev, fields: revision.fields, projectId: item.projectId };
}

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw Errors.badRequest(`The value '${raw}' is not a valid work item id.`);
  return Number(raw);
}

function parseAsOf(raw: unknown): Date | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const date = new Date(String(raw));
  if (Number.isNaN(date.getTime())) throw Errors.badRequest(`The value '${String(raw)}' is not valid for asOf.`);
  return date;
}
