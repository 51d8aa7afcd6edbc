// The programme hub reads the qualification requirements with the rest of its configuration: what
// passes its checks is judged on, a stored problem is listed, and a failed read of this document is
// kept for the participants pivot to show while the rest of the configuration still loads.
import { CONFIG_COLLECTION, ConfigStore, PARTICIPANT_REGISTER, QUALIFICATION_REQUIREMENTS } from "../../../src/ado/configStore";
import { DocumentStore, memoryDocumentStore } from "../../../src/ado/documents";
import { loadHubConfiguration } from "../../../src/contributions/hubs/programme/configuration";
import { emptyData, ProgrammeData } from "../../../src/contributions/hubs/programme/loadProgramme";
import { participantsView } from "../../../src/contributions/hubs/programme/views";
import type { Participant, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { qualificationView } from "../../../src/domain/qualification";
import type { QualificationRequirements } from "../../../src/domain/qualificationRequirements";

const participants: Participant[] = [
  { mpid: "ALWB", organisation: "Alwick Energy", roles: ["SUP"], path: "QT", reliance: "none" },
  { mpid: "QTSU", organisation: "Quay Supply", roles: ["SUP"], path: "QT", reliance: "partial", reliesOn: ["ALWB"] },
];
const testCases: TestCaseRecord[] = [
  { id: 1, title: "a", programmeTestCaseId: "QT-001", stage: "QT", role: "SUP", participant: "ALWB", requirementIds: [] },
  { id: 2, title: "b", programmeTestCaseId: "QT-002", stage: "QT", role: "SUP", participant: "QTSU", requirementIds: [] },
];
const points: TestPointRecord[] = [
  { id: 10, testCaseId: 1, planId: 1, suiteId: 1, stage: "QT", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-01T10:00:00Z" },
  { id: 11, testCaseId: 2, planId: 1, suiteId: 1, stage: "QT", role: "SUP", participant: "QTSU", outcome: "blocked", lastRunDate: "2025-03-01T10:00:00Z" },
];

async function documents(qualification?: unknown): Promise<DocumentStore> {
  const store = memoryDocumentStore();
  await new ConfigStore(store).save(PARTICIPANT_REGISTER, { participants }, undefined);
  if (qualification !== undefined) await store.set(CONFIG_COLLECTION, { id: QUALIFICATION_REQUIREMENTS.id, schemaVersion: 1, data: qualification });
  return store;
}

function data(configuration: ProgrammeData["configuration"]): ProgrammeData {
  return { ...emptyData(), configuration, testCases, points, defects: [] };
}

describe("the programme hub's qualification requirements", () => {
  it("takes the planned tests while no document is stored", async () => {
    const configuration = await loadHubConfiguration({ documents: await documents() });
    expect(configuration.qualification).toEqual({ requiredTests: [] });
    expect(configuration.qualificationFailure).toBeUndefined();
    const view = participantsView(data(configuration), {}, "2025-03-31");
    expect(view).toMatchObject({ requiredTestsSource: "planned", configuredRules: 0 });
  });

  it("judges the configured tests, as qualificationView does with the same document", async () => {
    const doc: QualificationRequirements = { requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002"] }], rag: { whenOutstanding: "red" } };
    const configuration = await loadHubConfiguration({ documents: await documents(doc) });
    expect(configuration.problems).toEqual([]);
    const view = participantsView(data(configuration), {}, "2025-03-31");
    expect(view.requiredTestsSource).toBe("configured");
    expect(view.configuredRules).toBe(1);
    const expected = qualificationView({ participants, testCases, points, defects: [], asOf: "2025-03-31", config: { ...(doc as QualificationRequirements), defectRules: {} } });
    expect(view.rows).toEqual(expected.rows);
    expect(view.rows.map((r) => [r.mpid, r.required, r.evidenced, r.reliedUpon, r.outstanding, r.rag])).toEqual([
      ["ALWB", 2, 1, 0, 1, "red"],
      ["QTSU", 2, 0, 1, 1, "red"],
    ]);
    // The path filter of the pivot applies too.
    expect(participantsView(data(configuration), {}, "2025-03-31", "SIT").rows).toEqual([]);
  });

  it("lists a stored problem and judges only what passes", async () => {
    const doc = { requiredTests: [{ role: "XYZ", programmeTestCaseIds: ["QT-001"] }, { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-1"] }] };
    const configuration = await loadHubConfiguration({ documents: await documents(doc) });
    expect(configuration.problems).toEqual([
      'Qualification requirements: requiredTests[0].role: Unknown market role "XYZ"',
      'Qualification requirements: requiredTests[1].programmeTestCaseIds: "QT-1": QT needs three digits, as in QT-093; got 1',
    ]);
    expect(configuration.qualification).toEqual({ requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001"] }] });
    expect(participantsView(data(configuration), {}, "2025-03-31").rows.map((r) => r.required)).toEqual([1, 1]);
  });

  it("keeps why the document could not be read, and still loads the rest", async () => {
    const store = await documents();
    const failing: DocumentStore = {
      ...store,
      get: async (collection, id) => {
        if (id === QUALIFICATION_REQUIREMENTS.id) throw new Error("Azure DevOps returned 500");
        return store.get(collection, id);
      },
    };
    const configuration = await loadHubConfiguration({ documents: failing });
    expect(configuration.participants).toEqual(participants);
    expect(configuration.qualification).toBeUndefined();
    expect(configuration.qualificationFailure).toBe("Azure DevOps returned 500");
    const view = participantsView(data(configuration), {}, "2025-03-31");
    expect(view).toMatchObject({ requiredTestsSource: "planned", requirementsFailure: "Azure DevOps returned 500" });
  });
});
