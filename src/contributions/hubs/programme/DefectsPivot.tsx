import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import type { DefectReport } from "../../../domain/defectReport";
import { OPEN_DEFECT_HEADINGS, openDefectExportRows } from "../../../domain/defectReport";
import type { AssessedDefect } from "../../../domain/defects";
import { SEVERITY_KEYS } from "../../../domain/defects";
import { EXTRACT_HEADINGS, extractExportRows, ExtractRow } from "../../../domain/testDefectExtract";
import { BarChart } from "../../../ui/charts/BarChart";
import { DataTable } from "../../../ui/DataTable";
import { ExportButtons } from "../../../ui/export/ExportButtons";
import { ItemColumn, ItemTable } from "../../../ui/ItemTable";
import { SafeHtml } from "../../../ui/SafeHtml";
import { Figure, Figures, numberText, percentText, Section, SEVERITY_SHORT, WorkItemLink } from "./parts";

export interface DefectsPivotProps {
  report: DefectReport;
  /** The test & defect extract per participant, for its export and table. */
  extract: ExtractRow[];
  scope: string;
  today: string;
  onOpen(id: number): void;
  /** Set when test points could not be loaded: the extract's test figures are then missing. */
  testsMissing?: boolean;
}

const SEVERITIES_SHOWN = SEVERITY_KEYS;

function ageText(a: AssessedDefect): string {
  if (a.ageWorkingDays === null) return "unknown";
  return a.slaTargetWorkingDays === null ? `${a.ageWorkingDays} d` : `${a.ageWorkingDays} / ${a.slaTargetWorkingDays} d`;
}

function DefectDetails(props: { defect: AssessedDefect; onOpen(id: number): void; onClose(): void }): JSX.Element {
  const a = props.defect;
  const d = a.defect;
  return (
    <div className="mhhs-details" role="region" aria-label={`Defect ${a.id}`}>
      <div className="flex-row flex-center mhhs-details-heading">
        <h4>
          Defect <WorkItemLink id={a.id} onOpen={props.onOpen} label={`Open defect ${a.id}`} />: {d.title}
        </h4>
        <Button text="Close" subtle onClick={props.onClose} />
      </div>
      <p className="mhhs-muted">
        {a.severity} · {d.state} · {d.stage ?? "no stage"}
        {d.cycle ? ` ${d.cycle}` : ""} · {d.role ?? "no role"} · {d.participant ?? "no participant"} · {d.category ?? "no category"} · age {ageText(a)}
        {a.slaBreached ? " (past its SLA)" : ""}
      </p>
      <h5>Work-off plan</h5>
      {a.hasWorkOffPlan && d.workOffPlan ? (
        <SafeHtml className="mhhs-rich-text" html={d.workOffPlan} />
      ) : (
        <p className={a.exitBlocking ? "mhhs-tone-bad" : "mhhs-muted"}>{a.exitBlocking ? "None, and this defect blocks its stage's exit." : "None."}</p>
      )}
    </div>
  );
}

