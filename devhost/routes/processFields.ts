// Organization-level field creation (POST _apis/wit/fields) and picklists (_apis/work/processes/lists).
import crypto from "node:crypto";
import { ApiCall, ApiRouter } from "../http/api";
import { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { Locations } from "../http/locations";
import { FieldKind } from "../catalogue/systemFields";
import type { Field, Picklist, PicklistType } from "../store/fields";
import { referenceNameFragment } from "../store/processes";
import { requireProcessEditor } from "./permissions";

const WIT_FIELD_TYPES = ["string", "integer", "dateTime", "plainText", "html", "treePath", "history", "double", "guid", "boolean", "identity", "picklistString", "picklistInteger", "picklistDouble"];

export function registerPicklistRoutes(api: ApiRouter): void {
  api.resource(Locations.processes.lists, { GET: getLists, POST: postList, PUT: putList });
}

interface CreateFieldRequest {
  name?: unknown;
  referenceName?: unknown;
  description?: unknown;
  type?: unknown;
  readOnly?: unknown;
  canSortBy?: unknown;
  isQueryable?: unknown;
  isIdentity?: unknown;
  isPicklist?: unknown;
  picklistId?: unknown;
}

/** Creates an organization field; custom fields are named Custom.* as in the inherited process model. */
export function createField(ctx: RequestContext, body: unknown): Field {
  const request = (body ?? {}) as CreateFieldRequest;
  if (typeof request.name !== "string" || request.name.trim() === "") throw Errors.badRequest("The field name is required.", "ArgumentNullException");
  const name = request.name.trim();
  const referenceName = typeof request.referenceName === "string" && request.referenceName !== "" ? request.referenceName : `Custom.${referenceNameFragment(name)}`;
  if (!/^Custom\.[A-Za-z0-9_.]+$/.test(referenceName)) {
    throw Errors.badRequest(`The reference name ${referenceName} is not valid: custom fields are named Custom.<Name>.`);
  }
  if (ctx.store.fields.exists(referenceName, name)) throw Errors.fieldAlreadyExists();
  const requestedType = typeof request.type === "number" ? WIT_FIELD_TYPES[request.type] : String(request.type ?? "string");
  const typeName = WIT_FIELD_TYPES.find((t) => t.toLowerCase() === requestedType?.toLowerCase());
  if (!typeName) throw Errors.badRequest(`The field type '${String(request.type)}' is not supported.`);
  const isPicklist = request.isPicklist === true || typeName.startsWith("picklist");
  let picklistId: string | undefined;
  if (isPicklist) {
    if (typeof request.picklistId !== "string") throw Errors.badRequest("A picklist field needs the picklistId of an existing list.", "ArgumentNullException");
    const picklist = ctx.store.fields.picklist(request.picklistId);
    if (!picklist) throw Errors.picklistNotFound(request.picklistId);
    picklistId = picklist.id;
  }
  const kind: FieldKind = typeName === "picklistInteger" ? "integer" : typeName === "picklistDouble" ? "double" : typeName === "picklistString" || typeName === "identity" ? "string" : (typeName as FieldKind);
  return ctx.store.fields.create({
    referenceName,
    name,
    type: kind,
    description: typeof request.description === "string" ? request.description : "",
    readOnly: request.readOnly === true,
    canSortBy: request.canSortBy !== false && !["html", "history", "plainText"].includes(kind),
    isQueryable: request.isQueryable !== false,
    isIdentity: request.isIdentity === true || typeName === "identity",
    picklistId,
  });
}

export function renderPicklist(ctx: RequestContext, list: Picklist, withItems: boolean) {
  const rendered: Record<string, unknown> = {
    id: list.id,
    name: list.name,
    type: list.type,
    isSuggested: list.isSuggested,
    url: ctx.urls.api(`work/processes/lists/${list.id}`),
  };
  if (withItems) rendered.items = list.items;
  return rendered;
}

function getLists(call: ApiCall) {
  const { ctx, params } = call;
  if (params.listId === undefined) return ctx.store.fields.picklists().map((l) => renderPicklist(ctx, l, false));
  const list = ctx.store.fields.picklist(params.listId);
  if (!list) throw Errors.picklistNotFound(params.listId);
  return renderPicklist(ctx, list, true);
}

interface PicklistRequest {
  name?: unknown;
  type?: unknown;
  items?: unknown;
  isSuggested?: unknown;
}

function postList(call: ApiCall) {
  const { ctx } = call;
  requireProcessEditor(ctx);
  const request = (call.body ?? {}) as PicklistRequest;
  const type = picklistType(request.type);
  const created = ctx.store.fields.createPicklist({
    name: typeof request.name === "string" && request.name !== "" ? request.name : `picklist_${crypto.randomUUID()}`,
    type,
    isSuggested: request.isSuggested === true,
    items: picklistItems(request.items, type),
  });
  return renderPicklist(ctx, created, true);
}

function putList(call: ApiCall) {
  const { ctx, params } = call;
  requireProcessEditor(ctx);
  const existing = params.listId === undefined ? undefined : ctx.store.fields.picklist(params.listId);
  if (!existing) throw Errors.picklistNotFound(params.listId ?? "");
  const request = (call.body ?? {}) as PicklistRequest;
  const updated = ctx.store.fields.updatePicklist({
    ...existing,
    name: typeof request.name === "string" && request.name !== "" ? request.name : existing.name,
    isSuggested: typeof request.isSuggested === "boolean" ? request.isSuggested : existing.isSuggested,
    items: request.items === undefined ? existing.items : picklistItems(request.items, existing.type),
  });
  return renderPicklist(ctx, updated, true);
}

function picklistType(raw: unknown): PicklistType {
  const text = String(raw ?? "String").toLowerCase();
  if (text === "string") return "String";
  if (text === "integer") return "Integer";
  if (text === "double") return "Double";
  throw Errors.badRequest(`The picklist type '${String(raw)}' is not supported: use String, Integer or Double.`);
}

function picklistItems(raw: unknown, type: PicklistType): (string | number)[] {
  if (!Array.isArray(raw) || raw.length === 0) throw Errors.badRequest("A picklist needs at least one item.", "ArgumentNullException");
  const items = raw.map((item) => {
    if (type === "String") return String(item);
    const n = Number(item);
    if (!Number.isFinite(n) || (type === "Integer" && !Number.isInteger(n))) throw Errors.badRequest(`The item '${String(item)}' is not a valid ${type} value.`);
    return n;
  });
  const seen = new Set<string>();
  for (const item of items) {
    const key = String(item).toLowerCase();
    if (seen.has(key)) throw Errors.badRequest(`The item '${item}' appears more than once in the list.`, "WorkItemPickListItemNameAlreadyInUseException");
    seen.add(key);
  }
  return items;
}
