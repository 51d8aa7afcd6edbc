import * as React from "react";
import { splitMultiValue } from "../../../ado/fields";
import type { FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { mhhsField } from "../shared/boundFields";
import { codeListProblems, designReferenceProblems, designReleaseProblems } from "../shared/fieldChecks";
import { catalogueOptions, DesignReferencesRow, DesignReleaseRow, PicklistRow } from "../shared/FieldRows";
import type { FieldValues } from "../shared/formBinding";
import { GroupFrame } from "../shared/GroupFrame";
import { CoverageRequest, LINK, linkedIds, RequirementCoverageData, RequirementFormContext } from "../shared/programme";
import { useFormBinding } from "../shared/useFormBinding";
import { useProgramme } from "../shared/useProgramme";
import { CoveragePanel } from "./CoveragePanel";

export const REQUIREMENT_FIELDS = {
  type: mhhsField("requirementType"),
  roles: mhhsField("roles"),
  stages: mhhsField("stagesInScope"),
  designReferences: mhhsField("designReferences"),
  designRelease: mhhsField("designRelease"),
};

const FIELDS = Object.values(REQUIREMENT_FIELDS);

export interface RequirementGroupProps {
  form: WorkItemForm;
  events: FormEvents;
  loadContext(): Promise<RequirementFormContext>;
  loadCoverage(request: CoverageRequest): Promise<RequirementCoverageData>;
  /** Opens a new test case prefilled with these values and links it by Tested By; its id, or undefined if none was saved. */
  createLinkedTestCase?(prefill: Record<string, string>): Promise<number | undefined>;
  onResize?(): void;
}

export function RequirementGroup(props: RequirementGroupProps): JSX.Element {
  const { state: programme, context } = useProgramme(props.loadContext);
  const f = REQUIREMENT_FIELDS;

  const validate = React.useCallback(
    (values: FieldValues) => ({
      [f.roles.name]: codeListProblems(values[f.roles.name] ?? "", context.catalogues.roles, "a market role"),
      [f.stages.name]: codeListProblems(values[f.stages.name] ?? "", context.catalogues.stages, "a test stage"),
      [f.designReferences.name]: designReferenceProblems(values[f.designReferences.name] ?? ""),
      [f.designRelease.name]: designReleaseProblems(values[f.designRelease.name] ?? ""),
    }),
    [context, f],
  );

  const bound = useFormBinding({ form: props.form, events: props.events, fields: FIELDS, relations: true, validate });
  const values = bound.values;
  const roles = splitMultiValue(values[f.roles.name]);
  const stages = splitMultiValue(values[f.stages.name]);
  const testCaseIds = linkedIds(bound.relations, LINK.testedBy);
  const prefill: Record<string, string> = {};
  if (stages.length > 0) prefill[mhhsField("testStage").name] = stages[0];
  if (roles.length > 0) prefill[mhhsField("marketRole").name] = roles[0];
  if (values[f.designReferences.name]?.trim()) prefill[f.designReferences.name] = values[f.designReferences.name];

  return (
    <GroupFrame label="MHHS requirement" bound={bound} programme={programme} onResize={props.onResize}>
      <div className="mhhs-grid">
        <PicklistRow bound={bound} field={f.type} options={catalogueOptions(context.catalogues.requirementTypes)} />
        <PicklistRow bound={bound} field={f.roles} options={catalogueOptions(context.catalogues.roles)} multiple />
        <PicklistRow bound={bound} field={f.stages} options={catalogueOptions(context.catalogues.stages)} multiple />
        <DesignReleaseRow bound={bound} field={f.designRelease} />
        <DesignReferencesRow bound={bound} field={f.designReferences} />
      </div>
      <CoveragePanel
        requirement={{ id: bound.workItemId ?? 0, type: values[f.type.name] ?? "", roles, stages, testCaseIds }}
        readOnly={bound.readOnly}
        relations={bound.relations}
        loadCoverage={props.loadCoverage}
        createLinkedTestCase={props.createLinkedTestCase}
        prefill={prefill}
        onLinked={() => void bound.reloadRelations()}
      />
    </GroupFrame>
  );
}
