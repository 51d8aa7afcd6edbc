// Small pure helpers shared by the aggregation modules: calendar days and working days, group
// keys, rates. Dates are handled as "day numbers" (whole days since 1970-01-01) computed from
// the calendar date written in an ISO string, so no time zone or Date object is involved.

/** Label used in group rows for a record that has no value for the grouped attribute. */
export const UNASSIGNED = "(none)";

/** Separator used inside composite Map keys; cannot appear in ADO field values typed by users. */
export const KEY_SEPARATOR = "\u0001";

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

/** Rounded to one decimal place, for sentences and tables. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** numerator / denominator as a percentage, or null when the denominator is 0 (never NaN). */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}

const codeCache = new Map<string, string>();
/** Trimmed upper-case form of a code, memoised (the same few codes repeat across records). */
export function normCode(value: string): string {
  let v = codeCache.get(value);
  if (v === undefined) {
    v = value.trim().toUpperCase();
    if (codeCache.size < 10000) codeCache.set(value, v);
  }
  return v;
}

/** Codes compare trimmed and case-insensitive; a missing value matches nothing. */
export function sameCode(a: string | undefined | null, b: string | undefined | null): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  return a === b || normCode(a) === normCode(b);
}

/** Case- and space-insensitive set of names (e.g. closed states). */
export function nameSet(names: readonly string[]): Set<string> {
  const s = new Set<string>();
  for (const n of names) s.add(n.trim().toLowerCase());
  return s;
}

/** Trimmed value, or UNASSIGNED when empty or missing. */
export function keyValue(value: string | undefined | null): string {
  if (value === undefined || value === null) return UNASSIGNED;
  const t = String(value).trim();
  return t === "" ? UNASSIGNED : t;
}

/** Compares composite-key rows field by field, with UNASSIGNED last. */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === UNASSIGNED) return 1;
    if (b[i] === UNASSIGNED) return -1;
    return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Gives each distinct combination of key values a small integer id, through nested Maps keyed
 * by the values themselves (no composite strings are built per record, so lookups reuse the
 * values' cached hashes). `keys[id]` holds the values of each id.
 */
export class KeyInterner {
  private readonly root = new Map<string, unknown>();
  readonly keys: string[][] = [];
  constructor(private readonly width: number) {}

  /** Id of the values read by `at(j)` for j = 0 .. width-1. */
  id(at: (j: number) => string): number {
    const w = this.width;
    if (w === 0) {
      if (this.keys.length === 0) this.keys.push([]);
      return 0;
    }
    let m = this.root;
    for (let j = 0; j < w - 1; j++) {
      const v = at(j);
      let next = m.get(v) as Map<string, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        m.set(v, next);
      }
      m = next;
    }
    const last = at(w - 1);
    let id = m.get(last) as number | undefined;
    if (id === undefined) {
      id = this.keys.length;
      const parts = new Array<string>(w);
      for (let j = 0; j < w; j++) parts[j] = at(j);
      this.keys.push(parts);
      m.set(last, id);
    }
    return id;
  }

  /** Id of three values (the common stage x role x participant case), without a callback. */
  id3(a: string, b: string, c: string): number {
    let m1 = this.root.get(a) as Map<string, unknown> | undefined;
    if (m1 === undefined) {
      m1 = new Map();
      this.root.set(a, m1);
    }
    let m2 = m1.get(b) as Map<string, number> | undefined;
    if (m2 === undefined) {
      m2 = new Map();
      m1.set(b, m2);
    }
    let id = m2.get(c);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push([a, b, c]);
      m2.set(c, id);
    }
    return id;
  }
}

/**
 * Position of each id in a list (the last one for duplicates): a dense lookup table when the ids
 * are compact integers (work item and test point ids usually are), a Map otherwise.
 */
export class IdIndex {
  private readonly table: Int32Array | null = null;
  private readonly min: number = 0;
  private readonly map: Map<number, number> | null = null;

  constructor(n: number, idAt: (i: number) => number) {
    let min = Infinity;
    let max = -Infinity;
    let integers = true;
    for (let i = 0; i < n; i++) {
      const id = idAt(i);
      if (!Number.isSafeInteger(id)) {
        integers = false;
        break;
      }
      if (id < min) min = id;
      if (id > max) max = id;
    }
    const range = max - min + 1;
    if (integers && n > 0 && range <= Math.max(1024, 4 * n) && range <= 1 << 26) {
      const table = new Int32Array(range).fill(-1);
      for (let i = 0; i < n; i++) table[idAt(i) - min] = i;
      this.table = table;
      this.min = min;
    } else {
      const map = new Map<number, number>();
      for (let i = 0; i < n; i++) map.set(idAt(i), i);
      this.map = map;
    }
  }

  /** Position of the id, or -1. */
  get(id: number): number {
    if (this.table !== null) {
      const k = id - this.min;
      return k >= 0 && k < this.table.length && Number.isInteger(k) ? this.table[k] : -1;
    }
    return (this.map as Map<number, number>).get(id) ?? -1;
  }
}

/** Values grouped by integer bucket as one flat array: bucket b's values are values[start[b] .. start[b+1]). */
export interface Ranges {
  start: Int32Array;
  values: Int32Array;
}

/** Counting sort of (bucket, value) pairs into Ranges; buckets outside 0..buckets-1 are dropped. */
export function toRanges(buckets: number, keys: ArrayLike<number>, values: ArrayLike<number>): Ranges {
  const start = new Int32Array(buckets + 1);
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k >= 0 && k < buckets) start[k + 1]++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const out = new Int32Array(start[buckets]);
  const at = start.slice(0, buckets);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k >= 0 && k < buckets) out[at[k]++] = values[i];
  }
  return { start, values: out };
}
