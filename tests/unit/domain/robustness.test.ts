// Malformed records (wrong types, missing fields) never make the domain throw.
import fc from "fast-check";
import { analyseCoverage } from "../../../src/domain/coverage";
import { summariseDefects, validateDefectRules } from "../../../src/domain/defects";
import { analyseEnvironments, dailyConcurrency } from "../../../src/domain/environments";
import { computeExitMetrics, evaluateExitCriteria, validateExitCriteria, DEFAULT_EXIT_CRITERIA } from "../../../src/domain/exitCriteria";
import { groupProgress, progressTrend, summariseProgress } from "../../../src/domain/progress";
import { assessReadiness } from "../../../src/domain/readiness";

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constantFrom("2024-01-05", "partial", "combined", "QT", "SUP", "Active", "passed", "1 - Critical"),
);
const record = fc.dictionary(
  fc.constantFrom("id", "testCaseId", "stage", "role", "participant", "cycle", "outcome", "state", "severity", "createdDate", "closedDate", "workOffPlan", "category", "lastRunDate", "mpid", "path", "reliance", "environment", "from", "to"),
  junk,
);
const list = fc.oneof(fc.constant([1, 2]), fc.constant(["SUP", "QT"]), junk, fc.array(junk, { maxLength: 3 }));
const withLists = fc.tuple(record, list, list, list, list).map(([r, a, b, c, d]) => ({
  ...r,
  testCaseIds: a,
  requirementIds: b,
  roles: c,
  stages: d,
  reliesOn: a,
}));
const records = fc.array(withLists, { maxLength: 12 });

describe("robustness", () => {
  it("aggregations accept malformed records without throwing", () => {
    fc.assert(
      fc.property(records, records, records, records, fc.anything(), (reqs, tcs, pts, defects, criteria) => {
        const any = <T>(x: unknown) => x as T;
        analyseCoverage({ requirements: any(reqs), testCases: any(tcs), points: any(pts), defects: any(defects) });
        summariseDefects(any(defects), { asOf: "2024-02-01", stageEndDates: { QT: "2024-02-02" } });
        summariseProgress(any(pts));
        groupProgress(any(pts), ["stage", "role", "participant"]);
        progressTrend({ points: any(pts), history: any(pts), defects: any(defects), from: "2024-01-01", to: "2024-01-31" });
        const m = computeExitMetrics({ points: any(pts), defects: any(defects), requirements: any(reqs), testCases: any(tcs), asOf: "2024-02-01" });
        evaluateExitCriteria(DEFAULT_EXIT_CRITERIA, m);
        validateExitCriteria(criteria);
        evaluateExitCriteria(any([criteria]), m);
        validateDefectRules(any(criteria));
        analyseEnvironments(any(defects));
        dailyConcurrency(any(defects), { from: "2024-01-01", to: "2024-01-10" });
        assessReadiness({
          participants: any(reqs),
          testCases: any(tcs),
          points: any(pts),
          defects: any(defects),
          asOf: "2024-02-01",
          config: { requiredTests: [{ role: "SUP", programmeTestCaseIds: ["QT-001"], testCaseIds: [1] }] },
        });
      }),
      { numRuns: 150 },
    );
  });
});
