import * as React from "react";
import { ZeroData } from "azure-devops-ui/ZeroData";
import type { ConcurrencyLimits } from "../../../domain/environments";
import type { TimelineBar, TimelineEnvironment } from "../../../domain/environmentTimeline";
import { BarChart } from "../../../ui/charts/BarChart";
import { DataTable } from "../../../ui/DataTable";
import { Figure, Figures, numberText, Section } from "./parts";
import type { EnvironmentsView } from "./views";

export interface EnvironmentsPivotProps {
  view: EnvironmentsView;
  limits: ConcurrencyLimits;
}

/** How many participants the concurrency chart shows at most (the most loaded first). */
const CHART_PARTICIPANTS = 20;

function pct(x: number): string {
  return `${(x * 100).toFixed(3)}%`;
}

function barLabel(bar: TimelineBar): string {
  return `${bar.participant} on ${bar.environment} for ${bar.stage} from ${bar.from} to ${bar.to}${bar.clashes.length ? `. Clash: ${bar.clashes.join(" ")}` : ""}`;
}

function EnvironmentLanes(props: { environment: TimelineEnvironment; months: { label: string; left: number }[]; today?: number }): JSX.Element {
  const e = props.environment;
  return (
    <div className="mhhs-timeline-environment" data-environment={e.environment}>
      <h4>
        {e.environment}
        {e.name ? ` — ${e.name}` : ""}
        {typeof e.capacity === "number" ? ` (capacity ${e.capacity})` : ""}
      </h4>
      <div className="mhhs-timeline-axis" aria-hidden="true">
        <span className="mhhs-timeline-lane-label" />
        <div className="mhhs-timeline-track">
          {props.months.map((m) => (
            <span key={m.label} className="mhhs-timeline-tick" style={{ left: pct(m.left) }}>
              {m.label}
            </span>
          ))}
        </div>
      </div>
      <ul className="mhhs-timeline-lanes" aria-label={`${e.environment} allocations`}>
        {e.lanes.map((lane) => (
          <li key={lane.participant} className="mhhs-timeline-lane" data-participant={lane.participant}>
            <span className="mhhs-timeline-lane-label">{lane.participant}</span>
            <div className="mhhs-timeline-track">
              {props.today !== undefined ? <span className="mhhs-timeline-today" style={{ left: pct(props.today) }} aria-hidden="true" /> : null}
              {lane.bars.map((bar, i) => (
                <span
                  key={`${bar.id ?? i}`}
                  className={`mhhs-timeline-bar${bar.clashes.length ? " mhhs-timeline-clash" : ""}`}
                  style={{ left: pct(bar.left), width: pct(bar.width) }}
                  role="img"
                  aria-label={barLabel(bar)}
                  title={barLabel(bar)}
                  data-clash={bar.clashes.length > 0 ? "true" : undefined}
                  tabIndex={0}
                >
                  {bar.clashes.length ? "!" : ""}
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The environments plan as a timeline per environment and participant; concurrency against the limit; clashes. */
export function EnvironmentsPivot(props: EnvironmentsPivotProps): JSX.Element {
  const { timeline, analysis, peaks } = props.view;
  const invalidCount = new Set(analysis.invalid.map((i) => i.index)).size;
  const invalidNote =
    invalidCount > 0 ? <p className="mhhs-tone-bad">{`${invalidCount} allocation(s) in the plan are not valid and are left out; correct them in MHHS set-up.`}</p> : null;
  if (timeline.environments.length === 0) {
    return (
      <div className="mhhs-pivot" data-pivot="environments">
        {invalidNote}
        <ZeroData imageAltText="" iconProps={{ iconName: "Calendar" }} primaryText="No allocations in scope" secondaryText="Add allocations to the environments plan in MHHS set-up, or clear the filters." />
      </div>
    );
  }
  const shown = peaks.slice(0, CHART_PARTICIPANTS);
  const limit = props.limits.overall;
  const byStage = props.limits.byStage ? Object.entries(props.limits.byStage) : [];
  return (
    <div className="mhhs-pivot" data-pivot="environments">
      <Figures label="Environments plan">
        <Figure label="Environments" name="environments" value={numberText(timeline.environments.length)} />
        <Figure label="Participants" name="participants" value={numberText(peaks.length)} />
        <Figure label="Concurrency clashes" name="clashes" value={numberText(analysis.clashes.length)} tone={analysis.clashes.length > 0 ? "bad" : undefined} />
        <Figure label="Capacity clashes" name="capacityClashes" value={numberText(analysis.capacityClashes.length)} tone={analysis.capacityClashes.length > 0 ? "bad" : undefined} />
        <Figure label="Limit at once" name="limit" value={limit === undefined ? "none" : numberText(limit)} />
      </Figures>
      {byStage.length > 0 ? <p className="mhhs-muted">Limits by stage: {byStage.map(([s, n]) => `${s} ${n}`).join(", ")}.</p> : null}
      {invalidNote}

      <Section title={`Timeline ${timeline.from} to ${timeline.to}`} id="timeline">
        <p className="mhhs-muted">Bars marked ! take part in a clash; hover or focus a bar for its dates and why.</p>
        <div className="mhhs-timeline">
          {timeline.environments.map((e) => (
            <EnvironmentLanes key={e.environment} environment={e} months={timeline.months} today={timeline.today} />
          ))}
        </div>
      </Section>

      <Section title="Concurrency against the limit" id="concurrency">
        <BarChart
          title={`Most environments held at once per participant${peaks.length > CHART_PARTICIPANTS ? ` (the ${CHART_PARTICIPANTS} most loaded)` : ""}`}
          categories={shown.map((p) => p.participant)}
          series={[
            { label: "Peak environments at once", values: shown.map((p) => p.peak), tone: "info" },
            ...(limit !== undefined ? [{ label: "Limit", values: shown.map(() => limit), tone: "neutral" as const }] : []),
          ]}
          orientation="horizontal"
          height={Math.max(140, 22 * shown.length + 60)}
        />
      </Section>

      <Section title={`Clashes (${numberText(analysis.clashes.length + analysis.capacityClashes.length)})`} id="clashes">
        {analysis.clashes.length === 0 && analysis.capacityClashes.length === 0 ? (
          <p className="mhhs-muted">No participant is over its limit and no environment over its capacity.</p>
        ) : null}
        {analysis.clashes.length > 0 ? (
          <DataTable ariaLabel="Participants over their concurrency limit" columns={["Participant", "Stage", "From", "To", "Days", "At once", "Limit", "Environments"]}>
            {analysis.clashes.map((c) => (
              <tr key={`${c.participant}/${c.stage ?? ""}/${c.from}`} className="mhhs-tone-bad" data-clash={c.participant}>
                <th scope="row">{c.participant}</th>
                <td>{c.stage ?? "all stages"}</td>
                <td>{c.from}</td>
                <td>{c.to}</td>
                <td>{numberText(c.days)}</td>
                <td>{numberText(c.peak)}</td>
                <td>{numberText(c.limit)}</td>
                <td>{c.environments.join(", ")}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {analysis.capacityClashes.length > 0 ? (
          <DataTable ariaLabel="Environments over capacity" columns={["Environment", "From", "To", "Days", "Participants at once", "Capacity", "Participants"]}>
            {analysis.capacityClashes.map((c) => (
              <tr key={`${c.environment}/${c.from}`} className="mhhs-tone-bad">
                <th scope="row">{c.environment}</th>
                <td>{c.from}</td>
                <td>{c.to}</td>
                <td>{numberText(c.days)}</td>
                <td>{numberText(c.peak)}</td>
                <td>{numberText(c.capacity)}</td>
                <td>{c.participants.join(", ")}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>
    </div>
  );
}
