// The trend from the points' latest results (REST without the history of every run): which points
// need history in a window, resets as changes, and the latest-result trend, checked against the
// history's trend by properties.
import fc from "fast-check";
import { dayToIso, parseDay } from "../../../src/domain/days";
import { OUTCOMES, Outcome, OutcomeChange } from "../../../src/domain/model";
import { latestResultTrend, PointLatest, progressTrend, resetChanges, splitAtWindow, TrendDay } from "../../../src/domain/progress";

const FROM = "2024-01-01";
const TO = "2024-01-10";
const BASE = parseDay(FROM) as number;
const at = (day: number, hour: number) => `${dayToIso(BASE + day)}T${String(hour).padStart(2, "0")}:00:00Z`;
const outcomesOf = (days: TrendDay[]) => days.map((d) => ({ date: d.date, passed: d.passed, failed: d.failed, blocked: d.blocked, notApplicable: d.notApplicable, notRun: d.notRun }));

describe("splitAtWindow", () => {
  it("keeps the outcome now of points last set before the window, and asks for the history of the others", () => {
    const points: PointLatest[] = [
      { id: 1, outcome: "passed", lastResultDate: "2023-12-31T17:00:00Z" },
      { id: 2, outcome: "failed", lastResultDate: "2024-01-01T08:00:00Z" },
      { id: 3, outcome: "notRun" },
      { id: 4, outcome: "blocked" },
      { id: 5, outcome: "notRun", lastResultDate: "2023-12-01", lastResetDate: "2024-01-03" },
      { id: 6, outcome: "notRun", lastResetDate: "2023-12-20" },
      { id: 7, outcome: "passed", lastResultDate: "2024-02-01" },
    ];
    const { settled, unsettled } = splitAtWindow(points, FROM);
    expect([...settled]).toEqual([
      [1, "passed"],
      [3, "notRun"],
      [6, "notRun"],
    ]);
    expect(unsettled.map((p) => p.id)).toEqual([2, 4, 5, 7]);
  });

  it("keeps the points' own type, and settles nothing when the window does not start on a date", () => {
    const points = [{ id: 1, planId: 9, outcome: "passed" as Outcome, lastResultDate: "2023-01-01" }];
    expect(splitAtWindow(points, FROM).unsettled).toEqual([]);
    expect(splitAtWindow(points, "not a date").unsettled[0].planId).toBe(9);
  });
});

describe("resetChanges", () => {
  it("turns each point's last reset into a change to notRun", () => {
    expect(resetChanges([{ id: 1, outcome: "notRun", lastResetDate: "2024-01-02T10:00:00Z" }, { id: 2, outcome: "passed" }, { id: 3, outcome: "notRun", lastResetDate: "bad" }])).toEqual([
      { pointId: 1, date: "2024-01-02T10:00:00Z", outcome: "notRun" },
    ]);
  });
});

describe("latestResultTrend", () => {
  it("counts a point as notRun until the day of its last result, then with its outcome now", () => {
    const t = latestResultTrend({
      points: [
        { id: 1, outcome: "passed", lastResultDate: "2024-01-02T17:59:00Z" },
        { id: 2, outcome: "failed", lastResultDate: "2023-11-30T09:00:00Z" },
        { id: 3, outcome: "blocked" },
        { id: 4, outcome: "notApplicable", lastResultDate: "not a date" },
        { id: 5, outcome: "passed", lastResultDate: "2024-01-05" },
        { id: 6, outcome: "notRun" },
      ],
      from: FROM,
      to: "2024-01-03",
    });
    expect(t.messages).toEqual([]);
    expect(t.days.map((d) => [d.date, d.passed, d.failed, d.blocked, d.notApplicable, d.notRun])).toEqual([
      ["2024-01-01", 0, 1, 1, 1, 3],
      ["2024-01-02", 1, 1, 1, 1, 2],
      ["2024-01-03", 1, 1, 1, 1, 2],
    ]);
  });

  it("says why a window is not one", () => {
    expect(latestResultTrend({ points: [], from: TO, to: FROM }).messages[0]).toMatch(/ends/);
  });
});

