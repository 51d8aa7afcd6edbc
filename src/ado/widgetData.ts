// What the dashboard widgets read: the data source's aggregates (countTestPoints, countWorkItems),
// open defects counted by the day they were raised (for SLA breaches), and the configuration
// documents the figures depend on. Nothing here reads work items one by one while Analytics
// answers; the widgets' figures take at most three aggregate requests.

import type { Catalogues } from "../domain/catalogues";
import { keyValue } from "../domain/groupKeys";
import { DefectRules, resolveDefectRules } from "../domain/defects";
import { ExitCriterion, exitCriteriaForStage } from "../domain/exitCriteria";
import type { Participant } from "../domain/model";
import type { AdoConnection } from "./clients";
import { ConfigStore, EXIT_CRITERIA, loadCatalogues, PARTICIPANT_REGISTER, SLA_TARGETS } from "./configStore";
import { analyticsProperty, chooseDataSource, isAnalyticsUnavailable } from "./dataSources";
import type { Counts, PointCountQuery, PointDimension, ProgrammeDataSource, WorkItemCountQuery, WorkItemDimension, WorkItemFilter } from "./dataSources";
import { CountAccumulator, dimensionFields, dimensionValues, matchesWorkItemFilter, serverFilterFields, subjectTypes } from "./dataSources/shared";
import { analyticsRoot, odataAnd, odataEq, odataIn, odataNot, odataQueryString, readAllPages } from "./odata";
import { resolveWorkItemTypes } from "./workItemTypes";

/** Attributes open defects are counted by alongside the day they were raised. */
export type RaisedDayDimension = "severity" | "role" | "participant" | "stage";
export type RaisedDayCountDimension = RaisedDayDimension | "raisedDay";

export interface WidgetData {
  countTestPoints(query: PointCountQuery): Promise<Counts<PointDimension>>;
  countWorkItems(query: WorkItemCountQuery): Promise<Counts<WorkItemDimension>>;
  /** Open defects (not in the configured closed states) by attributes and raisedDay, the ISO date each was raised. */
  countOpenDefectsByRaisedDay(by: readonly RaisedDayDimension[], filter: Omit<WorkItemFilter, "states" | "excludeStates">): Promise<Counts<RaisedDayCountDimension>>;
  /** The SLA targets and defect rules in force (the project's, over the defaults). */
  defectRules(): Promise<DefectRules>;
  /** The exit criteria of a stage (configured, else the defaults). */
  exitCriteria(stage: string): Promise<readonly ExitCriterion[]>;
  participants(): Promise<Participant[]>;
  catalogues(): Promise<Catalogues>;
  /** Today, as an ISO date: the day defect ages are measured to. */
  today(): string;
}

const ISO_DAY = (dateKey: unknown): string | undefined => {
  const digits = String(dateKey ?? "");
  return /^\d{8}$/.test(digits) ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : undefined;
};

/**
 * Open defects by attributes and raised day. The data sources count by attributes but not by a
 * date, so this asks Analytics for one aggregate grouped by CreatedDateSK as well; where Analytics
 * is missing or denied it reads the defects through the data source (REST reads every defect then,
 * as REST counting does anyway).
 */
async function countOpenDefectsByRaisedDay(
  connection: AdoConnection,
  source: ProgrammeDataSource,
  closedStates: readonly string[],
  by: readonly RaisedDayDimension[],
  filter: Omit<WorkItemFilter, "states" | "excludeStates">,
): Promise<Counts<RaisedDayCountDimension>> {
  const dimensions: RaisedDayCountDimension[] = [...by, "raisedDay"];
  const accumulator = new CountAccumulator<RaisedDayCountDimension>(dimensions);
  const scope: WorkItemFilter = { ...filter, excludeStates: closedStates };
  if (source.kind === "analytics") {
    try {
      const types = subjectTypes(await resolveWorkItemTypes(connection), "defects");
      if (types.length === 0) return accumulator.result();
      const fields = [...new Set([...by.flatMap((d) => dimensionFields("defects", d)), ...serverFilterFields("defects", scope).map((f) => f.field)])];
      const paths = [...fields.map(analyticsProperty), "State", "CreatedDateSK"];
      const condition = odataAnd(
        odataIn("WorkItemType", types),
        ...serverFilterFields("defects", scope).map(({ field, value }) => odataEq(analyticsProperty(field), value)),
        ...(closedStates.length ? [odataNot(odataIn("State", [...closedStates]))] : []),
      );
      const { rows } = await readAllPages<Record<string, unknown>>(connection, await analyticsRoot(connection), "WorkItems", odataQueryString({ groupBy: { filter: condition, paths } }));
      for (const row of rows) {
        const get = (referenceName: string) => row[analyticsProperty(referenceName)];
        if (!matchesWorkItemFilter("defects", scope, get)) continue;
        accumulator.add([...by.map((d) => dimensionValues("defects", d, get)), [keyValue(ISO_DAY(row.CreatedDateSK))]], Number(row.Count));
      }
      return accumulator.result();
    } catch (error) {
      if (!isAnalyticsUnavailable(error)) throw error;
    }
  }
  const closed = new Set(closedStates.map((s) => s.trim().toLowerCase()));
  for (const defect of await source.defects()) {
    if (closed.has(defect.state.trim().toLowerCase())) continue;
    const values: Record<RaisedDayDimension, string | undefined> = { severity: defect.severity, role: defect.role, participant: defect.participant, stage: defect.stage };
    let inScope = true;
    for (const key of ["stage", "cycle", "role", "participant", "severity"] as const) {
      const wanted = filter[key];
      const actual = key === "cycle" ? defect.cycle : values[key];
      if (wanted !== undefined && (actual ?? "").trim().toUpperCase() !== wanted.trim().toUpperCase()) inScope = false;
    }
    if (!inScope) continue;
    accumulator.add([...by.map((d) => [keyValue(values[d])]), [keyValue(defect.createdDate ? defect.createdDate.slice(0, 10) : undefined)]], 1);
  }
  return accumulator.result();
}

/** The widgets' reads over a connection; configuration documents are read once per frame. */
export function widgetData(connection: AdoConnection, options: { source?: ProgrammeDataSource; today?: () => string } = {}): WidgetData {
  const source = options.source ?? chooseDataSource(connection);
  const store = new ConfigStore(connection.documents);
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => {
      pending ??= load();
      pending.catch(() => (pending = undefined));
      return pending;
    };
  };
  const rules = once(async () => resolveDefectRules((await store.load(SLA_TARGETS)).data));
  const criteria = once(async () => (await store.load(EXIT_CRITERIA)).data.byStage);
  const participants = once(async () => (await store.load(PARTICIPANT_REGISTER)).data.participants ?? []);
  const catalogues = once(() => loadCatalogues(store));
  return {
    countTestPoints: (query) => source.countTestPoints(query),
    countWorkItems: (query) => source.countWorkItems(query),
    async countOpenDefectsByRaisedDay(by, filter) {
      return countOpenDefectsByRaisedDay(connection, source, (await rules()).closedStates, by, filter);
    },
    defectRules: rules,
    exitCriteria: async (stage) => exitCriteriaForStage(stage, await criteria()),
    participants,
    catalogues,
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
}
