// Grouping records for aggregation: group keys, code comparison, rates, and the compact
// indexes the aggregation modules use to stay linear at 100k work items.

/** Label used in group rows for a record that has no value for the grouped attribute. */
export const UNASSIGNED = "(none)";

/** Separator used inside composite Map keys; cannot appear in ADO field values typed by users. */
export const KEY_SEPARATOR = "\u0001";

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
