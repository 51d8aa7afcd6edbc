import fc from "fast-check";
import {
  DEFAULT_DEFECT_RULES,
  ageingBucketLabels,
  assessDefects,
  countOpenDefectsBy,
  ageingBy,
  defectAgeWorkingDays,
  exitBlockingDefects,
  hasWorkOffPlan,
  isDefectOpen,
  makeDefectAssessor,
  parsePriority,
  parseSeverity,
  severityRank,
  summariseDefects,
  validateDefectRules,
} from "../../../src/domain/defects";
import { DefectRecord } from "../../../src/domain/model";
import { dayToIso, parseDay } from "../../../src/domain/days";
import { UNASSIGNED } from "../../../src/domain/groupKeys";
import { shuffle } from "../../support/shuffle";

let nextId = 1;
function defect(over: Partial<DefectRecord> = {}): DefectRecord {
  return {
    id: nextId++,
    title: "Defect",
    state: "Active",
    severity: "3 - Medium",
    createdDate: "2024-01-01T09:00:00Z",
    testCaseIds: [],
    ...over,
  };
}

describe("parseSeverity", () => {
  it.each([
    [1, "1 - Critical"],
    ["1", "1 - Critical"],
    ["critical", "1 - Critical"],
    ["CRITICAL", "1 - Critical"],
    ["1 - Critical", "1 - Critical"],
    ["1-critical", "1 - Critical"],
    ["1 \u2013 Critical", "1 - Critical"],
    ["Sev 2", "2 - High"],
    ["severity 3", "3 - Medium"],
    [" 2 - High ", "2 - High"],
    ["high", "2 - High"],
    ["medium", "3 - Medium"],
    ["4", "4 - Low"],
    ["low", "4 - Low"],
  ])("reads %p as %p", (input, expected) => {
    expect(parseSeverity(input)).toEqual({ severity: expected, message: null });
  });

  it.each([
    ["1 - Low", /ambiguous/],
    ["5", /not one of/],
    ["0", /not one of/],
    ["urgent", /Unknown severity "urgent"/],
    ["", /missing/],
    [undefined, /missing/],
    [null, /missing/],
    [2.5, /not one of/],
    [7, /not one of/],
  ])("rejects %p with a message", (input, message) => {
    const r = parseSeverity(input);
    expect(r.severity).toBeNull();
    expect(r.message).toMatch(message);
  });

  it("ranks severities with unknowns last", () => {
    expect(severityRank("1 - Critical")).toBe(1);
    expect(severityRank("low")).toBe(4);
    expect(severityRank("whatever")).toBe(5);
  });
});

describe("parsePriority", () => {
  it.each([
    [1, 1],
    ["2", 2],
    ["P3", 3],
    ["priority 4", 4],
    [" p1 ", 1],
  ])("reads %p as %p", (input, expected) => {
    expect(parsePriority(input)).toEqual({ priority: expected, message: null });
  });

  it.each([0, 5, "high", "", 1.5, undefined])("rejects %p", (input) => {
    const r = parsePriority(input);
    expect(r.priority).toBeNull();
    expect(r.message).toMatch(/use 1, 2, 3 or 4/);
  });
});

