// What both data sources read before their first query, once per data source: the project's work
// item types by category and the plan-to-stage mapping document.

import type { AdoConnection } from "../clients";
import { ConfigStore, PLAN_STAGE_MAPPING } from "../configStore";
import { resolveWorkItemTypes, WorkItemTypes } from "../workItemTypes";
import { StageMapping } from "./shared";

export class SourceContext {
  private types?: Promise<WorkItemTypes>;
  private mapping?: Promise<StageMapping>;

  constructor(private readonly connection: AdoConnection) {}

  workItemTypes(): Promise<WorkItemTypes> {
    this.types ??= resolveWorkItemTypes(this.connection);
    return this.types;
  }

  /** The plan-to-stage mapping; entries without a plan id and a stage are left out, a missing document maps no plan. */
  stageMapping(): Promise<StageMapping> {
    this.mapping ??= new ConfigStore(this.connection.documents)
      .load(PLAN_STAGE_MAPPING)
      .then((loaded) => new StageMapping((loaded.data.plans ?? []).filter((p) => Number.isInteger(p?.planId) && typeof p.stage === "string" && p.stage !== "")));
    this.mapping.catch(() => (this.mapping = undefined));
    return this.mapping;
  }
}

/** Days from `from` to `to` (ISO dates, inclusive). */
export function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError(`The days "${from}" to "${to}" must be two ISO dates (yyyy-mm-dd)`);
  const days: string[] = [];
  for (let t = start; t <= end; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** yyyymmdd, the Analytics date key of an ISO date. */
export function dateKey(day: string): number {
  return Number(day.replace(/-/g, ""));
}
