// The exit criteria document's retest rule reaches every coverage figure of the hub: read with
// the configuration, then used by the RTTM and by the overview's exit criteria.
import { CONFIG_COLLECTION, EXIT_CRITERIA } from "../../../src/ado/configStore";
import { memoryDocumentStore } from "../../../src/ado/documents";
import { loadHubConfiguration } from "../../../src/contributions/hubs/programme/configuration";
import { emptyData, ProgrammeData } from "../../../src/contributions/hubs/programme/loadProgramme";
import { overviewView, rttmView } from "../../../src/contributions/hubs/programme/views";
import type { RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";

const requirements: RequirementRecord[] = [{ id: 1, title: "Register a meter", type: "Functional", roles: ["SUP"], stages: ["SIT-FUNC"], testCaseIds: [10] }];
const testCases: TestCaseRecord[] = [{ id: 10, title: "Registration", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", requirementIds: [1] }];
// Failed in the first cycle, passed on retest in the second, on the same configuration.
const points: TestPointRecord[] = [
  { id: 100, testCaseId: 10, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", configuration: "SIT-A", outcome: "failed", lastRunDate: "2025-03-03T10:00:00Z" },
  { id: 101, testCaseId: 10, planId: 2, suiteId: 2, stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "ALWB", configuration: "SIT-A", outcome: "passed", lastRunDate: "2025-03-10T10:00:00Z" },
];

async function hubData(retests?: string): Promise<ProgrammeData> {
  const store = memoryDocumentStore();
  await store.set(CONFIG_COLLECTION, { id: EXIT_CRITERIA.id, schemaVersion: 1, data: { byStage: {}, ...(retests ? { retests } : {}) } });
  return { ...emptyData(), configuration: await loadHubConfiguration({ documents: store }), requirements, testCases, points, defects: [] };
}

describe("the retest rule in the programme hub", () => {
  it("keeps the first cycle's failure by default", async () => {
    const data = await hubData();
    expect(data.configuration?.retests).toBeUndefined();
    expect(rttmView(data, {}).rows.map((r) => r.status)).toEqual(["failing"]);
    const functional = overviewView(data, {}, "2025-03-31").find((s) => s.stage === "SIT-FUNC");
    expect(functional?.metrics.requirements).toMatchObject({ failing: 1, passing: 0 });
  });

  it("lets the retest supersede it when the document says so, in the RTTM and the exit criteria", async () => {
    const data = await hubData("supersede");
    expect(data.configuration?.retests).toBe("supersede");
    expect(rttmView(data, {}).rows.map((r) => r.status)).toEqual(["passing"]);
    expect(rttmView(data, { cycle: "C1" }).rows.map((r) => r.status)).toEqual(["failing"]);
    const functional = overviewView(data, {}, "2025-03-31").find((s) => s.stage === "SIT-FUNC");
    expect(functional?.metrics.requirements).toMatchObject({ failing: 0, passing: 1 });
  });

  it("ignores a rule it does not know, and lists it among the configuration's problems", async () => {
    const data = await hubData("latest");
    expect(data.configuration?.retests).toBeUndefined();
    expect(data.configuration?.problems.join(" ")).toMatch(/Retests must be one of count, supersede/);
    expect(rttmView(data, {}).rows.map((r) => r.status)).toEqual(["failing"]);
  });
});