describe("age in working days", () => {
  it("counts Monday to Friday from raised to as-of", () => {
    // 2024-01-05 was a Friday.
    expect(defectAgeWorkingDays(defect({ createdDate: "2024-01-05T16:00:00Z" }), "2024-01-08")).toBe(1);
    expect(defectAgeWorkingDays(defect({ createdDate: "2024-01-05" }), "2024-01-05")).toBe(0);
    expect(defectAgeWorkingDays(defect({ createdDate: "2024-01-06" }), "2024-01-08")).toBe(1); // raised on a Saturday
    expect(defectAgeWorkingDays(defect({ createdDate: "2024-01-01" }), "2024-01-15")).toBe(10);
  });

  it("stops at the closed date for closed defects", () => {
    const d = defect({ state: "Closed", createdDate: "2024-01-01", closedDate: "2024-01-03T10:00:00Z" });
    expect(defectAgeWorkingDays(d, "2024-06-01")).toBe(2);
  });

  it("leaves out configured bank holidays", () => {
    const d = defect({ createdDate: "2024-03-28" });
    expect(defectAgeWorkingDays(d, "2024-04-02")).toBe(3);
    expect(defectAgeWorkingDays(d, "2024-04-02", { bankHolidays: ["2024-03-29", "2024-04-01"] })).toBe(1);
  });

  it("is 0 when raised after the as-of day and null when a date is unusable", () => {
    expect(defectAgeWorkingDays(defect({ createdDate: "2024-02-01" }), "2024-01-01")).toBe(0);
    expect(defectAgeWorkingDays(defect({ createdDate: "yesterday" }), "2024-01-01")).toBeNull();
    expect(defectAgeWorkingDays(defect(), "not a date")).toBeNull();
    expect(defectAgeWorkingDays(defect({ state: "Closed", closedDate: undefined }), "2024-02-01")).toBeNull();
  });

  it("is monotonic in the as-of date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 19000, max: 20000 }),
        fc.integer({ min: -30, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (created, a, extra) => {
          const d = defect({ createdDate: dayToIso(created) });
          const rules = { bankHolidays: ["2024-12-25", "2024-12-26", "2025-01-01"] };
          const x = defectAgeWorkingDays(d, dayToIso(created + a), rules) as number;
          const y = defectAgeWorkingDays(d, dayToIso(created + a + extra), rules) as number;
          expect(y).toBeGreaterThanOrEqual(x);
          expect(x).toBeLessThanOrEqual(Math.max(0, a));
        },
      ),
    );
  });
});

describe("open / closed", () => {
  it("uses the closed-state list, case-insensitive", () => {
    expect(isDefectOpen({ state: "Active" })).toBe(true);
    expect(isDefectOpen({ state: "closed" })).toBe(false);
    expect(isDefectOpen({ state: " Resolved " })).toBe(false);
    expect(isDefectOpen({ state: "Resolved" }, ["Closed"])).toBe(true);
    const [a] = assessDefects([defect({ state: "Fixed" })], { asOf: "2024-01-02", rules: { closedStates: ["Fixed"] } });
    expect(a.open).toBe(false);
  });
});

describe("SLA", () => {
  it("breaches when the age exceeds the default target for the severity", () => {
    const asOf = (iso: string) => makeDefectAssessor({ asOf: iso });
    const critical = defect({ severity: "1 - Critical", createdDate: "2024-01-01" });
    expect(asOf("2024-01-03").assess(critical)).toMatchObject({ ageWorkingDays: 2, slaTargetWorkingDays: 2, slaBreached: false });
    expect(asOf("2024-01-04").assess(critical)).toMatchObject({ ageWorkingDays: 3, slaBreached: true });
    const low = defect({ severity: "4 - Low", createdDate: "2024-01-01" });
    expect(asOf("2024-01-29").assess(low).slaBreached).toBe(false); // 20 working days
    expect(asOf("2024-01-30").assess(low).slaBreached).toBe(true);
  });

  it("uses configured targets, and none when a target is null", () => {
    const d = defect({ severity: "3 - Medium", createdDate: "2024-01-01" });
    expect(makeDefectAssessor({ asOf: "2024-01-03", rules: { slaWorkingDays: { medium: 1 } } }).assess(d).slaBreached).toBe(true);
    const none = makeDefectAssessor({ asOf: "2025-01-03", rules: { slaWorkingDays: { "3": null } } }).assess(d);
    expect(none).toMatchObject({ slaTargetWorkingDays: null, slaBreached: false });
  });

  it("judges closed defects on their closed date", () => {
    const d = defect({ severity: "1 - Critical", state: "Closed", createdDate: "2024-01-01", closedDate: "2024-01-10" });
    expect(makeDefectAssessor({ asOf: "2024-02-01" }).assess(d)).toMatchObject({ open: false, slaBreached: true });
  });

  it("has no target for an unknown severity and says so", () => {
    const a = makeDefectAssessor({ asOf: "2024-06-01" }).assess(defect({ severity: "urgent" }));
    expect(a).toMatchObject({ severity: "Unknown", slaTargetWorkingDays: null, slaBreached: false, exitBlocking: false });
    expect(a.messages[0]).toMatch(/Unknown severity "urgent"/);
  });
});

