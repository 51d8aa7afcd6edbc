import * as React from "react";
import { round1 } from "../../../domain/groupKeys";
import { EXIT_METRICS, ExitMetric } from "../../../domain/exitCriteria";
import { RagBadge } from "../../../ui/RagBadge";
import { plural } from "../shared/format";
import { rowsThatFit } from "../shared/layout";
import type { WidgetDefinition, WidgetViewContext } from "../shared/Widget";
import { ExitFigures, loadExitCriteria } from "./figures";

const ROW = 22;
const SUMMARY = 22;

function figure(metric: string, value: number | null): string {
  if (value === null) return "–";
  const info = EXIT_METRICS[metric as ExitMetric];
  return info?.percent ? `${round1(value)}%` : String(round1(value));
}

const OP_TEXT: Readonly<Record<string, string>> = { ">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<" };

function target(metric: string, op: string, value: number | null): string {
  return value === null ? "" : `${OP_TEXT[op] ?? op} ${figure(metric, value)}`;
}

function tally(figures: ExitFigures): string {
  const counts = { red: 0, amber: 0, green: 0 };
  for (const result of figures.results) if (result.rag) counts[result.rag]++;
  return (["red", "amber", "green"] as const)
    .filter((rag) => counts[rag] > 0)
    .map((rag) => `${counts[rag]} ${rag}`)
    .join(" · ");
}

function Headline(props: { figures: ExitFigures }): JSX.Element {
  const { figures } = props;
  return (
    <div>
      <div className="mhhs-headline" data-figure="overall">
        {figures.overall ? <RagBadge rag={figures.overall} className="mhhs-headline-value mhhs-small" detail="overall exit position" /> : <RagBadge rag="noData" detail="no criteria judged" />}
      </div>
      <div className="mhhs-widget-footnote" data-figure="tally">
        {tally(figures) || "No criteria judged"}
      </div>
      {figures.unavailable > 0 && <div className="mhhs-widget-footnote">{plural(figures.unavailable, "criterion", "criteria")} in the hub only</div>}
    </div>
  );
}

function CriteriaList(props: { figures: ExitFigures; context: WidgetViewContext }): JSX.Element {
  const { figures, context } = props;
  const fit = rowsThatFit(context.layout.bodyHeight - SUMMARY - ROW, ROW);
  const shown = figures.results.length <= fit + 1 ? figures.results : figures.results.slice(0, fit);
  return (
    <div>
      <div className="mhhs-widget-footnote" style={{ height: SUMMARY }}>
        <span data-figure="overall">Overall {figures.overall ?? "not judged"}</span> · <span data-figure="tally">{tally(figures) || "none judged"}</span>
      </div>
      <ul className="mhhs-widget-list" aria-label="Exit criteria">
        {shown.map((result) => (
          <li key={result.id} title={result.sentence} data-criterion={result.id}>
            <RagBadge rag={result.rag ?? "noData"} label={result.rag ? undefined : "n/a"} detail={result.rag ? undefined : "not available in the widget"} />
            <span className="mhhs-item-label">{result.label}</span>
            <span className="mhhs-item-figure" data-figure="actual">
              {result.available ? figure(String(result.metric), result.actual) : "hub"}
            </span>
            {result.available && <span className="mhhs-item-figure mhhs-headline-label">{target(String(result.metric), String(result.op), result.target)}</span>}
            <span className="mhhs-visually-hidden">{result.sentence}</span>
          </li>
        ))}
      </ul>
      {shown.length < figures.results.length && (
        <div className="mhhs-widget-footnote">{plural(figures.results.length - shown.length, "more criterion", "more criteria")} in the programme hub</div>
      )}
    </div>
  );
}

export const exitCriteria: WidgetDefinition<ExitFigures> = {
  kind: "exit-criteria",
  catalogueName: "MHHS exit criteria",
  title: (settings) => `${settings.stage ?? "Stage"} exit criteria`,
  pivot: "exit",
  load: loadExitCriteria,
  render(figures, context) {
    if (figures.results.length === 0) return <p className="mhhs-widget-footnote">{figures.sentence}</p>;
    return context.layout.mode === "headline" ? <Headline figures={figures} /> : <CriteriaList figures={figures} context={context} />;
  },
};
