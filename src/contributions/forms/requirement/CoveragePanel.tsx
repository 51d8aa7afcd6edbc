import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import type { CoverageStatus } from "../../../domain/coverage";
import { SEVERITY_KEYS } from "../../../domain/defects";
import { DataTable } from "../../../ui/DataTable";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import { dayOf, OutcomeText } from "../../../ui/OutcomeText";
import type { LinkedRelation } from "../shared/formBinding";
import type { CoverageRequest, RequirementCoverageData } from "../shared/programme";
import { useLoad } from "../shared/useLoad";
import { coverageView, RequirementOnForm, TestCaseCoverage } from "./coverageView";
import { failureMessage } from "../../../ado/errors";

export interface CoveragePanelProps {
  requirement: RequirementOnForm;
  readOnly: boolean;
  relations: readonly LinkedRelation[];
  loadCoverage(request: CoverageRequest): Promise<RequirementCoverageData>;
  /** Opens a new test case with these field values and links it; its id, or undefined when none was created. */
  createLinkedTestCase?(prefill: Record<string, string>): Promise<number | undefined>;
  prefill: Record<string, string>;
  /** The links changed here: read them again. */
  onLinked(): void;
}

const STATUS_TEXT: Readonly<Record<CoverageStatus, { text: string; tone: string }>> = {
  notCovered: { text: "Not covered: no test case is linked", tone: "mhhs-tone-bad" },
  notRun: { text: "Not run yet", tone: "mhhs-tone-neutral" },
  failing: { text: "Failing", tone: "mhhs-tone-bad" },
  blocked: { text: "Blocked", tone: "mhhs-tone-bad" },
  passing: { text: "Passing", tone: "mhhs-tone-good" },
};

function TestCaseRows(props: { coverage: TestCaseCoverage }): JSX.Element {
  const { id, testCase, latest } = props.coverage;
  const name = testCase
    ? `${id}${testCase.programmeTestCaseId ? ` ${testCase.programmeTestCaseId}` : ""}: ${testCase.title}`
    : `${id}: could not be read (deleted, or you cannot see it)`;
  if (latest.length === 0) {
    return (
      <tr>
        <td>{name}</td>
        <td colSpan={4} className="mhhs-tone-neutral">
          Not in any test plan yet
        </td>
      </tr>
    );
  }
  return (
    <>
      {latest.map((row, index) => (
        <tr key={`${row.stage}-${row.participant}`}>
          <td>{index === 0 ? name : ""}</td>
          <td>{row.stage}</td>
          <td>{row.participant}</td>
          <td>
            <OutcomeText outcome={row.outcome} />
          </td>
          <td>{dayOf(row.lastRunDate)}</td>
        </tr>
      ))}
    </>
  );
}

function CreateLinkedTestCase(props: Pick<CoveragePanelProps, "createLinkedTestCase" | "prefill" | "readOnly" | "onLinked">): JSX.Element | null {
  const { createLinkedTestCase } = props;
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<{ text: string; tone: string } | undefined>(undefined);
  if (!createLinkedTestCase) return null;
  const create = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const id = await createLinkedTestCase(props.prefill);
      setOutcome(
        id === undefined
          ? { text: "No test case was created, so nothing was linked.", tone: "mhhs-tone-neutral" }
          : { text: `Test case ${id} created and linked: save the requirement to keep the link.`, tone: "mhhs-tone-good" },
      );
      if (id !== undefined) props.onLinked();
    } catch (error) {
      setOutcome({ text: `Could not create and link a test case: ${failureMessage(error)}`, tone: "mhhs-tone-bad" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mhhs-actions flex-row flex-wrap">
      <Button text="New linked test case" iconProps={{ iconName: "Add" }} disabled={props.readOnly || busy} onClick={() => void create()} />
      {busy ? <span className="mhhs-summary">Waiting for the new test case…</span> : null}
      {outcome ? (
        <span className={outcome.tone} role="status">
          {outcome.text}
        </span>
      ) : null}
    </div>
  );
}

/** Live coverage of the requirement: linked test cases with their latest outcomes, and open defects by severity. */
export function CoveragePanel(props: CoveragePanelProps): JSX.Element {
  const { requirement, loadCoverage, relations } = props;
  const ids = requirement.testCaseIds;
  const coverage = useLoad(
    ids.length > 0 ? () => loadCoverage({ requirementId: requirement.id, testCaseIds: ids, relations }) : undefined,
    `${requirement.id}:${ids.join(",")}`,
  );
  const loaded = coverage.status === "loaded" ? coverage.data : undefined;
  // Keyed on the requirement's values, not its object: the group renders on every keystroke in the form.
  const scope = JSON.stringify([requirement.id, requirement.type, requirement.roles, requirement.stages, requirement.testCaseIds]);
  const view = React.useMemo(() => (loaded ? coverageView(requirement, loaded) : undefined), [loaded, scope]);

  let body: React.ReactNode;
  if (ids.length === 0) body = <div className="mhhs-summary">{STATUS_TEXT.notCovered.text}.</div>;
  else if (coverage.status === "loading" || coverage.status === "idle") body = <Loading label="Loading the coverage…" />;
  else if (coverage.status === "failed") body = <LoadFailure message={`The coverage could not be loaded: ${coverage.error}`} onRetry={coverage.retry} />;
  else if (view) {
    const status = STATUS_TEXT[view.status];
    const severities = SEVERITY_KEYS.filter((key) => key !== "Unknown" || view.openDefects.Unknown > 0);
    body = (
      <>
        <p className="mhhs-summary">
          <span className={status.tone}>{status.text}</span>
          {` · ${view.counts.passed} passed, ${view.counts.failed} failed, ${view.counts.blocked} blocked, ${view.counts.notRun} not run`}
        </p>
        <DataTable ariaLabel="Linked test cases and their latest outcomes" columns={["Test case", "Stage", "Participant", "Latest outcome", "Last run"]}>
          {view.testCases.map((testCase) => (
            <TestCaseRows key={testCase.id} coverage={testCase} />
          ))}
        </DataTable>
        <p className="mhhs-summary" aria-label="Open defects by severity">
          {view.openDefects.total === 0
            ? "No open defects linked."
            : `Open defects: ${severities.map((key) => `${key}: ${view.openDefects[key]}`).join(", ")}`}
        </p>
      </>
    );
  }

  return (
    <section className="mhhs-panel" aria-label="Coverage">
      <h3>Coverage</h3>
      {body}
      <CreateLinkedTestCase createLinkedTestCase={props.createLinkedTestCase} prefill={props.prefill} readOnly={props.readOnly} onLinked={props.onLinked} />
    </section>
  );
}