describe("exit blocking and work-off plans", () => {
  it("blocks by default for open Critical and High defects", () => {
    const a = makeDefectAssessor({ asOf: "2024-01-02" });
    expect(a.assess(defect({ severity: "1 - Critical" })).exitBlocking).toBe(true);
    expect(a.assess(defect({ severity: "2" })).exitBlocking).toBe(true);
    expect(a.assess(defect({ severity: "3 - Medium" })).exitBlocking).toBe(false);
    expect(a.assess(defect({ severity: "1 - Critical", state: "Closed", closedDate: "2024-01-02" })).exitBlocking).toBe(false);
    const custom = makeDefectAssessor({ asOf: "2024-01-02", rules: { exitBlockingSeverities: ["3"] } });
    expect(custom.assess(defect({ severity: "1 - Critical" })).exitBlocking).toBe(false);
    expect(custom.assess(defect({ severity: "3 - Medium" })).exitBlocking).toBe(true);
  });

  it("lists the open defects blocking a given stage", () => {
    const ds = [
      defect({ id: 901, severity: "1 - Critical", stage: "SIT-FUNC" }),
      defect({ id: 902, severity: "2 - High", stage: "sit-func" }),
      defect({ id: 903, severity: "2 - High", stage: "QT" }),
      defect({ id: 904, severity: "4 - Low", stage: "SIT-FUNC" }),
    ];
    expect(exitBlockingDefects(ds, "SIT-FUNC", { asOf: "2024-01-02" }).map((d) => d.id)).toEqual([901, 902]);
  });

  it("sees a work-off plan only when it has visible text", () => {
    expect(hasWorkOffPlan("Retest in cycle 3")).toBe(true);
    expect(hasWorkOffPlan("<p>Fix in IR8.5</p>")).toBe(true);
    expect(hasWorkOffPlan("<p>&nbsp;</p><br/>")).toBe(false);
    expect(hasWorkOffPlan("   ")).toBe(false);
    expect(hasWorkOffPlan(undefined)).toBe(false);
    expect(hasWorkOffPlan("")).toBe(false);
  });

  it("requires a plan near the stage end by default (10 working days), not without an end date", () => {
    const stageEndDates = { "SIT-FUNC": "2024-01-19" }; // a Friday
    const blocking = defect({ severity: "2 - High", stage: "SIT-FUNC" });
    const at = (asOf: string, rules?: object) => makeDefectAssessor({ asOf, stageEndDates, rules }).assess(blocking);
    expect(at("2024-01-01").workOffPlanRequired).toBe(false); // 14 working days before the end
    expect(at("2024-01-05").workOffPlanRequired).toBe(true); // 10 working days before
    expect(at("2024-02-01").workOffPlanRequired).toBe(true); // past the end
    expect(at("2024-01-15", { workOffPlan: { windowWorkingDays: 2 } }).workOffPlanRequired).toBe(false);
    const noEnd = makeDefectAssessor({ asOf: "2024-01-18" }).assess(blocking);
    expect(noEnd.workOffPlanRequired).toBe(false);
    const nonBlocking = makeDefectAssessor({ asOf: "2024-01-18", stageEndDates }).assess(defect({ severity: "4 - Low", stage: "SIT-FUNC" }));
    expect(nonBlocking.workOffPlanRequired).toBe(false);
  });

  it("can require a plan always or never", () => {
    const blocking = defect({ severity: "1 - Critical" });
    expect(makeDefectAssessor({ asOf: "2024-01-02", rules: { workOffPlan: { mode: "always" } } }).assess(blocking).workOffPlanRequired).toBe(true);
    const never = makeDefectAssessor({
      asOf: "2024-01-18",
      stageEndDates: { QT: "2024-01-19" },
      rules: { workOffPlan: { mode: "never" } },
    }).assess({ ...blocking, stage: "QT" });
    expect(never.workOffPlanRequired).toBe(false);
  });
});

