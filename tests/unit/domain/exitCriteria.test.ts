import fc from "fast-check";
import {
  DEFAULT_EXIT_CRITERIA,
  DEFAULT_EXIT_CRITERIA_BY_STAGE,
  ExitCriterion,
  ExitMetrics,
  computeExitMetrics,
  computeExitMetricsByStage,
  evaluateCriterion,
  evaluateExitCriteria,
  evaluateStageExit,
  exitCriteriaForStage,
  validateExitCriteria,
  worstRag,
} from "../../../src/domain/exitCriteria";
import { DEFAULT_STAGES } from "../../../src/domain/catalogues";
import { DefectRecord, Outcome, TestPointRecord } from "../../../src/domain/model";
import { generateProgramme } from "../../bench/synthetic";

let pid = 1;
const pt = (outcome: Outcome, over: Partial<TestPointRecord> = {}): TestPointRecord => ({
  id: pid++, testCaseId: 1, planId: 1, suiteId: 1, stage: "SIT-FUNC", outcome, ...over,
});
const bug = (id: number, over: Partial<DefectRecord> = {}): DefectRecord => ({
  id, title: "", state: "Active", severity: "3 - Medium", createdDate: "2024-01-01", stage: "SIT-FUNC", testCaseIds: [], ...over,
});
const points = (passed: number, failed: number, blocked = 0, notApplicable = 0, notRun = 0) => [
  ...Array.from({ length: passed }, () => pt("passed")),
  ...Array.from({ length: failed }, () => pt("failed")),
  ...Array.from({ length: blocked }, () => pt("blocked")),
  ...Array.from({ length: notApplicable }, () => pt("notApplicable")),
  ...Array.from({ length: notRun }, () => pt("notRun")),
];
const metrics = (pts: TestPointRecord[], defects: DefectRecord[] = [], withRequirements = false): ExitMetrics =>
  computeExitMetrics({
    points: pts,
    defects,
    asOf: "2024-01-03",
    ...(withRequirements
      ? {
          requirements: [
            { id: 1, title: "", type: "Functional", roles: [], stages: ["SIT-FUNC"], testCaseIds: [1] },
            { id: 2, title: "", type: "Functional", roles: [], stages: ["SIT-FUNC"], testCaseIds: [] },
          ],
          testCases: [{ id: 1, title: "", requirementIds: [] }],
        }
      : {}),
  });
const rule = (over: Partial<ExitCriterion>): ExitCriterion => ({ id: "r", label: "Rule", metric: "executionRate", op: ">=", value: 100, ...over });

describe("validateExitCriteria", () => {
  it("refuses metric and comparison names that are only Object.prototype's", () => {
    const v = validateExitCriteria([
      { id: "a", metric: "toString", op: ">=", value: 1 },
      { id: "b", metric: "passRate", op: "constructor", value: 1 },
    ]);
    expect(v.criteria).toEqual([]);
    expect(v.messages.join(" ")).toMatch(/unknown metric "toString"/);
    expect(v.messages.join(" ")).toMatch(/unknown comparison "constructor"/);
  });

  it("accepts the defaults unchanged", () => {
    const v = validateExitCriteria(DEFAULT_EXIT_CRITERIA);
    expect(v.messages).toEqual([]);
    expect(v.criteria).toEqual(DEFAULT_EXIT_CRITERIA);
  });

  it("explains every problem", () => {
    const v = validateExitCriteria([
      { id: "a", metric: "passrate", op: ">=", value: 95 },
      { id: "b", metric: "passRate", op: "=>", value: 95 },
      { id: "c", metric: "passRate", op: ">=", value: "ninety" },
      { id: "d", metric: "passRate", op: ">=", value: 120 },
      { id: "e", metric: "openDefects", op: "==", value: 0.5 },
      { id: "f", metric: "passRate", op: ">=", value: 95, severity: "1" },
      { id: "g", metric: "openDefects", op: "==", value: 0, severity: "urgent" },
      { id: "h", metric: "passRate", op: ">=", value: 95, amber: -1 },
      { metric: "passRate", op: ">=", value: 95 },
      { id: "A", metric: "passRate", op: ">=", value: 95 },
      { id: "a2", metric: "passRate", op: ">=", value: 95, noData: "purple" },
      "not a rule",
    ]);
    expect(v.criteria.map((c) => c.id)).toEqual(["A"]);
    const m = v.messages.join("\n");
    expect(m).toMatch(/"a": unknown metric "passrate"/);
    expect(m).toMatch(/"b": unknown comparison "=>"/);
    expect(m).toMatch(/"c": the target "ninety" is not a number/);
    expect(m).toMatch(/"d": Pass rate is a percentage/);
    expect(m).toMatch(/"e": Open defects is a count/);
    expect(m).toMatch(/"f": a severity applies only to defect metrics/);
    expect(m).toMatch(/"g": Unknown severity "urgent"/);
    expect(m).toMatch(/"h": the amber tolerance "-1"/);
    expect(m).toMatch(/Criterion 9 has no id/);
    expect(m).toMatch(/Criterion 12 is not a rule object/);
    expect(m).toMatch(/"a2": "no data" RAG "purple"/);
    expect(validateExitCriteria({}).messages).toEqual(["Exit criteria must be a list of rules."]);
  });

  it("flags duplicate ids (case-insensitive)", () => {
    const v = validateExitCriteria([rule({ id: "x" }), rule({ id: "X" })]);
    expect(v.criteria).toHaveLength(1);
    expect(v.messages[0]).toMatch(/used by another criterion/);
  });

  it("normalises operator aliases, numeric strings, severities and a missing label", () => {
    const v = validateExitCriteria([
      { id: "s", metric: "openDefects", op: "=", value: "0", severity: ["critical", "2"] },
      { id: "t", metric: "executionRate", op: "\u2265", value: 90 },
    ]);
    expect(v.messages).toEqual([]);
    expect(v.criteria[0]).toEqual({
      id: "s", label: "Open defects of severity 1 - Critical or 2 - High == 0", metric: "openDefects", op: "==", value: 0,
      severity: ["1 - Critical", "2 - High"],
    });
    expect(v.criteria[1].op).toBe(">=");
  });
});

