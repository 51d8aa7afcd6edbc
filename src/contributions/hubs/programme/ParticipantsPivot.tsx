import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { IListBoxItem } from "azure-devops-ui/ListBox";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import { ZeroData } from "azure-devops-ui/ZeroData";
import { QUALIFICATION_HEADINGS, qualificationExportRows, QualificationRow } from "../../../domain/qualification";
import type { RequiredTestResult, RequiredTestStatus } from "../../../domain/readiness";
import { DataTable } from "../../../ui/DataTable";
import { ExportButtons } from "../../../ui/export/ExportButtons";
import { ItemColumn, ItemTable } from "../../../ui/ItemTable";
import { OUTCOME_LABELS } from "../../../ui/OutcomeText";
import { RagBadge } from "../../../ui/RagBadge";
import type { PathFilter } from "./filters";
import { Figure, Figures, numberText, Section, WorkItemLink } from "./parts";
import type { ParticipantsView } from "./views";

export interface ParticipantsPivotProps {
  view: ParticipantsView;
  scope: string;
  today: string;
  onOpen(id: number): void;
  /** Only participants on this path to migration. */
  path?: PathFilter;
  onPathChange?(path: PathFilter | undefined): void;
}

const PATH_ITEMS: IListBoxItem[] = [
  { id: "", text: "SIT and QT paths" },
  { id: "SIT", text: "SIT path" },
  { id: "QT", text: "Qualification Testing path" },
];

function PathChoice(props: { value?: PathFilter; onChange(path: PathFilter | undefined): void }): JSX.Element {
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    selection.select(Math.max(0, PATH_ITEMS.findIndex((i) => i.id === (props.value ?? ""))));
  }, [selection, props.value]);
  return <Dropdown ariaLabel="Path to migration" items={PATH_ITEMS} selection={selection} onSelect={(_e, item) => props.onChange(item.id ? (item.id as PathFilter) : undefined)} />;
}

const STATUS_LABELS: Readonly<Record<RequiredTestStatus, string>> = {
  evidenced: "Evidenced",
  reliedUpon: "Relied upon",
  failed: "Failed",
  outstanding: "Outstanding",
  notApplicable: "Not applicable",
};

const RELIANCE_LABELS = { none: "None", partial: "Partial", combined: "Combined" } as const;
const MDR_LABELS = { MDR: "MDR services", SupplierDCC: "Supplier via DCC" } as const;

function requiredColumns(onOpen: (id: number) => void): ItemColumn<RequiredTestResult>[] {
  return [
    { id: "test", name: "Required test", width: 140, render: (t) => t.test },
    { id: "role", name: "Role", width: 70, render: (t) => t.role },
    {
      id: "status",
      name: "Status",
      width: 110,
      render: (t) => (
        <span data-status={t.status} className={t.status === "failed" ? "mhhs-tone-bad" : t.status === "evidenced" || t.status === "reliedUpon" ? "mhhs-tone-good" : undefined}>
          {STATUS_LABELS[t.status]}
        </span>
      ),
    },
    { id: "own", name: "Own latest outcome", width: 140, render: (t) => (t.ownOutcome ? OUTCOME_LABELS[t.ownOutcome] : "–") },
    { id: "relied", name: "Relied on", width: 90, render: (t) => t.reliedOn ?? "" },
    {
      id: "cases",
      name: "Test cases",
      width: -1,
      render: (t) => (
        <>
          {t.testCaseIds.slice(0, 5).map((id) => (
            <React.Fragment key={id}>
              <WorkItemLink id={id} onOpen={onOpen} label={`Open test case ${id}`} />{" "}
            </React.Fragment>
          ))}
          {t.testCaseIds.length > 5 ? `and ${t.testCaseIds.length - 5} more` : null}
        </>
      ),
    },
  ];
}

