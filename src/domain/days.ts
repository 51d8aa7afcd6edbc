// Calendar days and working days. Dates are "day numbers" (whole days since 1970-01-01) read
// from the calendar date written in an ISO string, so no time zone or Date object is involved.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil: the yyyy-mm-dd string of a day number. */
export function dayToIso(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day number of an ISO date (yyyy-mm-dd) or date-time; the calendar date as written is used
 * (ADO returns UTC date-times, so the day is the UTC day). Returns null when it does not parse.
 */
export function parseDay(value: string | undefined | null): number | null {
  if (typeof value !== "string") return null;
  // Fast path for the usual "yyyy-mm-dd" / "yyyy-mm-ddThh..." shape, without a regex.
  if (value.length >= 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const y = digits(value, 0, 4);
    const mo = digits(value, 5, 2);
    const d = digits(value, 8, 2);
    const next = value.length === 10 ? 0 : value.charCodeAt(10);
    if (y >= 0 && mo >= 0 && d >= 0 && (next === 0 || next === 84 /* T */ || next === 32)) return checkedDay(y, mo, d);
  }
  const m = ISO_DATE.exec(value.trim());
  if (!m) return null;
  return checkedDay(+m[1], +m[2], +m[3]);
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function checkedDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekday(dayNumber);
  return w === 0 || w === 6;
}

/** Monday-to-Friday days in (epoch Monday, day], may be negative: an O(1) cumulative count. */
function cumulativeWeekdays(dayNumber: number): number {
  const x = dayNumber - 4; // 1970-01-05 was a Monday
  const weeks = Math.floor(x / 7);
  const r = x - weeks * 7; // 0 = Monday .. 6 = Sunday
  return weeks * 5 + Math.min(r + 1, 5);
}

/** A working-day calendar: Monday to Friday less the given holidays (ISO dates). */
export interface WorkingCalendar {
  /** Sorted day numbers of holidays that fall on a weekday. */
  readonly holidays: readonly number[];
  /** Holiday strings that did not parse as ISO dates. */
  readonly invalidHolidays: readonly string[];
}

export function makeWorkingCalendar(bankHolidays: readonly string[] = []): WorkingCalendar {
  const days = new Set<number>();
  const invalid: string[] = [];
  for (const h of bankHolidays) {
    const d = parseDay(h);
    if (d === null) invalid.push(String(h));
    else if (!isWeekend(d)) days.add(d);
  }
  return { holidays: Array.from(days).sort((a, b) => a - b), invalidHolidays: invalid };
}

/** Number of sorted values <= x (binary search). */
function countAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Working days after `fromDay` up to and including `toDay` (so a defect raised on a Friday is
 * 1 working day old on the following Monday, and 0 on the day it was raised). 0 when toDay <= fromDay.
 */
export function workingDaysBetween(fromDay: number, toDay: number, calendar?: WorkingCalendar): number {
  if (!(toDay > fromDay)) return 0;
  let n = cumulativeWeekdays(toDay) - cumulativeWeekdays(fromDay);
  const hol = calendar?.holidays;
  if (hol && hol.length > 0) n -= countAtOrBefore(hol, toDay) - countAtOrBefore(hol, fromDay);
  return n;
}
