// Process set-up as data: what the MHHS fields, picklists and form groups need (the desired set-up),
// what a project's process has now (its state), and the steps that close the gap, each with the
// reason it is needed. Planning is a pure function of the two, so a plan made after its own steps
// have run is empty: "Apply" can be pressed any number of times.

/** The work item categories the MHHS fields are placed on. */
export type SetupCategory = "requirement" | "testCase" | "bug";

export const SETUP_CATEGORIES: readonly SetupCategory[] = ["requirement", "testCase", "bug"];

export const CATEGORY_NAMES: Readonly<Record<SetupCategory, string>> = { requirement: "Requirement", testCase: "Test Case", bug: "Bug" };

/** Field types as the field map names them. */
export type SetupFieldType = "string" | "plainText" | "html" | "picklistString" | "integer" | "dateTime" | "identity";

export interface DesiredPicklist {
  name: string;
  items: readonly string[];
  /** A suggested list also accepts values that are not on it. */
  isSuggested: boolean;
}

export interface DesiredField {
  referenceName: string;
  name: string;
  type: SetupFieldType;
  description: string;
  on: readonly SetupCategory[];
  picklist?: DesiredPicklist;
}

export interface DesiredFormGroup {
  /** Full contribution id: publisher.extension.contribution. */
  contributionId: string;
  label: string;
  /** The one category whose form shows the group; it is hidden on the others. */
  category: SetupCategory;
  height?: number;
}

export interface DesiredSetup {
  fields: readonly DesiredField[];
  groups: readonly DesiredFormGroup[];
}

/** A field of the organization (fields are shared by every process of an organization). */
export interface OrganisationField {
  referenceName: string;
  name: string;
  /** Type as the fields API reports it: string, html, plainText, integer, ... (picklists are string with isPicklist). */
  type: string;
  isPicklist: boolean;
  picklistId?: string;
}

export interface ProcessPicklist {
  id: string;
  name: string;
  /** Undefined when only the list's name was read. */
  items?: readonly string[];
  isSuggested?: boolean;
}

export interface LayoutGroup {
  id: string;
  label: string;
  visible: boolean;
  pageId: string;
  sectionId: string;
  contributionId?: string;
}

export interface LayoutPage {
  id: string;
  label: string;
  /** Pages fields and groups can be put on (not History, Links or Attachments). */
  isCustom: boolean;
  sectionIds: readonly string[];
}

export type TypeCustomisation = "system" | "inherited" | "custom";

export interface TypeState {
  /** Display name, e.g. "User Story". */
  name: string;
  referenceName: string;
  customisation: TypeCustomisation;
  /** Reference names of the fields on the type. */
  fields: readonly string[];
  pages: readonly LayoutPage[];
  groups: readonly LayoutGroup[];
}

export type ProcessKind = "system" | "inherited" | "custom";

export interface ProcessState {
  process: { id: string; name: string; kind: ProcessKind; parentId?: string; parentName?: string };
  fields: readonly OrganisationField[];
  picklists: readonly ProcessPicklist[];
  /** The type playing each category's part; absent when the process has none. */
  types: Partial<Record<SetupCategory, TypeState>>;
}

interface StepBase {
  /** Stable across plans of the same state: for keys and progress. */
  id: string;
  /** What the step does, as a sentence. */
  title: string;
  /** Why it is needed. */
  reason: string;
}

export type SetupStep =
  | (StepBase & { kind: "createPicklist"; picklist: string; items: readonly string[]; isSuggested: boolean })
  | (StepBase & { kind: "addPicklistItems"; picklistId: string; picklist: string; items: readonly string[] })
  | (StepBase & {
      kind: "createField";
      referenceName: string;
      name: string;
      type: SetupFieldType;
      description: string;
      /** The list the field draws from: an existing one by id, or one an earlier step creates, by name. */
      picklist?: { id?: string; name: string };
    })
  | (StepBase & { kind: "deriveType"; category: SetupCategory; typeName: string; typeReferenceName: string })
  | (StepBase & { kind: "addFieldToType"; category: SetupCategory; typeName: string; referenceName: string; fieldName: string })
  | (StepBase & {
      kind: "addFormGroup";
      category: SetupCategory;
      typeName: string;
      contributionId: string;
      label: string;
      visible: boolean;
      height?: number;
      pageId: string;
      sectionId: string;
    })
  | (StepBase & {
      kind: "setFormGroupVisibility";
      category: SetupCategory;
      typeName: string;
      contributionId: string;
      label: string;
      groupId: string;
      pageId: string;
      sectionId: string;
      visible: boolean;
    });

export type SetupStepKind = SetupStep["kind"];

