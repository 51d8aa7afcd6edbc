// What the exit criteria widget loads: the stage's criteria and the defect rules, then only the
// figures its criteria are judged on: points by outcome, open defects by severity and raised day,
// the requirement coverage summary, and the open defects with written work-off plans.

import type { WidgetData } from "../../../ado/widgetData";
import { CountedExitEvaluation, evaluateExitCriteriaFromCounts, exitMetricsFromCounts, METRICS_NEEDING_COVERAGE, METRICS_NEEDING_WORK_OFF_PLANS } from "../../../domain/countFigures";
import type { ExitMetric } from "../../../domain/exitCriteria";
import type { WidgetSettings } from "../../../domain/widgetSettings";
import { pointFilterOf, workItemFilterOf } from "../shared/filters";

export type ExitFigures = CountedExitEvaluation;

const POINT_METRICS: ReadonlySet<string> = new Set<ExitMetric>(["executionRate", "passRate", "failedPoints", "blockedPoints"]);
const DEFECT_METRICS: ReadonlySet<string> = new Set<ExitMetric>(["openDefects", "slaBreaches", "openDefectsWithoutWorkOffPlan"]);

export async function loadExitCriteria(data: WidgetData, settings: WidgetSettings): Promise<ExitFigures> {
  const stage = settings.stage as string;
  const [criteria, rules] = await Promise.all([data.exitCriteria(stage), data.defectRules()]);
  const metrics = criteria.map((c) => c?.metric as ExitMetric);
  const needs = (set: ReadonlySet<string>) => metrics.some((m) => set.has(m));
  const [outcomes, openDefects, withWorkOffPlan, coverage] = await Promise.all([
    needs(POINT_METRICS) ? data.countTestPoints({ by: ["outcome"], filter: pointFilterOf(settings) }) : undefined,
    needs(DEFECT_METRICS) ? data.countOpenDefectsByRaisedDay(["severity"], workItemFilterOf(settings)) : undefined,
    needs(METRICS_NEEDING_WORK_OFF_PLANS) ? data.countOpenDefectsWithWorkOffPlan(workItemFilterOf(settings)) : undefined,
    needs(METRICS_NEEDING_COVERAGE) ? data.requirementCoverage(pointFilterOf(settings)) : undefined,
  ]);
  const computed = exitMetricsFromCounts({
    outcomes: outcomes?.rows ?? [],
    openDefects: openDefects?.rows ?? [],
    openWithWorkOffPlan: withWorkOffPlan?.rows,
    coverage,
    asOf: data.today(),
    rules,
  });
  return evaluateExitCriteriaFromCounts(criteria, computed, { workOffPlans: withWorkOffPlan !== undefined });
}
