import fc from "fast-check";
import { dayToIso, makeWorkingCalendar, parseDay, weekday, workingDaysBetween } from "../../../src/domain/days";
import { KeyInterner, UNASSIGNED, compareKeys, percent, sameCode } from "../../../src/domain/groupKeys";

const day = (iso: string) => parseDay(iso) as number;

describe("calendar days", () => {
  it("parses ISO dates and date-times to day numbers and back", () => {
    expect(parseDay("1970-01-01")).toBe(0);
    expect(parseDay("2024-01-01")).toBe(19723);
    expect(parseDay("2024-01-01T23:59:59Z")).toBe(19723);
    expect(parseDay("2024-02-29")).toBe(19782);
    expect(parseDay(" 2024-02-29 ")).toBe(19782);
    expect(dayToIso(day("2024-02-29"))).toBe("2024-02-29");
    expect(dayToIso(-1)).toBe("1969-12-31");
  });

  it("rejects what is not a calendar date", () => {
    for (const bad of ["2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "01/02/2024", "", "2024-1-1", "2024-01-01X"]) {
      expect(parseDay(bad)).toBeNull();
    }
    expect(parseDay(undefined)).toBeNull();
    expect(parseDay(null)).toBeNull();
    expect(parseDay(20240101 as unknown as string)).toBeNull();
  });

  it("knows the weekday (2024-01-01 was a Monday)", () => {
    expect(weekday(day("2024-01-01"))).toBe(1);
    expect(weekday(day("2024-01-06"))).toBe(6);
    expect(weekday(day("2024-01-07"))).toBe(0);
  });

  it("round-trips any day number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (d) => {
        expect(parseDay(dayToIso(d))).toBe(d);
      }),
    );
  });
});

describe("working days", () => {
  it("counts Monday to Friday after the start up to and including the end", () => {
    expect(workingDaysBetween(day("2024-01-05"), day("2024-01-08"))).toBe(1); // Fri -> Mon
    expect(workingDaysBetween(day("2024-01-05"), day("2024-01-05"))).toBe(0);
    expect(workingDaysBetween(day("2024-01-06"), day("2024-01-07"))).toBe(0); // Sat -> Sun
    expect(workingDaysBetween(day("2024-01-01"), day("2024-01-05"))).toBe(4);
    expect(workingDaysBetween(day("2024-01-01"), day("2024-01-15"))).toBe(10);
    expect(workingDaysBetween(day("2024-01-08"), day("2024-01-01"))).toBe(0); // end before start
  });

  it("leaves out bank holidays that fall on weekdays", () => {
    const cal = makeWorkingCalendar(["2024-03-29", "2024-04-01", "2024-03-30", "not a date"]);
    expect(cal.holidays).toHaveLength(2); // Saturday ignored
    expect(cal.invalidHolidays).toEqual(["not a date"]);
    expect(workingDaysBetween(day("2024-03-28"), day("2024-04-02"))).toBe(3);
    expect(workingDaysBetween(day("2024-03-28"), day("2024-04-02"), cal)).toBe(1);
  });

  it("matches a day-by-day count and is monotonic in the end date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18000, max: 21000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
        (start, len, extra, holidayOffsets) => {
          const holidays = holidayOffsets.map((o) => dayToIso(start + o));
          const cal = makeWorkingCalendar(holidays);
          const hol = new Set(cal.holidays);
          let naive = 0;
          for (let d = start + 1; d <= start + len; d++) {
            const w = weekday(d);
            if (w !== 0 && w !== 6 && !hol.has(d)) naive++;
          }
          const a = workingDaysBetween(start, start + len, cal);
          expect(a).toBe(naive);
          expect(workingDaysBetween(start, start + len + extra, cal)).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
});

describe("helpers", () => {
  it("percent is null, not NaN, for a zero denominator", () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(1, 4)).toBe(25);
  });

  it("compares codes trimmed and case-insensitive", () => {
    expect(sameCode(" sit-func", "SIT-FUNC")).toBe(true);
    expect(sameCode(undefined, "QT")).toBe(false);
    expect(sameCode("QT", "PIT")).toBe(false);
  });

  it("sorts keys with unassigned last", () => {
    const keys = [[UNASSIGNED], ["B"], ["A"]];
    expect(keys.sort(compareKeys)).toEqual([["A"], ["B"], [UNASSIGNED]]);
  });

  it("interns key combinations to stable ids", () => {
    const k = new KeyInterner(3);
    const a = k.id3("QT", "SUP", "ABCD");
    expect(k.id3("QT", "SUP", "ABCD")).toBe(a);
    expect(k.id((j) => ["QT", "SUP", "ABCD"][j])).toBe(a);
    expect(k.id3("QT", "SUP", "EFGH")).not.toBe(a);
    expect(k.keys[a]).toEqual(["QT", "SUP", "ABCD"]);
    const none = new KeyInterner(0);
    expect(none.id(() => "")).toBe(0);
    expect(none.keys).toEqual([[]]);
  });
});
