import fc from "fast-check";
import { DEFAULT_STAGES_BY_PATH, ReadinessConfig, ReadinessInput, assessReadiness } from "../../../src/domain/readiness";
import { DefectRecord, Outcome, Participant, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";

const tc = (id: number, programmeTestCaseId: string, over: Partial<TestCaseRecord> = {}): TestCaseRecord => ({
  id, title: programmeTestCaseId, programmeTestCaseId, stage: "QT", requirementIds: [], ...over,
});
let pid = 1;
const pt = (testCaseId: number, participant: string, outcome: Outcome, over: Partial<TestPointRecord> = {}): TestPointRecord => ({
  id: pid++, testCaseId, planId: 1, suiteId: 1, stage: "QT", role: "SUP", participant, outcome,
  ...(outcome === "passed" || outcome === "failed" || outcome === "blocked" ? { lastRunDate: "2024-03-01T10:00:00Z" } : {}),
  ...over,
});
const party = (mpid: string, over: Partial<Participant> = {}): Participant => ({
  mpid, organisation: `Org ${mpid}`, roles: ["SUP"], path: "QT", reliance: "none", ...over,
});
const bug = (id: number, over: Partial<DefectRecord> = {}): DefectRecord => ({
  id, title: `Bug ${id}`, state: "Active", severity: "2 - High", createdDate: "2024-03-01", stage: "QT", participant: "ABCD", testCaseIds: [], ...over,
});

const testCases = [tc(1, "QT-001"), tc(2, "QT-002"), tc(3, "QT-003"), tc(4, "QT-004", { role: "ADS" }), tc(5, "", { programmeTestCaseId: undefined })];
const config: ReadinessConfig = {
  requiredTests: [
    { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "qt-002", "QT-003"] },
    { role: "SUP", testCaseIds: [5] },
    { role: "ADS", programmeTestCaseIds: ["QT-004"] },
  ],
};
const run = (over: Partial<ReadinessInput>) =>
  assessReadiness({ participants: [], testCases, points: [], defects: [], asOf: "2024-03-04", config, ...over });

