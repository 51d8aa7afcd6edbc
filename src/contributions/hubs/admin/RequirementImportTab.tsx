import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { ProgressBar } from "azure-devops-ui/ProgressBar";
import type { RequirementImportPlan, RequirementImportProgress, RequirementImportRun } from "../../../ado/requirementImport";
import { readRttmRows, RTTM_COLUMNS } from "../../../domain/rttm";
import { DataTable } from "../../../ui/DataTable";
import { pickSheet } from "../../../ui/spreadsheetImport";
import type { TabProps } from "./AdminHub";
import { ImportPanel } from "./ImportPanel";

type RunState =
  | { status: "idle" }
  | { status: "running"; progress: RequirementImportProgress }
  | { status: "finished"; run: RequirementImportRun };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function PlanDetails(props: { plan: RequirementImportPlan }): JSX.Element {
  const unknown = props.plan.rows.filter((row) => row.unknownTestCases.length > 0);
  const changing = props.plan.rows.filter((row) => row.action !== "unchanged");
  return (
    <>
      {unknown.length > 0 ? (
        <div className="mhhs-admin-list">
          <p className="mhhs-warn">{`${plural(unknown.length, "row")} name test cases this project does not have; the requirement is imported and those links are left out:`}</p>
          <DataTable ariaLabel="Test cases not found" columns={["Row", "Requirement Id", "Test case ids not found"]}>
            {unknown.map((row) => (
              <tr key={row.requirement.row}>
                <td>{row.requirement.row}</td>
                <td>{row.requirement.requirementId}</td>
                <td>{row.unknownTestCases.join(", ")}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
      {changing.length > 0 ? (
        <div className="mhhs-admin-list">
          <DataTable ariaLabel="Requirements to write" columns={["Row", "Requirement Id", "Action", "Work item", "Fields", "New links"]}>
            {changing.slice(0, 200).map((row) => (
              <tr key={row.requirement.row} data-requirement={row.requirement.requirementId} data-action={row.action}>
                <td>{row.requirement.row}</td>
                <td>{row.requirement.requirementId}</td>
                <td>{row.action === "create" ? "Create" : "Update"}</td>
                <td>{row.workItemId ?? "(new)"}</td>
                <td>{Object.keys(row.fields).length}</td>
                <td>{row.linksToAdd.length}</td>
              </tr>
            ))}
          </DataTable>
          {changing.length > 200 ? <p className="mhhs-admin-status">{`…and ${changing.length - 200} more.`}</p> : null}
        </div>
      ) : null}
    </>
  );
}

/** RTTM rows as requirement work items: a dry run, then the writes with a progress bar. */
export function RequirementImportTab(props: TabProps): JSX.Element {
  const { services, catalogues } = props;
  const [run, setRun] = React.useState<RunState>({ status: "idle" });
  const headings = RTTM_COLUMNS.map((c) => c.heading);

  return (
    <section className="mhhs-admin-section" aria-label="Requirement import">
      <h2>Requirement import</h2>
      <p className="mhhs-admin-status">
        Imports the rows of a Requirements-to-Test Traceability Matrix (RTTM) as requirement work items with their MHHS fields, and links each to the test cases it names (by their programme test case id). A requirement whose id is already in the project is updated, not duplicated, so the same file can be imported again safely.
      </p>
      <ImportPanel
        title="Import an RTTM"
        hint={`Columns: ${headings.join(", ")}. Several roles, stages or test case ids go in one cell, separated by ";".`}
        disabled={run.status === "running"}
        dryRun={async (workbook) => {
          setRun({ status: "idle" });
          const sheet = pickSheet(workbook, ["RTTM", "Requirements"]);
          const read = readRttmRows(sheet?.table ?? { headers: [], rows: [] }, catalogues);
          const plan = read.requirements.length > 0 ? await services.planRequirementImport(read.requirements) : undefined;
          const counts = plan?.counts ?? { create: 0, update: 0, unchanged: 0 };
          const links = plan?.rows.reduce((n, row) => n + row.linksToAdd.length, 0) ?? 0;
          const bad = new Set(read.problems.map((p) => p.row)).size;
          return {
            summary: `${plural(read.rowsRead, "row")} read: ${plural(counts.create, "new requirement")} to create${plan ? ` (as ${plan.requirementType})` : ""}, ${counts.update} to update, ${counts.unchanged} unchanged; ${plural(links, "Tested By link")} to add; ${plural(bad, "row")} with problems.`,
            problems: read.problems,
            details: plan ? <PlanDetails plan={plan} /> : undefined,
            canApply: plan !== undefined && counts.create + counts.update > 0,
            applyLabel: `Import ${plural(counts.create + counts.update, "requirement")}`,
            apply: async () => {
              if (!plan) return;
              setRun({ status: "running", progress: { finished: 0, total: plan.rows.length, created: 0, updated: 0, unchanged: 0, failed: 0 } });
              try {
                const result = await services.runRequirementImport(plan, (progress) => setRun({ status: "running", progress }));
                setRun({ status: "finished", run: result });
              } catch (error) {
                // Not left "running" (which would keep the file input disabled): the panel says why and keeps the dry run to apply again.
                setRun({ status: "idle" });
                throw error;
              }
            },
          };
        }}
      />
      {run.status !== "idle" ? <RunReport run={run} /> : null}
    </section>
  );
}

function RunReport(props: { run: Exclude<RunState, { status: "idle" }> }): JSX.Element {
  const progress = props.run.status === "running" ? props.run.progress : props.run.run.progress;
  const failures = props.run.status === "finished" ? props.run.run.outcomes.filter((o) => o.status === "failed") : [];
  return (
    <div className="mhhs-admin-section" role="region" aria-label="Import progress">
      <div className="mhhs-progress">
        <ProgressBar currentValue={progress.finished} maxValue={Math.max(progress.total, 1)} ariaLabel="Requirements imported" />
        <div className="mhhs-admin-status" role="status" aria-live="polite" data-import-status={props.run.status}>
          {`${props.run.status === "running" ? "Importing: " : "Finished: "}${progress.finished} of ${progress.total} rows; ${progress.created} created, ${progress.updated} updated, ${progress.unchanged} unchanged, ${progress.failed} failed.`}
        </div>
      </div>
      {failures.length > 0 ? (
        <>
          <MessageCard className="mhhs-message" severity={MessageCardSeverity.Error}>
            {`${plural(failures.length, "row")} could not be written; the others were. Importing the same file again writes only what is missing.`}
          </MessageCard>
          <DataTable ariaLabel="Rows not written" columns={["Row", "Requirement Id", "Reason"]}>
            {failures.map((failure) => (
              <tr key={failure.row}>
                <td>{failure.row}</td>
                <td>{failure.requirementId}</td>
                <td>{failure.message}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </div>
  );
}