// Events of up to six points over days -5..14 around a ten-day window; each point's events are at
// distinct times, so "latest" never depends on the tie rule.
const arbEvents = fc.array(
  fc.record({
    pointId: fc.integer({ min: 1, max: 6 }),
    day: fc.integer({ min: -5, max: 14 }),
    outcome: fc.constantFrom(...OUTCOMES),
    reset: fc.boolean(),
  }),
  { maxLength: 40 },
);

interface Event {
  pointId: number;
  date: string;
  outcome: Outcome;
  reset: boolean;
}

function timed(specs: { pointId: number; day: number; outcome: Outcome; reset: boolean }[]): Event[] {
  // The n-th event of a day gets hour n, so a point's events never share a time.
  const seen = new Map<string, number>();
  return specs.map((s) => {
    const key = `${s.pointId}|${s.day}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { pointId: s.pointId, date: at(s.day, n), outcome: s.reset ? "notRun" : s.outcome, reset: s.reset };
  });
}

/** What the Test Plans API says of each point after these events: its outcome now, its last result and its last reset. */
function latestOf(ids: number[], events: Event[]): PointLatest[] {
  return ids.map((id) => {
    const own = events.filter((e) => e.pointId === id).sort((a, b) => (a.date < b.date ? -1 : 1));
    const last = own[own.length - 1];
    const results = own.filter((e) => !e.reset);
    const resets = own.filter((e) => e.reset);
    const point: PointLatest = { id, outcome: last ? last.outcome : "notRun" };
    if (results.length) point.lastResultDate = results[results.length - 1].date;
    if (resets.length) point.lastResetDate = resets[resets.length - 1].date;
    return point;
  });
}

const IDS = [1, 2, 3, 4, 5, 6];
const changes = (events: Event[]): OutcomeChange[] => events.map(({ pointId, date, outcome }) => ({ pointId, date, outcome }));

describe("latest results against the history (properties)", () => {
  it("without retests or resets, the latest-result trend is the history's trend", () => {
    fc.assert(
      fc.property(arbEvents, (specs) => {
        const once = new Set<number>();
        const events = timed(specs.filter((s) => !s.reset && !once.has(s.pointId) && once.add(s.pointId)));
        const history = progressTrend({ points: IDS.map((id) => ({ id })), history: changes(events), from: FROM, to: TO });
        expect(latestResultTrend({ points: latestOf(IDS, events), from: FROM, to: TO }).days).toEqual(history.days);
      }),
      { numRuns: 150 },
    );
  });

  it("counts every point in scope on every day, and ends on the outcomes now", () => {
    fc.assert(
      fc.property(arbEvents, (specs) => {
        const points = latestOf(IDS, timed(specs.filter((s) => s.day <= 9)));
        const t = latestResultTrend({ points, from: FROM, to: TO });
        expect(t.days).toHaveLength(10);
        for (const day of t.days) expect(day.passed + day.failed + day.blocked + day.notApplicable + day.notRun).toBe(IDS.length);
        const last = t.days[t.days.length - 1];
        for (const outcome of OUTCOMES) expect(last[outcome]).toBe(points.filter((p) => p.outcome === outcome).length);
      }),
      { numRuns: 150 },
    );
  });

  it("settling the points last set before the window and replaying only the others' history (with their last reset) gives the full history's trend", () => {
    fc.assert(
      fc.property(arbEvents, (specs) => {
        // The API keeps only a point's last reset: at most one per point here.
        const reset = new Set<number>();
        const events = timed(specs.filter((s) => !s.reset || (!reset.has(s.pointId) && reset.add(s.pointId))));
        const points = latestOf(IDS, events);
        const full = progressTrend({ points, history: changes(events), from: FROM, to: TO });
        const { settled, unsettled } = splitAtWindow(points, FROM);
        const open = new Set(unsettled.map((p) => p.id));
        const results = changes(events.filter((e) => !e.reset && open.has(e.pointId)));
        const split = progressTrend({ points, history: [...results, ...resetChanges(unsettled)], initial: settled, from: FROM, to: TO });
        expect(outcomesOf(split.days)).toEqual(outcomesOf(full.days));
      }),
      { numRuns: 200 },
    );
  });
});
