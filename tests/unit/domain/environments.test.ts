import fc from "fast-check";
import {
  DEFAULT_CONCURRENCY_LIMITS,
  DEFAULT_ENVIRONMENTS,
  EnvironmentAllocation,
  MAX_TIMELINE_DAYS,
  analyseEnvironments,
  dailyConcurrency,
  validateAllocation,
} from "../../../src/domain/environments";
import { dayToIso, parseDay } from "../../../src/domain/days";
import { shuffle } from "../../support/shuffle";

const alloc = (participant: string, environment: string, from: string, to: string, stage = "SIT-FUNC"): EnvironmentAllocation => ({
  participant, environment, stage, from, to,
});

describe("validateAllocation", () => {
  it("accepts a valid allocation", () => {
    expect(validateAllocation(alloc("ABCD", "SIT-A", "2024-01-01", "2024-01-01"), { environments: DEFAULT_ENVIRONMENTS })).toEqual([]);
  });

  it("explains each problem", () => {
    expect(validateAllocation(alloc("ABCD", "SIT-A", "2024-02-01", "2024-01-01"))).toEqual([
      "The allocation ends (2024-01-01) before it starts (2024-02-01).",
    ]);
    expect(validateAllocation(alloc("", "SIT-C", "1/1/2024", "2024-02-30", ""), { environments: DEFAULT_ENVIRONMENTS })).toEqual([
      "The allocation has no participant.",
      'Environment "SIT-C" is not in the environments plan.',
      "The allocation has no stage.",
      'Start date "1/1/2024" is not an ISO date (yyyy-mm-dd).',
      'End date "2024-02-30" is not an ISO date (yyyy-mm-dd).',
    ]);
    expect(validateAllocation(alloc("ABCD", "SIT-A", "2024-01-01", "2024-01-02", "SIT-X"), { stages: ["SIT-FUNC"] })).toEqual([
      'Stage "SIT-X" is not a known stage.',
    ]);
    expect(validateAllocation(null as unknown as EnvironmentAllocation)).toEqual(["The allocation is not a record."]);
  });
});