describe("validateDefectRules", () => {
  it("returns the defaults for nothing", () => {
    expect(validateDefectRules(undefined)).toEqual({ rules: DEFAULT_DEFECT_RULES, messages: [] });
  });

  it("keeps defaults for values it does not understand, with a message each", () => {
    const r = validateDefectRules({
      slaWorkingDays: { critical: -1, bogus: 3, "2": 4 },
      exitBlockingSeverities: ["1", "nope"],
      workOffPlan: { mode: "sometimes" as never, windowWorkingDays: -2 },
      bankHolidays: ["2024-12-25", "25/12/2024"],
      ageingBuckets: [10, 5],
      closedStates: [""],
    });
    expect(r.rules.slaWorkingDays["1 - Critical"]).toBe(2);
    expect(r.rules.slaWorkingDays["2 - High"]).toBe(4);
    expect(r.rules.exitBlockingSeverities).toEqual(["1 - Critical"]);
    expect(r.rules.workOffPlan).toEqual(DEFAULT_DEFECT_RULES.workOffPlan);
    expect(r.rules.bankHolidays).toEqual(["2024-12-25"]);
    expect(r.rules.ageingBuckets).toEqual(DEFAULT_DEFECT_RULES.ageingBuckets);
    expect(r.rules.closedStates).toEqual(DEFAULT_DEFECT_RULES.closedStates);
    expect(r.messages).toHaveLength(8);
    expect(r.messages.join(" ")).toMatch(/Unknown severity "bogus"/);
    expect(r.messages.join(" ")).toMatch(/"25\/12\/2024" is not an ISO date/);
  });

  it("labels ageing buckets", () => {
    expect(ageingBucketLabels([5, 10, 20])).toEqual(["0-5", "6-10", "11-20", "21+"]);
    expect(ageingBucketLabels([0])).toEqual(["0", "1+"]);
  });
});

