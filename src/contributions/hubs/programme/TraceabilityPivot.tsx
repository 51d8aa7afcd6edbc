import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { IListBoxItem } from "azure-devops-ui/ListBox";
import { DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import { COVERAGE_STATUSES, CoverageStatus } from "../../../domain/coverage";
import type { TestCaseRecord } from "../../../domain/model";
import {
  COVERAGE_STATUS_LABELS,
  countByStatus,
  OUTCOME_NAMES,
  RTTM_EXPORT_HEADINGS,
  rttmExportRows,
  TraceabilityRow,
  TraceabilityView,
} from "../../../domain/traceability";
import { DataTable } from "../../../ui/DataTable";
import { ExportButtons } from "../../../ui/export/ExportButtons";
import { ItemColumn, ItemTable } from "../../../ui/ItemTable";
import { OutcomeText } from "../../../ui/OutcomeText";
import type { HubFilters } from "./filters";
import { Figure, Figures, numberText, percentText, Section, severityText, WorkItemLink } from "./parts";

export interface TraceabilityPivotProps {
  view: TraceabilityView;
  filters: HubFilters;
  /** Words for the filters in headings and file names. */
  scope: string;
  today: string;
  onOpen(id: number): void;
  /** Set when defects could not be loaded: the defect column then says so. */
  defectsMissing?: boolean;
}

const STATUS_TONE: Readonly<Record<CoverageStatus, string>> = {
  notCovered: "mhhs-tone-bad",
  notRun: "mhhs-tone-neutral",
  failing: "mhhs-tone-bad",
  blocked: "mhhs-tone-bad",
  passing: "mhhs-tone-good",
};

function StatusText(props: { status: CoverageStatus }): JSX.Element {
  return <span className={STATUS_TONE[props.status]}>{COVERAGE_STATUS_LABELS[props.status]}</span>;
}

function testsSummary(row: TraceabilityRow): string {
  if (row.tests.length === 0) return "none";
  const counts = new Map<string, number>();
  for (const t of row.tests) counts.set(OUTCOME_NAMES[t.outcome], (counts.get(OUTCOME_NAMES[t.outcome]) ?? 0) + 1);
  return `${row.tests.length}: ${Array.from(counts, ([k, n]) => `${n} ${k.toLowerCase()}`).join(", ")}`;
}

function RequirementDetails(props: { row: TraceabilityRow; onOpen(id: number): void; onClose(): void }): JSX.Element {
  const r = props.row;
  return (
    <div className="mhhs-details" aria-label={`Requirement ${r.id}`} role="region">
      <div className="flex-row flex-center mhhs-details-heading">
        <h4>
          Requirement <WorkItemLink id={r.id} onOpen={props.onOpen} label={`Open requirement ${r.id}`} />: {r.title}
        </h4>
        <Button text="Close" subtle onClick={props.onClose} />
      </div>
      <p className="mhhs-muted">
        {r.type || "No type"} · roles {r.roles.join(", ") || "none"} · stages {r.stages.join(", ") || "none"} · <StatusText status={r.status} />
      </p>
      {r.tests.length > 0 ? (
        <DataTable ariaLabel={`Tests of requirement ${r.id}`} columns={["Test case", "Programme id", "Title", "Latest outcome", "Last run"]}>
          {r.tests.map((t) => (
            <tr key={t.id}>
              <td>
                <WorkItemLink id={t.id} onOpen={props.onOpen} label={`Open test case ${t.id}`} />
              </td>
              <td>{t.programmeTestCaseId ?? ""}</td>
              <td>{t.title}</td>
              <td>
                <OutcomeText outcome={t.outcome} />
              </td>
              <td>{t.lastRunDate ? t.lastRunDate.slice(0, 10) : "–"}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>No test case traces to this requirement.</p>
      )}
      {r.openDefects.length > 0 ? (
        <DataTable ariaLabel={`Open defects of requirement ${r.id}`} columns={["Defect", "Severity", "State", "Title"]}>
          {r.openDefects.map((d) => (
            <tr key={d.id}>
              <td>
                <WorkItemLink id={d.id} onOpen={props.onOpen} label={`Open defect ${d.id}`} />
              </td>
              <td>{d.severity}</td>
              <td>{d.state}</td>
              <td>{d.title}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="mhhs-muted">No open defects.</p>
      )}
    </div>
  );
}

function StatusFilter(props: { value: CoverageStatus | undefined; counts: Record<CoverageStatus, number>; total: number; onChange(v: CoverageStatus | undefined): void }): JSX.Element {
  const items = React.useMemo<IListBoxItem[]>(
    () => [{ id: "", text: `All statuses (${props.total})` }, ...COVERAGE_STATUSES.map((s) => ({ id: s, text: `${COVERAGE_STATUS_LABELS[s]} (${props.counts[s]})` }))],
    [props.counts, props.total],
  );
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const index = items.findIndex((i) => i.id === (props.value ?? ""));
    selection.select(index >= 0 ? index : 0);
  }, [selection, items, props.value]);
  return <Dropdown ariaLabel="Coverage status" items={items} selection={selection} onSelect={(_e, item) => props.onChange(item.id ? (item.id as CoverageStatus) : undefined)} />;
}

/** Requirements by stage and role with their coverage, each with its tests and defects; the gaps; the RTTM export. */
export function TraceabilityPivot(props: TraceabilityPivotProps): JSX.Element {
  const { view, onOpen } = props;
  const [status, setStatus] = React.useState<CoverageStatus | undefined>();
  const [selected, setSelected] = React.useState<number | undefined>();
  const counts = React.useMemo(() => countByStatus(view.rows), [view.rows]);
  const rows = React.useMemo(() => (status ? view.rows.filter((r) => r.status === status) : view.rows), [view.rows, status]);
  const selectedRow = selected === undefined ? undefined : view.rows.find((r) => r.id === selected);
  const s = view.summary;

  const columns = React.useMemo<ItemColumn<TraceabilityRow>[]>(
    () => [
      { id: "id", name: "Id", width: 90, render: (r) => <WorkItemLink id={r.id} onOpen={onOpen} label={`Open requirement ${r.id}`} /> },
      { id: "requirementId", name: "Requirement id", width: 130, render: (r) => r.requirementId ?? "" },
      { id: "title", name: "Title", width: -3, render: (r) => r.title },
      { id: "type", name: "Type", width: 110, render: (r) => r.type },
      { id: "roles", name: "Roles", width: 120, render: (r) => r.roles.join(", ") },
      { id: "stages", name: "Stages", width: 140, render: (r) => r.stages.join(", ") },
      { id: "status", name: "Coverage", width: 100, render: (r) => <StatusText status={r.status} /> },
      { id: "tests", name: "Tests (latest outcome)", width: -2, render: (r) => testsSummary(r) },
      {
        id: "defects",
        name: "Open defects",
        width: 140,
        render: (r) => (props.defectsMissing ? "not loaded" : r.openDefects.length === 0 ? "none" : severityText(countSeverities(r))),
      },
    ],
    [onOpen, props.defectsMissing],
  );

  const exportSheets = () => [
    { name: "RTTM", columns: [...RTTM_EXPORT_HEADINGS], rows: rttmExportRows(rows, props.filters) },
    {
      name: "Gaps",
      columns: ["Gap", "Work Item Id", "Programme Id", "Title", "Stage", "Role", "Participant"],
      rows: [
        ...view.gaps.requirementsWithoutTests.map((id) => {
          const r = view.rows.find((x) => x.id === id);
          return ["Requirement without tests", id, r?.requirementId ?? "", r?.title ?? "", r?.stages.join("; ") ?? "", r?.roles.join("; ") ?? "", ""];
        }),
        ...view.gaps.testCasesWithoutRequirement.map((t) => ["Test case tracing to no requirement", t.id, t.programmeTestCaseId ?? "", t.title, t.stage ?? "", t.role ?? "", t.participant ?? ""]),
      ],
    },
  ];

  const gapColumns = React.useMemo<ItemColumn<TestCaseRecord>[]>(
    () => [
      { id: "id", name: "Id", width: 90, render: (t) => <WorkItemLink id={t.id} onOpen={onOpen} label={`Open test case ${t.id}`} /> },
      { id: "pid", name: "Programme id", width: 140, render: (t) => t.programmeTestCaseId ?? "" },
      { id: "title", name: "Title", width: -3, render: (t) => t.title },
      { id: "stage", name: "Stage", width: 100, render: (t) => t.stage ?? "" },
      { id: "role", name: "Role", width: 80, render: (t) => t.role ?? "" },
      { id: "participant", name: "Participant", width: 100, render: (t) => t.participant ?? "" },
    ],
    [onOpen],
  );
  const requirementsWithoutTests = React.useMemo(() => {
    const ids = new Set(view.gaps.requirementsWithoutTests);
    return view.rows.filter((r) => ids.has(r.id));
  }, [view]);

  return (
    <div className="mhhs-pivot" data-pivot="traceability">
      <Figures label="Requirement coverage">
        <Figure label="Requirements" name="requirements" value={numberText(s.requirements)} />
        <Figure label="Not covered" name="notCovered" value={numberText(s.notCovered)} tone={s.notCovered > 0 ? "bad" : undefined} />
        <Figure label="Not run" name="notRun" value={numberText(s.notRun)} />
        <Figure label="Failing" name="failing" value={numberText(s.failing)} tone={s.failing > 0 ? "bad" : undefined} />
        <Figure label="Blocked" name="blocked" value={numberText(s.blocked)} tone={s.blocked > 0 ? "warning" : undefined} />
        <Figure label="Passing" name="passing" value={numberText(s.passing)} tone="good" />
        <Figure label="Covered" name="coveredPercent" value={percentText(s.coveredPercent)} />
      </Figures>

      <Section title="Requirements by stage and role" id="stage-role">
        {view.byStageRole.length === 0 ? (
          <p className="mhhs-muted">No requirements in scope.</p>
        ) : (
          <DataTable ariaLabel="Requirements by stage and role" columns={["Stage", "Role", "Requirements", "Not covered", "Not run", "Failing", "Blocked", "Passing"]}>
            {view.byStageRole.map((r) => (
              <tr key={`${r.stage}/${r.role}`} data-row={`${r.stage}/${r.role}`}>
                <th scope="row">{r.stage}</th>
                <td>{r.role}</td>
                <td>{numberText(r.requirements)}</td>
                <td>{numberText(r.notCovered)}</td>
                <td>{numberText(r.notRun)}</td>
                <td>{numberText(r.failing)}</td>
                <td>{numberText(r.blocked)}</td>
                <td>{numberText(r.passing)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>

      <Section
        title={`Requirements (${numberText(rows.length)})`}
        id="requirements"
        actions={
          <>
            <StatusFilter value={status} counts={counts} total={view.rows.length} onChange={setStatus} />
            <ExportButtons what="RTTM" fileName={`RTTM ${props.scope}`} date={props.today} sheets={exportSheets} disabled={rows.length === 0} />
          </>
        }
      >
        <p className="mhhs-muted">Choose a requirement to see its tests and defects; its id opens it in the work item form.</p>
        <ItemTable ariaLabel="Requirements and their coverage" columns={columns} items={rows} height={440} onActivate={(r) => setSelected(r.id)} />
        {selectedRow ? <RequirementDetails row={selectedRow} onOpen={onOpen} onClose={() => setSelected(undefined)} /> : null}
      </Section>

      <Section title={`Requirements without tests (${numberText(requirementsWithoutTests.length)})`} id="requirements-without-tests">
        {requirementsWithoutTests.length === 0 ? (
          <p className="mhhs-muted">Every requirement in scope has a test.</p>
        ) : (
          <ItemTable ariaLabel="Requirements without tests" columns={columns.slice(0, 6)} items={requirementsWithoutTests} height={260} />
        )}
      </Section>

      <Section title={`Tests that trace to no requirement (${numberText(view.gaps.testCasesWithoutRequirement.length)})`} id="tests-without-requirement">
        {view.gaps.testCasesWithoutRequirement.length === 0 ? (
          <p className="mhhs-muted">Every test case in scope traces to a requirement.</p>
        ) : (
          <ItemTable ariaLabel="Tests that trace to no requirement" columns={gapColumns} items={view.gaps.testCasesWithoutRequirement} height={260} />
        )}
        {view.gaps.missingTestCaseIds.length > 0 ? (
          <p className="mhhs-muted">
            {`${view.gaps.missingTestCaseIds.length} linked test case(s) are not among the test cases read (deleted or of another project): ${view.gaps.missingTestCaseIds.slice(0, 10).join(", ")}${view.gaps.missingTestCaseIds.length > 10 ? "…" : ""}`}
          </p>
        ) : null}
      </Section>
    </div>
  );
}

function countSeverities(r: TraceabilityRow) {
  const counts = { "1 - Critical": 0, "2 - High": 0, "3 - Medium": 0, "4 - Low": 0, Unknown: 0, total: 0 };
  for (const d of r.openDefects) {
    counts[d.severity]++;
    counts.total++;
  }
  return counts;
}
