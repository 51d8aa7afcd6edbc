import fc from "fast-check";
import { dayToIso, parseDay } from "../../../src/domain/days";
import { UNASSIGNED } from "../../../src/domain/groupKeys";
import {
  CountedGroup,
  defectGridFromCounts,
  evaluateExitCriteriaFromCounts,
  exitMetricsFromCounts,
  progressByFromCounts,
  progressFromCounts,
  readinessFromCounts,
} from "../../../src/domain/countFigures";
import { summariseDefects } from "../../../src/domain/defects";
import { computeExitMetrics, DEFAULT_EXIT_CRITERIA, evaluateExitCriteria, ExitCriterion } from "../../../src/domain/exitCriteria";
import { DefectRecord, OUTCOMES, Participant, SEVERITIES, TestPointRecord } from "../../../src/domain/model";
import { groupProgress, summariseProgress } from "../../../src/domain/progress";

const AS_OF = "2025-03-31";
const asOfDay = parseDay(AS_OF) as number;

/** Counts records by the given attributes, as the server does for the widgets. */
function countBy<T>(records: readonly T[], attributes: Record<string, (record: T) => string | undefined>): CountedGroup[] {
  const groups = new Map<string, CountedGroup>();
  for (const record of records) {
    const key = Object.fromEntries(Object.entries(attributes).map(([name, read]) => [name, read(record) ?? UNASSIGNED]));
    const id = JSON.stringify(key);
    const group = groups.get(id);
    if (group) group.count++;
    else groups.set(id, { key, count: 1 });
  }
  return [...groups.values()];
}

const roleArb = fc.option(fc.constantFrom("SUP", "LDSO", "ADS"), { nil: undefined });

const pointsArb = fc.array(fc.record({ role: roleArb, outcome: fc.constantFrom(...OUTCOMES) }), { maxLength: 60 }).map((list) => list.map((p, i): TestPointRecord => ({ id: i + 1, testCaseId: 1, planId: 1, suiteId: 1, stage: "SIT-FUNC", role: p.role, outcome: p.outcome })));

const openDefectsArb = fc
  .array(fc.record({ role: roleArb, severity: fc.constantFrom<string>(...SEVERITIES, "5 - Trivial"), age: fc.integer({ min: 0, max: 60 }) }), { maxLength: 40 })
  .map((list) =>
    list.map(
      (d, i): DefectRecord => ({ id: i + 1, title: "", state: "Active", severity: d.severity, stage: "SIT-FUNC", role: d.role, createdDate: `${dayToIso(asOfDay - d.age)}T10:00:00Z`, testCaseIds: [] }),
    ),
  );

const raisedDay = (d: DefectRecord) => d.createdDate.slice(0, 10);

