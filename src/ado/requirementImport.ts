// RTTM rows into requirement work items: a dry run that finds which requirements exist already (by
// the programme's requirement id, Custom.MhhsRequirementId) and which test cases the rows name (by
// Custom.MhhsTestCaseId), then the writes with bounded parallelism. Existing requirements are
// updated, never duplicated, and a link that is there already is not added again, so running the
// same file twice changes nothing the second time. Throttling (429 with Retry-After) is retried by
// the transport; a row that still fails is reported and the others go on.

import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import type { RttmRequirement } from "../domain/rttm";
import { requirementKey } from "../domain/rttm";
import type { AdoConnection } from "./clients";
import { describeFailure, failureMessage } from "./errors";
import { FIELD, joinMultiValue } from "./fields";
import { and, eq, inList, select, WiqlMacro } from "./wiql";
import { createWorkItem, LINK_TYPES, queryIds, readWorkItems, relationTo, updateWorkItem } from "./workItems";
import { resolveWorkItemTypes, typeFor } from "./workItemTypes";

const DESCRIPTION = "System.Description";
/** Values per WIQL IN list, so each query stays well under the service's query length limit. */
const IDS_PER_QUERY = 100;

const REQUIREMENT_FIELDS = [
  FIELD.requirementId,
  FIELD.title,
  FIELD.requirementType,
  FIELD.roles,
  FIELD.marketRole,
  FIELD.stagesInScope,
  FIELD.testStage,
  FIELD.designReferences,
  FIELD.designRelease,
  DESCRIPTION,
];

export type RequirementAction = "create" | "update" | "unchanged";

export interface PlannedRequirement {
  requirement: RttmRequirement;
  action: RequirementAction;
  /** The existing work item, for updates. */
  workItemId?: number;
  rev?: number;
  /** Values to write: every field for a new requirement, only the changed ones for an existing one. */
  fields: Record<string, unknown>;
  /** Work item ids of test cases to link with Tested By (not linked yet). */
  linksToAdd: number[];
  /** Programme test case ids that match no test case of the project. */
  unknownTestCases: string[];
}

export interface RequirementImportPlan {
  rows: PlannedRequirement[];
  /** The work item type new requirements are created as (User Story, Product Backlog Item, ...). */
  requirementType: string;
  counts: Record<RequirementAction, number>;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, "<br>");
}

/** The values a requirement row writes; blank optional columns leave what is stored alone. */
export function requirementFields(requirement: RttmRequirement): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    [FIELD.title]: requirement.title,
    [FIELD.requirementId]: requirement.requirementId,
    [FIELD.requirementType]: requirement.requirementType,
    [FIELD.roles]: joinMultiValue(requirement.roles),
    [FIELD.marketRole]: requirement.roles[0],
    [FIELD.stagesInScope]: joinMultiValue(requirement.stages),
    [FIELD.testStage]: requirement.stages[0],
  };
  if (requirement.designReferences) fields[FIELD.designReferences] = requirement.designReferences;
  if (requirement.designRelease) fields[FIELD.designRelease] = requirement.designRelease;
  if (requirement.description) fields[DESCRIPTION] = `<p>${escapeHtml(requirement.description)}</p>`;
  return fields;
}

function text(value: unknown): string {
  return value === undefined || value === null ? "" : String(value).trim();
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function missingFieldMessage(error: unknown, field: string): Error {
  const { message } = describeFailure(error);
  if (message && message.toLowerCase().includes(field.toLowerCase())) {
    return new Error(`This project has no field ${field} yet: run "Apply" on the Process set-up tab first, then try the import again`);
  }
  return error instanceof Error ? error : new Error(failureMessage(error));
}

/** Work items whose text field holds one of the values (compared case-insensitively), read with the given fields. */
async function findByField(
  connection: AdoConnection,
  field: string,
  values: readonly string[],
  fields: readonly string[],
  options: { relations?: boolean } = {},
): Promise<WorkItem[]> {
  const unique = Array.from(new Set(values.map((v) => v.trim()).filter((v) => v !== "")));
  const ids: number[] = [];
  try {
    for (const part of chunks(unique, IDS_PER_QUERY)) {
      const query = select(FIELD.id).where(and(eq(FIELD.teamProject, WiqlMacro.project), inList(field, part)));
      ids.push(...(await queryIds(connection, query)));
    }
  } catch (error) {
    throw missingFieldMessage(error, field);
  }
  if (ids.length === 0) return [];
  return (await readWorkItems(connection, ids, fields, { expandRelations: options.relations })).items;
}

function linkedTestCaseIds(item: WorkItem): Set<number> {
  const linked = new Set<number>();
  for (const relation of item.relations ?? []) {
    if (relation.rel !== LINK_TYPES.testedBy) continue;
    const id = Number(/\/workItems\/(\d+)$/i.exec(relation.url ?? "")?.[1]);
    if (Number.isInteger(id)) linked.add(id);
  }
  return linked;
}

/** Compares what a row writes with what is stored: only the differences are written. */
function changedFields(wanted: Record<string, unknown>, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wanted)) {
    if (text(value) !== text(stored?.[name])) changed[name] = value;
  }
  return changed;
}