function ParticipantDetails(props: { row: QualificationRow; onOpen(id: number): void; onClose(): void }): JSX.Element {
  const r = props.row;
  return (
    <div className="mhhs-details" role="region" aria-label={`Participant ${r.mpid}`}>
      <div className="flex-row flex-center mhhs-details-heading">
        <h4>
          {r.mpid} — {r.organisation}
        </h4>
        <Button text="Close" subtle onClick={props.onClose} />
      </div>
      <ul className="mhhs-reasons">
        {r.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {r.blockingDefects.length > 0 ? (
        <DataTable ariaLabel={`Blocking defects of ${r.mpid}`} columns={["Defect", "Severity", "Stage", "Title"]}>
          {r.blockingDefects.map((d) => (
            <tr key={d.id}>
              <td>
                <WorkItemLink id={d.id} onOpen={props.onOpen} label={`Open defect ${d.id}`} />
              </td>
              <td>{d.severity}</td>
              <td>{d.stage ?? ""}</td>
              <td>{d.title}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {r.tests.length > 0 ? <ItemTable ariaLabel={`Required tests of ${r.mpid}`} columns={requiredColumns(props.onOpen)} items={r.tests} height={Math.min(320, 40 + 34 * r.tests.length)} /> : null}
    </div>
  );
}

/** Where the admin hub keeps the required tests, for the hint when none are configured. */
export const REQUIREMENTS_PLACE = "Project settings → MHHS set-up → Qualification requirements";

/** Which required tests are in force (configured, or each participant's planned tests), and a failed read of them. */
function RequiredTestsSource(props: { view: ParticipantsView }): JSX.Element {
  const { view } = props;
  const rules = view.configuredRules ?? 0;
  return (
    <>
      {view.requirementsFailure !== undefined ? (
        <MessageCard className="mhhs-message" severity={MessageCardSeverity.Error}>
          {`The qualification requirements could not be read (${view.requirementsFailure}), so each participant's required tests are the test cases planned for it until they can be. Reload the hub to try again.`}
        </MessageCard>
      ) : null}
      <p className="mhhs-muted" data-required-tests-source={view.requiredTestsSource}>
        {view.requiredTestsSource === "configured"
          ? `Required tests: as configured in the qualification requirements (${rules} rule${rules === 1 ? "" : "s"} by market role and path, ${REQUIREMENTS_PLACE}). A participant whose roles have no rule on its path has nothing required.`
          : `No required tests are configured, so each participant's required tests are the test cases planned for it on its path (SIT stages or QT). To set the programme's required tests per market role and path: ${REQUIREMENTS_PLACE}.`}
      </p>
    </>
  );
}

/** Each participant's path, reliance and MDR choice, required tests against evidence, blockers and readiness. */
export function ParticipantsPivot(props: ParticipantsPivotProps): JSX.Element {
  const { view, onOpen } = props;
  const [selected, setSelected] = React.useState<string | undefined>();
  const selectedRow = selected === undefined ? undefined : view.rows.find((r) => r.mpid === selected);
  const tally = { green: 0, amber: 0, red: 0 };
  for (const r of view.rows) tally[r.rag]++;

  const columns = React.useMemo<ItemColumn<QualificationRow>[]>(
    () => [
      { id: "mpid", name: "MPID", width: 80, render: (r) => r.mpid },
      { id: "organisation", name: "Organisation", width: 200, render: (r) => r.organisation },
      { id: "roles", name: "Roles", width: 110, render: (r) => r.roles.join(", ") },
      { id: "path", name: "Path", width: 60, render: (r) => r.path },
      { id: "reliance", name: "Reliance", width: 130, render: (r) => `${RELIANCE_LABELS[r.reliance]}${r.reliesOn.length ? ` on ${r.reliesOn.join(", ")}` : ""}` },
      { id: "mdr", name: "MDR choice", width: 120, render: (r) => (r.mdrChoice ? MDR_LABELS[r.mdrChoice] : "") },
      { id: "required", name: "Required", width: 80, numeric: true, render: (r) => numberText(r.required) },
      { id: "executed", name: "Evidenced", width: 85, numeric: true, render: (r) => numberText(r.evidenced) },
      { id: "relied", name: "Relied upon", width: 90, numeric: true, render: (r) => numberText(r.reliedUpon) },
      { id: "failed", name: "Failed", width: 70, numeric: true, render: (r) => numberText(r.failed) },
      { id: "outstanding", name: "Outstanding", width: 95, numeric: true, render: (r) => numberText(r.outstanding) },
      { id: "blocking", name: "Blocking defects", width: 120, numeric: true, render: (r) => numberText(r.blockingDefects.length) },
      { id: "rag", name: "Readiness", width: 100, render: (r) => <RagBadge rag={r.rag} detail={r.reasons[0]} /> },
    ],
    [],
  );

  const sheets = () => [{ name: "Participants", columns: [...QUALIFICATION_HEADINGS], rows: qualificationExportRows(view.rows) }];

  const pathChoice = props.onPathChange ? <PathChoice value={props.path} onChange={props.onPathChange} /> : null;
  if (view.rows.length === 0) {
    return (
      <div className="mhhs-pivot" data-pivot="participants">
        {pathChoice}
        {view.requirementsFailure !== undefined ? <RequiredTestsSource view={view} /> : null}
        <ZeroData imageAltText="" iconProps={{ iconName: "People" }} primaryText="No participants in scope" secondaryText="Add participants to the register in MHHS set-up, or clear the role, participant and path filters." />
      </div>
    );
  }
  return (
    <div className="mhhs-pivot" data-pivot="participants">
      <Figures label="Readiness">
        <Figure label="Participants" name="participants" value={numberText(view.rows.length)} />
        <Figure label="Ready (green)" name="green" value={numberText(tally.green)} tone="good" />
        <Figure label="Amber" name="amber" value={numberText(tally.amber)} tone={tally.amber > 0 ? "warning" : undefined} />
        <Figure label="Red" name="red" value={numberText(tally.red)} tone={tally.red > 0 ? "bad" : undefined} />
      </Figures>
      <RequiredTestsSource view={view} />
      {view.messages.slice(0, 5).map((m) => (
        <p key={m} className="mhhs-muted">
          {m}
        </p>
      ))}
      <Section
        title="Participants and qualification"
        id="participants"
        actions={
          <>
            {pathChoice}
            <ExportButtons what="participants and qualification" fileName={`Participants and qualification ${props.scope}`} date={props.today} sheets={sheets} />
          </>
        }
      >
        <p className="mhhs-muted">Choose a participant to see its required tests, what evidences them and what blocks it.</p>
        <ItemTable ariaLabel="Participants and their readiness" columns={columns} items={view.rows} height={480} onActivate={(r) => setSelected(r.mpid)} />
        {selectedRow ? <ParticipantDetails row={selectedRow} onOpen={onOpen} onClose={() => setSelected(undefined)} /> : null}
      </Section>
    </div>
  );
}
