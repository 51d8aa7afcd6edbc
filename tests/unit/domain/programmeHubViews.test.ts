// The domain functions behind the programme hub's pivots: stage reports and the trend, the RTTM
// view and its export rows, the test & defect extract, qualification, the defect report and the
// environments timeline.
import { DEFAULT_STAGES } from "../../../src/domain/catalogues";
import { defectReport, openDefectExportRows, OPEN_DEFECT_HEADINGS } from "../../../src/domain/defectReport";
import { analyseEnvironments } from "../../../src/domain/environments";
import { environmentTimeline } from "../../../src/domain/environmentTimeline";
import { evaluateStageExit } from "../../../src/domain/exitCriteria";
import type { DefectRecord, Participant, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { groupProgress } from "../../../src/domain/progress";
import { qualificationView, qualificationExportRows, QUALIFICATION_HEADINGS } from "../../../src/domain/qualification";
import { programmeTrend, stageReports } from "../../../src/domain/stageReport";
import { extractExportRows, EXTRACT_HEADINGS, testDefectExtract } from "../../../src/domain/testDefectExtract";
import { latestOutcomes, RTTM_EXPORT_HEADINGS, rttmExportRows, traceabilityView } from "../../../src/domain/traceability";

const requirements: RequirementRecord[] = [
  { id: 1, title: "Appointment", type: "Functional", roles: ["SUP", "LDSO"], stages: ["SIT-FUNC"], testCaseIds: [10, 11] },
  { id: 2, title: "Migration in", type: "Migration", roles: ["SUP"], stages: ["SIT-MIG", "QT"], testCaseIds: [12] },
  { id: 3, title: "Nothing tests me", type: "Functional", roles: ["SDS"], stages: ["SIT-FUNC"], testCaseIds: [] },
];
const testCases: TestCaseRecord[] = [
  { id: 10, title: "T10", programmeTestCaseId: "SITFUNC-T1-001", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", requirementIds: [1] },
  { id: 11, title: "T11", stage: "SIT-FUNC", role: "LDSO", participant: "LDSA", requirementIds: [] },
  { id: 12, title: "T12", programmeTestCaseId: "QT-001", stage: "QT", role: "SUP", participant: "QTSU", requirementIds: [2] },
  { id: 13, title: "Orphan", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", requirementIds: [] },
];
const points: TestPointRecord[] = [
  { id: 100, testCaseId: 10, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", outcome: "failed", lastRunDate: "2025-03-01T10:00:00Z" },
  { id: 101, testCaseId: 10, planId: 2, suiteId: 2, stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-10T10:00:00Z" },
  { id: 102, testCaseId: 11, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "LDSO", participant: "LDSA", outcome: "blocked", lastRunDate: "2025-03-02T10:00:00Z" },
  { id: 103, testCaseId: 12, planId: 3, suiteId: 3, stage: "QT", cycle: "Batch 1", role: "SUP", participant: "QTSU", outcome: "notRun" },
  { id: 104, testCaseId: 13, planId: 1, suiteId: 1, stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-03T10:00:00Z" },
];
const defects: DefectRecord[] = [
  { id: 900, title: "IF-033 rejected", state: "Active", severity: "1 - Critical", stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB", category: "Participant Code", createdDate: "2025-03-01", testCaseIds: [10] },
  { id: 901, title: "Slow", state: "Active", severity: "3 - Medium", stage: "SIT-FUNC", cycle: "C2", role: "LDSO", participant: "LDSA", category: "Central System", createdDate: "2025-03-20", testCaseIds: [11] },
  { id: 902, title: "Fixed", state: "Closed", severity: "2 - High", stage: "SIT-FUNC", role: "SUP", participant: "ALWB", createdDate: "2025-03-02", closedDate: "2025-03-05", testCaseIds: [10] },
  { id: 903, title: "QT data", state: "Active", severity: "2 - High", stage: "QT", role: "SUP", participant: "QTSU", category: "Test Data", createdDate: "2025-03-25", workOffPlan: "<p>Fix in IR8.8</p>", testCaseIds: [12] },
];
const participants: Participant[] = [
  { mpid: "ALWB", organisation: "Alwick Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "LDSA", organisation: "Lds A", roles: ["LDSO"], path: "SIT", reliance: "none" },
  { mpid: "QTSU", organisation: "QT Supply", roles: ["SUP"], path: "QT", reliance: "partial", reliesOn: ["ALWB"] },
  { mpid: "SDSX", organisation: "Smart Data", roles: ["SDS"], path: "QT", reliance: "none", mdrChoice: "MDR" },
];
const ASOF = "2025-03-31";

describe("stage reports", () => {
  it("lists the stages with data in catalogue order, each with rates by role and cycle, open defects and exit criteria", () => {
    const reports = stageReports({ stages: DEFAULT_STAGES, points, defects, requirements, testCases, asOf: ASOF });
    expect(reports.map((r) => r.stage)).toEqual(["SIT-FUNC", "SIT-MIG", "QT"]);
    const func = reports[0];
    expect(func.name).toBe("SIT Functional");
    expect(func.progress).toMatchObject({ planned: 4, passed: 2, failed: 1, blocked: 1, run: 3 });
    expect(func.byRole.map((r) => [r.key[0], r.planned, r.passRate])).toEqual([
      ["LDSO", 1, null],
      ["SUP", 3, (2 / 3) * 100],
    ]);
    expect(func.byCycle.map((r) => [r.key[0], r.planned])).toEqual([
      ["C1", 3],
      ["C2", 1],
    ]);
    expect(func.openDefects).toMatchObject({ "1 - Critical": 1, "3 - Medium": 1, total: 2 });
    expect(func.exit.results.find((r) => r.id === "no-critical")?.rag).toBe("red");
  });

  it("agrees with evaluateStageExit and groupProgress for one stage under a filter", () => {
    const filter = { stage: "SIT-FUNC", role: "SUP", cycle: "C1" };
    const [report] = stageReports({ stages: DEFAULT_STAGES, points, defects, requirements, testCases, asOf: ASOF, filter });
    const direct = evaluateStageExit("SIT-FUNC", { points, defects, requirements, testCases, asOf: ASOF, filter: { role: "SUP", cycle: "C1" } });
    expect(report.exit.results.map((r) => [r.id, r.rag, r.actual])).toEqual(direct.results.map((r) => [r.id, r.rag, r.actual]));
    expect(report.progress).toEqual(groupProgress(points, [], filter).total);
  });

  it("says coverage criteria have no data when requirements could not be read", () => {
    const [report] = stageReports({ stages: DEFAULT_STAGES, points, defects, asOf: ASOF, filter: { stage: "SIT-FUNC" } });
    const covered = report.exit.results.find((r) => r.id === "requirements-covered");
    expect(covered?.actual).toBeNull();
    expect(covered?.sentence).toMatch(/no requirements were given/);
  });

  it("keeps a filtered stage that has no data, and adds stages found only in the data", () => {
    expect(stageReports({ stages: DEFAULT_STAGES, points, defects, asOf: ASOF, filter: { stage: "sit-ops" } }).map((r) => r.stage)).toEqual(["SIT-OPS"]);
    const odd = stageReports({ stages: DEFAULT_STAGES, points: [{ ...points[0], stage: "PILOT" }], defects: [], asOf: ASOF });
    expect(odd.map((r) => r.stage)).toEqual(["PILOT"]);
  });
});

describe("programme trend", () => {
  it("joins daily outcomes with defects opened and closed per day, for the filter", () => {
    const trend = programmeTrend({
      daily: [
        { date: "2025-03-01", passed: 1, failed: 1, blocked: 0, notApplicable: 0, notRun: 3 },
        { date: "2025-03-02", passed: 2, failed: 1, blocked: 1, notApplicable: 0, notRun: 1 },
      ],
      defects,
      filter: { role: "SUP" },
      from: "2025-03-01",
      to: "2025-03-05",
    });
    expect(trend.days.map((d) => [d.date, d.executed, d.passed, d.defectsOpened, d.defectsClosed, d.openDefects])).toEqual([
      ["2025-03-01", 2, 1, 1, 0, 1],
      ["2025-03-02", 3, 2, 1, 0, 2],
      ["2025-03-03", null, null, 0, 0, 2],
      ["2025-03-04", null, null, 0, 0, 2],
      ["2025-03-05", null, null, 0, 1, 1],
    ]);
  });
});

describe("traceability view and RTTM export", () => {
  it("gives each requirement its status, tests with latest outcomes and open defects, and the gaps", () => {
    const view = traceabilityView({ requirements, testCases, points, defects, stageOrder: DEFAULT_STAGES.map((s) => s.code) });
    const byId = new Map(view.rows.map((r) => [r.id, r]));
    // Cycle 1's point of test 10 failed: a point is never superseded by another plan's, so the requirement fails.
    expect(byId.get(1)?.status).toBe("failing");
    expect(byId.get(1)?.tests.map((t) => [t.id, t.outcome])).toEqual([
      [10, "passed"],
      [11, "blocked"],
    ]);
    expect(byId.get(1)?.openDefects.map((d) => d.id)).toEqual([900, 901]);
    expect(byId.get(2)?.status).toBe("notRun");
    expect(byId.get(3)?.status).toBe("notCovered");
    expect(view.gaps.requirementsWithoutTests).toEqual([3]);
    expect(view.gaps.testCasesWithoutRequirement.map((t) => t.id)).toEqual([13]);
    expect(view.summary).toMatchObject({ requirements: 3, notCovered: 1, notRun: 1, failing: 1 });
  });

  it("judges each stage x role on its own points", () => {
    const view = traceabilityView({ requirements, testCases, points, defects, stageOrder: DEFAULT_STAGES.map((s) => s.code) });
    const rows = view.byStageRole.map((r) => [r.stage, r.role, r.requirements, r.passing, r.failing, r.blocked, r.notRun, r.notCovered]);
    // Requirement 1's LDSO test is blocked while its SUP test failed in cycle 1; requirement 2's only
    // test is a QT test, so in SIT-MIG nothing covers it.
    expect(rows).toEqual([
      ["SIT-FUNC", "LDSO", 1, 0, 0, 1, 0, 0],
      ["SIT-FUNC", "SDS", 1, 0, 0, 0, 0, 1],
      ["SIT-FUNC", "SUP", 1, 0, 1, 0, 0, 0],
      ["SIT-MIG", "SUP", 1, 0, 0, 0, 0, 1],
      ["QT", "SUP", 1, 0, 0, 0, 1, 0],
    ]);
  });

  it("takes the latest run as a test's outcome, a later failure over an earlier pass", () => {
    const latest = latestOutcomes([
      { ...points[1], lastRunDate: "2025-03-01T00:00:00Z" },
      { ...points[0], lastRunDate: "2025-03-09T00:00:00Z" },
      { ...points[3], testCaseId: 10 },
    ]);
    expect(latest.get(10)).toEqual({ outcome: "failed", lastRunDate: "2025-03-09T00:00:00Z" });
    expect(latestOutcomes([{ ...points[3], outcome: "notApplicable" }]).get(12)).toEqual({ outcome: "notApplicable" });
  });

  it("exports one row per requirement in the programme's column order", () => {
    const filter = { stage: "SIT-FUNC" };
    const view = traceabilityView({ requirements, testCases, points, defects, filter });
    const rows = rttmExportRows(view.rows, filter);
    expect(RTTM_EXPORT_HEADINGS.slice(0, 8)).toEqual(["Requirement Id", "Title", "Requirement Type", "Roles", "Stage", "Test Case Ids", "Latest Outcomes", "Defects"]);
    expect(rows).toEqual([
      ["1", "Appointment", "Functional", "SUP; LDSO", "SIT-FUNC", "SITFUNC-T1-001; #11", "SITFUNC-T1-001: Passed; #11: Blocked", "900 (1 - Critical); 901 (3 - Medium)", "Failing", 1],
      ["3", "Nothing tests me", "Functional", "SDS", "SIT-FUNC", "", "", "", "Not covered", 3],
    ]);
    expect(rows.every((r) => r.length === RTTM_EXPORT_HEADINGS.length)).toBe(true);
  });
});

describe("test & defect extract", () => {
  it("counts each participant's tests, requirements covered and defects by severity", () => {
    const rows = testDefectExtract({ participants, requirements, testCases, points, defects });
    const alwb = rows.find((r) => r.participant === "ALWB");
    expect(alwb?.tests).toMatchObject({ planned: 3, run: 3, passed: 2, failed: 1, blocked: 0 });
    expect(alwb?.requirementsCovered).toBe(1);
    expect(alwb?.requirementsPassing).toBe(0);
    expect(alwb?.openDefects).toMatchObject({ "1 - Critical": 1, total: 1 });
    expect(alwb?.defectsRaised).toBe(2);
    expect(rows.find((r) => r.participant === "SDSX")).toMatchObject({ organisation: "Smart Data", tests: { planned: 0 }, defectsRaised: 0 });
    expect(extractExportRows(rows).every((r) => r.length === EXTRACT_HEADINGS.length)).toBe(true);
  });

  it("narrows to the filter", () => {
    const rows = testDefectExtract({ participants, requirements, testCases, points, defects, filter: { stage: "SIT-FUNC", cycle: "C2" } });
    const alwb = rows.find((r) => r.participant === "ALWB");
    expect(alwb?.tests).toMatchObject({ planned: 1, passed: 1 });
    expect(alwb?.requirementsPassing).toBe(1);
    expect(rows.find((r) => r.participant === "LDSA")?.openDefects.total).toBe(1);
    expect(testDefectExtract({ participants, points, defects, filter: { participant: "qtsu" } }).map((r) => r.participant)).toEqual(["QTSU"]);
  });
});

describe("qualification view", () => {
  it("takes each participant's planned tests on its path as its required tests when none are configured", () => {
    const view = qualificationView({ participants, testCases, points, defects, asOf: ASOF });
    expect(view.requiredTestsSource).toBe("planned");
    const alwb = view.rows.find((r) => r.mpid === "ALWB");
    expect(alwb).toMatchObject({ path: "SIT", required: 2, evidenced: 2, outstanding: 0, rag: "red" });
    expect(alwb?.blockingDefects.map((d) => d.id)).toEqual([900]);
    const qtsu = view.rows.find((r) => r.mpid === "QTSU");
    expect(qtsu).toMatchObject({ path: "QT", reliance: "partial", reliesOn: ["ALWB"], required: 1, outstanding: 1 });
    expect(view.rows.find((r) => r.mpid === "SDSX")).toMatchObject({ mdrChoice: "MDR", required: 0, rag: "amber" });
    expect(qualificationExportRows(view.rows).every((r) => r.length === QUALIFICATION_HEADINGS.length)).toBe(true);
  });

  it("uses configured required tests, with reliance, and filters by role", () => {
    const view = qualificationView({
      participants,
      testCases: [...testCases, { id: 14, title: "Shared", programmeTestCaseId: "QT-050", role: "SUP", requirementIds: [] }],
      points: [...points, { id: 105, testCaseId: 14, planId: 4, suiteId: 4, stage: "SIT-FUNC", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-04T00:00:00Z" }],
      defects: [],
      asOf: ASOF,
      config: { requiredTests: [{ role: "SUP", programmeTestCaseIds: ["QT-050"] }] },
      filter: { role: "SUP" },
    });
    expect(view.requiredTestsSource).toBe("configured");
    expect(view.rows.map((r) => [r.mpid, r.evidenced, r.reliedUpon, r.outstanding])).toEqual([
      ["ALWB", 1, 0, 0],
      ["QTSU", 0, 1, 0],
    ]);
  });
});

describe("defect report", () => {
  it("lists open defects most severe first, counts role x category and finds blocking ones without a plan", () => {
    const report = defectReport(defects, { asOf: ASOF });
    expect(report.open.map((a) => a.id)).toEqual([900, 903, 901]);
    expect(report.byRoleCategory.map((r) => [r.key.join("/"), r.counts.total])).toEqual([
      ["LDSO/Central System", 1],
      ["SUP/Participant Code", 1],
      ["SUP/Test Data", 1],
    ]);
    expect(report.summary.exitBlockingWithoutWorkOffPlan.map((a) => a.id)).toEqual([900]);
    // 900 is 21 working days old against Critical's 2; 901 is 7 against Medium's 10.
    expect(report.summary.breaches.map((a) => a.id)).toEqual([900]);
    const exported = openDefectExportRows(report.open);
    expect(exported[0]).toHaveLength(OPEN_DEFECT_HEADINGS.length);
    expect(exported[0].slice(0, 3)).toEqual([900, "IF-033 rejected", "1 - Critical"]);
  });
});

describe("environments timeline", () => {
  const allocations = [
    { id: "a", participant: "ALWB", environment: "PIT", stage: "PIT", from: "2025-01-01", to: "2025-02-15" },
    { id: "b", participant: "ALWB", environment: "SIT-A", stage: "SIT-FUNC", from: "2025-02-01", to: "2025-03-31" },
    { id: "c", participant: "alwb", environment: "sit-b", stage: "SIT-FUNC", from: "2025-02-10", to: "2025-02-20" },
    { id: "d", participant: "LDSA", environment: "SIT-A", stage: "SIT-FUNC", from: "2025-03-01", to: "2025-03-31" },
    { id: "bad", participant: "LDSA", environment: "SIT-A", stage: "SIT-FUNC", from: "2025-04-01", to: "2025-03-01" },
  ];
  const environments = [{ code: "PIT" }, { code: "SIT-A", capacity: 1 }, { code: "SIT-B" }];

  it("lays bars out by date, per environment and participant, and marks the ones in a clash", () => {
    const analysis = analyseEnvironments(allocations, { environments, limits: { overall: 2 } });
    const timeline = environmentTimeline(allocations, analysis, { environments, asOf: "2025-03-01" });
    expect(timeline.from).toBe("2025-01-01");
    expect(timeline.to).toBe("2025-03-31");
    expect(timeline.days).toBe(90);
    expect(timeline.environments.map((e) => [e.environment, e.lanes.map((l) => l.participant)])).toEqual([
      ["PIT", ["ALWB"]],
      ["SIT-A", ["ALWB", "LDSA"]],
      ["SIT-B", ["ALWB"]],
    ]);
    const pit = timeline.environments[0].lanes[0].bars[0];
    expect(pit.left).toBe(0);
    expect(pit.width).toBeCloseTo(46 / 90);
    const sitB = timeline.environments[2].lanes[0].bars[0];
    expect(sitB.clashes).toEqual(["ALWB holds 3 environments at once from 2025-02-10 to 2025-02-15, over its limit of 2."]);
    const ldsa = timeline.environments[1].lanes[1].bars[0];
    expect(ldsa.clashes[0]).toMatch(/SIT-A has 2 participants at once from 2025-03-01 to 2025-03-31, over its capacity of 1/);
    expect(timeline.months.map((m) => m.label)).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(timeline.today).toBeCloseTo(59 / 90);
  });

  it("narrows to participants and a stage, and is empty without valid allocations", () => {
    const analysis = analyseEnvironments(allocations, { environments });
    const only = environmentTimeline(allocations, analysis, { environments, participants: ["LDSA"], stage: "SIT-FUNC" });
    expect(only.environments.map((e) => e.environment)).toEqual(["SIT-A"]);
    expect(environmentTimeline([], analysis)).toEqual({ from: "", to: "", days: 0, environments: [], months: [] });
  });
});
