import * as React from "react";
import { Card } from "azure-devops-ui/Card";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { SEVERITY_KEYS } from "../../../domain/defects";
import type { ProgressRow } from "../../../domain/progress";
import type { StageReport } from "../../../domain/stageReport";
import { BarChart } from "../../../ui/charts/BarChart";
import { TrendChart } from "../../../ui/charts/TrendChart";
import { DataTable } from "../../../ui/DataTable";
import { Loading } from "../../../ui/LoadStatus";
import { RagBadge } from "../../../ui/RagBadge";
import { Figure, Figures, numberText, percentText, Section, SEVERITY_SHORT } from "./parts";
import type { TrendView } from "./views";

export type TrendState =
  | { state: "loading" }
  | { state: "loaded"; trend: TrendView }
  /** Outcomes could not be read: the trend still shows defects, and says why points are missing. */
  | { state: "failed"; trend: TrendView; message: string };

export interface OverviewPivotProps {
  reports: StageReport[];
  trend: TrendState;
  /** What the figures are filtered by, for the headings. */
  scope: string;
  /** Asks for the outcomes over time again after they failed. */
  onRetryTrend?: () => void;
}

function RateTable(props: { rows: ProgressRow[]; by: string; label: string }): JSX.Element {
  return (
    <DataTable ariaLabel={props.label} columns={[props.by, "Planned", "Run", "Passed", "Failed", "Blocked", "Not run", "Execution", "Pass rate"]}>
      {props.rows.map((r) => (
        <tr key={r.key.join("/")} data-row={r.key[0]}>
          <th scope="row">{r.key[0]}</th>
          <td>{numberText(r.planned)}</td>
          <td>{numberText(r.run)}</td>
          <td>{numberText(r.passed)}</td>
          <td>{numberText(r.failed)}</td>
          <td>{numberText(r.blocked)}</td>
          <td>{numberText(r.notRun)}</td>
          <td>{percentText(r.executionRate)}</td>
          <td>{percentText(r.passRate)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function StageCard(props: { report: StageReport }): JSX.Element {
  const r = props.report;
  const p = r.progress;
  const overall = r.exit.overall ?? "noData";
  return (
    <Card className="mhhs-stage-card" titleProps={{ text: `${r.stage} — ${r.name}`, ariaLevel: 3 }}>
      <div className="mhhs-stage" data-stage={r.stage}>
        <div className="mhhs-stage-summary flex-row flex-center">
          <RagBadge rag={overall} label={`Exit ${overall === "noData" ? "not judged" : overall}`} detail={r.exit.sentence} />
          <span className="mhhs-muted">{r.exit.sentence}</span>
        </div>
        <Figures label={`${r.stage} test progress`}>
          <Figure label="Planned" name="planned" value={numberText(p.planned)} />
          <Figure label="Run" name="run" value={numberText(p.run)} />
          <Figure label="Passed" name="passed" value={numberText(p.passed)} tone="good" />
          <Figure label="Failed" name="failed" value={numberText(p.failed)} tone={p.failed > 0 ? "bad" : undefined} />
          <Figure label="Blocked" name="blocked" value={numberText(p.blocked)} tone={p.blocked > 0 ? "warning" : undefined} />
          <Figure label="Not run" name="notRun" value={numberText(p.notRun)} />
          <Figure label="Execution" name="executionRate" value={percentText(p.executionRate)} />
          <Figure label="Pass rate" name="passRate" value={percentText(p.passRate)} />
        </Figures>
        <Figures label={`${r.stage} open defects by severity`}>
          {SEVERITY_KEYS.filter((k) => k !== "Unknown" || r.openDefects.Unknown > 0).map((k) => (
            <Figure key={k} label={`Open ${SEVERITY_SHORT[k]}`} name={`open-${SEVERITY_SHORT[k].toLowerCase()}`} value={numberText(r.openDefects[k])} tone={r.openDefects[k] > 0 && (r.metrics.defects.exitBlockingSeverities as string[]).includes(k) ? "bad" : undefined} />
          ))}
          <Figure label="Open defects" name="openDefects" value={numberText(r.openDefects.total)} />
        </Figures>
        <div className="mhhs-stage-columns">
          <div className="mhhs-stage-column">
            <h4>Execution and pass rate by role</h4>
            {r.byRole.length > 0 ? (
              <>
                <BarChart
                  title={`${r.stage}: execution and pass rate by role`}
                  categories={r.byRole.map((row) => row.key[0])}
                  series={[
                    { label: "Execution %", values: r.byRole.map((row) => Math.round((row.executionRate ?? 0) * 10) / 10), tone: "info" },
                    { label: "Pass rate %", values: r.byRole.map((row) => Math.round((row.passRate ?? 0) * 10) / 10), tone: "good" },
                  ]}
                  max={100}
                  formatValue={(v) => `${v}%`}
                  height={Math.max(140, 26 * r.byRole.length + 60)}
                  orientation="horizontal"
                />
                <RateTable rows={r.byRole} by="Role" label={`${r.stage} progress by role`} />
              </>
            ) : (
              <p className="mhhs-muted">No test points in scope.</p>
            )}
            {r.byCycle.length > 1 ? (
              <>
                <h4>By cycle</h4>
                <RateTable rows={r.byCycle} by="Cycle" label={`${r.stage} progress by cycle`} />
              </>
            ) : null}
          </div>
          <div className="mhhs-stage-column">
            <h4>Exit criteria</h4>
            <ul className="mhhs-criteria" aria-label={`${r.stage} exit criteria`}>
              {r.exit.results.map((c) => (
                <li key={c.id} data-criterion={c.id} data-rag={c.rag}>
                  <RagBadge rag={c.rag} detail={c.label} />
                  <div>
                    <div className="mhhs-criterion-label">{c.label}</div>
                    <div className="mhhs-muted">{c.sentence}</div>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </Card>
  );
}

function TrendSection(props: { trend: TrendState; scope: string; onRetry?: () => void }): JSX.Element {
  const t = props.trend;
  if (t.state === "loading") return <Loading label="Loading the trend of test outcomes…" />;
  const days = t.trend.days;
  return (
    <>
      {t.state === "failed" ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning} buttonProps={props.onRetry ? [{ text: "Try again", onClick: props.onRetry }] : undefined}>
          {`Executed and passed over time could not be loaded (${t.message}); the defect lines are shown.`}
        </MessageCard>
      ) : null}
      {t.trend.messages.map((m) => (
        <p key={m} className="mhhs-muted">
          {m}
        </p>
      ))}
      <TrendChart
        title={`Executed and passed test points, defects opened and closed per day (${props.scope})`}
        dates={days.map((d) => d.date)}
        series={[
          { label: "Executed", values: days.map((d) => d.executed), tone: "info" },
          { label: "Passed", values: days.map((d) => d.passed), tone: "good" },
          { label: "Defects opened", values: days.map((d) => d.defectsOpened), tone: "bad", axis: "right", dashed: true },
          { label: "Defects closed", values: days.map((d) => d.defectsClosed), tone: "neutral", axis: "right", dashed: true },
        ]}
        leftAxis="Test points"
        rightAxis="Defects per day"
        height={260}
      />
      {t.trend.note ? (
        <p className="mhhs-muted" role="note" data-trend-note="">
          {t.trend.note}
        </p>
      ) : null}
    </>
  );
}

/** Per stage: progress by role and cycle, open defects, exit criteria with their figures; and the trend. */
export function OverviewPivot(props: OverviewPivotProps): JSX.Element {
  return (
    <div className="mhhs-pivot" data-pivot="overview">
      <Section title="Trend" id="trend">
        <TrendSection trend={props.trend} scope={props.scope} onRetry={props.onRetryTrend} />
      </Section>
      {props.reports.length === 0 ? (
        <ZeroData imageAltText="" primaryText="Nothing in scope" secondaryText="No test points, defects or requirements match the filters." />
      ) : (
        props.reports.map((report) => <StageCard key={report.stage} report={report} />)
      )}
    </div>
  );
}
