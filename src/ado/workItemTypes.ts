// Which work item types play the requirement, test case and bug parts in this project. The
// process decides the names (User Story in Agile, Product Backlog Item in Scrum, Requirement in
// CMMI, Issue in Basic); the categories of the project say which, so no name is assumed.

import type { WorkItemType, WorkItemTypeCategory } from "azure-devops-extension-api/WorkItemTracking";
import type { AdoConnection } from "./clients";
import type { WorkItemCategory } from "./fields";

export type ProcessTemplate = "Agile" | "Scrum" | "CMMI" | "Basic";

export const CATEGORY_REFERENCE_NAMES: Readonly<Record<WorkItemCategory, string>> = {
  requirement: "Microsoft.RequirementCategory",
  testCase: "Microsoft.TestCaseCategory",
  bug: "Microsoft.BugCategory",
};

/** The types of the system processes, for when the categories cannot be read. */
export const TYPES_BY_PROCESS: Readonly<Record<ProcessTemplate, Readonly<Record<WorkItemCategory, string | undefined>>>> = {
  Agile: { requirement: "User Story", testCase: "Test Case", bug: "Bug" },
  Scrum: { requirement: "Product Backlog Item", testCase: "Test Case", bug: "Bug" },
  CMMI: { requirement: "Requirement", testCase: "Test Case", bug: "Bug" },
  Basic: { requirement: "Issue", testCase: "Test Case", bug: undefined },
};

const CATEGORY_LABELS: Readonly<Record<WorkItemCategory, string>> = { requirement: "Requirement", testCase: "Test Case", bug: "Bug" };

export interface CategoryTypes {
  /** The type new work items of the category are created as. */
  defaultType: string;
  /** Every type in the category (for queries). */
  types: string[];
}

export interface WorkItemTypes {
  requirement?: CategoryTypes;
  testCase?: CategoryTypes;
  bug?: CategoryTypes;
  /** From the project's categories, or from the table of system processes. */
  source: "categories" | "process";
  process?: ProcessTemplate;
  /** One sentence per category the project has no type for. */
  problems: string[];
}

function missingMessage(category: WorkItemCategory, process: ProcessTemplate | undefined): string {
  if (category === "bug") {
    return `This project's process${process === "Basic" ? " (Basic)" : ""} has no Bug work item type, so defects cannot be logged: an administrator can add a type to the Bug category of the process, or move the project to a process based on Agile, Scrum or CMMI`;
  }
  return `This project's process has no work item type in the ${CATEGORY_LABELS[category]} category, so MHHS ${category === "testCase" ? "test cases" : "requirements"} cannot be read or created until an administrator adds one`;
}

/** The system process a set of type names comes from, judged by its requirement type. */
export function inferProcess(typeNames: readonly string[]): ProcessTemplate | undefined {
  const names = new Set(typeNames.map((name) => name.toLowerCase()));
  for (const process of ["Agile", "Scrum", "CMMI", "Basic"] as const) {
    if (names.has(TYPES_BY_PROCESS[process].requirement!.toLowerCase())) return process;
  }
  return undefined;
}

function fromCategories(categories: readonly WorkItemTypeCategory[], process: ProcessTemplate | undefined): WorkItemTypes {
  const resolved: WorkItemTypes = { source: "categories", process, problems: [] };
  for (const category of Object.keys(CATEGORY_REFERENCE_NAMES) as WorkItemCategory[]) {
    const found = categories.find((c) => c.referenceName?.toLowerCase() === CATEGORY_REFERENCE_NAMES[category].toLowerCase());
    const types = (found?.workItemTypes ?? []).map((t) => t.name).filter((name): name is string => Boolean(name));
    const defaultType = found?.defaultWorkItemType?.name || types[0];
    if (defaultType) resolved[category] = { defaultType, types: types.length ? types : [defaultType] };
    else resolved.problems.push(missingMessage(category, process));
  }
  return resolved;
}

function fromProcess(process: ProcessTemplate): WorkItemTypes {
  const resolved: WorkItemTypes = { source: "process", process, problems: [] };
  for (const category of Object.keys(CATEGORY_REFERENCE_NAMES) as WorkItemCategory[]) {
    const name = TYPES_BY_PROCESS[process][category];
    if (name) resolved[category] = { defaultType: name, types: [name] };
    else resolved.problems.push(missingMessage(category, process));
  }
  return resolved;
}

export interface ResolveOptions {
  /** The project's process, when known; used only if the categories cannot be read. */
  process?: ProcessTemplate;
}

async function resolve(connection: AdoConnection, options: ResolveOptions): Promise<WorkItemTypes> {
  const client = connection.workItemTracking;
  let types: WorkItemType[] | undefined;
  const readTypes = async () => {
    types ??= await client.getWorkItemTypes(connection.projectName).catch(() => []);
    return types;
  };
  let categories: WorkItemTypeCategory[] = [];
  let categoriesFailure: unknown;
  try {
    categories = (await client.getWorkItemTypeCategories(connection.projectName)) ?? [];
  } catch (error) {
    categoriesFailure = error;
  }
  if (categories.length > 0) {
    const resolved = fromCategories(categories, options.process);
    if (resolved.problems.length === 0 || resolved.process) return resolved;
    return fromCategories(categories, inferProcess((await readTypes()).map((t) => t.name)));
  }
  const process = options.process ?? inferProcess((await readTypes()).map((t) => t.name));
  if (process) return fromProcess(process);
  const why = categoriesFailure instanceof Error ? `: ${categoriesFailure.message}` : "";
  throw new Error(`Could not tell which work item types project "${connection.projectName}" uses for requirements, test cases and bugs${why}`);
}

const cache = new WeakMap<AdoConnection, Promise<WorkItemTypes>>();

/** The types per category for the connection's project; read once per connection. */
export function resolveWorkItemTypes(connection: AdoConnection, options: ResolveOptions = {}): Promise<WorkItemTypes> {
  const cached = cache.get(connection);
  if (cached) return cached;
  const pending = resolve(connection, options);
  cache.set(connection, pending);
  pending.catch(() => cache.delete(connection));
  return pending;
}

/** After the process has changed (the admin hub added a type): read the types again next time. */
export function forgetWorkItemTypes(connection: AdoConnection): void {
  cache.delete(connection);
}

/** The type to create work items of a category as; throws the clear message when the process has none. */
export function typeFor(types: WorkItemTypes, category: WorkItemCategory): string {
  const found = types[category];
  if (!found) throw new Error(missingMessage(category, types.process));
  return found.defaultType;
}
