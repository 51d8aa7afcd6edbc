// What the defects widget loads: the defect rules (closed states, SLA targets, exit-blocking
// severities) and open defects of the stage counted by severity, role and raised day, one
// aggregate request.

import type { WidgetData } from "../../../ado/widgetData";
import { DefectGrid, defectGridFromCounts } from "../../../domain/countFigures";
import type { WidgetSettings } from "../../../domain/widgetSettings";
import { workItemFilterOf } from "../shared/filters";

export interface DefectFigures {
  grid: DefectGrid;
  exitBlockingOnly: boolean;
}

export async function loadDefects(data: WidgetData, settings: WidgetSettings): Promise<DefectFigures> {
  const rules = await data.defectRules();
  const counts = await data.countOpenDefectsByRaisedDay(["severity", "role"], workItemFilterOf(settings));
  const exitBlockingOnly = settings.exitBlockingOnly === true;
  return { grid: defectGridFromCounts({ groups: counts.rows, asOf: data.today(), rules, exitBlockingOnly }), exitBlockingOnly };
}
