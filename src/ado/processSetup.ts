// Process set-up through the process REST API: reads what the project's process has (fields of the
// organization, picklists, the requirement / test case / bug types, their fields and form layout)
// into the domain's ProcessState, and runs a plan's steps one at a time, reporting each. A step
// that fails stops the run, and the result says which steps were done and which were not, so a
// refused permission never leaves an unexplained half-done process. The planning is the domain's
// (src/domain/processPlan.ts).

import { CoreRestClient } from "azure-devops-extension-api/Core";
import type { WorkItemField } from "azure-devops-extension-api/WorkItemTracking";
import type {
  AddProcessWorkItemTypeFieldRequest,
  CreateProcessModel,
  CreateProcessWorkItemTypeRequest,
  FormLayout,
  Group,
  PickList,
  ProcessInfo,
  ProcessWorkItemType,
} from "azure-devops-extension-api/WorkItemTrackingProcess";
import { WorkItemTrackingProcessRestClient } from "azure-devops-extension-api/WorkItemTrackingProcess";
import {
  DesiredField,
  DesiredFormGroup,
  DesiredSetup,
  LayoutGroup,
  LayoutPage,
  OrganisationField,
  ProcessKind,
  ProcessPicklist,
  ProcessState,
  SETUP_CATEGORIES,
  SetupStep,
  TypeCustomisation,
  TypeState,
} from "../domain/processPlan";
import type { AdoConnection } from "./clients";
import { describeFailure, failureMessage } from "./errors";
import { MHHS_FIELDS, PicklistLists, picklistValues, WorkItemCategory } from "./fields";
import { forgetWorkItemTypes, resolveWorkItemTypes } from "./workItemTypes";

/** The extension's form groups and the category each belongs to (heights as in the manifest). */
export const MHHS_FORM_GROUPS: ReadonlyArray<{ contribution: string; label: string; category: WorkItemCategory; height: number }> = [
  { contribution: "defect-group", label: "MHHS defect", category: "bug", height: 640 },
  { contribution: "requirement-group", label: "MHHS requirement", category: "requirement", height: 560 },
  { contribution: "test-case-group", label: "MHHS test case", category: "testCase", height: 560 },
];

// The environments plan is configurable, so its picklist also accepts values not (yet) on it.
const SUGGESTED_SOURCES = new Set(["environments"]);

/** The picklist of an MHHS field is named after it, so an admin recognises it in the process editor. */
export function picklistNameFor(fieldName: string): string {
  return `MHHS ${fieldName}`;
}

/** What the MHHS field map, the programme's lists and the extension's form groups need. */
export function desiredProcessSetup(lists: PicklistLists, extension: { publisherId: string; extensionId: string }): DesiredSetup {
  const fields: DesiredField[] = Object.values(MHHS_FIELDS).map((definition) => {
    const field: DesiredField = {
      referenceName: definition.referenceName,
      name: definition.name,
      type: definition.type,
      description: definition.description,
      on: definition.on,
    };
    if ("picklist" in definition && definition.picklist) {
      field.picklist = {
        name: picklistNameFor(definition.name),
        items: picklistValues(definition.picklist, lists),
        isSuggested: SUGGESTED_SOURCES.has(definition.picklist),
      };
    }
    return field;
  });
  const groups: DesiredFormGroup[] = MHHS_FORM_GROUPS.map((group) => ({
    contributionId: `${extension.publisherId}.${extension.extensionId}.${group.contribution}`,
    label: group.label,
    category: group.category,
    height: group.height,
  }));
  return { fields, groups };
}

// ---------------------------------------------------------------------------------------------
// Reading

const CUSTOMISATION: Record<string, TypeCustomisation> = { "1": "system", "2": "inherited", "3": "custom", system: "system", inherited: "inherited", custom: "custom" };
const PROCESS_KIND: Record<string, ProcessKind> = { "1": "system", "2": "inherited", "3": "custom", system: "system", inherited: "inherited", custom: "custom" };
const FIELD_TYPE_NAMES = ["string", "integer", "dateTime", "plainText", "html", "treePath", "history", "double", "guid", "boolean", "identity", "picklistString", "picklistInteger", "picklistDouble"];
const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

function enumText(value: unknown, names: Record<string, string>): string | undefined {
  return names[String(value).toLowerCase()] ?? names[String(value)];
}