export interface TypeSummary {
  category: SetupCategory;
  typeName: string;
  fieldsWanted: number;
  fieldsPresent: number;
  /** The category's own MHHS group is on the form and visible. */
  groupShown: boolean;
  /** Other MHHS groups visible on this form (they belong to other types). */
  strayGroups: number;
}

export interface ProcessPlan {
  /** False while the process cannot be changed (a system process): see blockers. */
  canApply: boolean;
  blockers: string[];
  /** Differences that Apply cannot fix (a field of another type, a missing type); shown, not fatal. */
  warnings: string[];
  steps: SetupStep[];
  types: TypeSummary[];
}

/** The MHHS groups placed where they belong once the plan has run. */
export const SECTION_FOR_GROUPS = "Section2";

const lower = (text: string) => text.trim().toLowerCase();

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && lower(a) === lower(b);
}

/** A reference name fragment from a display name, as Azure DevOps makes one: "MHHS Agile" -> "MHHSAgile". */
export function referenceNameFragment(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "");
}

/** The name an MHHS field takes when its plain name is used by another field of the organization. */
export function prefixedFieldName(name: string): string {
  return `MHHS ${name}`;
}

function fieldTypeMatches(desired: SetupFieldType, existing: OrganisationField): boolean {
  const type = lower(existing.type);
  switch (desired) {
    case "picklistString":
      return existing.isPicklist && (type === "string" || type === "picklist string" || type === "pickliststring");
    case "string":
      return !existing.isPicklist && type === "string";
    case "identity":
      return type === "identity" || type === "string";
    default:
      return type === lower(desired);
  }
}

function describeType(field: OrganisationField): string {
  return field.isPicklist ? `a picklist (${field.type})` : field.type;
}

function missingItems(wanted: readonly string[], present: readonly string[]): string[] {
  const have = new Set(present.map(lower));
  const missing: string[] = [];
  for (const item of wanted) {
    if (!have.has(lower(item)) && !missing.some((m) => same(m, item))) missing.push(item);
  }
  return missing;
}

function listOf(items: readonly string[], limit = 6): string {
  const shown = items.slice(0, limit).join(", ");
  return items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
}

interface FieldResolution {
  /** The field can be placed on types (it exists, or a step creates it). */
  available: boolean;
  name: string;
}

/** Organization-level steps (picklists and fields) for one desired field. */
function planField(field: DesiredField, state: ProcessState, steps: SetupStep[], warnings: string[]): FieldResolution {
  const existing = state.fields.find((f) => same(f.referenceName, field.referenceName));
  if (existing) {
    if (!fieldTypeMatches(field.type, existing)) {
      warnings.push(
        `Field ${existing.name} (${existing.referenceName}) exists in the organization as ${describeType(existing)}, but the extension expects ${field.type}: it is placed on the forms as it is; check that it holds the values the extension writes.`,
      );
    }
    if (field.picklist && existing.isPicklist && existing.picklistId) {
      const list = state.picklists.find((p) => same(p.id, existing.picklistId));
      if (!list || list.items === undefined) {
        warnings.push(`The picklist of ${existing.name} could not be read, so its values were not checked.`);
      } else {
        const missing = missingItems(field.picklist.items, list.items);
        if (missing.length > 0) {
          steps.push({
            kind: "addPicklistItems",
            id: `picklist-items:${field.referenceName}`,
            title: `Add ${missing.length} value${missing.length === 1 ? "" : "s"} to the picklist of ${existing.name}`,
            reason: `The programme's list has ${listOf(missing)}, which the picklist does not.`,
            picklistId: list.id,
            picklist: list.name,
            items: missing,
          });
        }
      }
    }
    return { available: true, name: existing.name };
  }

  let name = field.name;
  const holder = state.fields.find((f) => same(f.name, name));
  if (holder) {
    name = prefixedFieldName(field.name);
    if (state.fields.some((f) => same(f.name, name))) {
      warnings.push(
        `Field ${field.referenceName} cannot be created: the names "${field.name}" and "${name}" are both used by other fields of the organization. Rename one of them, then check again.`,
      );
      return { available: false, name };
    }
  }

  let picklistRef: { id?: string; name: string } | undefined;
  if (field.picklist) {
    const list = state.picklists.find((p) => same(p.name, field.picklist!.name));
    if (list) {
      picklistRef = { id: list.id, name: list.name };
      const missing = list.items === undefined ? [] : missingItems(field.picklist.items, list.items);
      if (missing.length > 0) {
        steps.push({
          kind: "addPicklistItems",
          id: `picklist-items:${field.referenceName}`,
          title: `Add ${missing.length} value${missing.length === 1 ? "" : "s"} to the picklist "${list.name}"`,
          reason: `The programme's list has ${listOf(missing)}, which the picklist does not.`,
          picklistId: list.id,
          picklist: list.name,
          items: missing,
        });
      }
    } else {
      picklistRef = { name: field.picklist.name };
      steps.push({
        kind: "createPicklist",
        id: `picklist:${field.referenceName}`,
        title: `Create the picklist "${field.picklist.name}" (${field.picklist.items.length} values)`,
        reason: `${field.name} is chosen from a list: ${listOf(field.picklist.items)}.`,
        picklist: field.picklist.name,
        items: field.picklist.items.slice(),
        isSuggested: field.picklist.isSuggested,
      });
    }
  }

  steps.push({
    kind: "createField",
    id: `field:${field.referenceName}`,
    title: `Create the field ${name} (${field.referenceName})`,
    reason: holder
      ? `The organization has no field ${field.referenceName}; "${field.name}" is taken by ${holder.referenceName}, so it is named "${name}".`
      : `The organization has no field ${field.referenceName}.`,
    referenceName: field.referenceName,
    name,
    type: field.type,
    description: field.description,
    ...(picklistRef ? { picklist: picklistRef } : {}),
  });
  return { available: true, name };
}

