import fc from "fast-check";
import {
  ADO_OUTCOME_MAP,
  MAX_TREND_DAYS,
  groupProgress,
  normaliseOutcome,
  progressTrend,
  summariseProgress,
  withRates,
} from "../../../src/domain/progress";
import { DefectRecord, OUTCOMES, Outcome, OutcomeChange, TestPointRecord } from "../../../src/domain/model";
import { dayToIso, parseDay } from "../../../src/domain/days";
import { UNASSIGNED } from "../../../src/domain/groupKeys";
import { shuffle } from "../../support/shuffle";

function point(id: number, outcome: Outcome, over: Partial<TestPointRecord> = {}): TestPointRecord {
  return { id, testCaseId: 1, planId: 1, suiteId: 1, stage: "SIT-FUNC", outcome, ...over };
}

describe("normaliseOutcome", () => {
  it.each([
    ["Passed", "passed"],
    ["Failed", "failed"],
    ["Error", "failed"],
    ["Timeout", "failed"],
    ["Aborted", "failed"],
    ["Inconclusive", "failed"],
    ["Warning", "failed"],
    ["Blocked", "blocked"],
    ["NotApplicable", "notApplicable"],
    ["Not Applicable", "notApplicable"],
    ["not_applicable", "notApplicable"],
    ["None", "notRun"],
    ["Unspecified", "notRun"],
    ["NotExecuted", "notRun"],
    ["InProgress", "notRun"],
    ["Paused", "notRun"],
    ["NotImpacted", "notRun"],
    ["passed", "passed"],
    ["notRun", "notRun"],
    ["PASSED", "passed"],
    ["Something new", "notRun"],
    ["", "notRun"],
  ])("maps %p to %p", (ado, expected) => {
    expect(normaliseOutcome(ado)).toBe(expected);
  });

  it("maps the ADO TestOutcome enum numbers", () => {
    const expected: Outcome[] = [
      "notRun", "notRun", "passed", "failed", "failed", "failed", "failed", "blocked",
      "notRun", "failed", "failed", "notApplicable", "notRun", "notRun", "notRun",
    ];
    expected.forEach((o, n) => expect(normaliseOutcome(n)).toBe(o));
    expect(normaliseOutcome("2")).toBe("passed");
    expect(normaliseOutcome(15)).toBe("notRun");
    expect(normaliseOutcome(-1)).toBe("notRun");
    expect(normaliseOutcome(2.5)).toBe("notRun");
    expect(normaliseOutcome(null)).toBe("notRun");
    expect(normaliseOutcome(undefined)).toBe("notRun");
  });

  it("does not take an outcome from Object.prototype", () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "Constructor"]) expect(normaliseOutcome(name)).toBe("notRun");
  });

  it("only ever returns a domain outcome", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.integer()), (x) => expect(OUTCOMES).toContain(normaliseOutcome(x))));
    for (const o of Object.values(ADO_OUTCOME_MAP)) expect(OUTCOMES).toContain(o);
  });
});

describe("rates", () => {
  it("follows the documented formulas", () => {
    const points = [
      ...["passed", "passed", "passed", "passed", "passed", "failed", "failed", "blocked", "notApplicable", "notRun"].map(
        (o, i) => point(i, o as Outcome),
      ),
    ];
    const f = summariseProgress(points);
    expect(f).toMatchObject({ planned: 10, passed: 5, failed: 2, blocked: 1, notApplicable: 1, notRun: 1, run: 7 });
    expect(f.executionRate).toBeCloseTo((7 / 9) * 100);
    expect(f.passRate).toBeCloseTo((5 / 7) * 100);
  });

  it("is null, not NaN, when a denominator is 0", () => {
    expect(summariseProgress([])).toMatchObject({ planned: 0, executionRate: null, passRate: null });
    expect(summariseProgress([point(1, "notApplicable")])).toMatchObject({ executionRate: null, passRate: null });
    expect(summariseProgress([point(1, "blocked"), point(2, "notRun")])).toMatchObject({ executionRate: 0, passRate: null });
    expect(withRates({ planned: 1, passed: 0, failed: 1, blocked: 0, notApplicable: 0, notRun: 0 })).toMatchObject({
      executionRate: 100,
      passRate: 0,
    });
  });

  it("counts a raw ADO outcome left on a point through the same mapping", () => {
    expect(summariseProgress([point(1, "Timeout" as Outcome)]).failed).toBe(1);
  });
});

