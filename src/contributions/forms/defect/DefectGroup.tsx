import * as React from "react";
import { TextField } from "azure-devops-ui/TextField";
import { sameCode } from "../../../domain/groupKeys";
import type { FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { BUILT_IN, mhhsField } from "../shared/boundFields";
import {
  designReferenceProblems,
  designReleaseProblems,
  mpanProblems,
  participantProblems,
  workOffPlanProblems,
} from "../shared/fieldChecks";
import {
  catalogueOptions,
  CodeDropdown,
  DesignReferencesRow,
  DesignReleaseRow,
  FieldRow,
  MpansRow,
  PicklistRow,
  TestScopeRows,
} from "../shared/FieldRows";
import type { FieldValues } from "../shared/formBinding";
import { GroupFrame } from "../shared/GroupFrame";
import type { DefectFormContext, WorkItemSummary } from "../shared/programme";
import { htmlToText, textToHtml } from "../shared/richText";
import { useFormBinding } from "../shared/useFormBinding";
import { useProgramme } from "../shared/useProgramme";
import { assessDefectOnForm } from "./defectStatus";
import { DefectStandingPanel } from "./DefectStandingPanel";
import { allocatedEnvironments, environmentOptions } from "./environmentOptions";

export const DEFECT_FIELDS = {
  stage: mhhsField("testStage"),
  cycle: mhhsField("testCycle"),
  role: mhhsField("marketRole"),
  participant: mhhsField("participant"),
  environment: mhhsField("environment"),
  category: mhhsField("defectCategory", "Defect Category (fix owner)"),
  foundIn: mhhsField("designRelease", "Found In Release"),
  fixedIn: mhhsField("fixedInRelease"),
  designReferences: mhhsField("designReferences"),
  testMpans: mhhsField("testMpans"),
  workOffPlan: mhhsField("workOffPlan"),
};

const FIELDS = Object.values(DEFECT_FIELDS);
const WATCHED = [BUILT_IN.severity, BUILT_IN.state, BUILT_IN.createdDate, BUILT_IN.closedDate];

export interface DefectGroupProps {
  form: WorkItemForm;
  events: FormEvents;
  loadContext(): Promise<DefectFormContext>;
  /** Titles and types of linked work items, to show which test case the defect came from. */
  describeWorkItems?(ids: number[]): Promise<WorkItemSummary[]>;
  onResize?(): void;
}

/** Why the plan is required once one is written; while it is missing, the problem says why. */
function workOffPlanNote(requiredBecause: string | undefined, missing: boolean): string | undefined {
  if (requiredBecause === undefined) return "Needed to leave a stage with this defect open.";
  return missing ? undefined : `Required because ${requiredBecause}.`;
}

export function DefectGroup(props: DefectGroupProps): JSX.Element {
  const { state: programme, context } = useProgramme(props.loadContext);
  const f = DEFECT_FIELDS;

  const validate = React.useCallback(
    (values: FieldValues) => ({
      [f.participant.name]: participantProblems(values[f.participant.name] ?? "", context.participants),
      [f.foundIn.name]: designReleaseProblems(values[f.foundIn.name] ?? ""),
      [f.fixedIn.name]: designReleaseProblems(values[f.fixedIn.name] ?? ""),
      [f.designReferences.name]: designReferenceProblems(values[f.designReferences.name] ?? ""),
      [f.testMpans.name]: mpanProblems(values[f.testMpans.name] ?? ""),
      [f.workOffPlan.name]: workOffPlanProblems(
        values[f.workOffPlan.name] ?? "",
        assessDefectOnForm(values, context, false).workOffPlanRequiredBecause,
      ),
    }),
    [context, f],
  );

  const bound = useFormBinding({ form: props.form, events: props.events, fields: FIELDS, watched: WATCHED, relations: true, validate });
  const values = bound.values;
  const stage = values[f.stage.name] ?? "";
  const participant = values[f.participant.name] ?? "";
  const environment = values[f.environment.name] ?? "";
  const standing = assessDefectOnForm(values, context, bound.isNew);
  const requiredBecause = standing.workOffPlanRequiredBecause;
  const allocated = allocatedEnvironments(context.allocations, participant, stage);
  const outsidePlan =
    environment.trim() && allocated.length > 0 && !allocated.some((code) => sameCode(code, environment))
      ? `${environment} is not allocated to ${participant.trim().toUpperCase()} in ${stage} by the environments plan.`
      : undefined;

  return (
    <GroupFrame label="MHHS defect" bound={bound} programme={programme} onResize={props.onResize}>
      <DefectStandingPanel
        standing={standing}
        isNew={bound.isNew}
        stage={stage}
        relations={bound.relations}
        describeWorkItems={props.describeWorkItems}
      />
      <div className="mhhs-grid">
        <TestScopeRows bound={bound} fields={f} context={context} registerUnavailable={programme.status === "failed"} />
        <FieldRow bound={bound} field={f.environment} note={outsidePlan}>
          {(control) => (
            <CodeDropdown control={control} options={environmentOptions(context.environments, context.allocations, participant, stage)} />
          )}
        </FieldRow>
        <PicklistRow bound={bound} field={f.category} options={catalogueOptions(context.catalogues.defectCategories)} />
        <DesignReleaseRow bound={bound} field={f.foundIn} />
        <DesignReleaseRow bound={bound} field={f.fixedIn} />
        <DesignReferencesRow bound={bound} field={f.designReferences} />
        <MpansRow bound={bound} field={f.testMpans} />
        <FieldRow
          bound={bound}
          field={f.workOffPlan}
          wide
          required={requiredBecause !== undefined}
          note={workOffPlanNote(requiredBecause, (bound.problems[f.workOffPlan.name] ?? []).length > 0)}
        >
          {(control) => (
            <TextField
              inputId={control.inputId}
              value={htmlToText(control.value)}
              readOnly={control.disabled}
              ariaInvalid={control.invalid}
              ariaDescribedBy={control.describedBy}
              multiline
              autoAdjustHeight
              rows={3}
              placeholder="How and by when the defect will be worked off, and who agreed it"
              onChange={(_event, text) => control.onChange(textToHtml(text))}
            />
          )}
        </FieldRow>
      </div>
    </GroupFrame>
  );
}