function detailsPage(type: TypeState): LayoutPage | undefined {
  return type.pages.find((page) => page.isCustom && page.sectionIds.length > 0);
}

/** The steps that put the MHHS fields and groups on one type. */
function planType(
  category: SetupCategory,
  type: TypeState,
  desired: DesiredSetup,
  resolved: ReadonlyMap<string, FieldResolution>,
  steps: SetupStep[],
  warnings: string[],
): TypeSummary {
  const typeSteps: SetupStep[] = [];
  const wanted = desired.fields.filter((field) => field.on.includes(category));
  let present = 0;
  for (const field of wanted) {
    if (type.fields.some((ref) => same(ref, field.referenceName))) {
      present++;
      continue;
    }
    const resolution = resolved.get(field.referenceName);
    if (!resolution?.available) continue;
    typeSteps.push({
      kind: "addFieldToType",
      id: `type-field:${category}:${field.referenceName}`,
      title: `Add ${resolution.name} to ${type.name}`,
      reason: `${type.name} does not have ${field.referenceName}.`,
      category,
      typeName: type.name,
      referenceName: field.referenceName,
      fieldName: resolution.name,
    });
  }

  let groupShown = false;
  let strayGroups = 0;
  const page = detailsPage(type);
  for (const group of desired.groups) {
    const visible = group.category === category;
    const placed = type.groups.find((g) => same(g.contributionId, group.contributionId));
    if (placed) {
      if (placed.visible && visible) groupShown = true;
      if (placed.visible && !visible) strayGroups++;
      if (placed.visible === visible) continue;
      typeSteps.push({
        kind: "setFormGroupVisibility",
        id: `group-visibility:${category}:${group.contributionId}`,
        title: `${visible ? "Show" : "Hide"} the group "${group.label}" on ${type.name}`,
        reason: visible
          ? `"${group.label}" belongs on the ${type.name} form but is hidden.`
          : `"${group.label}" belongs to ${CATEGORY_NAMES[group.category]} work items, not to ${type.name}.`,
        category,
        typeName: type.name,
        contributionId: group.contributionId,
        label: group.label,
        groupId: placed.id,
        pageId: placed.pageId,
        sectionId: placed.sectionId,
        visible,
      });
      continue;
    }
    if (!page) {
      warnings.push(`${type.name} has no page for groups, so "${group.label}" cannot be placed on its form.`);
      continue;
    }
    const sectionId = page.sectionIds.includes(SECTION_FOR_GROUPS) ? SECTION_FOR_GROUPS : page.sectionIds[page.sectionIds.length - 1];
    typeSteps.push({
      kind: "addFormGroup",
      id: `group:${category}:${group.contributionId}`,
      title: visible ? `Place the group "${group.label}" on the ${type.name} form` : `Add the group "${group.label}" to ${type.name}, hidden`,
      reason: visible
        ? `The ${type.name} form does not show "${group.label}".`
        : `Azure DevOps shows every contributed group on every form until it is hidden; "${group.label}" belongs to ${CATEGORY_NAMES[group.category]} work items.`,
      category,
      typeName: type.name,
      contributionId: group.contributionId,
      label: group.label,
      visible,
      ...(group.height !== undefined ? { height: group.height } : {}),
      pageId: page.id,
      sectionId,
    });
  }

  if (typeSteps.length > 0 && type.customisation === "system") {
    steps.push({
      kind: "deriveType",
      id: `derive:${category}`,
      title: `Make ${type.name} customisable in this process`,
      reason: `${type.name} is still the system type; Azure DevOps changes the process's own copy of it (an inherited type).`,
      category,
      typeName: type.name,
      typeReferenceName: type.referenceName,
    });
  }
  steps.push(...typeSteps);
  return { category, typeName: type.name, fieldsWanted: wanted.length, fieldsPresent: present, groupShown, strayGroups };
}