describe("figures from counts agree with the figures from records", () => {
  it("progress, overall and by role", () => {
    fc.assert(
      fc.property(pointsArb, (points) => {
        expect(progressFromCounts(countBy(points, { outcome: (p) => p.outcome }))).toEqual(summariseProgress(points));
        const bars = progressByFromCounts(countBy(points, { role: (p) => p.role, outcome: (p) => p.outcome }), "role");
        const rows = groupProgress(points, ["role"]).rows;
        expect(bars.map((b) => b.key)).toEqual(rows.map((r) => r.key[0]));
        bars.forEach((bar, i) => expect(bar.figures).toEqual(expect.objectContaining({ planned: rows[i].planned, run: rows[i].run, executionRate: rows[i].executionRate, passRate: rows[i].passRate })));
      }),
    );
  });

  it("open defects by severity x role and their SLA breaches", () => {
    fc.assert(
      fc.property(openDefectsArb, (defects) => {
        const grid = defectGridFromCounts({ groups: countBy(defects, { severity: (d) => d.severity, role: (d) => d.role, raisedDay }), asOf: AS_OF });
        const summary = summariseDefects(defects, { asOf: AS_OF });
        for (const row of summary.openBySeverityRole) {
          const r = grid.roles.indexOf(row.key[0]);
          grid.severities.forEach((severity, c) => expect(grid.cells[r][c].open).toBe(row.counts[severity]));
        }
        expect(grid.total.open).toBe(summary.open);
        expect(grid.total.breached).toBe(summary.breaches.length);
        for (const role of grid.roles) {
          const r = grid.roles.indexOf(role);
          expect(grid.rowTotals[r].breached).toBe(summary.breaches.filter((b) => (b.defect.role ?? UNASSIGNED) === role).length);
        }
        const blocking = defectGridFromCounts({ groups: countBy(defects, { severity: (d) => d.severity, role: (d) => d.role, raisedDay }), asOf: AS_OF, exitBlockingOnly: true });
        expect(blocking.total.open).toBe(summary.exitBlocking.length);
      }),
    );
  });

  it("exit criteria a count can judge, with the same RAG and figure", () => {
    fc.assert(
      fc.property(pointsArb, openDefectsArb, (points, defects) => {
        const metrics = exitMetricsFromCounts({
          outcomes: countBy(points, { outcome: (p) => p.outcome }),
          openDefects: countBy(defects, { severity: (d) => d.severity, raisedDay }),
          asOf: AS_OF,
        });
        const fromRecords = computeExitMetrics({ points, defects, asOf: AS_OF, filter: { stage: "SIT-FUNC" } });
        expect(metrics.progress).toEqual(fromRecords.progress);
        expect(metrics.defects.openBySeverity).toEqual(fromRecords.defects.openBySeverity);
        expect(metrics.defects.slaBreachesBySeverity).toEqual(fromRecords.defects.slaBreachesBySeverity);
        const counted = evaluateExitCriteriaFromCounts(DEFAULT_EXIT_CRITERIA, metrics);
        const full = evaluateExitCriteria(DEFAULT_EXIT_CRITERIA, fromRecords);
        counted.results.forEach((result, i) => {
          if (!result.available) return;
          expect([result.rag, result.actual]).toEqual([full.results[i].rag, full.results[i].actual]);
        });
      }),
    );
  });
});

describe("defect grid", () => {
  it("marks defects past their SLA in working days, and shows Unknown only when a severity is not understood", () => {
    const groups: CountedGroup[] = [
      { key: { severity: "1 - Critical", role: "SUP", raisedDay: "2025-03-26" }, count: 2 },
      { key: { severity: "1 - Critical", role: "SUP", raisedDay: "2025-03-27" }, count: 1 },
      { key: { severity: "4 - Low", role: UNASSIGNED, raisedDay: UNASSIGNED }, count: 1 },
    ];
    const grid = defectGridFromCounts({ groups, asOf: AS_OF });
    expect(grid.severities).toEqual(["1 - Critical", "2 - High", "3 - Medium", "4 - Low"]);
    expect(grid.roles).toEqual(["SUP", UNASSIGNED]);
    expect(grid.cells[0][0]).toEqual({ open: 3, breached: 2 });
    expect(grid.cells[1][3]).toEqual({ open: 1, breached: 0 });
    expect(defectGridFromCounts({ groups: [{ key: { severity: "Sev9", role: "SUP", raisedDay: "2025-03-01" }, count: 1 }], asOf: AS_OF }).severities).toContain("Unknown");
    const holiday = defectGridFromCounts({ groups, asOf: AS_OF, rules: { bankHolidays: ["2025-03-28"] } });
    expect(holiday.cells[0][0]).toEqual({ open: 3, breached: 0 });
  });

  it("shows every severity (or the blocking ones) when nothing is open", () => {
    expect(defectGridFromCounts({ groups: [], asOf: AS_OF }).severities).toHaveLength(4);
    expect(defectGridFromCounts({ groups: [], asOf: AS_OF, exitBlockingOnly: true, rules: { exitBlockingSeverities: ["1 - Critical"] } }).severities).toEqual(["1 - Critical"]);
  });
});