/** Open defects by severity, role and category, their age against the SLA, breaches and blockers; the extract. */
export function DefectsPivot(props: DefectsPivotProps): JSX.Element {
  const { report, onOpen } = props;
  const s = report.summary;
  const [selected, setSelected] = React.useState<number | undefined>();
  const selectedDefect = selected === undefined ? undefined : report.open.find((a) => a.id === selected);

  const columns = React.useMemo<ItemColumn<AssessedDefect>[]>(
    () => [
      { id: "id", name: "Id", width: 90, render: (a) => <WorkItemLink id={a.id} onOpen={onOpen} label={`Open defect ${a.id}`} /> },
      { id: "title", name: "Title", width: -3, render: (a) => a.defect.title },
      { id: "severity", name: "Severity", width: 110, render: (a) => a.severity },
      { id: "state", name: "State", width: 90, render: (a) => a.defect.state },
      { id: "stage", name: "Stage", width: 100, render: (a) => `${a.defect.stage ?? ""}${a.defect.cycle ? ` ${a.defect.cycle}` : ""}` },
      { id: "role", name: "Role", width: 70, render: (a) => a.defect.role ?? "" },
      { id: "participant", name: "Participant", width: 100, render: (a) => a.defect.participant ?? "" },
      { id: "category", name: "Category", width: 140, render: (a) => a.defect.category ?? "" },
      {
        id: "age",
        name: "Age / SLA (working days)",
        width: 150,
        numeric: true,
        render: (a) => <span className={a.slaBreached ? "mhhs-tone-bad" : undefined}>{`${ageText(a)}${a.slaBreached ? " breached" : ""}`}</span>,
      },
      {
        id: "plan",
        name: "Work-off plan",
        width: 120,
        render: (a) => (a.hasWorkOffPlan ? "Yes" : a.exitBlocking ? <span className="mhhs-tone-bad">Missing</span> : "No"),
      },
    ],
    [onOpen],
  );

  const extractSheets = () => [
    { name: "Test & defect extract", columns: [...EXTRACT_HEADINGS], rows: extractExportRows(props.extract) },
    { name: "Open defects", columns: [...OPEN_DEFECT_HEADINGS], rows: openDefectExportRows(report.open) },
  ];

  const bucketLabels = s.ageingBuckets;
  const ageingTotals = SEVERITIES_SHOWN.map((sev) =>
    bucketLabels.map((_, b) => s.ageing.filter((row) => row.severity === sev).reduce((n, row) => n + row.buckets[b], 0)),
  );

  return (
    <div className="mhhs-pivot" data-pivot="defects">
      <Figures label="Open defects">
        <Figure label="Open defects" name="open" value={numberText(s.open)} />
        {SEVERITIES_SHOWN.filter((k) => k !== "Unknown" || s.openBySeverity.Unknown > 0).map((k) => (
          <Figure key={k} label={`Open ${SEVERITY_SHORT[k]}`} name={`open-${SEVERITY_SHORT[k].toLowerCase()}`} value={numberText(s.openBySeverity[k])} />
        ))}
        <Figure label="Past their SLA" name="breaches" value={numberText(s.breaches.length)} tone={s.breaches.length > 0 ? "bad" : undefined} />
        <Figure
          label="Exit-blocking without a work-off plan"
          name="blockingWithoutPlan"
          value={numberText(s.exitBlockingWithoutWorkOffPlan.length)}
          tone={s.exitBlockingWithoutWorkOffPlan.length > 0 ? "bad" : undefined}
        />
        <Figure label="Closed" name="closed" value={numberText(s.closed)} />
      </Figures>
      {s.messages.map((m) => (
        <p key={m} className="mhhs-muted">
          {m}
        </p>
      ))}

      <Section title="Open defects by severity, role and category" id="severity-role-category">
        {report.byRoleCategory.length === 0 ? (
          <p className="mhhs-muted">No open defects in scope.</p>
        ) : (
          <DataTable ariaLabel="Open defects by role, category and severity" columns={["Role", "Category", ...SEVERITIES_SHOWN.map((k) => SEVERITY_SHORT[k]), "Total"]}>
            {report.byRoleCategory.map((row) => (
              <tr key={row.key.join("/")} data-row={row.key.join("/")}>
                <th scope="row">{row.key[0]}</th>
                <td>{row.key[1]}</td>
                {SEVERITIES_SHOWN.map((k) => (
                  <td key={k}>{numberText(row.counts[k])}</td>
                ))}
                <td>{numberText(row.counts.total)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>

      <Section title="Age against the SLA" id="ageing">
        <BarChart
          title="Open defects by age in working days and severity"
          categories={bucketLabels.map((b) => (b === "Unknown" ? "Unknown age" : `${b} days`))}
          series={SEVERITIES_SHOWN.filter((k) => k !== "Unknown").map((k, i) => ({
            label: SEVERITY_SHORT[k],
            values: ageingTotals[i],
            tone: k === "1 - Critical" ? "bad" : k === "2 - High" ? "warning" : k === "3 - Medium" ? "info" : "neutral",
          }))}
          stacked
          height={200}
        />
        {s.ageing.length > 0 ? (
          <DataTable ariaLabel="Open defects by role, severity and age" columns={["Role", "Severity", ...bucketLabels.map((b) => (b === "Unknown" ? "Unknown age" : `${b} d`)), "Total"]}>
            {s.ageing.map((row) => (
              <tr key={`${row.key.join("/")}/${row.severity}`}>
                <th scope="row">{row.key[0]}</th>
                <td>{row.severity}</td>
                {row.buckets.map((n, i) => (
                  <td key={i}>{numberText(n)}</td>
                ))}
                <td>{numberText(row.total)}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>

      <Section title={`Past their SLA (${numberText(s.breaches.length)})`} id="breaches">
        {s.breaches.length === 0 ? <p className="mhhs-muted">No open defect is past its SLA target.</p> : <ItemTable ariaLabel="Defects past their SLA" columns={columns} items={s.breaches} height={240} onActivate={(a) => setSelected(a.id)} />}
      </Section>

      <Section title={`Exit-blocking defects without a work-off plan (${numberText(s.exitBlockingWithoutWorkOffPlan.length)})`} id="without-plan">
        {s.exitBlockingWithoutWorkOffPlan.length === 0 ? (
          <p className="mhhs-muted">Every open exit-blocking defect has a work-off plan.</p>
        ) : (
          <ItemTable ariaLabel="Exit-blocking defects without a work-off plan" columns={columns} items={s.exitBlockingWithoutWorkOffPlan} height={240} onActivate={(a) => setSelected(a.id)} />
        )}
      </Section>

      <Section title={`Open defects (${numberText(report.open.length)})`} id="open-defects">
        <p className="mhhs-muted">Choose a defect to see its work-off plan; its id opens it in the work item form.</p>
        <ItemTable ariaLabel="Open defects" columns={columns} items={report.open} height={440} onActivate={(a) => setSelected(a.id)} />
        {selectedDefect ? <DefectDetails defect={selectedDefect} onOpen={onOpen} onClose={() => setSelected(undefined)} /> : null}
      </Section>

      <Section
        title="Test & defect extract per participant"
        id="extract"
        actions={<ExportButtons what="test and defect extract" fileName={`Test and defect extract ${props.scope}`} date={props.today} sheets={extractSheets} formats={["xlsx"]} />}
      >
        {props.testsMissing ? <p className="mhhs-tone-bad">Test points could not be loaded, so the test figures below are missing (shown as 0).</p> : null}
        <DataTable
          ariaLabel="Test and defect extract per participant"
          columns={["Participant", "Planned", "Run", "Passed", "Failed", "Blocked", "Execution", "Pass rate", "Requirements covered", "Open defects (C/H/M/L)", "Raised"]}
        >
          {props.extract.map((r) => (
            <tr key={r.participant} data-row={r.participant}>
              <th scope="row" title={r.organisation}>
                {r.participant}
              </th>
              <td>{numberText(r.tests.planned)}</td>
              <td>{numberText(r.tests.run)}</td>
              <td>{numberText(r.tests.passed)}</td>
              <td>{numberText(r.tests.failed)}</td>
              <td>{numberText(r.tests.blocked)}</td>
              <td>{percentText(r.tests.executionRate)}</td>
              <td>{percentText(r.tests.passRate)}</td>
              <td>{`${numberText(r.requirementsCovered)} (${numberText(r.requirementsPassing)} passing)`}</td>
              <td>{`${r.openDefects["1 - Critical"]}/${r.openDefects["2 - High"]}/${r.openDefects["3 - Medium"]}/${r.openDefects["4 - Low"]}`}</td>
              <td>{numberText(r.defectsRaised)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}