describe("evaluateCriterion", () => {
  it("is green when met, amber within tolerance, red beyond", () => {
    const m = metrics(points(97, 0, 0, 0, 3)); // execution 97%
    expect(evaluateCriterion(rule({}), metrics(points(10, 0))).rag).toBe("green");
    const amber = evaluateCriterion(rule({ amber: 5 }), m);
    expect(amber).toMatchObject({ rag: "amber", actual: 97, target: 100 });
    expect(amber.sentence).toBe(
      "Execution rate is 97% (97 of 100 applicable points run; 0 blocked, 3 not run); target >= 100% is missed by 3%, within the amber tolerance of 5%.",
    );
    const red = evaluateCriterion(rule({ amber: 2 }), m);
    expect(red.rag).toBe("red");
    expect(red.sentence).toMatch(/is missed by 3% \(amber tolerance 2%\)\.$/);
  });

  it("judges the pass rate on passed / (passed + failed)", () => {
    const m = metrics(points(19, 1, 5, 5)); // 95%, blocked and N/A left out
    const r = evaluateCriterion(rule({ metric: "passRate", value: 95 }), m);
    expect(r).toMatchObject({ rag: "green", actual: 95 });
    expect(r.sentence).toMatch(/19 passed of 20 run/);
  });

  it("uses the no-data RAG when the figure cannot be computed", () => {
    const empty = metrics([]);
    const r = evaluateCriterion(rule({}), empty);
    expect(r).toMatchObject({ rag: "red", actual: null });
    expect(r.sentence).toMatch(/cannot be computed because there are no applicable test points in scope/);
    expect(evaluateCriterion(rule({ noData: "amber" }), empty).rag).toBe("amber");
    expect(evaluateCriterion(rule({ metric: "requirementsCovered" }), empty).sentence).toMatch(/no requirements were given/);
  });

  it("counts open defects by severity", () => {
    const m = metrics([], [bug(1, { severity: "1 - Critical" }), bug(2, { severity: "1 - Critical", state: "Closed" }), bug(3)]);
    const critical = evaluateCriterion(rule({ metric: "openDefects", severity: "1 - Critical", op: "==", value: 0 }), m);
    expect(critical).toMatchObject({ rag: "red", actual: 1 });
    expect(critical.sentence).toBe("Open defects of severity 1 - Critical: 1 (id 1); target == 0 is missed by 1.");
    expect(evaluateCriterion(rule({ metric: "openDefects", op: "<=", value: 2 }), m)).toMatchObject({ rag: "green", actual: 2 });
    expect(evaluateCriterion(rule({ metric: "openDefects", op: "==", value: 0, amber: 2 }), m).rag).toBe("amber");
  });

  it("counts blocking defects without work-off plans and SLA breaches", () => {
    const m = metrics([], [
      bug(1, { severity: "2 - High" }),
      bug(2, { severity: "2 - High", workOffPlan: "<p>agreed</p>" }),
      bug(3, { severity: "4 - Low" }),
      bug(4, { severity: "1 - Critical", createdDate: "2023-12-01" }),
    ]);
    expect(evaluateCriterion(rule({ metric: "openDefectsWithoutWorkOffPlan", op: "==", value: 0 }), m)).toMatchObject({ actual: 2, rag: "red" });
    expect(evaluateCriterion(rule({ metric: "openDefectsWithoutWorkOffPlan", severity: "4 - Low", op: "==", value: 0 }), m).actual).toBe(1);
    expect(evaluateCriterion(rule({ metric: "slaBreaches", op: "==", value: 0 }), m)).toMatchObject({ actual: 1, rag: "red" });
  });

  it("handles requirement coverage and point counts", () => {
    const m = metrics([pt("passed"), pt("failed"), pt("blocked")], [], true);
    expect(evaluateCriterion(rule({ metric: "requirementsCovered", value: 100, amber: 50 }), m)).toMatchObject({ actual: 50, rag: "amber" });
    expect(evaluateCriterion(rule({ metric: "requirementsPassing", value: 0 }), m)).toMatchObject({ actual: 0, rag: "green" });
    expect(evaluateCriterion(rule({ metric: "failedPoints", op: "<", value: 1 }), m)).toMatchObject({ actual: 1, rag: "red" });
    expect(evaluateCriterion(rule({ metric: "blockedPoints", op: "!=", value: 0, amber: 5 }), m)).toMatchObject({ actual: 1, rag: "green" });
    expect(evaluateCriterion(rule({ metric: "blockedPoints", op: "!=", value: 1, amber: 5 }), m).rag).toBe("red");
    expect(evaluateCriterion(rule({ metric: "blockedPoints", op: ">", value: 1, amber: 0 }), m).rag).toBe("amber");
  });

  it("is red with the reasons for a malformed rule, never throwing", () => {
    const r = evaluateCriterion({ id: "bad", label: "Bad", metric: "nope", op: "??", value: "x" } as unknown as ExitCriterion, metrics([]));
    expect(r.rag).toBe("red");
    expect(r.sentence).toMatch(/^This criterion cannot be evaluated: .*unknown metric "nope".*unknown comparison "\?\?".*not a number/);
  });
});