describe("groupProgress", () => {
  const points = [
    point(1, "passed", { role: "SUP", participant: "ABCD", cycle: "C1" }),
    point(2, "failed", { role: "SUP", participant: "ABCD", cycle: "C2" }),
    point(3, "blocked", { role: "ADS", participant: "EFGH", cycle: "C1" }),
    point(4, "notRun", { stage: "QT", participant: "ABCD" }),
    point(5, "passed", { stage: "QT", role: "SUP", participant: "ABCD" }),
  ];

  it("groups by any combination of keys, missing values last", () => {
    const g = groupProgress(points, ["stage", "role"]);
    expect(g.rows.map((r) => r.key)).toEqual([
      ["QT", "SUP"],
      ["QT", UNASSIGNED],
      ["SIT-FUNC", "ADS"],
      ["SIT-FUNC", "SUP"],
    ]);
    expect(g.rows[3]).toMatchObject({ by: { stage: "SIT-FUNC", role: "SUP" }, planned: 2, passed: 1, failed: 1, passRate: 50 });
    expect(g.total.planned).toBe(5);
  });

  it("handles one, three and no keys, and plan ids", () => {
    expect(groupProgress(points, ["participant"]).rows.map((r) => r.key[0])).toEqual(["ABCD", "EFGH"]);
    expect(groupProgress(points, ["stage", "role", "participant"]).rows).toHaveLength(4);
    const none = groupProgress(points, []);
    expect(none.rows).toHaveLength(1);
    expect(none.rows[0]).toMatchObject({ key: [], planned: 5 });
    expect(groupProgress(points, ["planId"]).rows[0].key).toEqual(["1"]);
  });

  it("applies the filter strictly", () => {
    expect(groupProgress(points, ["stage"], { cycle: "c1" }).total.planned).toBe(2);
    expect(groupProgress(points, ["stage"], { role: "SUP", stage: "qt" }).total.planned).toBe(1);
    expect(groupProgress([], ["stage"]).rows).toEqual([]);
  });

  const arbPoints = fc.array(
    fc.record({
      outcome: fc.constantFrom(...OUTCOMES),
      stage: fc.constantFrom("SIT-FUNC", "QT", "PIT"),
      role: fc.option(fc.constantFrom("SUP", "ADS"), { nil: undefined }),
      participant: fc.option(fc.constantFrom("ABCD", "EFGH", "IJKL"), { nil: undefined }),
      cycle: fc.option(fc.constantFrom("C1", "C2"), { nil: undefined }),
    }),
    { maxLength: 60 },
  );

  it("adds up: planned = outcomes, rows = total, total = summary; order does not matter", () => {
    fc.assert(
      fc.property(arbPoints, fc.integer(), (specs, seed) => {
        const ps = specs.map((s, i) => point(i + 1, s.outcome, s));
        const g = groupProgress(ps, ["stage", "role", "participant"]);
        for (const r of [...g.rows, g.total]) {
          expect(r.planned).toBe(r.passed + r.failed + r.blocked + r.notApplicable + r.notRun);
          expect(r.run).toBe(r.passed + r.failed);
        }
        expect(g.rows.reduce((n, r) => n + r.planned, 0)).toBe(g.total.planned);
        expect(g.rows.reduce((n, r) => n + r.passed, 0)).toBe(g.total.passed);
        expect(g.total).toEqual(summariseProgress(ps));
        expect(groupProgress(shuffle(ps, seed), ["stage", "role", "participant"])).toEqual(g);
      }),
      { numRuns: 80 },
    );
  });
});

