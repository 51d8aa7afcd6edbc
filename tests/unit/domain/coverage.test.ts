import fc from "fast-check";
import { COVERAGE_STATUSES, analyseCoverage, coverageStatus } from "../../../src/domain/coverage";
import { DefectRecord, OUTCOMES, Outcome, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { UNASSIGNED } from "../../../src/domain/groupKeys";
import { shuffle } from "../../support/shuffle";

const req = (id: number, testCaseIds: number[], over: Partial<RequirementRecord> = {}): RequirementRecord => ({
  id,
  title: `R${id}`,
  type: "Functional",
  roles: ["SUP"],
  stages: ["SIT-FUNC"],
  testCaseIds,
  ...over,
});
const tc = (id: number, over: Partial<TestCaseRecord> = {}): TestCaseRecord => ({
  id,
  title: `T${id}`,
  stage: "SIT-FUNC",
  role: "SUP",
  requirementIds: [],
  ...over,
});
let pid = 1000;
const pt = (testCaseId: number, outcome: Outcome, over: Partial<TestPointRecord> = {}): TestPointRecord => ({
  id: pid++,
  testCaseId,
  planId: 1,
  suiteId: 1,
  stage: "SIT-FUNC",
  role: "SUP",
  participant: "ABCD",
  outcome,
  ...over,
});
const bug = (id: number, over: Partial<DefectRecord> = {}): DefectRecord => ({
  id,
  title: `D${id}`,
  state: "Active",
  severity: "2 - High",
  createdDate: "2024-01-01",
  testCaseIds: [],
  ...over,
});

describe("coverageStatus precedence", () => {
  const t = (passed: number, failed: number, blocked: number, notApplicable: number, notRun: number) => ({
    passed, failed, blocked, notApplicable, notRun,
  });
  it.each([
    [t(5, 0, 0, 0, 0), false, "notCovered"],
    [t(5, 1, 1, 0, 1), true, "failing"],
    [t(5, 0, 1, 0, 1), true, "blocked"],
    [t(5, 0, 0, 0, 1), true, "notRun"],
    [t(5, 0, 0, 2, 0), true, "passing"],
    [t(0, 0, 0, 2, 0), true, "notRun"],
    [t(0, 0, 0, 0, 0), true, "notRun"],
  ])("%p with tests=%p is %p", (tally, hasTests, expected) => {
    expect(coverageStatus(tally, hasTests)).toBe(expected);
  });
});

describe("analyseCoverage", () => {
  const testCases = [tc(11), tc(12), tc(13), tc(14), tc(15), tc(16), tc(17), tc(18, { requirementIds: [7], stage: "QT", role: "ADS" }), tc(19)];
  const requirements = [
    req(1, []),
    req(2, [11, 12]),
    req(3, [13]),
    req(4, [14]),
    req(5, [15]),
    req(6, [16]),
    req(7, [17], { roles: ["ADS"], stages: ["QT"] }),
    req(8, [404]),
  ];
  const points = [
    pt(11, "failed"), pt(12, "blocked"), pt(12, "passed"),
    pt(13, "blocked"), pt(13, "notRun"),
    pt(14, "notRun"), pt(14, "passed"),
    pt(15, "passed"), pt(15, "notApplicable", { participant: "EFGH" }),
    pt(17, "notApplicable"),
    pt(18, "passed", { stage: "QT", role: "ADS", participant: "IJKL" }),
    pt(19, "failed"),
  ];
  const defects = [
    bug(901, { testCaseIds: [11], requirementIds: [2] }), // both ways: once
    bug(902, { testCaseIds: [12], severity: "1 - Critical" }),
    bug(903, { testCaseIds: [11], state: "Closed" }),
    bug(904, { requirementIds: [3], severity: "odd" }),
  ];
  const result = () => analyseCoverage({ requirements, testCases, points, defects });

  it("gives each requirement its status by precedence", () => {
    const byId = Object.fromEntries(result().requirements.map((r) => [r.id, r.status]));
    expect(byId).toEqual({
      1: "notCovered",
      2: "failing",
      3: "blocked",
      4: "notRun",
      5: "passing",
      6: "notRun", // tests but no points
      7: "passing", // 17 only N/A, but 18 names requirement 7 and passed
      8: "notRun", // a test case that is not among the test cases given
    });
  });

  it("lists tests both ways, counts points and open defects once", () => {
    const r = result().requirements;
    expect(r.find((x) => x.id === 7)?.testCaseIds).toEqual([17, 18]);
    const r2 = r.find((x) => x.id === 2)!;
    expect(r2.counts).toEqual({ passed: 1, failed: 1, blocked: 1, notApplicable: 0, notRun: 0 });
    expect(r2.openDefectIds).toEqual([901, 902]);
    expect(r2.openDefects).toMatchObject({ "1 - Critical": 1, "2 - High": 1, total: 2 });
    expect(r.find((x) => x.id === 3)?.openDefects).toMatchObject({ Unknown: 1, total: 1 });
  });

  it("summarises and reports gaps", () => {
    const res = result();
    expect(res.summary).toEqual({
      requirements: 8, notCovered: 1, notRun: 3, failing: 1, blocked: 1, passing: 2,
      coveredPercent: 87.5, passingPercent: 25,
    });
    expect(res.gaps).toEqual({ requirementsWithoutTests: [1], testCasesWithoutRequirement: [19], missingTestCaseIds: [404] });
  });

  it("rolls up per stage x role x participant", () => {
    const rows = result().rollup.map((r) => [r.stage, r.role, r.participant, r.requirements, r.notCovered, r.notRun, r.failing, r.blocked, r.passing]);
    expect(rows).toEqual([
      ["QT", "ADS", "IJKL", 1, 0, 0, 0, 0, 1],
      ["SIT-FUNC", "SUP", "ABCD", 5, 0, 2, 1, 1, 1], // 2 failing, 3 blocked, 4 notRun, 5 passing, 7 notRun (N/A only)
      ["SIT-FUNC", "SUP", "EFGH", 1, 0, 1, 0, 0, 0], // 5 has only an N/A point for EFGH
      ["SIT-FUNC", "SUP", UNASSIGNED, 3, 1, 2, 0, 0, 0], // 1 not covered, 6 and 8 without points
    ]);
  });

  it("filters by stage, role, participant and cycle", () => {
    const qt = analyseCoverage({ requirements, testCases, points, defects, filter: { stage: "qt" } });
    expect(qt.requirements.map((r) => [r.id, r.status, r.testCaseIds])).toEqual([[7, "passing", [18]]]);
    expect(qt.gaps.testCasesWithoutRequirement).toEqual([]);

    const efgh = analyseCoverage({ requirements, testCases, points, filter: { participant: "EFGH" } });
    expect(efgh.summary).toMatchObject({ notCovered: 1, passing: 0 });
    expect(efgh.rollup.every((r) => r.participant === "EFGH")).toBe(true);

    const c9 = analyseCoverage({ requirements, testCases, points, filter: { cycle: "C9" } });
    expect(c9.requirements.filter((r) => r.counts.passed + r.counts.failed > 0)).toEqual([]);

    const generic = analyseCoverage({
      requirements: [req(1, [1])],
      testCases: [tc(1, { participant: undefined })],
      points: [pt(1, "passed", { participant: "WXYZ" })],
      filter: { participant: "WXYZ" },
    });
    expect(generic.requirements[0].status).toBe("passing");
  });

  it("is empty for no input", () => {
    const r = analyseCoverage({ requirements: [], testCases: [], points: [] });
    expect(r.summary).toMatchObject({ requirements: 0, coveredPercent: null, passingPercent: null });
    expect(r.rollup).toEqual([]);
  });

  it("partitions requirements into statuses, whatever the input order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }), { maxLength: 15 }),
        fc.array(
          fc.record({
            tc: fc.integer({ min: 1, max: 12 }),
            outcome: fc.constantFrom(...OUTCOMES),
            participant: fc.constantFrom("ABCD", "EFGH"),
          }),
          { maxLength: 40 },
        ),
        fc.array(fc.record({ tc: fc.integer({ min: 1, max: 12 }), req: fc.integer({ min: 1, max: 15 }) }), { maxLength: 10 }),
        fc.integer(),
        (links, pointSpecs, backLinks, seed) => {
          const reqs = links.map((ids, i) => req(i + 1, ids));
          const tcs = Array.from({ length: 12 }, (_, i) => tc(i + 1, { requirementIds: backLinks.filter((b) => b.tc === i + 1).map((b) => b.req) }));
          const pts = pointSpecs.map((p, i) => ({ ...pt(p.tc, p.outcome, { participant: p.participant }), id: i + 1 }));
          const a = analyseCoverage({ requirements: reqs, testCases: tcs, points: pts });
          const s = a.summary;
          expect(s.notCovered + s.notRun + s.failing + s.blocked + s.passing).toBe(reqs.length);
          expect(a.requirements.map((r) => r.id)).toEqual(reqs.map((r) => r.id));
          for (const r of a.requirements) expect(COVERAGE_STATUSES).toContain(r.status);
          expect(a.rollup.reduce((n, r) => n + r.requirements, 0)).toBeGreaterThanOrEqual(reqs.length);
          const b = analyseCoverage({ requirements: shuffle(reqs, seed), testCases: shuffle(tcs, seed + 1), points: shuffle(pts, seed + 2) });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 80 },
    );
  });

  describe("retests", () => {
    const run = (testCaseId: number, outcome: Outcome, day: string, over: Partial<TestPointRecord> = {}) =>
      pt(testCaseId, outcome, { lastRunDate: `2025-03-${day}T10:00:00.000Z`, configuration: "SIT-A", participant: "ABCD", ...over });
    const statusOf = (points: TestPointRecord[], retests?: "count" | "supersede", filter?: { cycle?: string }) =>
      analyseCoverage({ requirements: [req(1, [10])], testCases: [tc(10)], points, retests, filter }).requirements[0].status;

    it("keep a failure by default, and let a later pass of the same test supersede it when asked", () => {
      const points = [run(10, "failed", "03", { cycle: "C1" }), run(10, "passed", "10", { cycle: "C2" })];
      expect(statusOf(points)).toBe("failing");
      expect(statusOf(points, "count")).toBe("failing");
      expect(statusOf(points, "supersede")).toBe("passing");
      expect(statusOf(points, "supersede", { cycle: "C1" })).toBe("failing");
      expect(statusOf([run(10, "passed", "03"), run(10, "failed", "10")], "supersede")).toBe("failing");
    });

    it("supersede only within one test case, participant and configuration, pessimistically on the same day, leaving points not run", () => {
      expect(statusOf([run(10, "failed", "03"), run(10, "passed", "10", { configuration: "SIT-B" })], "supersede")).toBe("failing");
      expect(statusOf([run(10, "failed", "03"), run(10, "passed", "10", { participant: "EFGH" })], "supersede")).toBe("failing");
      expect(statusOf([run(10, "passed", "10"), run(10, "failed", "10")], "supersede")).toBe("failing");
      expect(statusOf([run(10, "blocked", "10"), run(10, "passed", "10")], "supersede")).toBe("blocked");
      expect(statusOf([run(10, "failed", "03"), run(10, "passed", "10"), pt(10, "notRun", { configuration: "SIT-A", participant: "ABCD" })], "supersede")).toBe("notRun");
    });

    it("change nothing where no test was run twice", () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }), { maxLength: 10 }),
          fc.uniqueArray(
            fc.record({ tc: fc.integer({ min: 1, max: 8 }), participant: fc.constantFrom("ABCD", "EFGH"), configuration: fc.constantFrom("SIT-A", "SIT-B"), outcome: fc.constantFrom(...OUTCOMES), day: fc.integer({ min: 10, max: 28 }) }),
            { selector: (p) => `${p.tc}|${p.participant}|${p.configuration}`, maxLength: 32 },
          ),
          (links, specs) => {
            const requirements = links.map((ids, i) => req(i + 1, ids));
            const testCases = Array.from({ length: 8 }, (_, i) => tc(i + 1));
            const points = specs.map((p) => run(p.tc, p.outcome, String(p.day), { participant: p.participant, configuration: p.configuration }));
            expect(analyseCoverage({ requirements, testCases, points, retests: "supersede" })).toEqual(analyseCoverage({ requirements, testCases, points }));
          },
        ),
        { numRuns: 80 },
      );
    });

    it("never make a requirement failing that counting every run leaves passing", () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ tc: fc.integer({ min: 1, max: 4 }), outcome: fc.constantFrom(...OUTCOMES), day: fc.integer({ min: 10, max: 28 }) }), { maxLength: 24 }),
          (specs) => {
            const requirements = [req(1, [1, 2]), req(2, [3, 4]), req(3, [1, 4])];
            const testCases = Array.from({ length: 4 }, (_, i) => tc(i + 1));
            const points = specs.map((p) => run(p.tc, p.outcome, String(p.day)));
            const counted = analyseCoverage({ requirements, testCases, points });
            const superseded = analyseCoverage({ requirements, testCases, points, retests: "supersede" });
            counted.requirements.forEach((r, i) => {
              if (r.status !== "failing") expect(superseded.requirements[i].status).not.toBe("failing");
            });
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});
