// The admin hub's services in a contribution frame: one connection to the host, the
// configuration store, process set-up, the requirement import and, for the exit criteria preview,
// the programme data source (Analytics, or REST where Analytics is missing), all from src/ado.

import { connectInHost } from "../../../ado/clients";
import { ConfigStore } from "../../../ado/configStore";
import { chooseDataSource } from "../../../ado/dataSources";
import {
  createInheritedProcess,
  desiredProcessSetup,
  executeSetupSteps,
  readProcessSetup,
} from "../../../ado/processSetup";
import { planRequirementImport, runRequirementImport } from "../../../ado/requirementImport";
import { currentUserName, extensionIdentity } from "../../../ado/sdk";
import { listTestPlans } from "../../../ado/testPlanList";
import { sameCode } from "../../../domain/groupKeys";
import type { DefectRecord, RequirementRecord, TestCaseRecord } from "../../../domain/model";
import { planProcessSetup } from "../../../domain/processPlan";
import type { AdminServices, ExitPreviewData } from "./adminServices";

/** Connects to the host once the handshake is done; everything else waits for the connection. */
export async function hostAdminServices(): Promise<AdminServices> {
  const connection = await connectInHost();
  const extension = extensionIdentity();
  const userName = currentUserName();
  const source = chooseDataSource(connection);
  let workItems: Promise<[DefectRecord[], RequirementRecord[], TestCaseRecord[]]> | undefined;
  return {
    projectName: connection.projectName,
    userName,
    loadConfig: (kind, catalogues) => new ConfigStore(connection.documents, { catalogues }).load(kind),
    saveConfig: (kind, data, etag, catalogues) => new ConfigStore(connection.documents, { catalogues }).save(kind, data, etag, { savedBy: userName }),
    async checkProcess(lists) {
      const desired = desiredProcessSetup(lists, extension);
      const reading = await readProcessSetup(connection, desired);
      return { reading, desired, plan: planProcessSetup(desired, reading.state) };
    },
    applyProcessSteps: (state, steps, onProgress) => executeSetupSteps(connection, state, steps, onProgress),
    createInheritedProcess: (parent, name) => createInheritedProcess(connection, parent, name),
    planRequirementImport: (requirements) => planRequirementImport(connection, requirements),
    runRequirementImport: (plan, onProgress) => runRequirementImport(connection, plan, onProgress),
    async loadExitPreview(stage): Promise<ExitPreviewData> {
      // Work items are read once per visit; points per stage, as the preview moves between stages.
      workItems ??= Promise.all([source.defects(), source.requirements(), source.testCases()]).catch((error: unknown) => {
        workItems = undefined;
        throw error;
      });
      const [[defects, requirements, testCases], points] = await Promise.all([workItems, source.testPoints({ stage })]);
      return {
        points,
        defects: defects.filter((defect) => sameCode(defect.stage, stage)),
        requirements,
        testCases,
        notes: source.fallbackReason ? [`Figures read through the REST API: ${source.fallbackReason}.`] : [],
      };
    },
    listTestPlans: () => listTestPlans(connection),
  };
}
