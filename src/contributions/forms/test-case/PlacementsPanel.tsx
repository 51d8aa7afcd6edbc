import * as React from "react";
import { DataTable } from "../../../ui/DataTable";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import { dayOf, OutcomeText } from "../../../ui/OutcomeText";
import type { TestCasePlacement } from "../shared/programme";
import { useLoad } from "../shared/useLoad";

export interface PlacementsPanelProps {
  /** Undefined (or 0) while the test case has not been saved. */
  testCaseId?: number;
  loadPlacements(testCaseId: number): Promise<TestCasePlacement[]>;
}

/** The test plans and suites the test case is in, each with its latest outcome. */
export function PlacementsPanel(props: PlacementsPanelProps): JSX.Element {
  const { testCaseId, loadPlacements } = props;
  const saved = testCaseId !== undefined && testCaseId > 0;
  const placements = useLoad(saved ? () => loadPlacements(testCaseId) : undefined, String(testCaseId ?? 0));

  let body: React.ReactNode;
  if (!saved) body = <div className="mhhs-summary">Save the test case, then add it to a suite in Test Plans: its plans and outcomes show here.</div>;
  else if (placements.status === "loading" || placements.status === "idle") body = <Loading label="Loading the test plans…" />;
  else if (placements.status === "failed") body = <LoadFailure message={`The test plans could not be loaded: ${placements.error}`} onRetry={placements.retry} />;
  else if (placements.data.length === 0) body = <div className="mhhs-summary">Not in any test plan or suite yet.</div>;
  else {
    body = (
      <DataTable
        ariaLabel="Test plans and suites with latest outcomes"
        columns={["Plan", "Suite", "Stage", "Configuration", "Latest outcome", "Last run"]}
      >
        {placements.data.map((placement) => (
          <tr key={placement.pointId}>
            <td>{placement.planName}</td>
            <td>{placement.suiteName}</td>
            <td>{[placement.stage, placement.cycle].filter(Boolean).join(" ") || "–"}</td>
            <td>{placement.configuration ?? "–"}</td>
            <td>
              <OutcomeText outcome={placement.outcome} />
            </td>
            <td>{dayOf(placement.lastRunDate)}</td>
          </tr>
        ))}
      </DataTable>
    );
  }
  return (
    <section className="mhhs-panel" aria-label="Test plans">
      <h3>Test plans</h3>
      {body}
    </section>
  );
}
