import * as React from "react";
import type { LinkedRelation } from "../shared/formBinding";
import { LINK, linkedIds, linkedTestResults, WorkItemSummary } from "../shared/programme";
import { useLoad } from "../shared/useLoad";
import { DefectStanding, describeAge, describeExit, StandingLine } from "./defectStatus";

export interface DefectStandingPanelProps {
  standing: DefectStanding;
  isNew: boolean;
  stage: string;
  relations: readonly LinkedRelation[];
  describeWorkItems?: (ids: number[]) => Promise<WorkItemSummary[]>;
}

const TEST_CASE_TYPE = /test\s*case/i;

function Line(props: { line: StandingLine }): JSX.Element {
  return <dd className={`mhhs-tone-${props.line.tone}`}>{props.line.text}</dd>;
}

/** Where the defect came from: the test cases it is linked to and the test results it was raised from. */
function FoundBy(props: Pick<DefectStandingPanelProps, "relations" | "describeWorkItems">): JSX.Element {
  const { relations, describeWorkItems } = props;
  const testedBy = [...linkedIds(relations, LINK.testedBy), ...linkedIds(relations, LINK.tests)];
  const related = linkedIds(relations, LINK.related);
  const candidates = Array.from(new Set([...testedBy, ...related])).sort((a, b) => a - b);
  const results = linkedTestResults(relations);
  const summaries = useLoad(
    describeWorkItems && candidates.length > 0 ? () => describeWorkItems(candidates) : undefined,
    candidates.join(","),
  );

  const items: string[] = [];
  if (summaries.status === "loaded") {
    for (const summary of summaries.data) {
      // A Related link counts only when it points at a test case; Tested By links always do.
      if (testedBy.includes(summary.id) || TEST_CASE_TYPE.test(summary.type)) items.push(`${summary.type} ${summary.id}: ${summary.title}`);
    }
  } else {
    for (const id of testedBy) items.push(`Test case ${id}`);
  }
  for (const result of results) items.push(`Test result ${result.resultId} of run ${result.runId}`);

  if (summaries.status === "loading") return <dd>Reading the linked work items…</dd>;
  return (
    <dd>
      {items.length === 0 ? "No linked test case or test result." : items.join("; ")}
      {summaries.status === "failed" ? <span className="mhhs-tone-bad"> (could not read the linked work items: {summaries.error})</span> : null}
    </dd>
  );
}

export function DefectStandingPanel(props: DefectStandingPanelProps): JSX.Element {
  return (
    <dl className="mhhs-standing" aria-label="Defect standing">
      <dt>Age</dt>
      <Line line={describeAge(props.standing, props.isNew)} />
      <dt>Stage exit</dt>
      <Line line={describeExit(props.standing, props.stage)} />
      <dt>Found by</dt>
      <FoundBy relations={props.relations} describeWorkItems={props.describeWorkItems} />
    </dl>
  );
}
