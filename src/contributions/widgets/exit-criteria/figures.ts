// What the exit criteria widget loads: the stage's criteria and the defect rules, then only the
// counts its criteria are judged on (points by outcome, open defects by severity and raised day),
// at most two aggregate requests.

import type { WidgetData } from "../../../ado/widgetData";
import { CountedExitEvaluation, evaluateExitCriteriaFromCounts, exitMetricsFromCounts } from "../../../domain/countFigures";
import type { ExitMetric } from "../../../domain/exitCriteria";
import type { WidgetSettings } from "../../../domain/widgetSettings";
import { pointFilterOf, workItemFilterOf } from "../shared/filters";

export type ExitFigures = CountedExitEvaluation;

const POINT_METRICS: ReadonlySet<string> = new Set<ExitMetric>(["executionRate", "passRate", "failedPoints", "blockedPoints"]);
const DEFECT_METRICS: ReadonlySet<string> = new Set<ExitMetric>(["openDefects", "slaBreaches"]);

export async function loadExitCriteria(data: WidgetData, settings: WidgetSettings): Promise<ExitFigures> {
  const stage = settings.stage as string;
  const [criteria, rules] = await Promise.all([data.exitCriteria(stage), data.defectRules()]);
  const metrics = criteria.map((c) => c?.metric as string);
  const [outcomes, openDefects] = await Promise.all([
    metrics.some((m) => POINT_METRICS.has(m)) ? data.countTestPoints({ by: ["outcome"], filter: pointFilterOf(settings) }) : undefined,
    metrics.some((m) => DEFECT_METRICS.has(m)) ? data.countOpenDefectsByRaisedDay(["severity"], workItemFilterOf(settings)) : undefined,
  ]);
  const computed = exitMetricsFromCounts({ outcomes: outcomes?.rows ?? [], openDefects: openDefects?.rows ?? [], asOf: data.today(), rules });
  return evaluateExitCriteriaFromCounts(criteria, computed);
}
