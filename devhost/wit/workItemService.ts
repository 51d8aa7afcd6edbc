// Creating and updating work items as Azure DevOps does: a JSON Patch document applied to the current
// state, the system fields stamped, the type's rules checked, links stored from both ends. Callers run
// this inside one transaction, so any error leaves the store unchanged.
import type { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { identityValue } from "../store/identities";
import type { Field } from "../store/fields";
import type { WorkItemTypeField, WorkItemTypeState } from "../store/processes";
import type { Project } from "../store/projects";
import type { FieldMap, FieldValue, RelationRecord, WorkItemRecord } from "../store/workItems";
import { coerceFieldValue, comparableText, isEmptyValue } from "./fieldValues";
import { parsePatchDocument, PatchOperation } from "./patch";
import { findField } from "./render";

export interface SaveOptions {
  /** Skip the type's rules (required, allowed values, read-only) as ADO's bypassRules does. */
  bypassRules?: boolean;
}

interface RelationChange {
  add?: { rel: string; targetId?: number; url?: string; attributes: Record<string, unknown> };
  remove?: RelationRecord;
}

interface Draft {
  fields: FieldMap;
  /** Fields the patch document set (or removed). */
  touched: Set<string>;
  relations: RelationRecord[];
  relationChanges: RelationChange[];
}

const WORK_ITEM_URL = /\/_apis\/wit\/workItems\/(\d+)\/?$/i;
/** ADO's "end of time" for the revised date of the latest revision. */
const END_OF_TIME = "9999-01-01T00:00:00.000Z";

export class WorkItemService {
  constructor(private readonly ctx: RequestContext) {}

  create(project: Project, typeName: string, body: unknown, options: SaveOptions = {}): WorkItemRecord {
    const type = this.ctx.store.processes.type(project.processId, typeName);
    if (!type || type.isDisabled) throw Errors.workItemTypeNotFound(project.name, typeName);
    const typeFields = this.ctx.store.processes.typeFields(type);
    const draft: Draft = { fields: {}, touched: new Set(), relations: [], relationChanges: [] };
    this.applyOperations(draft, parsePatchDocument(body), typeFields, undefined);

    for (const f of typeFields) {
      if (f.defaultValue !== undefined && isEmptyValue(draft.fields[f.field])) draft.fields[f.field] = f.defaultValue;
    }
    const id = this.ctx.store.workItems.nextId();
    const now = this.now();
    const states = this.ctx.store.processes.states(type);
    const user = identityValue(this.ctx.user);
    const fields = draft.fields;
    fields["System.Id"] = id;
    fields["System.Rev"] = 1;
    fields["System.WorkItemType"] = type.name;
    fields["System.TeamProject"] = project.name;
    fields["System.AreaPath"] ||= project.name;
    fields["System.IterationPath"] ||= project.name;
    fields["System.State"] ||= states[0]?.name ?? "New";
    fields["System.Reason"] ||= "New";
    fields["System.CreatedBy"] = options.bypassRules && fields["System.CreatedBy"] ? fields["System.CreatedBy"] : user;
    fields["System.CreatedDate"] = options.bypassRules && fields["System.CreatedDate"] ? fields["System.CreatedDate"] : now;
    fields["System.CommentCount"] = 0;
    this.stampRevision(fields, now, user, options);
    this.stampStateChange(fields, undefined, states, typeFields, now, user);
    this.checkClassificationPaths(project, fields);
    if (!options.bypassRules) this.checkRules(typeFields, states, fields, new Set(Object.keys(fields)), undefined);

    const record = this.ctx.store.workItems.insert({ id, projectId: project.id, fields });
    this.applyRelationChanges(record.id, draft.relationChanges, now, user);
    return record;
  }

  update(id: number, body: unknown, options: SaveOptions = {}): WorkItemRecord {
    const current = this.ctx.store.workItems.get(id);
    if (!current) throw Errors.workItemNotFound(id);
    const project = this.ctx.store.projects.find(current.projectId)!;
    const type = this.ctx.store.processes.type(project.processId, String(current.fields["System.WorkItemType"]));
    if (!type) throw Errors.workItemTypeNotFound(project.name, String(current.fields["System.WorkItemType"]));
    const typeFields = this.ctx.store.processes.typeFields(type);
    const draft: Draft = {
      fields: { ...current.fields },
      touched: new Set(),
      relations: this.ctx.store.workItems.relations(id),
      relationChanges: [],
    };
    this.applyOperations(draft, parsePatchDocument(body), typeFields, current);
    if (draft.touched.size === 0 && draft.relationChanges.length === 0) return current;

    const now = this.now(current.fields["System.ChangedDate"]);
    const user = identityValue(this.ctx.user);
    const states = this.ctx.store.processes.states(type);
    const fields = draft.fields;
    fields["System.Rev"] = current.rev + 1;
    this.stampRevision(fields, now, user, options, draft.touched);
    this.stampStateChange(fields, current.fields, states, typeFields, now, user, draft.touched);
    this.checkClassificationPaths(project, fields);
    if (!options.bypassRules) this.checkRules(typeFields, states, fields, draft.touched, current.fields);

    const saved = this.ctx.store.workItems.saveRevision(id, current.rev + 1, fields);
    this.applyRelationChanges(id, draft.relationChanges, now, user);
    return saved;
  }

  delete(id: number): WorkItemRecord {
    const current = this.ctx.store.workItems.get(id);
    if (!current) throw Errors.workItemNotFound(id);
    this.ctx.store.workItems.softDelete(id);
    return current;
  }

  // --- patch operations ---

  private applyOperations(draft: Draft, operations: PatchOperation[], typeFields: WorkItemTypeField[], current: WorkItemRecord | undefined): void {
    for (const operation of operations) {
      const target = operation.target;
      if (target.kind === "rev") {
        if (current?.rev !== Number(operation.value)) throw Errors.testOperationFailed(operation.path, current?.rev, operation.value);
      } else if (target.kind === "id") {
        if (current?.id !== Number(operation.value)) throw Errors.testOperationFailed(operation.path, current?.id, operation.value);
      } else if (target.kind === "field") {
        this.applyFieldOperation(draft, operation, target.field, typeFields);
      } else {
        this.applyRelationOperation(draft, operation, target.index, current?.id);
      }
    }
  }

  private applyFieldOperation(draft: Draft, operation: PatchOperation, name: string, typeFields: WorkItemTypeField[]): void {
    const field = findField(this.ctx, name);
    if (!field || !typeFields.some((f) => f.field.toLowerCase() === field.referenceName.toLowerCase())) throw Errors.fieldNotFound(name);
    const ref = field.referenceName;
    if (operation.op === "test") {
      if (comparableText(draft.fields[ref]) !== comparableText(coerceFieldValue(field, operation.value, this.ctx.store.identities))) {
        throw Errors.testOperationFailed(operation.path, draft.fields[ref], operation.value);
      }
      return;
    }
    draft.touched.add(ref);
    if (operation.op === "remove") {
      delete draft.fields[ref];
      return;
    }
    const value = coerceFieldValue(field, operation.value, this.ctx.store.identities);
    if (value === null) {
      delete draft.fields[ref];
    } else if (operation.op === "add" && ref === "System.Tags" && draft.fields[ref]) {
      draft.fields[ref] = `${draft.fields[ref]}; ${value}`;
    } else {
      draft.fields[ref] = value;
    }
  }

  private applyRelationOperation(draft: Draft, operation: PatchOperation, index: number | "end", sourceId: number | undefined): void {
    if (typeof index === "number") {
      const existing = draft.relations[index];
      if (!existing) throw Errors.patchOperationFailed(`VS403354: Index out of range for path ${operation.path}`);
      if (operation.op === "remove" || operation.op === "replace") {
        draft.relations.splice(index, 1);
        draft.relationChanges.push({ remove: existing });
      }
      if (operation.op === "remove") return;
    }
    const value = operation.value as { rel?: unknown; url?: unknown; attributes?: unknown } | undefined;
    if (!value || typeof value.rel !== "string" || typeof value.url !== "string") {
      throw Errors.patchOperationFailed("A relation must have a rel and a url.");
    }
    const linkType = this.ctx.store.fields.linkType(value.rel);
    if (!linkType) throw Errors.patchOperationFailed(`Unknown relation type ${value.rel}.`);
    const attributes = value.attributes && typeof value.attributes === "object" ? { ...(value.attributes as Record<string, unknown>) } : {};
    delete attributes.name;
    if (linkType.usage === "resourceLink") {
      draft.relationChanges.push({ add: { rel: linkType.referenceName, url: value.url, attributes } });
      return;
    }
    const match = WORK_ITEM_URL.exec(value.url);
    if (!match) throw Errors.patchOperationFailed(`The url ${value.url} of a ${linkType.referenceName} relation must be a work item url.`);
    const targetId = Number(match[1]);
    if (targetId === sourceId) throw Errors.badRequest(`TF201035: A work item cannot be linked to itself (work item ${targetId}).`, "WorkItemLinkInvalidException", "Microsoft.TeamFoundation.WorkItemTracking.Server");
    if (!this.ctx.store.workItems.get(targetId)) throw Errors.linkTargetNotFound(targetId);
    const duplicate =
      draft.relations.some((r) => r.rel.toLowerCase() === linkType.referenceName.toLowerCase() && r.targetId === targetId) ||
      draft.relationChanges.some((c) => c.add?.rel === linkType.referenceName && c.add.targetId === targetId);
    if (duplicate) throw Errors.relationExists();
    draft.relationChanges.push({ add: { rel: linkType.referenceName, targetId, attributes } });
  }

  private applyRelationChanges(sourceId: number, changes: RelationChange[], now: string, user: string): void {
    const touchedEnds = new Set<number>();
    for (const change of changes) {
      if (change.remove) {
        const removed = change.remove;
        this.ctx.store.workItems.removeRelation(removed.id);
        if (removed.targetId !== undefined) {
          const opposite = this.oppositeEnd(removed.rel);
          const back = this.ctx.store.workItems.findLink(removed.targetId, opposite, sourceId);
          if (back) this.ctx.store.workItems.removeRelation(back.id);
          touchedEnds.add(removed.targetId);
        }
      }
      if (change.add) {
        const { rel, targetId, url, attributes } = change.add;
        if (targetId === undefined) {
          this.ctx.store.workItems.addRelation({ workItemId: sourceId, rel, url, attributes });
          continue;
        }
        const opposite = this.oppositeEnd(rel);
        this.checkSingleTarget(sourceId, rel, targetId);
        this.checkSingleTarget(targetId, opposite, sourceId);
        this.ctx.store.workItems.addRelation({ workItemId: sourceId, rel, targetId, attributes: { isLocked: false, ...attributes } });
        this.ctx.store.workItems.addRelation({ workItemId: targetId, rel: opposite, targetId: sourceId, attributes: { isLocked: false, ...attributes } });
        touchedEnds.add(targetId);
      }
    }
    // A link change is a change of the other work item too: it gets a revision of its own.
    for (const otherId of touchedEnds) {
      const other = this.ctx.store.workItems.get(otherId);
      if (!other) continue;
      const fields = { ...other.fields, "System.Rev": other.rev + 1 };
      this.stampRevision(fields, this.now(other.fields["System.ChangedDate"], now), user, {});
      this.ctx.store.workItems.saveRevision(otherId, other.rev + 1, fields);
    }
  }

  private oppositeEnd(rel: string): string {
    return this.ctx.store.fields.linkType(rel)?.oppositeReferenceName ?? rel;
  }

  /** A work item may have only one Parent (the single-target end of a tree link type). */
  private checkSingleTarget(workItemId: number, rel: string, otherId: number): void {
    const end = this.ctx.store.fields.linkType(rel);
    if (end?.isSingleTarget && this.ctx.store.workItems.countLinks(workItemId, rel) > 0) throw Errors.extraParent(otherId, workItemId);
  }

  // --- system fields and rules ---

  private stampRevision(fields: FieldMap, now: string, user: string, options: SaveOptions, touched?: Set<string>): void {
    const keepClientValue = (name: string) => options.bypassRules && touched?.has(name) && fields[name];
    fields["System.ChangedDate"] = keepClientValue("System.ChangedDate") ? fields["System.ChangedDate"] : now;
    fields["System.ChangedBy"] = keepClientValue("System.ChangedBy") ? fields["System.ChangedBy"] : user;
    fields["System.AuthorizedAs"] = user;
    fields["System.AuthorizedDate"] = fields["System.ChangedDate"];
    fields["System.RevisedDate"] = END_OF_TIME;
    fields["System.Watermark"] = Number(fields["System.Watermark"] ?? 0) + 1;
    const areaPath = String(fields["System.AreaPath"] ?? "");
    if (areaPath) fields["System.NodeName"] = areaPath.split("\\").pop()!;
  }

  /** Reason, state change date and the activated/resolved/closed dates follow the state's category. */
  private stampStateChange(
    fields: FieldMap,
    previous: FieldMap | undefined,
    states: WorkItemTypeState[],
    typeFields: WorkItemTypeField[],
    now: string,
    user: string,
    touched?: Set<string>,
  ): void {
    const state = String(fields["System.State"] ?? "");
    if (previous && previous["System.State"] === state) return;
    const has = (ref: string) => typeFields.some((f) => f.field === ref);
    if (previous && !touched?.has("System.Reason")) fields["System.Reason"] = `Moved to state ${state}`;
    if (has("Microsoft.VSTS.Common.StateChangeDate")) fields["Microsoft.VSTS.Common.StateChangeDate"] = now;
    const category = states.find((s) => s.name.toLowerCase() === state.toLowerCase())?.category;
    const stamp = (date: string, by: string, on: boolean) => {
      if (!has(date)) return;
      if (on) {
        fields[date] = now;
        fields[by] = user;
      } else {
        delete fields[date];
        delete fields[by];
      }
    };
    const reached = (categories: string[]) => category !== undefined && categories.includes(category);
    stamp("Microsoft.VSTS.Common.ActivatedDate", "Microsoft.VSTS.Common.ActivatedBy", reached(["InProgress", "Resolved", "Completed"]));
    stamp("Microsoft.VSTS.Common.ResolvedDate", "Microsoft.VSTS.Common.ResolvedBy", reached(["Resolved", "Completed"]));
    stamp("Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy", reached(["Completed"]));
    if (category === "InProgress" && previous?.["Microsoft.VSTS.Common.ActivatedDate"]) {
      fields["Microsoft.VSTS.Common.ActivatedDate"] = previous["Microsoft.VSTS.Common.ActivatedDate"];
      fields["Microsoft.VSTS.Common.ActivatedBy"] = previous["Microsoft.VSTS.Common.ActivatedBy"]!;
    }
  }

  private checkClassificationPaths(project: Project, fields: FieldMap): void {
    for (const ref of ["System.AreaPath", "System.IterationPath"]) {
      const path = String(fields[ref] ?? "");
      if (path.toLowerCase() !== project.name.toLowerCase() && !path.toLowerCase().startsWith(`${project.name.toLowerCase()}\\`)) {
        throw Errors.badRequest(`TF401347: Invalid tree name given for work item ${fields["System.Id"]}, field '${ref}'.`, "WorkItemFieldInvalidTreeNameException", "Microsoft.TeamFoundation.WorkItemTracking.Server");
      }
    }
  }

  private checkRules(
    typeFields: WorkItemTypeField[],
    states: WorkItemTypeState[],
    fields: FieldMap,
    touched: Set<string>,
    previous: FieldMap | undefined,
  ): void {
    const state = String(fields["System.State"]);
    if (touched.has("System.State") && !states.some((s) => s.name.toLowerCase() === state.toLowerCase())) {
      throw Errors.ruleValidation("System.State", "State", ["HasValues", "LimitedToValues", "InvalidListValue"], state);
    }
    const stateName = states.find((s) => s.name.toLowerCase() === state.toLowerCase())?.name;
    if (stateName) fields["System.State"] = stateName;
    for (const typeField of typeFields) {
      const field = findField(this.ctx, typeField.field);
      if (!field) continue;
      const value = fields[field.referenceName];
      const wasSetByClient = touched.has(field.referenceName) && (previous === undefined || previous[field.referenceName] !== value);
      if ((field.readOnly || typeField.readOnly) && wasSetByClient && previous !== undefined) {
        throw Errors.ruleValidation(field.referenceName, field.name, ["ReadOnly", "InvalidNotOldValue"]);
      }
      if (typeField.required && isEmptyValue(value)) {
        throw Errors.ruleValidation(field.referenceName, field.name, ["Required", "InvalidEmpty"]);
      }
      if (wasSetByClient && !isEmptyValue(value)) this.checkAllowedValue(field, typeField, value as FieldValue, fields);
    }
  }

  private checkAllowedValue(field: Field, typeField: WorkItemTypeField, value: FieldValue, fields: FieldMap): void {
    const allowed = typeField.allowedValues ?? this.strictPicklistItems(field);
    if (!allowed) return;
    const match = allowed.find((a) => String(a).toLowerCase() === String(value).toLowerCase());
    if (match === undefined) throw Errors.ruleValidation(field.referenceName, field.name, ["HasValues", "LimitedToValues", "InvalidListValue"], value);
    fields[field.referenceName] = typeof value === "string" ? String(match) : value;
  }

  private strictPicklistItems(field: Field): (string | number)[] | undefined {
    if (!field.picklistId) return undefined;
    const picklist = this.ctx.store.fields.picklist(field.picklistId);
    return picklist && !picklist.isSuggested ? picklist.items : undefined;
  }

  /** Now, but always later than the previous change (ADO requires changed dates to increase). */
  private now(...previous: (FieldValue | undefined)[]): string {
    let now = Date.now();
    for (const p of previous) {
      const before = typeof p === "string" ? Date.parse(p) : NaN;
      if (!Number.isNaN(before) && before >= now) now = before + 1;
    }
    return new Date(now).toISOString();
  }
}
