import * as React from "react";
import type { ProgressFigures } from "../../../domain/progress";
import { BarChart } from "../../../ui/charts/BarChart";
import { count, plural, rate } from "../shared/format";
import { rowsThatFit } from "../shared/layout";
import type { WidgetDefinition, WidgetViewContext } from "../shared/Widget";
import { loadStageProgress, StageProgressFigures } from "./figures";

/** Height of one category's pair of bars, and of the axis and legend. */
const BAR_ROW = 26;
const CHART_CHROME = 44;
const SUMMARY = 24;
const FOOTNOTE = 16;

function applicable(figures: ProgressFigures): number {
  return figures.planned - figures.notApplicable;
}

function Headline(props: { total: ProgressFigures; wide: boolean }): JSX.Element {
  const { total } = props;
  return (
    <div>
      <div className="mhhs-headline">
        <div className="mhhs-headline-figure">
          <span className="mhhs-headline-value" data-figure="execution-rate">
            {rate(total.executionRate)}
          </span>
          <span className="mhhs-headline-label">executed</span>
        </div>
        {props.wide && (
          <div className="mhhs-headline-figure">
            <span className="mhhs-headline-value" data-figure="pass-rate">
              {rate(total.passRate)}
            </span>
            <span className="mhhs-headline-label">pass rate</span>
          </div>
        )}
      </div>
      {props.wide ? (
        <div className="mhhs-widget-footnote" data-figure="run">
          {count(total.run)} of {plural(applicable(total), "applicable point")} run
        </div>
      ) : (
        <div className="mhhs-widget-footnote" title={`${count(total.run)} of ${plural(applicable(total), "applicable point")} run`}>
          Pass rate <span data-figure="pass-rate">{rate(total.passRate)}</span>
        </div>
      )}
    </div>
  );
}

function Bars(props: { figures: StageProgressFigures; context: WidgetViewContext }): JSX.Element {
  const { figures, context } = props;
  const { total, bars } = figures;
  const chartHeight = Math.max(60, context.layout.bodyHeight - SUMMARY - FOOTNOTE);
  const fit = rowsThatFit(chartHeight - CHART_CHROME, BAR_ROW);
  // When not every group fits, the least executed are the ones a test manager needs to see.
  const shown = bars.length <= fit ? bars : bars.slice().sort((a, b) => (a.figures.executionRate ?? -1) - (b.figures.executionRate ?? -1)).slice(0, fit);
  const what = figures.groupBy === "participant" ? "participant" : "role";
  return (
    <div>
      <div className="mhhs-widget-footnote" style={{ height: SUMMARY }}>
        Executed <strong data-figure="execution-rate">{rate(total.executionRate)}</strong> · pass rate <strong data-figure="pass-rate">{rate(total.passRate)}</strong> ·{" "}
        <span data-figure="run">
          {count(total.run)} of {count(applicable(total))} run
        </span>
      </div>
      {bars.length === 0 ? (
        <p className="mhhs-widget-footnote">No test points match these filters.</p>
      ) : (
        <BarChart
          title={`Execution and pass rate by ${what}`}
          categories={shown.map((b) => b.key)}
          series={[
            { label: "Executed %", values: shown.map((b) => b.figures.executionRate ?? 0), tone: "info" },
            { label: "Pass rate %", values: shown.map((b) => b.figures.passRate ?? 0), tone: "good" },
          ]}
          orientation="horizontal"
          max={100}
          formatValue={(v) => `${Math.round(v * 10) / 10}%`}
          height={chartHeight}
        />
      )}
      <div className="mhhs-widget-footnote" style={{ height: FOOTNOTE }}>
        {bars.length > shown.length ? `The ${shown.length} least executed of ${plural(bars.length, what)}; all in the programme hub.` : `${plural(bars.length, what)}`}
      </div>
    </div>
  );
}

export const stageProgress: WidgetDefinition<StageProgressFigures> = {
  kind: "stage-progress",
  catalogueName: "MHHS stage progress",
  title: (settings) => `${settings.stage ?? "Stage"} progress`,
  pivot: "overview",
  load: loadStageProgress,
  render(figures, context) {
    return context.layout.mode === "headline" ? <Headline total={figures.total} wide={context.layout.bodyWidth >= 280} /> : <Bars figures={figures} context={context} />;
  },
};