describe("progressTrend", () => {
  const pts = [{ id: 1 }, { id: 2 }, { id: 3 }];

  it("counts points by their latest outcome at the end of each day", () => {
    const history: OutcomeChange[] = [
      { pointId: 1, date: "2024-01-02T10:00:00Z", outcome: "failed" },
      { pointId: 1, date: "2024-01-03T09:00:00Z", outcome: "passed" },
      { pointId: 2, date: "2024-01-02", outcome: "blocked" },
      { pointId: 2, date: "2024-01-04", outcome: "passed" },
    ];
    const t = progressTrend({ points: pts, history, from: "2024-01-01", to: "2024-01-04" });
    expect(t.days.map((d) => [d.date, d.executed, d.passed, d.failed, d.blocked, d.notRun])).toEqual([
      ["2024-01-01", 0, 0, 0, 0, 3],
      ["2024-01-02", 1, 0, 1, 1, 1],
      ["2024-01-03", 1, 1, 0, 1, 1],
      ["2024-01-04", 2, 2, 0, 0, 1],
    ]);
  });

  it("uses the last change of a day, and the more pessimistic outcome on identical timestamps", () => {
    const history: OutcomeChange[] = [
      { pointId: 1, date: "2024-01-02T15:00:00Z", outcome: "passed" },
      { pointId: 1, date: "2024-01-02T09:00:00Z", outcome: "failed" },
      { pointId: 2, date: "2024-01-02T09:00:00Z", outcome: "passed" },
      { pointId: 2, date: "2024-01-02T09:00:00Z", outcome: "failed" },
    ];
    const a = progressTrend({ points: pts, history, from: "2024-01-02", to: "2024-01-02" });
    const b = progressTrend({ points: pts, history: history.slice().reverse(), from: "2024-01-02", to: "2024-01-02" });
    expect(a.days[0]).toMatchObject({ passed: 1, failed: 1 });
    expect(b).toEqual(a);
  });

  it("starts from the initial state and changes before the window", () => {
    const history: OutcomeChange[] = [
      { pointId: 1, date: "2023-12-01", outcome: "failed" },
      { pointId: 1, date: "2023-12-20", outcome: "passed" },
      { pointId: 3, date: "2024-02-01", outcome: "passed" }, // after the window: ignored
      { pointId: 99, date: "2024-01-01", outcome: "passed" }, // not in scope: ignored
    ];
    const t = progressTrend({
      points: pts,
      history,
      initial: new Map<number, Outcome>([[2, "notApplicable"]]),
      from: "2024-01-01",
      to: "2024-01-01",
    });
    expect(t.days[0]).toMatchObject({ passed: 1, notApplicable: 1, notRun: 1 });
    const t2 = progressTrend({ points: pts, history: [], initial: { 3: "blocked" }, from: "2024-01-01", to: "2024-01-01" });
    expect(t2.days[0]).toMatchObject({ blocked: 1, notRun: 2 });
  });

  it("counts defects opened, closed and open per day", () => {
    const d = (id: number, created: string, state = "Active", closedDate?: string): DefectRecord => ({
      id, title: "", state, severity: "3 - Medium", createdDate: created, closedDate, testCaseIds: [],
    });
    const defects = [
      d(1, "2023-12-15"), // open before the window
      d(2, "2023-12-15", "Closed", "2023-12-20"), // closed before the window
      d(3, "2023-12-15", "Closed", "2024-01-02T12:00:00Z"),
      d(4, "2024-01-02T08:00:00Z"),
      d(5, "2024-01-03", "Resolved", "2024-01-03"),
      d(6, "2024-01-01", "Closed"), // no closed date
      d(7, "2024-01-09"), // after the window
      d(8, "someday"),
    ];
    const t = progressTrend({ points: [], history: [], defects, from: "2024-01-01", to: "2024-01-03" });
    expect(t.days.map((x) => [x.defectsOpened, x.defectsClosed, x.openDefects])).toEqual([
      [0, 0, 2],
      [1, 1, 2],
      [1, 1, 2],
    ]);
    expect(t.defectsWithoutClosedDate).toBe(1);
    expect(t.messages).toHaveLength(2);
  });

  it("explains an unusable window and cuts a very long one", () => {
    expect(progressTrend({ points: [], history: [], from: "x", to: "2024-01-01" })).toMatchObject({ days: [] });
    expect(progressTrend({ points: [], history: [], from: "2024-02-01", to: "2024-01-01" }).messages[0]).toMatch(/ends/);
    const long = progressTrend({ points: [], history: [], from: "2000-01-01", to: "2100-01-01" });
    expect(long.days).toHaveLength(MAX_TREND_DAYS);
    expect(long.messages[0]).toMatch(/cut/);
  });

  it("reports history entries with bad dates", () => {
    const t = progressTrend({ points: pts, history: [{ pointId: 1, date: "bad", outcome: "passed" }], from: "2024-01-01", to: "2024-01-01" });
    expect(t.days[0].notRun).toBe(3);
    expect(t.messages[0]).toMatch(/1 outcome change/);
  });

  it("matches a naive replay and does not depend on history order", () => {
    const base = parseDay("2024-01-01") as number;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pointId: fc.integer({ min: 1, max: 6 }),
            day: fc.integer({ min: -5, max: 15 }),
            hour: fc.integer({ min: 0, max: 3 }),
            outcome: fc.constantFrom(...OUTCOMES),
          }),
          { maxLength: 50 },
        ),
        fc.integer(),
        (specs, seed) => {
          const points = [1, 2, 3, 4, 5, 6].map((id) => ({ id }));
          const history = specs.map((s) => ({
            pointId: s.pointId,
            date: `${dayToIso(base + s.day)}T0${s.hour}:00:00Z`,
            outcome: s.outcome,
          }));
          const t = progressTrend({ points, history, from: "2024-01-01", to: "2024-01-10" });
          expect(progressTrend({ points, history: shuffle(history, seed), from: "2024-01-01", to: "2024-01-10" })).toEqual(t);
          const rank: Record<Outcome, number> = { passed: 0, notApplicable: 1, notRun: 2, blocked: 3, failed: 4 };
          t.days.forEach((day, di) => {
            const counts: Record<Outcome, number> = { passed: 0, failed: 0, blocked: 0, notApplicable: 0, notRun: 0 };
            for (const p of points) {
              let best: { date: string; outcome: Outcome } | null = null;
              for (const h of history) {
                if (h.pointId !== p.id || h.date.slice(0, 10) > dayToIso(base + di)) continue;
                if (!best || h.date > best.date || (h.date === best.date && rank[h.outcome] > rank[best.outcome])) best = h;
              }
              counts[best ? best.outcome : "notRun"]++;
            }
            expect(day).toMatchObject(counts);
            expect(day.executed).toBe(counts.passed + counts.failed);
          });
        },
      ),
      { numRuns: 80 },
    );
  });
});
