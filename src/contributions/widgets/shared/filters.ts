import type { PointFilter, WorkItemFilter } from "../../../ado/dataSources";
import type { WidgetSettings } from "../../../domain/widgetSettings";

/** The widget's filters as a test point filter (only the values set). */
export function pointFilterOf(settings: WidgetSettings): PointFilter {
  const filter: PointFilter = {};
  if (settings.stage) filter.stage = settings.stage;
  if (settings.cycle) filter.cycle = settings.cycle;
  if (settings.role) filter.role = settings.role;
  if (settings.participant) filter.participant = settings.participant;
  return filter;
}

/** The widget's filters as a work item filter (only the values set). */
export function workItemFilterOf(settings: WidgetSettings): WorkItemFilter {
  return { ...pointFilterOf(settings) };
}