describe("assessReadiness", () => {
  it("is green when every required test is evidenced by the participant", () => {
    const r = run({
      participants: [party("ABCD")],
      points: [pt(1, "ABCD", "passed"), pt(2, "ABCD", "passed"), pt(3, "ABCD", "passed"), pt(5, "ABCD", "passed")],
    }).participants[0];
    expect(r).toMatchObject({ rag: "green", required: 4, evidenced: 4, outstanding: 0, failed: 0 });
    expect(r.tests.map((t) => t.test)).toEqual(["#5", "QT-001", "QT-002", "QT-003"]);
    expect(r.reasons).toEqual(["4 of 4 required tests evidenced (4 by ABCD, 0 relied upon)."]);
  });

  it("is amber with outstanding tests and red with a failed one or a blocking defect", () => {
    const amber = run({ participants: [party("ABCD")], points: [pt(1, "ABCD", "passed"), pt(2, "ABCD", "blocked")] }).participants[0];
    expect(amber).toMatchObject({ rag: "amber", evidenced: 1, outstanding: 3 });
    expect(amber.reasons[1]).toBe("3 required test(s) outstanding: #5, QT-002, QT-003.");

    const failed = run({ participants: [party("ABCD")], points: [pt(1, "ABCD", "failed")] }).participants[0];
    expect(failed).toMatchObject({ rag: "red", failed: 1 });
    expect(failed.reasons).toContain("1 required test(s) failed: QT-001.");

    const allPassed = [1, 2, 3, 5].map((id) => pt(id, "ABCD", "passed"));
    const blocked = run({
      participants: [party("ABCD")],
      points: allPassed,
      defects: [bug(77), bug(78, { severity: "3 - Medium" }), bug(79, { stage: "SIT-FUNC" }), bug(80, { state: "Closed" }), bug(81, { participant: "EFGH" })],
    }).participants[0];
    expect(blocked.rag).toBe("red");
    expect(blocked.blockingDefects).toEqual([{ id: 77, title: "Bug 77", severity: "2 - High", stage: "QT" }]);
    expect(blocked.reasons).toContain("1 open exit-blocking defect(s): 77.");
  });

  it("lets a later retest supersede an earlier failure", () => {
    const r = run({
      participants: [party("ABCD")],
      points: [
        pt(1, "ABCD", "failed", { lastRunDate: "2024-02-01T09:00:00Z", cycle: "C1" }),
        pt(1, "ABCD", "passed", { lastRunDate: "2024-02-20T09:00:00Z", cycle: "C2" }),
        pt(2, "ABCD", "passed", { lastRunDate: "2024-02-01T09:00:00Z" }),
        pt(2, "ABCD", "failed", { lastRunDate: "2024-02-20T09:00:00Z" }),
      ],
    }).participants[0];
    expect(r.tests.find((t) => t.test === "QT-001")).toMatchObject({ status: "evidenced", ownOutcome: "passed" });
    expect(r.tests.find((t) => t.test === "QT-002")).toMatchObject({ status: "failed", ownOutcome: "failed" });
  });

  it("relies on a named party's passes only when reliance is declared and in scope", () => {
    const points = [pt(1, "SWPR", "passed", { role: "ADS" }), pt(2, "SWPR", "passed"), pt(3, "SWPR", "failed")];
    const none = run({ participants: [party("ABCD", { reliesOn: ["SWPR"] })], points }).participants[0];
    expect(none.reliedUpon).toBe(0);

    const partial = run({ participants: [party("ABCD", { reliance: "partial", reliesOn: ["swpr"] })], points }).participants[0];
    expect(partial.tests.filter((t) => t.status === "reliedUpon").map((t) => [t.test, t.reliedOn])).toEqual([
      ["QT-001", "SWPR"],
      ["QT-002", "SWPR"],
    ]);
    expect(partial).toMatchObject({ rag: "amber", reliedUpon: 2, outstanding: 2 });

    const scoped = run({
      participants: [party("ABCD", { reliance: "combined", reliesOn: ["SWPR"] })],
      points,
      config: { ...config, relianceScope: { combined: ["QT-002"] } },
    }).participants[0];
    expect(scoped.reliedUpon).toBe(1);

    const ownFailure = run({
      participants: [party("ABCD", { reliance: "partial", reliesOn: ["SWPR"] })],
      points: [...points, pt(2, "ABCD", "failed")],
    }).participants[0];
    expect(ownFailure.tests.find((t) => t.test === "QT-002")?.status).toBe("failed");

    const unnamed = run({ participants: [party("ABCD", { reliance: "partial" })] }).participants[0];
    expect(unnamed.reasons[0]).toMatch(/no party to rely on is named/);
  });

  it("treats all-not-applicable tests as not outstanding, and reports unknown programme ids", () => {
    const r = run({
      participants: [party("ABCD")],
      points: [pt(1, "ABCD", "notApplicable"), pt(2, "ABCD", "passed"), pt(3, "ABCD", "passed"), pt(5, "ABCD", "passed")],
      config: { requiredTests: [...config.requiredTests, { role: "SUP", programmeTestCaseIds: ["QT-999"] }] },
    });
    const p = r.participants[0];
    expect(p.tests.find((t) => t.test === "QT-001")?.status).toBe("notApplicable");
    expect(p.tests.find((t) => t.test === "QT-999")).toMatchObject({ status: "outstanding", testCaseIds: [] });
    expect(r.messages).toEqual(["ABCD: No test case has programme id QT-999 for role SUP."]);
    expect(p.reasons).toContain("1 required test(s) marked not applicable: QT-001.");
  });

  it("takes required tests by role and path, and only evidence from the path's stages", () => {
    const sit = run({
      participants: [party("ABCD", { path: "SIT", roles: ["SUP", "ADS"] })],
      points: [pt(5, "ABCD", "passed", { stage: "SIT-FUNC" }), pt(4, "ABCD", "passed", { role: "ADS", stage: "QT" })],
    }).participants[0];
    expect(sit.tests.map((t) => [t.test, t.role, t.status])).toEqual([
      ["QT-004", "ADS", "outstanding"], // passed in QT, but this participant is on the SIT path
      ["#5", "SUP", "evidenced"],
    ]);
    expect(DEFAULT_STAGES_BY_PATH.SIT).toContain("SIT-FUNC");
  });

  it("is amber with a reason when nothing is required, and the RAG rules are configurable", () => {
    const r = run({ participants: [party("ABCD", { roles: ["MA"] })] }).participants[0];
    expect(r).toMatchObject({ rag: "amber", required: 0 });
    expect(r.reasons[0]).toBe("No required tests are configured for roles MA on the QT path.");
    const strict = run({
      participants: [party("ABCD")],
      config: { ...config, rag: { whenOutstanding: "red" } },
    }).participants[0];
    expect(strict.rag).toBe("red");
  });

  it("is empty for no participants, and does not depend on input order", () => {
    expect(run({})).toEqual({ participants: [], messages: [] });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tc: fc.constantFrom(1, 2, 3, 5),
            who: fc.constantFrom("ABCD", "EFGH", "SWPR"),
            outcome: fc.constantFrom<Outcome>("passed", "failed", "blocked", "notApplicable", "notRun"),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          { maxLength: 30 },
        ),
        fc.integer(),
        (specs, seed) => {
          const points = specs.map((s) => pt(s.tc, s.who, s.outcome, { lastRunDate: `2024-02-${String(s.day).padStart(2, "0")}T10:00:00Z` }));
          const participants = [party("ABCD", { reliance: "partial", reliesOn: ["SWPR"] }), party("EFGH")];
          const a = run({ participants, points });
          const rev = points.slice().reverse();
          const rotated = points.slice(Math.abs(seed) % Math.max(1, points.length)).concat(points.slice(0, Math.abs(seed) % Math.max(1, points.length)));
          expect(run({ participants: participants.slice().reverse(), points: rev })).toEqual(a);
          expect(run({ participants, points: rotated })).toEqual(a);
          for (const p of a.participants) {
            expect(p.evidenced + p.reliedUpon + p.outstanding + p.failed + p.notApplicable).toBe(p.required);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
