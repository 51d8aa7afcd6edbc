import * as React from "react";
import type { ParticipantPath } from "../../../domain/model";
import { BarChart } from "../../../ui/charts/BarChart";
import { RagBadge } from "../../../ui/RagBadge";
import { count, plural } from "../shared/format";
import { rowsThatFit } from "../shared/layout";
import type { WidgetDefinition, WidgetViewContext } from "../shared/Widget";
import { loadReadiness, ReadinessFigures } from "./figures";

const PATH_NAMES: Readonly<Record<ParticipantPath, string>> = { SIT: "SIT", QT: "Qualification Testing" };
const CHART = 64;
const RAG_ROW = 22;
const ROW = 22;
const TITLE = 28;
const FOOTNOTE = 16;

/** The counts by RAG; at the smallest size green is the headline figure already. */
function RagCounts(props: { figures: ReadinessFigures; withGreen?: boolean }): JSX.Element {
  const { byRag } = props.figures;
  const shown = props.withGreen === false ? (["red", "amber"] as const) : (["red", "amber", "green"] as const);
  return (
    <div className="mhhs-headline" data-figure="by-rag" style={{ height: RAG_ROW }}>
      {shown.map((rag) => (
        <RagBadge key={rag} rag={rag} label={`${count(byRag[rag])} ${rag}`} />
      ))}
    </div>
  );
}

function Headline(props: { figures: ReadinessFigures }): JSX.Element {
  const { figures } = props;
  const total = figures.participants.length;
  return (
    <div>
      <div className="mhhs-headline">
        <div className="mhhs-headline-figure">
          <span className="mhhs-headline-value" data-figure="ready">
            {count(figures.byRag.green)}
          </span>
          <span className="mhhs-headline-label">of {plural(total, "participant")} ready</span>
        </div>
      </div>
      <RagCounts figures={figures} withGreen={false} />
    </div>
  );
}

function Detail(props: { figures: ReadinessFigures; context: WidgetViewContext }): JSX.Element {
  const { figures, context } = props;
  const fit = rowsThatFit(context.layout.bodyHeight - RAG_ROW - CHART - TITLE - 2 * FOOTNOTE, ROW);
  const blockers = figures.topBlockers.slice(0, fit);
  return (
    <div>
      <RagCounts figures={figures} />
      <BarChart
        title={`${PATH_NAMES[figures.path]} participants by readiness`}
        categories={["Participants"]}
        series={[
          { label: "Green", values: [figures.byRag.green], tone: "good" },
          { label: "Amber", values: [figures.byRag.amber], tone: "warning" },
          { label: "Red", values: [figures.byRag.red], tone: "bad" },
        ]}
        orientation="horizontal"
        stacked
        showLegend={false}
        height={CHART}
      />
      <h3 className="mhhs-section-title">Top blockers</h3>
      {blockers.length === 0 ? (
        <p className="mhhs-widget-footnote">No participant is blocked.</p>
      ) : (
        <ul className="mhhs-widget-list" aria-label="Top blockers">
          {blockers.map((p) => (
            <li key={p.mpid} title={`${p.mpid} – ${p.organisation}: ${p.reason}`} data-participant={p.mpid}>
              <span className="mhhs-item-figure">
                <strong>{p.mpid}</strong>
              </span>
              <span className="mhhs-item-label">{p.reason}</span>
            </li>
          ))}
        </ul>
      )}
      {figures.topBlockers.length > blockers.length && (
        <div className="mhhs-widget-footnote">{plural(figures.topBlockers.length - blockers.length, "more blocked participant")} in the programme hub</div>
      )}
      <div className="mhhs-widget-footnote" data-basis={figures.basis}>
        {figures.basis === "configured" ? "Judged on the configured required tests, as in the hub." : "Counted from test points: no required tests are configured."}
      </div>
    </div>
  );
}

export const participantReadiness: WidgetDefinition<ReadinessFigures> = {
  kind: "participant-readiness",
  catalogueName: "MHHS participant readiness",
  title: (settings) => `${settings.path ? PATH_NAMES[settings.path] : "Participant"} readiness`,
  pivot: "participants",
  load: loadReadiness,
  render(figures, context) {
    if (figures.participants.length === 0) return <p className="mhhs-widget-footnote">No participants on the {PATH_NAMES[figures.path]} path match these filters.</p>;
    return context.layout.mode === "headline" ? <Headline figures={figures} /> : <Detail figures={figures} context={context} />;
  },
};
