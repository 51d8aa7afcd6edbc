// What the stage progress widget loads: test points of the stage counted by outcome (and by role
// or participant at the sizes that draw bars), one aggregate request.

import type { WidgetData } from "../../../ado/widgetData";
import { ProgressBar, progressByFromCounts, progressFromCounts } from "../../../domain/countFigures";
import type { ProgressFigures } from "../../../domain/progress";
import type { ProgressGrouping, WidgetSettings } from "../../../domain/widgetSettings";
import { pointFilterOf } from "../shared/filters";
import type { WidgetLayout } from "../shared/layout";

export interface StageProgressFigures {
  total: ProgressFigures;
  groupBy: ProgressGrouping;
  /** Empty at the headline sizes, which do not show bars. */
  bars: ProgressBar[];
}

export async function loadStageProgress(data: WidgetData, settings: WidgetSettings, layout: Pick<WidgetLayout, "mode">): Promise<StageProgressFigures> {
  const groupBy = settings.groupBy ?? "role";
  const filter = pointFilterOf(settings);
  if (layout.mode === "headline") {
    const counts = await data.countTestPoints({ by: ["outcome"], filter });
    return { total: progressFromCounts(counts.rows), groupBy, bars: [] };
  }
  const counts = await data.countTestPoints({ by: [groupBy, "outcome"], filter });
  return { total: progressFromCounts(counts.rows), groupBy, bars: progressByFromCounts(counts.rows, groupBy) };
}
