import * as React from "react";
import type { FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { canonicaliseProgrammeTestId } from "../../../domain/programmeTestIds";
import { mhhsField } from "../shared/boundFields";
import { designReferenceProblems, mpanProblems, participantProblems, programmeTestIdProblems } from "../shared/fieldChecks";
import { catalogueOptions, DesignReferencesRow, MpansRow, PicklistRow, TestScopeRows, TextRow } from "../shared/FieldRows";
import type { FieldValues } from "../shared/formBinding";
import { GroupFrame } from "../shared/GroupFrame";
import type { TestCaseFormContext, TestCasePlacement } from "../shared/programme";
import { useFormBinding } from "../shared/useFormBinding";
import { useProgramme } from "../shared/useProgramme";
import { PlacementsPanel } from "./PlacementsPanel";

export const TEST_CASE_FIELDS = {
  testCaseId: mhhsField("testCaseId", "Programme Test Case Id"),
  stage: mhhsField("testStage"),
  cycle: mhhsField("testCycle"),
  role: mhhsField("marketRole"),
  participant: mhhsField("participant"),
  nftCategory: mhhsField("nftCategory"),
  designReferences: mhhsField("designReferences"),
  testMpans: mhhsField("testMpans"),
};

const FIELDS = Object.values(TEST_CASE_FIELDS);

export interface TestCaseGroupProps {
  form: WorkItemForm;
  events: FormEvents;
  loadContext(): Promise<TestCaseFormContext>;
  loadPlacements(testCaseId: number): Promise<TestCasePlacement[]>;
  onResize?(): void;
}

export function TestCaseGroup(props: TestCaseGroupProps): JSX.Element {
  const { state: programme, context } = useProgramme(props.loadContext);
  const f = TEST_CASE_FIELDS;

  const validate = React.useCallback(
    (values: FieldValues) => ({
      [f.testCaseId.name]: programmeTestIdProblems(values[f.testCaseId.name] ?? "", context.testIdFormats),
      [f.participant.name]: participantProblems(values[f.participant.name] ?? "", context.participants),
      [f.designReferences.name]: designReferenceProblems(values[f.designReferences.name] ?? ""),
      [f.testMpans.name]: mpanProblems(values[f.testMpans.name] ?? ""),
    }),
    [context, f],
  );

  const bound = useFormBinding({ form: props.form, events: props.events, fields: FIELDS, validate });
  const values = bound.values;
  const typedId = (values[f.testCaseId.name] ?? "").trim();
  const canonicalId = typedId ? canonicaliseProgrammeTestId(typedId, context.testIdFormats) : undefined;

  return (
    <GroupFrame label="MHHS test case" bound={bound} programme={programme} onResize={props.onResize}>
      <div className="mhhs-grid">
        <TextRow
          bound={bound}
          field={f.testCaseId}
          placeholder="e.g. QT-093 or SITNFT-T2-020"
          canonical={(text) => (text.trim() ? canonicaliseProgrammeTestId(text, context.testIdFormats) : undefined)}
          note={canonicalId && canonicalId !== typedId ? `Read as ${canonicalId}.` : undefined}
        />
        <TestScopeRows bound={bound} fields={f} context={context} registerUnavailable={programme.status === "failed"} />
        <PicklistRow bound={bound} field={f.nftCategory} options={catalogueOptions(context.catalogues.nftCategories)} />
        <DesignReferencesRow bound={bound} field={f.designReferences} />
        <MpansRow bound={bound} field={f.testMpans} />
      </div>
      <PlacementsPanel testCaseId={bound.isNew ? undefined : bound.workItemId} loadPlacements={props.loadPlacements} />
    </GroupFrame>
  );
}
