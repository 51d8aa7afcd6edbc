// What the admin hub needs from Azure DevOps, as one interface: the host implementation
// (hostAdminServices.ts) goes through src/ado; component tests pass fakes.

import type { ConfigKind, LoadedConfig } from "../../../ado/configStore";
import type { PicklistLists } from "../../../ado/fields";
import type { ProcessReading, SetupRun, StepProgress } from "../../../ado/processSetup";
import type { RequirementImportPlan, RequirementImportProgress, RequirementImportRun } from "../../../ado/requirementImport";
import type { Catalogues } from "../../../domain/catalogues";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../domain/model";
import type { DesiredSetup, ProcessPlan, ProcessState, SetupStep } from "../../../domain/processPlan";
import type { RttmRequirement } from "../../../domain/rttm";

export interface ProcessCheck {
  reading: ProcessReading;
  desired: DesiredSetup;
  plan: ProcessPlan;
}

/** What the exit criteria preview is judged on: the stage's current figures, as far as they can be read. */
export interface ExitPreviewData {
  points: TestPointRecord[];
  defects: DefectRecord[];
  requirements?: RequirementRecord[];
  testCases?: TestCaseRecord[];
  /** What could not be read, so the preview says why a criterion has no figure. */
  notes: string[];
}

export interface TestPlanSummary {
  id: number;
  name: string;
}

export interface AdminServices {
  readonly projectName: string;
  readonly userName: string;
  loadConfig<T>(kind: ConfigKind<T>, catalogues: Catalogues): Promise<LoadedConfig<T>>;
  /** Refused with ConflictError when someone else saved since `etag`, ConfigValidationError when invalid. */
  saveConfig<T>(kind: ConfigKind<T>, data: T, etag: number | undefined, catalogues: Catalogues): Promise<LoadedConfig<T>>;
  checkProcess(lists: PicklistLists): Promise<ProcessCheck>;
  applyProcessSteps(state: ProcessState, steps: readonly SetupStep[], onProgress: (progress: StepProgress) => void): Promise<SetupRun>;
  /** Rejects with an Error whose message names the missing permission when that is why. */
  createInheritedProcess(parent: { id: string; name: string }, name: string): Promise<{ id: string; name: string }>;
  planRequirementImport(requirements: readonly RttmRequirement[]): Promise<RequirementImportPlan>;
  runRequirementImport(plan: RequirementImportPlan, onProgress: (progress: RequirementImportProgress) => void): Promise<RequirementImportRun>;
  loadExitPreview(stage: string, asOf: string): Promise<ExitPreviewData>;
  listTestPlans(): Promise<TestPlanSummary[]>;
}