/**
 * The dry run: for each valid RTTM row, whether it creates a requirement, updates one or
 * changes nothing, what it writes and which links it adds. Reads only.
 */
export async function planRequirementImport(connection: AdoConnection, requirements: readonly RttmRequirement[]): Promise<RequirementImportPlan> {
  const types = await resolveWorkItemTypes(connection);
  const requirementType = typeFor(types, "requirement");
  const existing = await findByField(
    connection,
    FIELD.requirementId,
    requirements.map((r) => r.requirementId),
    REQUIREMENT_FIELDS,
    { relations: true },
  );
  const byRequirementId = new Map<string, WorkItem>();
  for (const item of existing.sort((a, b) => a.id - b.id)) {
    const key = requirementKey(text(item.fields?.[FIELD.requirementId]));
    if (key && !byRequirementId.has(key)) byRequirementId.set(key, item);
  }
  const testCases = await findByField(
    connection,
    FIELD.testCaseId,
    requirements.flatMap((r) => r.testCaseIds),
    [FIELD.testCaseId],
  );
  const testCasesById = new Map<string, number[]>();
  for (const item of testCases) {
    const key = text(item.fields?.[FIELD.testCaseId]).toUpperCase();
    testCasesById.set(key, [...(testCasesById.get(key) ?? []), item.id].sort((a, b) => a - b));
  }

  const counts: Record<RequirementAction, number> = { create: 0, update: 0, unchanged: 0 };
  const rows = requirements.map((requirement): PlannedRequirement => {
    const current = byRequirementId.get(requirementKey(requirement.requirementId));
    const wanted = requirementFields(requirement);
    const unknownTestCases: string[] = [];
    const targets: number[] = [];
    for (const id of requirement.testCaseIds) {
      const found = testCasesById.get(id.toUpperCase());
      if (!found) unknownTestCases.push(id);
      else for (const workItemId of found) if (!targets.includes(workItemId)) targets.push(workItemId);
    }
    if (!current) {
      counts.create++;
      return { requirement, action: "create", fields: wanted, linksToAdd: targets, unknownTestCases };
    }
    const linked = linkedTestCaseIds(current);
    const linksToAdd = targets.filter((id) => !linked.has(id));
    const fields = changedFields(wanted, current.fields);
    const action: RequirementAction = Object.keys(fields).length === 0 && linksToAdd.length === 0 ? "unchanged" : "update";
    counts[action]++;
    return { requirement, action, workItemId: current.id, rev: current.rev, fields, linksToAdd, unknownTestCases };
  });
  return { rows, requirementType, counts };
}

export interface RequirementOutcome {
  row: number;
  requirementId: string;
  action: RequirementAction;
  status: "done" | "failed";
  workItemId?: number;
  message?: string;
}

export interface RequirementImportProgress {
  finished: number;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface RequirementImportRun {
  outcomes: RequirementOutcome[];
  progress: RequirementImportProgress;
}

/**
 * Writes the plan: creates and updates run with at most `connection.parallelism` in flight; a
 * row that fails is reported and the others go on. Unchanged rows cost no request.
 */
export async function runRequirementImport(
  connection: AdoConnection,
  plan: RequirementImportPlan,
  onProgress: (progress: RequirementImportProgress) => void = () => undefined,
): Promise<RequirementImportRun> {
  const progress: RequirementImportProgress = { finished: 0, total: plan.rows.length, created: 0, updated: 0, unchanged: 0, failed: 0 };
  const outcomes: RequirementOutcome[] = new Array(plan.rows.length);
  const finish = (index: number, outcome: RequirementOutcome) => {
    outcomes[index] = outcome;
    progress.finished++;
    if (outcome.status === "failed") progress.failed++;
    else if (outcome.action === "create") progress.created++;
    else if (outcome.action === "update") progress.updated++;
    else progress.unchanged++;
    onProgress({ ...progress });
  };

  const write = async (row: PlannedRequirement): Promise<number | undefined> => {
    const relations = await Promise.all(row.linksToAdd.map((id) => relationTo(connection, LINK_TYPES.testedBy, id)));
    if (row.action === "create") return (await createWorkItem(connection, plan.requirementType, row.fields, relations)).id;
    if (row.action === "update") return (await updateWorkItem(connection, row.workItemId!, row.rev!, row.fields, relations)).id;
    return row.workItemId;
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.rows.length) {
      const index = next++;
      const row = plan.rows[index];
      const base = { row: row.requirement.row, requirementId: row.requirement.requirementId, action: row.action };
      try {
        const workItemId = await write(row);
        finish(index, { ...base, status: "done", workItemId });
      } catch (error) {
        finish(index, { ...base, status: "failed", workItemId: row.workItemId, message: failureMessage(error) });
      }
    }
  };
  onProgress({ ...progress });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(connection.parallelism, plan.rows.length)) }, worker));
  return { outcomes, progress };
}