function fieldTypeName(value: unknown): string {
  if (typeof value === "number") return FIELD_TYPE_NAMES[value] ?? String(value);
  return String(value ?? "string");
}

function isCustomPage(pageType: unknown): boolean {
  return pageType === 1 || String(pageType).toLowerCase() === "custom";
}

function processClient(connection: AdoConnection): WorkItemTrackingProcessRestClient {
  return connection.client(WorkItemTrackingProcessRestClient);
}

/** The form layout as the domain sees it: pages that take groups, and the MHHS-relevant groups. */
export function readLayout(layout: FormLayout | null | undefined): { pages: LayoutPage[]; groups: LayoutGroup[] } {
  const pages: LayoutPage[] = [];
  const groups: LayoutGroup[] = [];
  for (const page of layout?.pages ?? []) {
    pages.push({ id: page.id, label: page.label, isCustom: isCustomPage(page.pageType), sectionIds: (page.sections ?? []).map((s) => s.id) });
    for (const section of page.sections ?? []) {
      for (const group of section.groups ?? []) {
        groups.push({
          id: group.id,
          label: group.label ?? "",
          visible: group.visible !== false,
          pageId: page.id,
          sectionId: section.id,
          ...(group.contribution?.contributionId ? { contributionId: group.contribution.contributionId } : {}),
        });
      }
    }
  }
  return { pages, groups };
}

export interface ProcessReading {
  state: ProcessState;
  projectName: string;
  /** Every process of the organization (to suggest a free name for a new inherited process). */
  processNames: string[];
}

async function readProcessId(connection: AdoConnection): Promise<string> {
  const project = await connection.client(CoreRestClient).getProject(connection.projectId ?? connection.projectName, true);
  const id = project?.capabilities?.processTemplate?.templateTypeId;
  if (!id) throw new Error(`Azure DevOps did not say which process project "${connection.projectName}" uses`);
  return id;
}

async function readType(client: WorkItemTrackingProcessRestClient, processId: string, type: ProcessWorkItemType): Promise<TypeState> {
  const [fields, layout] = await Promise.all([client.getAllWorkItemTypeFields(processId, type.referenceName), client.getFormLayout(processId, type.referenceName)]);
  const { pages, groups } = readLayout(layout);
  return {
    name: type.name,
    referenceName: type.referenceName,
    customisation: (enumText(type.customization, CUSTOMISATION) as TypeCustomisation | undefined) ?? "system",
    fields: (fields ?? []).map((f) => f.referenceName),
    pages,
    groups,
  };
}