describe("summariseDefects", () => {
  const asOf = "2024-02-01";
  const data = (): DefectRecord[] => [
    defect({ id: 1, severity: "1 - Critical", role: "SUP", participant: "ABCD", category: "Participant Code", createdDate: "2024-01-29", stage: "QT" }),
    defect({ id: 2, severity: "2 - High", role: "SUP", participant: "ABCD", category: "Design", createdDate: "2024-01-02", stage: "QT", workOffPlan: "<p>IR8.5</p>" }),
    defect({ id: 3, severity: "2 - High", role: "ADS", participant: "EFGH", createdDate: "2024-01-02", stage: "SIT-FUNC" }),
    defect({ id: 4, severity: "3 - Medium", role: "ADS", createdDate: "2023-11-01", stage: "SIT-FUNC" }),
    defect({ id: 5, severity: "4 - Low", state: "Closed", closedDate: "2024-01-10", createdDate: "2024-01-02", stage: "QT" }),
    defect({ id: 6, severity: "urgent", role: "SUP", createdDate: "2024-01-31", stage: "QT" }),
  ];

  it("counts open defects by severity x role / category / participant", () => {
    const s = summariseDefects(data(), { asOf });
    expect(s).toMatchObject({ total: 6, open: 5, closed: 1 });
    expect(s.openBySeverity).toEqual({ "1 - Critical": 1, "2 - High": 2, "3 - Medium": 1, "4 - Low": 0, Unknown: 1, total: 5 });
    expect(s.openBySeverityRole.map((r) => [r.key[0], r.counts.total])).toEqual([
      ["ADS", 2],
      ["SUP", 3],
    ]);
    expect(s.openBySeverityParticipant.map((r) => r.key[0])).toEqual(["ABCD", "EFGH", UNASSIGNED]);
    expect(s.openBySeverityCategory.find((r) => r.key[0] === "Design")?.counts["2 - High"]).toBe(1);
  });

  it("buckets ages per role and severity", () => {
    const s = summariseDefects(data(), { asOf });
    expect(s.ageingBuckets).toEqual(["0-5", "6-10", "11-20", "21+", "Unknown"]);
    const supHigh = s.ageing.find((r) => r.key[0] === "SUP" && r.severity === "2 - High");
    expect(supHigh?.buckets).toEqual([0, 0, 0, 1, 0]); // 22 working days
    const adsMedium = s.ageing.find((r) => r.key[0] === "ADS" && r.severity === "3 - Medium");
    expect(adsMedium?.buckets).toEqual([0, 0, 0, 1, 0]);
    const supCritical = s.ageing.find((r) => r.key[0] === "SUP" && r.severity === "1 - Critical");
    expect(supCritical?.buckets).toEqual([1, 0, 0, 0, 0]);
  });

  it("lists breaches, blocking defects without plans, and missing required plans", () => {
    const s = summariseDefects(data(), { asOf, stageEndDates: { QT: "2024-02-05" } });
    expect(s.breaches.map((d) => d.id)).toEqual([1, 2, 3, 4]); // critical 3 > 2; highs 22 > 5; medium old
    expect(s.exitBlocking.map((d) => d.id)).toEqual([1, 2, 3]);
    expect(s.exitBlockingWithoutWorkOffPlan.map((d) => d.id)).toEqual([1, 3]); // most severe first
    expect(s.workOffPlanMissing.map((d) => d.id)).toEqual([1]); // QT ends soon; 2 has a plan; 3 has no end date
  });

  it("reports data problems once each", () => {
    const s = summariseDefects([...data(), defect({ id: 7, createdDate: "soon" })], { asOf });
    expect(s.messages).toEqual([
      expect.stringMatching(/^1 defect\(s\) have a severity that is not one of .*: 6\.$/),
      expect.stringMatching(/^1 defect\(s\) have a created or closed date that is not an ISO date: 7\.$/),
    ]);
    expect(summariseDefects([], { asOf: "bad" }).messages[0]).toMatch(/not an ISO date/);
  });

  it("filters by stage, role and participant (strictly)", () => {
    expect(summariseDefects(data(), { asOf, filter: { stage: "qt" } }).total).toBe(4);
    expect(summariseDefects(data(), { asOf, filter: { participant: "ABCD", role: "SUP" } }).total).toBe(2);
    expect(summariseDefects(data(), { asOf, filter: { cycle: "C1" } }).total).toBe(0);
  });

  it("is all zeros for no defects", () => {
    const s = summariseDefects([], { asOf });
    expect(s.openBySeverity.total).toBe(0);
    expect(s.openBySeverityRole).toEqual([]);
    expect(s.ageing).toEqual([]);
    expect(s.breaches).toEqual([]);
  });

  it("counts by any dimensions", () => {
    const assessed = assessDefects(data(), { asOf });
    const rows = countOpenDefectsBy(assessed, ["stage", "participant"]);
    expect(rows.map((r) => r.key)).toEqual([
      ["QT", "ABCD"],
      ["QT", UNASSIGNED],
      ["SIT-FUNC", "EFGH"],
      ["SIT-FUNC", UNASSIGNED],
    ]);
    const ageing = ageingBy(assessed, ["environment"], 4);
    expect(ageing.reduce((n, r) => n + r.total, 0)).toBe(5);
  });

  it("does not depend on input order, and its totals add up", () => {
    const rolePool = ["SUP", "ADS", "SDS", undefined];
    const sevPool = ["1 - Critical", "2 - High", "3 - Medium", "4 - Low", "odd"];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sev: fc.integer({ min: 0, max: 4 }),
            role: fc.integer({ min: 0, max: 3 }),
            age: fc.integer({ min: 0, max: 120 }),
            closed: fc.boolean(),
            plan: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        fc.integer(),
        (specs, seed) => {
          const base = parseDay("2024-01-01") as number;
          const ds = specs.map((x, i) =>
            defect({
              id: i + 1,
              severity: sevPool[x.sev],
              role: rolePool[x.role],
              createdDate: dayToIso(base + x.age),
              state: x.closed ? "Closed" : "Active",
              closedDate: x.closed ? dayToIso(base + x.age + 3) : undefined,
              workOffPlan: x.plan ? "plan" : undefined,
              stage: "QT",
            }),
          );
          const opts = { asOf: "2024-06-01", stageEndDates: { QT: "2024-06-05" } };
          const a = summariseDefects(ds, opts);
          const b = summariseDefects(shuffle(ds, seed), opts);
          expect(b).toEqual(a);
          expect(a.open + a.closed).toBe(ds.length);
          expect(a.openBySeverityRole.reduce((n, r) => n + r.counts.total, 0)).toBe(a.open);
          expect(a.ageing.reduce((n, r) => n + r.total, 0)).toBe(a.open);
        },
      ),
      { numRuns: 60 },
    );
  });
});