describe("exit criteria from counts", () => {
  it("says which criteria need every work item instead of judging them red", () => {
    const metrics = exitMetricsFromCounts({ outcomes: [{ key: { outcome: "passed" }, count: 10 }], openDefects: [], asOf: AS_OF });
    const evaluation = evaluateExitCriteriaFromCounts(DEFAULT_EXIT_CRITERIA, metrics);
    expect(evaluation.results.map((r) => [r.id, r.rag, r.available])).toEqual([
      ["execution", "green", true],
      ["pass-rate", "green", true],
      ["no-critical", "green", true],
      ["work-off-plans", null, false],
      ["requirements-covered", null, false],
      ["sla", "green", true],
    ]);
    expect(evaluation.overall).toBe("green");
    expect(evaluation.sentence).toBe("All 4 criteria judged here are met. 2 more need the programme hub.");
    expect(evaluation.results[2].sentence).toBe("Open defects of severity 1 - Critical: 0; target == 0 is met.");
  });

  it("writes counts without ids into the sentence", () => {
    const metrics = exitMetricsFromCounts({ outcomes: [], openDefects: [{ key: { severity: "2 - High", raisedDay: "2025-01-02" }, count: 3 }], asOf: AS_OF });
    const criteria: ExitCriterion[] = [{ id: "sla", label: "No SLA breaches", metric: "slaBreaches", op: "==", value: 0 }];
    const [result] = evaluateExitCriteriaFromCounts(criteria, metrics).results;
    expect(result).toMatchObject({ rag: "red", actual: 3, sentence: "Open defects past their SLA: 3; target == 0 is missed by 3." });
    expect(evaluateExitCriteriaFromCounts([], metrics)).toMatchObject({ overall: null, sentence: "No exit criteria are configured for this stage." });
  });
});

describe("readiness from counts", () => {
  const participants: Participant[] = [
    { mpid: "ALWB", organisation: "Alwick", roles: ["SUP"], path: "SIT", reliance: "none" },
    { mpid: "BRCK", organisation: "Brackley", roles: ["SUP"], path: "SIT", reliance: "none" },
    { mpid: "CRWN", organisation: "Crown", roles: ["LDSO"], path: "SIT", reliance: "partial", reliesOn: ["ALWB"] },
    { mpid: "DLTA", organisation: "Delta", roles: ["SUP"], path: "SIT", reliance: "none" },
    { mpid: "QTAA", organisation: "Quarry", roles: ["SUP"], path: "QT", reliance: "none" },
  ];
  const points: CountedGroup[] = [
    { key: { participant: "ALWB", stage: "SIT-FUNC", outcome: "passed" }, count: 4 },
    { key: { participant: "ALWB", stage: "SIT-MIG", outcome: "notApplicable" }, count: 1 },
    { key: { participant: "BRCK", stage: "SIT-FUNC", outcome: "failed" }, count: 1 },
    { key: { participant: "CRWN", stage: "SIT-REG", outcome: "blocked" }, count: 2 },
    { key: { participant: "CRWN", stage: "PIT", outcome: "failed" }, count: 9 },
    { key: { participant: UNASSIGNED, stage: "SIT-FUNC", outcome: "failed" }, count: 9 },
  ];
  const openDefects: CountedGroup[] = [
    { key: { participant: "DLTA", stage: "SIT-FUNC", severity: "2 - High" }, count: 2 },
    { key: { participant: "ALWB", stage: "SIT-FUNC", severity: "4 - Low" }, count: 5 },
    { key: { participant: "ALWB", stage: "QT", severity: "1 - Critical" }, count: 1 },
  ];

  it("judges each participant of the path from its points and open exit-blocking defects", () => {
    const result = readinessFromCounts({ participants, path: "SIT", points, openDefects });
    expect(result.participants.map((p) => [p.mpid, p.rag, p.reason])).toEqual([
      ["ALWB", "green", "All 4 applicable tests passed."],
      ["BRCK", "red", "1 failed test."],
      ["CRWN", "amber", "2 tests outstanding (2 blocked, 0 not run)."],
      ["DLTA", "red", "2 open exit-blocking defects."],
    ]);
    expect(result.byRag).toEqual({ green: 1, amber: 1, red: 2 });
    expect(result.topBlockers.map((p) => p.mpid)).toEqual(["DLTA", "BRCK"]);
  });

  it("narrows to a stage, a role or one participant, and uses the configured RAG rules", () => {
    expect(readinessFromCounts({ participants, path: "SIT", points, openDefects, stages: ["SIT-REG"] }).byRag).toEqual({ green: 0, amber: 4, red: 0 });
    expect(readinessFromCounts({ participants, path: "SIT", points, openDefects, role: "ldso" }).participants.map((p) => p.mpid)).toEqual(["CRWN"]);
    expect(readinessFromCounts({ participants, path: "QT", points, openDefects, participant: "qtaa" }).participants).toMatchObject([{ mpid: "QTAA", rag: "amber", reason: "No test points in QT." }]);
    expect(readinessFromCounts({ participants, path: "SIT", points, openDefects, rag: { whenOutstanding: "red" } }).byRag.red).toBe(3);
  });
});
