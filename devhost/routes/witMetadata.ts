// Work item tracking metadata: fields, work item types (with their fields and states), type
// categories and relation (link) types.
import { ApiCall, ApiRouter } from "../http/api";
import { requireProject, RequestContext } from "../http/context";
import { Errors } from "../http/errors";
import { AdoEnum } from "../http/format";
import { Locations } from "../http/locations";
import type { Field } from "../store/fields";
import type { WorkItemType, WorkItemTypeField } from "../store/processes";
import { requireProcessEditor } from "./permissions";
import { createField } from "./processFields";

const FIELD_TYPES = ["string", "integer", "dateTime", "plainText", "html", "treePath", "history", "double", "guid", "boolean", "identity", "picklistString", "picklistInteger", "picklistDouble"];
const FIELD_USAGES = ["none", "workItem", "workItemLink", "tree", "workItemTypeExtension"];

export const fieldTypeEnum = (type: string) => new AdoEnum(type, FIELD_TYPES.indexOf(type));
const fieldUsageEnum = (usage: string) => new AdoEnum(usage, FIELD_USAGES.indexOf(usage));

const OPERATIONS: Record<string, [string, string][]> = {
  text: [["SupportedOperations.Equals", "="], ["SupportedOperations.NotEquals", "<>"], ["SupportedOperations.In", "In"], ["SupportedOperations.NotIn", "Not In"], ["SupportedOperations.Contains", "Contains"], ["SupportedOperations.NotContains", "Does Not Contain"], ["SupportedOperations.Ever", "Was Ever"], ["SupportedOperations.IsEmpty", "Is Empty"], ["SupportedOperations.IsNotEmpty", "Is Not Empty"]],
  ordered: [["SupportedOperations.Equals", "="], ["SupportedOperations.NotEquals", "<>"], ["SupportedOperations.GreaterThan", ">"], ["SupportedOperations.LessThan", "<"], ["SupportedOperations.GreaterThanEquals", ">="], ["SupportedOperations.LessThanEquals", "<="], ["SupportedOperations.In", "In"], ["SupportedOperations.NotIn", "Not In"], ["SupportedOperations.Ever", "Was Ever"]],
  tree: [["SupportedOperations.Equals", "="], ["SupportedOperations.NotEquals", "<>"], ["SupportedOperations.Under", "Under"], ["SupportedOperations.NotUnder", "Not Under"], ["SupportedOperations.In", "In"], ["SupportedOperations.NotIn", "Not In"]],
  longText: [["SupportedOperations.Contains", "Contains"], ["SupportedOperations.NotContains", "Does Not Contain"], ["SupportedOperations.IsEmpty", "Is Empty"], ["SupportedOperations.IsNotEmpty", "Is Not Empty"]],
};

export function registerWitMetadataRoutes(api: ApiRouter): void {
  api.resource(Locations.wit.fields, { GET: getFields, POST: postField });
  api.resource(Locations.wit.workItemTypes, { GET: getWorkItemTypes });
  api.resource(Locations.wit.workItemTypeFields, { GET: getWorkItemTypeFields });
  api.resource(Locations.wit.workItemTypeStates, { GET: getWorkItemTypeStates });
  api.resource(Locations.wit.workItemTypeCategories, { GET: getCategories });
  api.resource(Locations.wit.workItemRelationTypes, { GET: getRelationTypes });
}

export function renderField(ctx: RequestContext, field: Field) {
  const picklist = field.picklistId ? ctx.store.fields.picklist(field.picklistId) : undefined;
  const operations = field.type === "treePath" ? OPERATIONS.tree : ["html", "history", "plainText"].includes(field.type) ? OPERATIONS.longText : field.type === "string" ? OPERATIONS.text : OPERATIONS.ordered;
  return {
    name: field.name,
    referenceName: field.referenceName,
    description: field.description,
    type: fieldTypeEnum(field.type),
    usage: fieldUsageEnum(field.usage),
    readOnly: field.readOnly,
    canSortBy: field.canSortBy,
    isQueryable: field.isQueryable,
    supportedOperations: operations.map(([referenceName, name]) => ({ referenceName, name })),
    isIdentity: field.isIdentity,
    isPicklist: picklist !== undefined,
    isPicklistSuggested: picklist?.isSuggested ?? false,
    picklistId: picklist?.id,
    isLocked: field.isLocked,
    url: ctx.urls.field(field.referenceName),
  };
}

function getFields(call: ApiCall) {
  const { ctx, params } = call;
  if (params.fieldNameOrRefName === undefined) return ctx.store.fields.list().map((f) => renderField(ctx, f));
  const field = ctx.store.fields.get(params.fieldNameOrRefName);
  if (!field) throw Errors.fieldNotFoundForRead(params.fieldNameOrRefName);
  return renderField(ctx, field);
}

function postField(call: ApiCall) {
  requireProcessEditor(call.ctx);
  return renderField(call.ctx, createField(call.ctx, call.body));
}

export function requireWorkItemType(ctx: RequestContext, name: string): WorkItemType {
  const project = requireProject(ctx);
  const type = ctx.store.processes.type(project.processId, name);
  if (!type) throw Errors.workItemTypeNotFound(project.name, name);
  return type;
}