/** Why a system process cannot take the MHHS fields, and what to do instead. */
export function systemProcessMessage(processName: string): string {
  return `This project uses the system process "${processName}", which cannot be changed. Create an inherited process from it (it can be changed), move the project to that process, then check again.`;
}

/**
 * The steps that bring a process from `state` to `desired`, in the order they can run:
 * picklists and fields of the organization first, then per category the type's own copy, its
 * fields and its form groups. Nothing is ever removed (other processes and work items may use
 * what is there), so values beyond the programme's lists stay.
 */
export function planProcessSetup(desired: DesiredSetup, state: ProcessState): ProcessPlan {
  const steps: SetupStep[] = [];
  const warnings: string[] = [];
  const blockers: string[] = [];
  if (state.process.kind === "system") blockers.push(systemProcessMessage(state.process.name));

  const used = desired.fields.filter((field) => field.on.some((category) => state.types[category] !== undefined));
  const resolved = new Map<string, FieldResolution>();
  for (const field of used) resolved.set(field.referenceName, planField(field, state, steps, warnings));

  const types: TypeSummary[] = [];
  for (const category of SETUP_CATEGORIES) {
    const type = state.types[category];
    const needed = desired.fields.some((f) => f.on.includes(category)) || desired.groups.some((g) => g.category === category);
    if (!type) {
      if (needed) warnings.push(`This process has no work item type in the ${CATEGORY_NAMES[category]} category, so its MHHS fields and group cannot be added.`);
      continue;
    }
    types.push(planType(category, type, desired, resolved, steps, warnings));
  }
  return { canApply: blockers.length === 0, blockers, warnings, steps, types };
}

function clone(state: ProcessState): ProcessState {
  return JSON.parse(JSON.stringify(state)) as ProcessState;
}

/**
 * The state after the steps have run, as Azure DevOps would leave it (new ids are made up).
 * Used to show what Apply will change and to check that planning again finds nothing to do.
 */
export function simulateSetupSteps(state: ProcessState, steps: readonly SetupStep[]): ProcessState {
  const next = clone(state);
  const fields = next.fields as OrganisationField[];
  const picklists = next.picklists as ProcessPicklist[];
  let counter = 0;
  const newId = (what: string) => `new-${what}-${++counter}`;
  for (const step of steps) {
    switch (step.kind) {
      case "createPicklist":
        picklists.push({ id: newId("list"), name: step.picklist, items: step.items.slice(), isSuggested: step.isSuggested });
        break;
      case "addPicklistItems": {
        const list = picklists.find((p) => p.id === step.picklistId);
        if (list) list.items = [...(list.items ?? []), ...step.items];
        break;
      }
      case "createField": {
        const picklistId = step.picklist ? (step.picklist.id ?? picklists.find((p) => same(p.name, step.picklist!.name))?.id) : undefined;
        fields.push({
          referenceName: step.referenceName,
          name: step.name,
          type: step.type === "picklistString" ? "string" : step.type,
          isPicklist: step.type === "picklistString",
          ...(picklistId ? { picklistId } : {}),
        });
        break;
      }
      case "deriveType": {
        const type = next.types[step.category];
        if (type) {
          type.customisation = "inherited";
          type.referenceName = `${referenceNameFragment(next.process.name)}.${referenceNameFragment(type.name)}`;
        }
        break;
      }
      case "addFieldToType": {
        const type = next.types[step.category];
        if (type) type.fields = [...type.fields, step.referenceName];
        break;
      }
      case "addFormGroup": {
        const type = next.types[step.category];
        if (type) {
          type.groups = [
            ...type.groups,
            { id: newId("group"), label: step.label, visible: step.visible, pageId: step.pageId, sectionId: step.sectionId, contributionId: step.contributionId },
          ];
        }
        break;
      }
      case "setFormGroupVisibility": {
        const type = next.types[step.category];
        if (type) type.groups = type.groups.map((g) => (g.id === step.groupId ? { ...g, visible: step.visible } : g));
        break;
      }
    }
  }
  return next;
}

/** Steps by where they act: the organization (fields and picklists) or a work item type. */
export function groupStepsByTarget(steps: readonly SetupStep[]): { target: string; steps: SetupStep[] }[] {
  const groups = new Map<string, SetupStep[]>();
  for (const step of steps) {
    const target = "typeName" in step ? step.typeName : "Organization fields and picklists";
    groups.set(target, [...(groups.get(target) ?? []), step]);
  }
  return Array.from(groups, ([target, list]) => ({ target, steps: list }));
}