describe("analyseEnvironments", () => {
  it("gives concurrency segments and clashes over the default limit of 2", () => {
    expect(DEFAULT_CONCURRENCY_LIMITS).toEqual({ overall: 2 });
    const a = analyseEnvironments([
      alloc("ABCD", "SIT-A", "2024-01-01", "2024-01-10"),
      alloc("ABCD", "SIT-B", "2024-01-05", "2024-01-15"),
      alloc("abcd", "DIP-UIT", "2024-01-08", "2024-01-09", "SIT-MIG"),
      alloc("EFGH", "QTF", "2024-01-01", "2024-01-31", "QT"),
    ]);
    expect(a.segments.filter((s) => s.participant === "ABCD").map((s) => [s.from, s.to, s.count, s.environments.join("+")])).toEqual([
      ["2024-01-01", "2024-01-04", 1, "SIT-A"],
      ["2024-01-05", "2024-01-07", 2, "SIT-A+SIT-B"],
      ["2024-01-08", "2024-01-09", 3, "DIP-UIT+SIT-A+SIT-B"],
      ["2024-01-10", "2024-01-10", 2, "SIT-A+SIT-B"],
      ["2024-01-11", "2024-01-15", 1, "SIT-B"],
    ]);
    expect(a.clashes).toEqual([
      { participant: "ABCD", from: "2024-01-08", to: "2024-01-09", days: 2, peak: 3, limit: 2, environments: ["DIP-UIT", "SIT-A", "SIT-B"] },
    ]);
    expect(a.peaks).toEqual([
      { participant: "ABCD", peak: 3, limit: 2 },
      { participant: "EFGH", peak: 1, limit: 2 },
    ]);
  });

  it("counts an environment held twice at once only once, and joins back-to-back allocations", () => {
    const a = analyseEnvironments([
      alloc("ABCD", "SIT-A", "2024-01-01", "2024-01-10"),
      alloc("ABCD", "sit-a", "2024-01-05", "2024-01-06"),
      alloc("ABCD", "SIT-A", "2024-01-11", "2024-01-20"),
    ]);
    expect(a.segments).toEqual([{ participant: "ABCD", from: "2024-01-01", to: "2024-01-20", count: 1, environments: ["SIT-A"] }]);
  });

  it("checks per-stage limits and can drop the overall limit", () => {
    const allocations = [
      alloc("ABCD", "SIT-A", "2024-01-01", "2024-01-10"),
      alloc("ABCD", "SIT-B", "2024-01-10", "2024-01-12"),
      alloc("ABCD", "QTF", "2024-01-01", "2024-01-31", "QT"),
    ];
    const a = analyseEnvironments(allocations, { limits: { byStage: { "sit-func": 1 } } });
    expect(a.clashes).toEqual([
      { participant: "ABCD", stage: "SIT-FUNC", from: "2024-01-10", to: "2024-01-10", days: 1, peak: 2, limit: 1, environments: ["SIT-A", "SIT-B"] },
    ]);
    expect(a.peaks[0]).toEqual({ participant: "ABCD", peak: 3, limit: null });
  });

  it("reports environments used by more participants than their capacity", () => {
    const environments = [{ code: "SIT-A", capacity: 2 }, { code: "SIT-B" }];
    const a = analyseEnvironments(
      [
        alloc("AAAA", "SIT-A", "2024-01-01", "2024-01-31"),
        alloc("BBBB", "SIT-A", "2024-01-10", "2024-01-20"),
        alloc("CCCC", "sit-a", "2024-01-15", "2024-02-15"),
        alloc("DDDD", "SIT-B", "2024-01-01", "2024-01-31"),
        alloc("EEEE", "SIT-B", "2024-01-01", "2024-01-31"),
        alloc("FFFF", "SIT-B", "2024-01-01", "2024-01-31"),
        alloc("GGGG", "SIT-C", "2024-01-01", "2024-01-31"),
      ],
      { environments },
    );
    expect(a.capacityClashes).toEqual([
      { environment: "SIT-A", from: "2024-01-15", to: "2024-01-20", days: 6, peak: 3, capacity: 2, participants: ["AAAA", "BBBB", "CCCC"] },
    ]);
    expect(a.invalid).toEqual([{ index: 6, message: 'Environment "SIT-C" is not in the environments plan.' }]);
  });

  it("handles very long ranges without walking every day", () => {
    const a = analyseEnvironments([
      alloc("ABCD", "SIT-A", "1900-01-01", "2999-12-31"),
      alloc("ABCD", "SIT-B", "2000-01-01", "2899-12-31"),
      alloc("ABCD", "QTF", "2024-01-01", "2024-01-01"),
    ]);
    expect(a.clashes).toHaveLength(1);
    expect(a.clashes[0]).toMatchObject({ from: "2024-01-01", to: "2024-01-01", peak: 3 });
  });

  it("is empty for no allocations", () => {
    expect(analyseEnvironments([])).toEqual({ segments: [], peaks: [], clashes: [], capacityClashes: [], invalid: [] });
    expect(analyseEnvironments(undefined as unknown as EnvironmentAllocation[]).invalid).toEqual([]);
  });

  it("matches a day-by-day count and does not depend on input order", () => {
    const base = parseDay("2024-01-01") as number;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            p: fc.constantFrom("AAAA", "BBBB"),
            e: fc.constantFrom("SIT-A", "SIT-B", "QTF", "DIP-UIT"),
            start: fc.integer({ min: 0, max: 30 }),
            len: fc.integer({ min: 0, max: 15 }),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.integer(),
        (specs, limit, seed) => {
          const allocations = specs.map((s) => alloc(s.p, s.e, dayToIso(base + s.start), dayToIso(base + s.start + s.len)));
          const a = analyseEnvironments(allocations, { limits: { overall: limit } });
          expect(analyseEnvironments(shuffle(allocations, seed), { limits: { overall: limit } })).toEqual(a);
          const daily = dailyConcurrency(allocations, { from: "2024-01-01", to: dayToIso(base + 50) }, { limits: { overall: limit } });
          for (const row of daily.rows) {
            row.counts.forEach((count, d) => {
              const envs = new Set(specs.filter((s) => s.p === row.participant && s.start <= d && d <= s.start + s.len).map((s) => s.e));
              expect(count).toBe(envs.size);
              const inClash = a.clashes.some((c) => c.participant === row.participant && c.from <= daily.dates[d] && daily.dates[d] <= c.to);
              expect(inClash).toBe(envs.size > limit);
            });
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("dailyConcurrency", () => {
  it("gives a per-day series over the window", () => {
    const d = dailyConcurrency(
      [alloc("ABCD", "SIT-A", "2023-12-30", "2024-01-02"), alloc("ABCD", "SIT-B", "2024-01-02", "2024-01-09"), alloc("X", "SIT-A", "2024-01-02", "2024-01-01")],
      { from: "2024-01-01", to: "2024-01-03" },
    );
    expect(d.dates).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    expect(d.rows).toEqual([{ participant: "ABCD", counts: [1, 2, 1], limit: 2 }]);
    expect(d.messages).toEqual(["Allocation 3: The allocation ends (2024-01-01) before it starts (2024-01-02)."]);
  });

  it("explains a bad window and cuts a very long one", () => {
    expect(dailyConcurrency([], { from: "2024-02-01", to: "2024-01-01" }).messages[0]).toMatch(/start first/);
    const long = dailyConcurrency([alloc("ABCD", "SIT-A", "1990-01-01", "2999-01-01")], { from: "2000-01-01", to: "2100-01-01" });
    expect(long.dates).toHaveLength(MAX_TIMELINE_DAYS);
    expect(long.rows[0].counts.every((c) => c === 1)).toBe(true);
    expect(long.messages[0]).toMatch(/cut/);
  });
});