describe("evaluateExitCriteria", () => {
  it("takes the worst RAG overall", () => {
    const m = metrics(points(97, 0, 0, 0, 3));
    const e = evaluateExitCriteria([rule({ id: "a", amber: 5 }), rule({ id: "b", metric: "failedPoints", op: "==", value: 0 })], m);
    expect(e.overall).toBe("amber");
    expect(e.sentence).toBe("0 of 2 exit criteria are red and 1 amber, so the overall position is amber.");
    expect(evaluateExitCriteria([rule({ id: "b", metric: "failedPoints", op: "==", value: 0 })], m).sentence).toBe("All 1 exit criteria are met.");
    expect(evaluateExitCriteria([], m)).toEqual({ overall: null, results: [], sentence: "No exit criteria are configured." });
    expect(worstRag("green", "red")).toBe("red");
    expect(worstRag("amber", "green")).toBe("amber");
  });

  it("falls back to the default criteria per stage, configurable", () => {
    expect(Object.keys(DEFAULT_EXIT_CRITERIA_BY_STAGE)).toEqual(DEFAULT_STAGES.map((s) => s.code));
    const custom = { "sit-func": [rule({ id: "only" })] };
    expect(exitCriteriaForStage("SIT-FUNC", custom).map((c) => c.id)).toEqual(["only"]);
    expect(exitCriteriaForStage("QT", custom)).toBe(DEFAULT_EXIT_CRITERIA);
  });

  it("evaluates a stage end to end", () => {
    const e = evaluateStageExit("SIT-FUNC", {
      points: [...points(10, 0), pt("failed", { stage: "QT" })],
      defects: [bug(1, { severity: "1 - Critical", stage: "QT" })],
      requirements: [{ id: 1, title: "", type: "Functional", roles: [], stages: ["SIT-FUNC"], testCaseIds: [1] }],
      testCases: [{ id: 1, title: "", requirementIds: [] }],
      asOf: "2024-01-02",
    });
    expect(e.overall).toBe("green");
    expect(e.metrics.progress.planned).toBe(10);
  });

  it("gives the same metrics per stage in one call as stage by stage", () => {
    const p = generateProgramme({ workItems: 600, seed: 7 });
    const stages = DEFAULT_STAGES.map((s) => s.code);
    const input = { points: p.points, defects: p.defects, requirements: p.requirements, testCases: p.testCases, asOf: p.asOf, stageEndDates: p.stageEndDates };
    const all = computeExitMetricsByStage(input, stages);
    for (const s of stages) expect(all[s]).toEqual(computeExitMetrics({ ...input, filter: { stage: s } }));
  });

  it("RAG is monotonic: a better execution rate never gives a worse RAG", () => {
    const order = { green: 0, amber: 1, red: 2 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 20 }), (run, notRun, more) => {
        const c = rule({ amber: 10 });
        const a = evaluateCriterion(c, metrics(points(run, 0, 0, 0, notRun + more)));
        const b = evaluateCriterion(c, metrics(points(run + more, 0, 0, 0, notRun)));
        expect(order[b.rag]).toBeLessThanOrEqual(order[a.rag]);
      }),
      { numRuns: 50 },
    );
  });
});
