// Work-off plans are HTML, which Analytics does not hold and neither API can count: both sources
// find the defects whose plan is not empty with one WIQL query and batch-read just those, so the
// cost grows with the plans written, not with the programme.

import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import { hasWorkOffPlan } from "../../domain/defects";
import type { AdoConnection } from "../clients";
import { FIELD } from "../fields";
import { and, eq, inList, isNotEmpty, notInList, select, WiqlCondition, WiqlMacro } from "../wiql";
import { queryIds, readWorkItems } from "../workItems";
import { CountAccumulator, dimensionValues, filterFields, matchesWorkItemFilter, serverFilterFields, text, workItemGetter } from "./shared";
import type { Counts, WorkItemFilter } from "./types";

/** The bugs (of the given types, within the filter where the server can apply it) whose work-off plan is not empty, with `fields`. */
export async function readDefectsWithWorkOffPlans(
  connection: AdoConnection,
  bugTypes: readonly string[],
  fields: readonly string[],
  filter?: WorkItemFilter,
): Promise<WorkItem[]> {
  if (bugTypes.length === 0) return [];
  const conditions: WiqlCondition[] = [eq(FIELD.teamProject, WiqlMacro.project), inList(FIELD.workItemType, [...bugTypes]), isNotEmpty(FIELD.workOffPlan)];
  for (const { field, value } of serverFilterFields("defects", filter)) conditions.push(eq(field, value));
  if (filter?.states) conditions.push(inList(FIELD.state, [...filter.states]));
  if (filter?.excludeStates?.length) conditions.push(notInList(FIELD.state, [...filter.excludeStates]));
  const ids = await queryIds(connection, select(FIELD.id).where(and(...conditions)));
  return (await readWorkItems(connection, ids, [...new Set([FIELD.workOffPlan, ...fields])])).items;
}

/** Defects in the filter with a written work-off plan (visible text, as the domain judges it), by severity. */
export async function countWrittenWorkOffPlans(connection: AdoConnection, bugTypes: readonly string[], filter: WorkItemFilter): Promise<Counts<"severity">> {
  const accumulator = new CountAccumulator<"severity">(["severity"]);
  const fields = [FIELD.severity, ...filterFields("defects", filter)];
  for (const item of await readDefectsWithWorkOffPlans(connection, bugTypes, fields, filter)) {
    const get = workItemGetter(item);
    if (!matchesWorkItemFilter("defects", filter, get) || !hasWorkOffPlan(text(get(FIELD.workOffPlan)))) continue;
    accumulator.add([dimensionValues("defects", "severity", get)], 1);
  }
  return accumulator.result();
}
