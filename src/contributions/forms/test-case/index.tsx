import * as React from "react";
import { loadProgrammeContext, loadTestCasePlacements } from "../shared/hostProgramme";
import { mountFormGroup } from "../shared/mountFormGroup";
import { TestCaseGroup } from "./TestCaseGroup";

mountFormGroup("MHHS test case", (form, events, resize) => (
  <TestCaseGroup form={form} events={events} loadContext={loadProgrammeContext} loadPlacements={loadTestCasePlacements} onResize={resize} />
));
