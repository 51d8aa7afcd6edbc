import * as React from "react";
import { openNewWorkItem } from "../../../ado/navigation";
import { loadProgrammeContext, loadRequirementCoverage, testCaseTypeName, testedByRelation } from "../shared/hostProgramme";
import { mountFormGroup } from "../shared/mountFormGroup";
import { RequirementGroup } from "./RequirementGroup";

mountFormGroup("MHHS requirement", (form, events, resize) => (
  <RequirementGroup
    form={form}
    events={events}
    loadContext={loadProgrammeContext}
    loadCoverage={loadRequirementCoverage}
    createLinkedTestCase={async (prefill) => {
      const id = await openNewWorkItem(await testCaseTypeName(), prefill);
      // The link goes on this (possibly unsaved) requirement through the form, so it is saved with it.
      if (id !== undefined) await form.addWorkItemRelations([await testedByRelation(id)]);
      return id;
    }}
    onResize={resize}
  />
));