/** Reads the project's process as the domain's ProcessState. */
export async function readProcessSetup(connection: AdoConnection, desired: DesiredSetup): Promise<ProcessReading> {
  const client = processClient(connection);
  // The project may have moved to another process since the types were last read.
  forgetWorkItemTypes(connection);
  const [processId, processes, organisationFields, listMetadata, categoryTypes] = await Promise.all([
    readProcessId(connection),
    client.getListOfProcesses(),
    connection.workItemTracking.getFields(),
    client.getListsMetadata(),
    resolveWorkItemTypes(connection),
  ]);
  const info: ProcessInfo | undefined = (processes ?? []).find((p) => p.typeId.toLowerCase() === processId.toLowerCase()) ?? (await client.getProcessByItsId(processId));
  const parentId = info.parentProcessTypeId && info.parentProcessTypeId !== EMPTY_GUID ? info.parentProcessTypeId : undefined;
  const parent = parentId ? (processes ?? []).find((p) => p.typeId.toLowerCase() === parentId.toLowerCase()) : undefined;

  const fields: OrganisationField[] = (organisationFields ?? []).map((field: WorkItemField) => ({
    referenceName: field.referenceName,
    name: field.name,
    type: fieldTypeName(field.type),
    isPicklist: field.isPicklist === true,
    ...(field.picklistId ? { picklistId: field.picklistId } : {}),
  }));

  // Items are read only for the lists the MHHS fields use or would use.
  const wantedLists = new Set<string>();
  for (const wanted of desired.fields) {
    const existing = fields.find((f) => f.referenceName.toLowerCase() === wanted.referenceName.toLowerCase());
    if (existing?.picklistId) wantedLists.add(existing.picklistId.toLowerCase());
    if (wanted.picklist) {
      const byName = (listMetadata ?? []).find((list) => list.name.toLowerCase() === wanted.picklist!.name.toLowerCase());
      if (byName) wantedLists.add(byName.id.toLowerCase());
    }
  }
  const picklists: ProcessPicklist[] = await Promise.all(
    (listMetadata ?? []).map(async (list): Promise<ProcessPicklist> => {
      if (!wantedLists.has(list.id.toLowerCase())) return { id: list.id, name: list.name };
      const full: PickList = await client.getList(list.id);
      return { id: list.id, name: list.name, items: (full.items ?? []).map(String), isSuggested: full.isSuggested };
    }),
  );

  const processTypes = (await client.getProcessWorkItemTypes(processId)) ?? [];
  const types: ProcessState["types"] = {};
  await Promise.all(
    SETUP_CATEGORIES.map(async (category) => {
      const name = categoryTypes[category]?.defaultType;
      if (!name) return;
      const candidates = processTypes.filter((t) => t.name.toLowerCase() === name.toLowerCase());
      const type = candidates.find((t) => enumText(t.customization, CUSTOMISATION) !== "system") ?? candidates[0];
      if (type) types[category] = await readType(client, processId, type);
    }),
  );

  return {
    projectName: connection.projectName,
    processNames: (processes ?? []).map((p) => p.name),
    state: {
      process: {
        id: processId,
        name: info.name,
        kind: (enumText(info.customizationType, PROCESS_KIND) as ProcessKind | undefined) ?? "system",
        ...(parentId ? { parentId } : {}),
        ...(parent ? { parentName: parent.name } : {}),
      },
      fields,
      picklists,
      types,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Failures

export type ProcessPermission = "Edit process" | "Create process";

export interface SetupFailure {
  message: string;
  /** The permission that was missing, when that is why it failed. */
  permission?: ProcessPermission;
}

const PERMISSION_FAILURE = /ProcessPermission|AccessDenied|UnauthorizedAccess|VS402356|TF400813/i;
const SYSTEM_PROCESS = /VS402804/;

/** A failure of the process API as a message an admin can act on, naming the permission when that is what is missing. */
export function describeSetupFailure(error: unknown, action: "change" | "createProcess"): SetupFailure {
  const { status, typeKey, message } = describeFailure(error);
  if (status === 403 || PERMISSION_FAILURE.test(typeKey ?? "") || PERMISSION_FAILURE.test(message ?? "")) {
    if (action === "createProcess") {
      return {
        permission: "Create process",
        message:
          'You do not have the "Create process" permission of the organization, which creating an inherited process needs. Project Collection Administrators have it: ask one to create the process, or to grant you "Create process" (Organization settings → Permissions).',
      };
    }
    return {
      permission: "Edit process",
      message:
        'You do not have the "Edit process" permission on this process, which adding fields, picklists and form groups needs. Project Collection Administrators have it: ask one to run the set-up, or to grant you "Edit process" (Organization settings → Boards → Process → … next to the process → Security).',
    };
  }
  if (SYSTEM_PROCESS.test(message ?? "")) {
    return { message: "Azure DevOps refused the change because the process is a system process: create an inherited process and move the project to it first." };
  }
  return { message: failureMessage(error) };
}

// ---------------------------------------------------------------------------------------------
// Running the steps

export type StepStatus = "pending" | "running" | "done" | "skipped" | "failed" | "notRun";

export interface StepProgress {
  /** 0-based position in the plan. */
  index: number;
  total: number;
  step: SetupStep;
  status: StepStatus;
  /** What happened: "already there", the failure's message. */
  note?: string;
}

export interface SetupRun {
  done: SetupStep[];
  /** Steps found already done when their turn came (someone else did them meanwhile). */
  skipped: SetupStep[];
  failed?: { step: SetupStep } & SetupFailure;
  /** Steps not attempted because an earlier one failed. */
  notRun: SetupStep[];
}

interface RunContext {
  processId: string;
  picklistIds: Map<string, string>;
  typeRefs: Map<WorkItemCategory, string>;
}

async function findGroup(client: WorkItemTrackingProcessRestClient, context: RunContext, category: WorkItemCategory, contributionId: string) {
  const typeRef = context.typeRefs.get(category)!;
  const layout = readLayout(await client.getFormLayout(context.processId, typeRef));
  return { typeRef, layout, group: layout.groups.find((g) => g.contributionId?.toLowerCase() === contributionId.toLowerCase()) };
}

/** Runs one step; resolves "skipped" when what it would do is already there. */
async function runStep(connection: AdoConnection, context: RunContext, step: SetupStep): Promise<"done" | "skipped"> {
  const client = processClient(connection);
  switch (step.kind) {
    case "createPicklist": {
      const created = await client.createList({ name: step.picklist, type: "String", items: step.items.slice(), isSuggested: step.isSuggested } as PickList);
      context.picklistIds.set(step.picklist.toLowerCase(), created.id);
      return "done";
    }
    case "addPicklistItems": {
      const list = await client.getList(step.picklistId);
      const have = new Set((list.items ?? []).map((item) => String(item).toLowerCase()));
      const missing = step.items.filter((item) => !have.has(item.toLowerCase()));
      if (missing.length === 0) return "skipped";
      await client.updateList({ ...list, items: [...(list.items ?? []), ...missing] }, step.picklistId);
      return "done";
    }
    case "createField": {
      const picklistId = step.picklist ? (step.picklist.id ?? context.picklistIds.get(step.picklist.name.toLowerCase())) : undefined;
      if (step.picklist && !picklistId) throw new Error(`The picklist "${step.picklist.name}" for ${step.name} was not created`);
      const field = {
        name: step.name,
        referenceName: step.referenceName,
        description: step.description,
        type: step.type === "html" ? 4 : step.type === "plainText" ? 3 : step.type === "integer" ? 1 : step.type === "dateTime" ? 2 : step.type === "identity" ? 10 : 0,
        isIdentity: step.type === "identity",
        isPicklist: step.type === "picklistString",
        isPicklistSuggested: false,
        readOnly: false,
        canSortBy: step.type !== "html" && step.type !== "plainText",
        isQueryable: true,
        ...(picklistId ? { picklistId } : {}),
      } as unknown as WorkItemField;
      await connection.workItemTracking.createField(field);
      return "done";
    }
    case "deriveType": {
      const types = (await client.getProcessWorkItemTypes(context.processId)) ?? [];
      const derived = types.find((t) => t.inherits?.toLowerCase() === step.typeReferenceName.toLowerCase());
      if (derived) {
        context.typeRefs.set(step.category, derived.referenceName);
        return "skipped";
      }
      const system = types.find((t) => t.referenceName.toLowerCase() === step.typeReferenceName.toLowerCase());
      const created = await client.createProcessWorkItemType(
        {
          name: step.typeName,
          inheritsFrom: step.typeReferenceName,
          color: system?.color,
          icon: system?.icon,
          description: system?.description,
          isDisabled: false,
        } as CreateProcessWorkItemTypeRequest,
        context.processId,
      );
      context.typeRefs.set(step.category, created.referenceName);
      return "done";
    }
    case "addFieldToType": {
      const typeRef = context.typeRefs.get(step.category)!;
      await client.addFieldToWorkItemType({ referenceName: step.referenceName, required: false, readOnly: false, allowGroups: false } as AddProcessWorkItemTypeFieldRequest, context.processId, typeRef);
      return "done";
    }
    case "addFormGroup": {
      const { typeRef, layout, group } = await findGroup(client, context, step.category, step.contributionId);
      if (group) {
        if (group.visible === step.visible) return "skipped";
        await client.updateGroup({ visible: step.visible } as Group, context.processId, typeRef, group.pageId, group.sectionId, group.id);
        return "done";
      }
      const page = layout.pages.find((p) => p.id === step.pageId) ?? layout.pages.find((p) => p.isCustom && p.sectionIds.length > 0);
      if (!page) throw new Error(`${step.typeName} has no page to put "${step.label}" on`);
      const sectionId = page.sectionIds.includes(step.sectionId) ? step.sectionId : page.sectionIds[page.sectionIds.length - 1];
      const request = {
        label: step.label,
        visible: step.visible,
        isContribution: true,
        contribution: { contributionId: step.contributionId, ...(step.height !== undefined ? { height: step.height } : {}) },
        ...(step.height !== undefined ? { height: step.height } : {}),
      } as unknown as Group;
      await client.addGroup(request, context.processId, typeRef, page.id, sectionId);
      return "done";
    }
    case "setFormGroupVisibility": {
      const { typeRef, group } = await findGroup(client, context, step.category, step.contributionId);
      if (!group) throw new Error(`The group "${step.label}" is no longer on the ${step.typeName} form`);
      if (group.visible === step.visible) return "skipped";
      await client.updateGroup({ visible: step.visible } as Group, context.processId, typeRef, group.pageId, group.sectionId, group.id);
      return "done";
    }
  }
}

/**
 * Runs the steps in order, one at a time (each may depend on the one before), reporting each
 * step's status. Stops at the first failure: the result lists what was done and what was not.
 */
export async function executeSetupSteps(
  connection: AdoConnection,
  state: ProcessState,
  steps: readonly SetupStep[],
  onProgress: (progress: StepProgress) => void = () => undefined,
): Promise<SetupRun> {
  const context: RunContext = {
    processId: state.process.id,
    picklistIds: new Map(state.picklists.map((p) => [p.name.toLowerCase(), p.id])),
    typeRefs: new Map(SETUP_CATEGORIES.filter((c) => state.types[c]).map((c) => [c, state.types[c]!.referenceName])),
  };
  const run: SetupRun = { done: [], skipped: [], notRun: [] };
  const total = steps.length;
  try {
    for (let index = 0; index < total; index++) {
      const step = steps[index];
      onProgress({ index, total, step, status: "running" });
      try {
        const outcome = await runStep(connection, context, step);
        (outcome === "done" ? run.done : run.skipped).push(step);
        onProgress({ index, total, step, status: outcome, note: outcome === "skipped" ? "Already in place" : undefined });
      } catch (error) {
        const failure = describeSetupFailure(error, "change");
        run.failed = { step, ...failure };
        onProgress({ index, total, step, status: "failed", note: failure.message });
        run.notRun = steps.slice(index + 1);
        run.notRun.forEach((later, offset) => onProgress({ index: index + 1 + offset, total, step: later, status: "notRun" }));
        break;
      }
    }
  } finally {
    forgetWorkItemTypes(connection);
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// A new inherited process

/** Characters Azure DevOps does not accept in a process name. */
const FORBIDDEN_IN_PROCESS_NAME = /[\\/:*?"<>|;#$*{},+=[\]]/;

/** Why a name cannot be used for a new process, or undefined when it can. */
export function checkProcessName(name: string, existing: readonly string[]): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "Enter a name for the new process";
  if (trimmed.length > 128) return "A process name can have at most 128 characters";
  if (FORBIDDEN_IN_PROCESS_NAME.test(trimmed)) return 'A process name cannot contain \\ / : * ? " < > | ; # $ { } , + = [ ]';
  if (existing.some((other) => other.toLowerCase() === trimmed.toLowerCase())) return `There is already a process named "${trimmed}"`;
  return undefined;
}

/** A free name for the inherited process of a system process: "MHHS Agile", else one with the project's name. */
export function suggestProcessName(systemProcessName: string, projectName: string, existing: readonly string[]): string {
  const taken = (name: string) => existing.some((other) => other.toLowerCase() === name.toLowerCase());
  const base = `MHHS ${systemProcessName}`;
  const candidates = [base, `${base} ${projectName}`.replace(FORBIDDEN_IN_PROCESS_NAME, " ").replace(/\s+/g, " ").trim()];
  for (const candidate of candidates) if (!taken(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken(`${base} ${n}`)) return `${base} ${n}`;
}

/** Creates an inherited process of the given system process (POST processes with parentProcessTypeId). */
export async function createInheritedProcess(
  connection: AdoConnection,
  parent: { id: string; name: string },
  name: string,
): Promise<{ id: string; name: string }> {
  try {
    const created = await processClient(connection).createNewProcess({
      name: name.trim(),
      parentProcessTypeId: parent.id,
      description: `${parent.name} with the MHHS programme fields, created by MHHS set-up.`,
    } as CreateProcessModel);
    return { id: created.typeId, name: created.name };
  } catch (error) {
    const failure = describeSetupFailure(error, "createProcess");
    throw Object.assign(new Error(failure.message), { permission: failure.permission, cause: error });
  }
}

/** How an admin moves a project to another process: Azure DevOps offers it in the web only. */
export function changeProcessInstructions(projectName: string, currentProcess: string, newProcess: string): string[] {
  return [
    "Open Organization settings (bottom left of the organization's home page), then Boards → Process.",
    `Choose "${currentProcess}", the process the project uses now, and open its Projects tab.`,
    `Next to "${projectName}", open the … menu and choose "Change process".`,
    `Choose "${newProcess}" and save. Work items keep their data and history.`,
    "Come back to this page and choose Check again: the differences are then listed and can be applied.",
  ];
}
