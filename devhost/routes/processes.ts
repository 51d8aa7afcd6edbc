// Process customisation (_apis/work/processes/...): processes, their work item types, fields on types
// and the form layout. System processes are read-only; changes need "Edit process" (./permissions).
import { ApiCall, ApiRouter } from "../http/api";
import { RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { AdoEnum } from "../http/format";
import { Locations } from "../http/locations";
import { controlTypeFor, HEADER_FIELDS, SECTION_IDS } from "../catalogue/layouts";
import { customTypeDefinition } from "../catalogue/systemProcesses";
import { systemFieldMap } from "../store/bootstrap";
import type { Contribution, Customization, FormControl, FormGroup, FormPage, Process, WorkItemType, WorkItemTypeField } from "../store/processes";
import { referenceNameFragment } from "../store/processes";
import { requireProcessEditor } from "./permissions";
import { registerPicklistRoutes } from "./processFields";

const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
const CUSTOMIZATION = { system: 1, inherited: 2, custom: 3 } as const;
const PAGE_TYPES = { custom: 1, history: 2, links: 3, attachments: 4 } as const;
/** The process API's own FieldType numbering (not the one of /_apis/wit/fields). */
const PROCESS_FIELD_TYPES: Record<string, number> = {
  string: 1,
  integer: 2,
  dateTime: 3,
  plainText: 5,
  html: 7,
  treePath: 8,
  history: 9,
  double: 10,
  guid: 11,
  boolean: 12,
  identity: 13,
  picklistInteger: 14,
  picklistString: 15,
  picklistDouble: 16,
};

const customizationEnum = (c: Customization) => new AdoEnum(c, CUSTOMIZATION[c]);

export function registerProcessRoutes(api: ApiRouter): void {
  registerPicklistRoutes(api);
  api.resource(Locations.processes.processes, { GET: getProcesses, POST: postProcess });
  api.resource(Locations.processes.workItemTypes, { GET: getWorkItemTypes, POST: postWorkItemType });
  api.resource(Locations.processes.workItemTypeFields, { GET: getTypeFields, POST: postTypeField });
  api.resource(Locations.processes.layout, { GET: getLayout });
  api.resource(Locations.processes.groups, { POST: postGroup, PATCH: patchGroup });
  api.resource(Locations.processes.controls, { POST: postControl });
}

function requireProcess(ctx: RequestContext, id: string | undefined): Process {
  const process = id ? ctx.store.processes.get(id) : undefined;
  if (!process) throw Errors.processNotFound(id ?? "");
  return process;
}

function requireEditableProcess(ctx: RequestContext, id: string | undefined): Process {
  requireProcessEditor(ctx);
  const process = requireProcess(ctx, id);
  if (process.isSystem) throw Errors.systemProcessReadOnly();
  return process;
}

function requireType(ctx: RequestContext, process: Process, witRefName: string | undefined): WorkItemType {
  const type = witRefName ? ctx.store.processes.type(process.id, witRefName) : undefined;
  if (!type) throw Errors.processWorkItemTypeNotFound(witRefName ?? "", process.name);
  return type;
}

/**
 * The type to change: a system type of an inherited process is first derived (as ADO does when a
 * field is added to it), so the change lands on the process's own version of the type.
 */
function requireCustomisableType(ctx: RequestContext, process: Process, witRefName: string | undefined): WorkItemType {
  const type = requireType(ctx, process, witRefName);
  return type.customization === "system" ? ctx.store.processes.createDerivedType(process.id, type) : type;
}

// --- processes ---

function renderProcess(ctx: RequestContext, process: Process, withProjects: boolean) {
  const rendered: Record<string, unknown> = {
    typeId: process.id,
    name: process.name,
    referenceName: process.referenceName,
    description: process.description,
    parentProcessTypeId: process.parentId ?? EMPTY_GUID,
    isEnabled: process.isEnabled,
    isDefault: process.isDefault,
    customizationType: customizationEnum(process.isSystem ? "system" : "inherited"),
  };
  if (withProjects) {
    rendered.projects = ctx.store.processes.projectIds(process.id).map((p) => ({ id: p.id, name: p.name, description: "", url: ctx.urls.project(p.id) }));
  }
  return rendered;
}

function getProcesses(call: ApiCall) {
  const { ctx, params, query } = call;
  const withProjects = ["projects", "1"].includes(String(query.$expand ?? "").toLowerCase());
  if (params.processTypeId === undefined) return ctx.store.processes.list().map((p) => renderProcess(ctx, p, withProjects));
  return renderProcess(ctx, requireProcess(ctx, params.processTypeId), withProjects);
}

function postProcess(call: ApiCall) {
  const { ctx } = call;
  requireProcessEditor(ctx);
  const request = (call.body ?? {}) as { name?: unknown; parentProcessTypeId?: unknown; referenceName?: unknown; description?: unknown };
  if (typeof request.name !== "string" || request.name.trim() === "") throw Errors.badRequest("The process name is required.", "ArgumentNullException");
  const parent = typeof request.parentProcessTypeId === "string" ? ctx.store.processes.get(request.parentProcessTypeId) : undefined;
  if (!parent || !parent.isSystem) throw Errors.processMustInheritFromSystem();
  if (ctx.store.processes.findByName(request.name.trim())) throw Errors.processNameExists(request.name.trim());
  const created = ctx.store.processes.create({
    name: request.name.trim(),
    referenceName: typeof request.referenceName === "string" ? request.referenceName : null,
    description: typeof request.description === "string" ? request.description : "",
    parentId: parent.id,
  });
  return renderProcess(ctx, created, false);
}

// --- work item types ---

function renderWorkItemType(ctx: RequestContext, process: Process, type: WorkItemType, expand: string) {
  const rendered: Record<string, unknown> = {
    referenceName: type.referenceName,
    name: type.name,
    description: type.description,
    url: ctx.urls.api(`work/processes/${process.id}/workItemTypes/${type.referenceName}`),
    customization: customizationEnum(type.customization),
    color: type.color,
    icon: type.icon,
    isDisabled: type.isDisabled,
    inherits: type.inherits ?? null,
  };
  if (expand === "states" || expand === "1") {
    rendered.states = ctx.store.processes.states(type).map((s) => ({
      id: `${type.referenceName}.${referenceNameFragment(s.name)}`,
      name: s.name,
      color: s.color,
      stateCategory: s.category,
      order: s.order,
      hidden: false,
      customizationType: customizationEnum("system"),
      url: `${rendered.url}/states`,
    }));
  }
  if (expand === "layout" || expand === "4") rendered.layout = renderLayout(ctx, type);
  if (expand === "behaviors" || expand === "2") rendered.behaviors = [];
  return rendered;
}

function getWorkItemTypes(call: ApiCall) {
  const { ctx, params, query } = call;
  const process = requireProcess(ctx, params.processId);
  const expand = String(query.$expand ?? "").toLowerCase();
  if (params.witRefName !== undefined) return renderWorkItemType(ctx, process, requireType(ctx, process, params.witRefName), expand);
  return ctx.store.processes.types(process.id).map((t) => renderWorkItemType(ctx, process, t, expand));
}

function postWorkItemType(call: ApiCall) {
  const { ctx, params } = call;
  const process = requireEditableProcess(ctx, params.processId);
  const request = (call.body ?? {}) as { name?: unknown; inheritsFrom?: unknown; color?: unknown; icon?: unknown; description?: unknown; isDisabled?: unknown };
  const changes = {
    color: typeof request.color === "string" ? request.color : undefined,
    icon: typeof request.icon === "string" ? request.icon : undefined,
    description: typeof request.description === "string" ? request.description : undefined,
    isDisabled: request.isDisabled === true,
  };
  if (typeof request.inheritsFrom === "string" && request.inheritsFrom !== "") {
    const parentType = ctx.store.processes.type(process.id, request.inheritsFrom);
    if (!parentType) throw Errors.processWorkItemTypeNotFound(request.inheritsFrom, process.name);
    if (parentType.customization !== "system") throw Errors.workItemTypeNameExists();
    return renderWorkItemType(ctx, process, ctx.store.processes.createDerivedType(process.id, parentType, changes), "");
  }
  if (typeof request.name !== "string" || request.name.trim() === "") throw Errors.badRequest("A work item type needs a name or inheritsFrom.", "ArgumentNullException");
  const name = request.name.trim();
  if (ctx.store.processes.type(process.id, name)) throw Errors.workItemTypeNameExists();
  const definition = customTypeDefinition(`${referenceNameFragment(process.name)}.${referenceNameFragment(name)}`, name, changes.description ?? "", changes.color ?? "009CCC", changes.icon ?? "icon_clipboard");
  const created = ctx.store.processes.createCustomType(process.id, definition, systemFieldMap());
  return renderWorkItemType(ctx, process, created, "");
}

// --- fields on types ---

function renderTypeField(ctx: RequestContext, process: Process, type: WorkItemType, typeField: WorkItemTypeField, withAllowedValues: boolean) {
  const field = ctx.store.fields.get(typeField.field);
  const picklist = field?.picklistId ? ctx.store.fields.picklist(field.picklistId) : undefined;
  const typeName = field?.isIdentity ? "identity" : picklist ? `picklist${picklist.type}` : (field?.type ?? "string");
  const customization: Customization = typeField.inherited || type.customization === "system" ? "system" : type.customization === "custom" ? "custom" : "inherited";
  const rendered: Record<string, unknown> = {
    referenceName: field?.referenceName ?? typeField.field,
    name: field?.name ?? typeField.field,
    type: new AdoEnum(typeName, PROCESS_FIELD_TYPES[typeName] ?? 1),
    description: field?.description ?? "",
    required: typeField.required,
    readOnly: typeField.readOnly || (field?.readOnly ?? false),
    defaultValue: typeField.defaultValue ?? null,
    allowGroups: typeField.allowGroups,
    isLocked: field?.isLocked ?? false,
    customization: customizationEnum(customization),
    url: ctx.urls.api(`work/processes/${process.id}/workItemTypes/${type.referenceName}/fields/${field?.referenceName ?? typeField.field}`),
  };
  if (withAllowedValues) rendered.allowedValues = typeField.allowedValues ?? picklist?.items ?? [];
  return rendered;
}

function getTypeFields(call: ApiCall) {
  const { ctx, params, query } = call;
  const process = requireProcess(ctx, params.processId);
  const type = requireType(ctx, process, params.witRefName);
  const withAllowedValues = ["allowedvalues", "all", "1", "2"].includes(String(query.$expand ?? "").toLowerCase());
  const fields = ctx.store.processes.typeFields(type);
  if (params.fieldRefName === undefined) return fields.map((f) => renderTypeField(ctx, process, type, f, withAllowedValues));
  const field = fields.find((f) => f.field.toLowerCase() === params.fieldRefName!.toLowerCase());
  if (!field) throw Errors.processWorkItemTypeFieldNotFound(params.fieldRefName, type.referenceName);
  return renderTypeField(ctx, process, type, field, withAllowedValues);
}

function postTypeField(call: ApiCall) {
  const { ctx, params } = call;
  const process = requireEditableProcess(ctx, params.processId);
  const request = (call.body ?? {}) as { referenceName?: unknown; required?: unknown; readOnly?: unknown; defaultValue?: unknown; allowGroups?: unknown; allowedValues?: unknown };
  const field = typeof request.referenceName === "string" ? ctx.store.fields.get(request.referenceName) : undefined;
  if (!field) throw Errors.fieldNotFound(String(request.referenceName ?? ""));
  const type = requireCustomisableType(ctx, process, params.witRefName);
  ctx.store.processes.putTypeField(process.id, type.referenceName, {
    field: field.referenceName,
    required: request.required === true,
    readOnly: request.readOnly === true,
    defaultValue: isScalar(request.defaultValue) ? request.defaultValue : undefined,
    allowedValues: Array.isArray(request.allowedValues) && request.allowedValues.length > 0 ? request.allowedValues.map((v) => (typeof v === "number" ? v : String(v))) : undefined,
    allowGroups: request.allowGroups === true,
  });
  return renderTypeField(ctx, process, type, ctx.store.processes.typeField(type, field.referenceName)!, Array.isArray(request.allowedValues));
}

// --- layout ---

function renderContribution(contribution: Contribution | null) {
  return contribution ? { contributionId: contribution.contributionId, height: contribution.height, inputs: contribution.inputs, showOnDeletedWorkItem: contribution.showOnDeletedWorkItem ?? false } : undefined;
}

function renderControl(control: FormControl) {
  return {
    id: control.id,
    label: control.label ?? "",
    controlType: control.controlType,
    order: control.order,
    visible: control.visible,
    readOnly: control.readOnly,
    height: control.height ?? undefined,
    metadata: control.metadata ?? undefined,
    watermark: control.watermark ?? undefined,
    inherited: control.inherited,
    overridden: false,
    isContribution: control.contribution !== null,
    contribution: renderContribution(control.contribution),
  };
}

function renderGroup(group: FormGroup) {
  return {
    id: group.id,
    label: group.label,
    order: group.order,
    visible: group.visible,
    height: group.height ?? undefined,
    inherited: group.inherited,
    overridden: false,
    isContribution: group.contribution !== null,
    contribution: renderContribution(group.contribution),
    controls: group.controls.map(renderControl),
  };
}

function renderPage(page: FormPage) {
  return {
    id: page.id,
    label: page.label,
    pageType: new AdoEnum(page.pageType, PAGE_TYPES[page.pageType]),
    order: page.order,
    locked: page.locked,
    visible: page.visible,
    inherited: page.inherited,
    overridden: false,
    isContribution: page.contribution !== null,
    contribution: renderContribution(page.contribution),
    sections: page.sections.map((s) => ({ id: s.id, overridden: false, groups: s.groups.map(renderGroup) })),
  };
}

function renderLayout(ctx: RequestContext, type: WorkItemType) {
  const systemControls = HEADER_FIELDS.map((ref) => {
    const field = ctx.store.fields.get(ref)!;
    return { id: ref, label: field.name, controlType: controlTypeFor(field), visible: true, readOnly: false, inherited: true, overridden: false, isContribution: false };
  });
  return { pages: ctx.store.processes.layout(type).map(renderPage), systemControls, extensions: [] };
}

function getLayout(call: ApiCall) {
  const { ctx, params } = call;
  const process = requireProcess(ctx, params.processId);
  return renderLayout(ctx, requireType(ctx, process, params.witRefName));
}

interface ControlRequest {
  id?: unknown;
  label?: unknown;
  controlType?: unknown;
  order?: unknown;
  visible?: unknown;
  readOnly?: unknown;
  height?: unknown;
  metadata?: unknown;
  watermark?: unknown;
  isContribution?: unknown;
  contribution?: unknown;
}

function postGroup(call: ApiCall) {
  const { ctx, params } = call;
  const process = requireEditableProcess(ctx, params.processId);
  const type = requireCustomisableType(ctx, process, params.witRefName);
  const request = (call.body ?? {}) as { label?: unknown; order?: unknown; visible?: unknown; height?: unknown; isContribution?: unknown; contribution?: unknown; controls?: unknown };
  const layout = ctx.store.processes.layout(type);
  const page = layout.find((p) => p.id.toLowerCase() === (params.pageId ?? "").toLowerCase());
  if (!page) throw Errors.pageNotFound(params.pageId ?? "", type.referenceName);
  const sectionId = SECTION_IDS.find((s) => s.toLowerCase() === (params.sectionId ?? "").toLowerCase());
  if (!sectionId || page.pageType !== "custom") throw Errors.sectionNotFound(params.sectionId ?? "", type.referenceName);
  const contribution = parseContribution(request.isContribution, request.contribution);
  const label = typeof request.label === "string" ? request.label : "";
  if (!contribution && label.trim() === "") throw Errors.badRequest("A group needs a label.", "ArgumentNullException");
  const labelTaken = page.sections.some((s) => s.groups.some((g) => !g.contribution && g.label.toLowerCase() === label.toLowerCase()));
  if (!contribution && labelTaken) throw Errors.groupExists(label, page.label);
  const groupId = ctx.store.processes.addGroup(type, page.id, sectionId, {
    label,
    order: typeof request.order === "number" ? request.order : undefined,
    visible: request.visible !== false,
    height: typeof request.height === "number" ? request.height : undefined,
    contribution,
  });
  for (const control of Array.isArray(request.controls) ? (request.controls as ControlRequest[]) : []) addControl(ctx, type, groupId, control);
  return renderGroup(findGroup(ctx, type, groupId)!);
}

/** Edits a group in place (label, order, visibility, height): how "Hide from layout" is done for a contributed group. */
function patchGroup(call: ApiCall) {
  const { ctx, params } = call;
  const process = requireEditableProcess(ctx, params.processId);
  const type = requireCustomisableType(ctx, process, params.witRefName);
  const group = findGroup(ctx, type, params.groupId ?? "");
  if (!group) throw Errors.groupNotFound(params.groupId ?? "", type.referenceName);
  const request = (call.body ?? {}) as { label?: unknown; order?: unknown; visible?: unknown; height?: unknown };
  ctx.store.processes.updateGroup(type, group.id, {
    label: typeof request.label === "string" && request.label.trim() !== "" ? request.label : undefined,
    order: typeof request.order === "number" ? request.order : undefined,
    visible: typeof request.visible === "boolean" ? request.visible : undefined,
    height: typeof request.height === "number" ? request.height : undefined,
  });
  return renderGroup(findGroup(ctx, type, group.id)!);
}

function postControl(call: ApiCall) {
  const { ctx, params } = call;
  const process = requireEditableProcess(ctx, params.processId);
  const type = requireCustomisableType(ctx, process, params.witRefName);
  const group = findGroup(ctx, type, params.groupId ?? "");
  if (!group) throw Errors.groupNotFound(params.groupId ?? "", type.referenceName);
  const id = addControl(ctx, type, group.id, (call.body ?? {}) as ControlRequest);
  return renderControl(findGroup(ctx, type, group.id)!.controls.find((c) => c.id === id)!);
}

function addControl(ctx: RequestContext, type: WorkItemType, groupId: string, request: ControlRequest): string {
  const contribution = parseContribution(request.isContribution, request.contribution);
  let id: string;
  let controlType = typeof request.controlType === "string" ? request.controlType : null;
  if (contribution) {
    id = typeof request.id === "string" && request.id !== "" ? request.id : contribution.contributionId;
  } else {
    const field = typeof request.id === "string" ? ctx.store.fields.get(request.id) : undefined;
    if (!field || !ctx.store.processes.typeField(type, field.referenceName)) throw Errors.processWorkItemTypeFieldNotFound(String(request.id ?? ""), type.referenceName);
    id = field.referenceName;
    controlType ??= controlTypeFor(field);
  }
  const group = findGroup(ctx, type, groupId)!;
  if (group.controls.some((c) => c.id.toLowerCase() === id.toLowerCase())) throw Errors.controlExists(id, group.label);
  ctx.store.processes.addControl(type, groupId, {
    id,
    label: typeof request.label === "string" ? request.label : null,
    controlType,
    order: typeof request.order === "number" ? request.order : undefined,
    visible: request.visible !== false,
    readOnly: request.readOnly === true,
    height: typeof request.height === "number" ? request.height : null,
    metadata: typeof request.metadata === "string" ? request.metadata : null,
    watermark: typeof request.watermark === "string" ? request.watermark : null,
    contribution,
  });
  return id;
}

function findGroup(ctx: RequestContext, type: WorkItemType, groupId: string): FormGroup | undefined {
  for (const page of ctx.store.processes.layout(type)) {
    for (const section of page.sections) {
      const group = section.groups.find((g) => g.id.toLowerCase() === groupId.toLowerCase());
      if (group) return group;
    }
  }
  return undefined;
}

function parseContribution(isContribution: unknown, raw: unknown): Contribution | null {
  if (isContribution !== true && !raw) return null;
  const contribution = (raw ?? {}) as { contributionId?: unknown; height?: unknown; inputs?: unknown; showOnDeletedWorkItem?: unknown };
  if (typeof contribution.contributionId !== "string" || contribution.contributionId === "") {
    throw Errors.badRequest("A contribution needs a contributionId.", "ArgumentNullException");
  }
  return {
    contributionId: contribution.contributionId,
    height: typeof contribution.height === "number" ? contribution.height : undefined,
    inputs: contribution.inputs && typeof contribution.inputs === "object" ? (contribution.inputs as Record<string, unknown>) : undefined,
    showOnDeletedWorkItem: contribution.showOnDeletedWorkItem === true,
  };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
