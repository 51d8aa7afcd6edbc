// Work items, revisions, updates and relations in the shapes the REST API returns.
import type { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { withDataUrl } from "../http/format";
import type { Field } from "../store/fields";
import type { FieldMap, FieldValue, RelationRecord, RevisionRecord, WorkItemRecord } from "../store/workItems";

export type Expand = "none" | "relations" | "fields" | "links" | "all";
const EXPANDS: readonly Expand[] = ["none", "relations", "fields", "links", "all"];

/** $expand as a name (any case) or as the WorkItemExpand number. */
export function parseExpand(raw: unknown): Expand {
  if (raw === undefined || raw === null || raw === "") return "none";
  const byNumber = typeof raw === "number" || /^\d+$/.test(String(raw)) ? EXPANDS[Number(raw)] : undefined;
  const expand = byNumber ?? (String(raw).toLowerCase() as Expand);
  if (!EXPANDS.includes(expand)) throw Errors.badRequest(`The value '${String(raw)}' is not valid for $expand.`);
  return expand;
}

/** The fields catalogue, read once per request. */
const catalogues = new WeakMap<RequestContext, Map<string, Field>>();
export function fieldCatalogue(ctx: RequestContext): Map<string, Field> {
  let catalogue = catalogues.get(ctx);
  if (!catalogue) {
    catalogue = new Map();
    for (const field of ctx.store.fields.list()) {
      catalogue.set(field.referenceName.toLowerCase(), field);
      catalogue.set(field.name.toLowerCase(), field);
    }
    catalogues.set(ctx, catalogue);
  }
  return catalogue;
}

export function findField(ctx: RequestContext, referenceOrName: string): Field | undefined {
  return fieldCatalogue(ctx).get(referenceOrName.toLowerCase());
}

/** The fields= parameter: reference names (or names), each of which must exist. */
export function parseFieldList(ctx: RequestContext, raw: unknown): string[] | undefined {
  const names = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" && raw.trim() !== "" ? raw.split(",") : undefined;
  if (!names) return undefined;
  return names.map((name) => {
    const field = findField(ctx, name.trim());
    if (!field) throw Errors.fieldNotFound(name.trim());
    return field.referenceName;
  });
}

export function identityRef(ctx: RequestContext, value: string) {
  const user = ctx.store.identities.find(value);
  if (!user) return { displayName: value.replace(/\s*<[^>]*>\s*$/, "") };
  const descriptor = `devhost.${Buffer.from(user.id).toString("base64url")}`;
  return {
    displayName: user.displayName,
    url: ctx.urls.identity(user.id),
    _links: { avatar: { href: ctx.urls.avatar(descriptor) } },
    id: user.id,
    uniqueName: user.uniqueName,
    imageUrl: ctx.urls.avatar(descriptor),
    descriptor,
  };
}

export function renderFieldValue(ctx: RequestContext, field: Field | undefined, value: FieldValue): unknown {
  if (field?.isIdentity && typeof value === "string") return identityRef(ctx, value);
  if (field?.type === "dateTime" && typeof value === "string") return new Date(value);
  return value;
}

export function renderFields(ctx: RequestContext, fields: FieldMap, only?: readonly string[]): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  const names = only ?? Object.keys(fields);
  for (const name of names) {
    const value = fields[name];
    if (value === undefined || value === "") continue;
    rendered[name] = renderFieldValue(ctx, findField(ctx, name), value);
  }
  return rendered;
}

export function renderRelation(ctx: RequestContext, relation: RelationRecord) {
  const attributes: Record<string, unknown> = { ...relation.attributes };
  if (relation.targetId !== undefined) {
    attributes.isLocked = attributes.isLocked ?? false;
    attributes.name = ctx.store.fields.linkType(relation.rel)?.name ?? relation.rel;
  } else {
    attributes.name = attributes.name ?? ctx.store.fields.linkType(relation.rel)?.name;
  }
  const url = relation.targetId !== undefined ? ctx.urls.workItem(relation.targetId) : relation.url;
  return withDataUrl({ rel: relation.rel, url, attributes });
}

export interface RenderOptions {
  expand?: Expand;
  fields?: readonly string[];
  /** Relations to show; read from the store when expand asks for them and none are given. */
  relations?: readonly RelationRecord[];
  /** Always include relations when the item has any (create and update responses do). */
  includeRelations?: boolean;
}

export function renderWorkItem(ctx: RequestContext, item: Pick<WorkItemRecord, "id" | "rev" | "fields" | "projectId">, options: RenderOptions = {}) {
  const expand = options.expand ?? "none";
  const body: Record<string, unknown> = { id: item.id, rev: item.rev, fields: renderFields(ctx, item.fields, options.fields) };
  if (expand === "relations" || expand === "all" || options.includeRelations) {
    const relations = options.relations ?? ctx.store.workItems.relations(item.id);
    if (relations.length > 0 || !options.includeRelations) body.relations = relations.map((r) => renderRelation(ctx, r));
  }
  const self = ctx.urls.workItem(item.id, item.projectId);
  if (expand === "links" || expand === "all") {
    body._links = {
      self: { href: self },
      workItemUpdates: { href: `${self}/updates` },
      workItemRevisions: { href: `${self}/revisions` },
      workItemComments: { href: `${self}/comments` },
      html: { href: `${ctx.urls.collection()}/${item.projectId}/_workitems/edit/${item.id}` },
      workItemType: { href: ctx.urls.workItemType(item.projectId, String(item.fields["System.WorkItemType"] ?? "")) },
      fields: { href: ctx.urls.api("wit/fields", item.projectId) },
    };
  }
  body.url = self;
  return body;
}

export function renderRevision(ctx: RequestContext, projectId: string, revision: RevisionRecord) {
  return { id: revision.workItemId, rev: revision.rev, fields: renderFields(ctx, revision.fields), url: `${ctx.urls.workItem(revision.workItemId, projectId)}/revisions/${revision.rev}` };
}

/** A work item update: what changed from the previous revision. */
export function renderUpdate(ctx: RequestContext, projectId: string, revision: RevisionRecord, previous: RevisionRecord | undefined) {
  const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
  const names = new Set([...Object.keys(revision.fields), ...Object.keys(previous?.fields ?? {})]);
  for (const name of names) {
    const before = previous?.fields[name];
    const after = revision.fields[name];
    if (before === after) continue;
    const field = findField(ctx, name);
    const change: { oldValue?: unknown; newValue?: unknown } = {};
    if (before !== undefined) change.oldValue = renderFieldValue(ctx, field, before);
    if (after !== undefined) change.newValue = renderFieldValue(ctx, field, after);
    changes[name] = change;
  }
  const changedBy = revision.fields["System.ChangedBy"];
  return {
    id: revision.rev,
    workItemId: revision.workItemId,
    rev: revision.rev,
    revisedBy: typeof changedBy === "string" ? identityRef(ctx, changedBy) : undefined,
    revisedDate: new Date(String(revision.fields["System.ChangedDate"])),
    fields: changes,
    url: `${ctx.urls.workItem(revision.workItemId, projectId)}/updates/${revision.rev}`,
  };
}