function getWorkItemTypes(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  if (params.type !== undefined) return renderWorkItemType(ctx, requireWorkItemType(ctx, params.type));
  return ctx.store.processes
    .types(project.processId)
    .filter((t) => !t.isDisabled)
    .map((t) => renderWorkItemType(ctx, t));
}

function renderWorkItemType(ctx: RequestContext, type: WorkItemType) {
  const project = requireProject(ctx);
  const states = ctx.store.processes.states(type);
  const fields = ctx.store.processes.typeFields(type).map((f) => renderTypeField(ctx, f, false));
  const transitions: Record<string, { to: string; actions: null }[]> = { "": [{ to: states[0]?.name ?? "New", actions: null }] };
  for (const from of states) transitions[from.name] = states.filter((to) => to.name !== from.name).map((to) => ({ to: to.name, actions: null }));
  return {
    name: type.name,
    referenceName: type.referenceName,
    description: type.description,
    color: type.color,
    icon: { id: type.icon, url: ctx.urls.api(`wit/workItemIcons/${type.icon}?color=${type.color}&v=2`) },
    isDisabled: type.isDisabled,
    xmlForm: "",
    fields,
    fieldInstances: fields,
    transitions,
    states: states.map((s) => ({ name: s.name, color: s.color, category: s.category })),
    _links: { self: { href: ctx.urls.workItemType(project.id, type.name) } },
    url: ctx.urls.workItemType(project.id, type.name),
  };
}

function renderTypeField(ctx: RequestContext, typeField: WorkItemTypeField, withAllowedValues: boolean) {
  const field = ctx.store.fields.get(typeField.field);
  const rendered: Record<string, unknown> = {
    defaultValue: typeField.defaultValue ?? null,
    helpText: undefined,
    alwaysRequired: typeField.required,
    dependentFields: [],
    referenceName: field?.referenceName ?? typeField.field,
    name: field?.name ?? typeField.field,
    url: ctx.urls.field(field?.referenceName ?? typeField.field),
  };
  if (withAllowedValues) {
    const picklist = field?.picklistId ? ctx.store.fields.picklist(field.picklistId) : undefined;
    rendered.allowedValues = typeField.allowedValues ?? picklist?.items ?? [];
  }
  return rendered;
}

function getWorkItemTypeFields(call: ApiCall) {
  const { ctx, params, query } = call;
  const type = requireWorkItemType(ctx, params.type ?? "");
  const expand = String(query.$expand ?? "").toLowerCase();
  const withAllowedValues = ["allowedvalues", "all", "1", "3"].includes(expand);
  const typeFields = ctx.store.processes.typeFields(type);
  if (params.field === undefined) return typeFields.map((f) => renderTypeField(ctx, f, withAllowedValues));
  const field = ctx.store.fields.get(params.field);
  const typeField = field && typeFields.find((f) => f.field.toLowerCase() === field.referenceName.toLowerCase());
  if (!typeField) throw Errors.fieldNotFoundForRead(params.field);
  return renderTypeField(ctx, typeField, withAllowedValues);
}

function getWorkItemTypeStates(call: ApiCall) {
  const type = requireWorkItemType(call.ctx, call.params.type ?? "");
  return call.ctx.store.processes.states(type).map((s) => ({ name: s.name, color: s.color, category: s.category }));
}

function getCategories(call: ApiCall) {
  const { ctx, params } = call;
  const project = requireProject(ctx);
  const types = ctx.store.processes.types(project.processId);
  const typeReference = (name: string) => ({ name, url: ctx.urls.workItemType(project.id, name) });
  const categories = ctx.store.processes.categories(project.processId).map((category) => {
    const present = category.types.filter((name) => types.some((t) => t.name.toLowerCase() === name.toLowerCase() && !t.isDisabled));
    return {
      name: category.name,
      referenceName: category.referenceName,
      defaultWorkItemType: present[0] ? typeReference(present[0]) : null,
      workItemTypes: present.map(typeReference),
      url: ctx.urls.api(`wit/workItemTypeCategories/${category.referenceName}`, project.id),
    };
  });
  if (params.category === undefined) return categories;
  const category = categories.find((c) => c.referenceName.toLowerCase() === params.category!.toLowerCase() || c.name.toLowerCase() === params.category!.toLowerCase());
  if (!category) throw Errors.categoryNotFound(project.name, params.category);
  return category;
}

function getRelationTypes(call: ApiCall) {
  const { ctx, params } = call;
  const render = (link: ReturnType<typeof ctx.store.fields.linkTypes>[number]) => ({
    attributes: {
      usage: link.usage,
      editable: false,
      enabled: true,
      ...(link.usage === "workItemLink"
        ? { acyclic: link.isAcyclic ?? false, directional: link.isDirectional ?? false, singleTarget: link.isSingleTarget ?? false, topology: link.topology }
        : {}),
    },
    name: link.name,
    referenceName: link.referenceName,
    url: ctx.urls.api(`wit/workItemRelationTypes/${link.referenceName}`),
  });
  if (params.relation === undefined) return ctx.store.fields.linkTypes().map(render);
  const link = ctx.store.fields.linkType(params.relation);
  if (!link) throw Errors.badRequest(`Unknown relation type ${params.relation}.`);
  return render(link);
}
