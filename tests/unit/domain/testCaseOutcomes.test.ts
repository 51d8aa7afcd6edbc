import { UNASSIGNED } from "../../../src/domain/groupKeys";
import type { Outcome, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { latestOutcomesByStageAndParticipant } from "../../../src/domain/testCaseOutcomes";
import { latestOutcomes } from "../../../src/domain/traceability";

let nextId = 1;
const point = (over: Partial<TestPointRecord> & { outcome: Outcome }): TestPointRecord => ({
  id: nextId++,
  testCaseId: 7,
  planId: 1,
  suiteId: 1,
  stage: "SIT-FUNC",
  participant: "ABCD",
  ...over,
});

describe("latestOutcomesByStageAndParticipant", () => {
  it("keeps one row per stage and participant, sorted, with the latest run of each", () => {
    const rows = latestOutcomesByStageAndParticipant(7, [
      point({ outcome: "failed", lastRunDate: "2025-03-01T10:00:00Z" }),
      point({ outcome: "passed", lastRunDate: "2025-03-04T10:00:00Z" }),
      point({ outcome: "blocked", lastRunDate: "2025-03-02T10:00:00Z", participant: "AAAA" }),
      point({ outcome: "passed", lastRunDate: "2025-03-02T10:00:00Z", stage: "QT-FUNC" }),
    ]);
    expect(rows).toEqual([
      { stage: "QT-FUNC", participant: "ABCD", outcome: "passed", lastRunDate: "2025-03-02T10:00:00Z" },
      { stage: "SIT-FUNC", participant: "AAAA", outcome: "blocked", lastRunDate: "2025-03-02T10:00:00Z" },
      { stage: "SIT-FUNC", participant: "ABCD", outcome: "passed", lastRunDate: "2025-03-04T10:00:00Z" },
    ]);
  });

  it("takes the more pessimistic outcome of two runs at the same time, whatever their order (as the RTTM does)", () => {
    const at = "2025-03-04T10:00:00Z";
    for (const points of [
      [point({ outcome: "passed", lastRunDate: at }), point({ outcome: "failed", lastRunDate: at })],
      [point({ outcome: "failed", lastRunDate: at }), point({ outcome: "passed", lastRunDate: at })],
    ]) {
      expect(latestOutcomesByStageAndParticipant(7, points)[0].outcome).toBe("failed");
      expect(latestOutcomes(points).get(7)?.outcome).toBe("failed");
    }
  });

  it("lets a run outrank a later not-applicable point, and says notApplicable only when every point is", () => {
    const ran = latestOutcomesByStageAndParticipant(7, [
      point({ outcome: "passed", lastRunDate: "2025-03-01T10:00:00Z" }),
      point({ outcome: "notApplicable", lastRunDate: "2025-03-09T10:00:00Z" }),
    ]);
    expect(ran).toEqual([{ stage: "SIT-FUNC", participant: "ABCD", outcome: "passed", lastRunDate: "2025-03-01T10:00:00Z" }]);
    expect(latestOutcomesByStageAndParticipant(7, [point({ outcome: "notApplicable" })])[0].outcome).toBe("notApplicable");
    expect(latestOutcomesByStageAndParticipant(7, [point({ outcome: "notRun" }), point({ outcome: "notApplicable" })])).toEqual([
      { stage: "SIT-FUNC", participant: "ABCD", outcome: "notRun" },
    ]);
  });

  it("falls back to the test case's stage and participant, then to unassigned, and ignores other test cases' points", () => {
    const testCase: TestCaseRecord = { id: 7, title: "t", stage: "SIT-E2E", participant: "WXYZ", requirementIds: [] };
    const rows = latestOutcomesByStageAndParticipant(
      7,
      [point({ outcome: "passed", stage: "", participant: undefined }), point({ outcome: "failed", testCaseId: 8 })],
      testCase,
    );
    expect(rows).toEqual([{ stage: "SIT-E2E", participant: "WXYZ", outcome: "passed" }]);
    expect(latestOutcomesByStageAndParticipant(7, [point({ outcome: "notRun", stage: "", participant: undefined })])).toEqual([
      { stage: UNASSIGNED, participant: UNASSIGNED, outcome: "notRun" },
    ]);
    expect(latestOutcomesByStageAndParticipant(7, [])).toEqual([]);
  });
});
