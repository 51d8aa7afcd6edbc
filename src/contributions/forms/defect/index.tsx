import * as React from "react";
import { describeWorkItems, loadProgrammeContext } from "../shared/hostProgramme";
import { mountFormGroup } from "../shared/mountFormGroup";
import { DefectGroup } from "./DefectGroup";

mountFormGroup("MHHS defect", (form, events, resize) => (
  <DefectGroup form={form} events={events} loadContext={loadProgrammeContext} describeWorkItems={describeWorkItems} onResize={resize} />
));
