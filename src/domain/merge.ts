// Three-way merge of configuration documents: when someone else saved a document while it was
// being edited, their version is taken as the new base and the editor's own changes (relative to
// what was opened) are laid over it. Lists of records are merged entry by entry, matched by a key
// (an MPID, an environment code, a plan id), so two people editing different participants both
// keep their work; where both changed the same thing, the editor's change is kept and reported.

export type KeyOf = (path: string, item: unknown) => string | undefined;

export interface MergeConflict {
  /** Where both changed, e.g. "participants[ABCD]" or "byStage.QT". */
  path: string;
}

export interface MergeResult<T> {
  merged: T;
  conflicts: MergeConflict[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function keyed(path: string, list: readonly unknown[], keyOf: KeyOf): Map<string, unknown> | undefined {
  const map = new Map<string, unknown>();
  for (const item of list) {
    const key = keyOf(path, item);
    if (key === undefined || map.has(key)) return undefined;
    map.set(key, item);
  }
  return map;
}

function mergeValue(path: string, base: unknown, mine: unknown, theirs: unknown, keyOf: KeyOf, conflicts: MergeConflict[]): unknown {
  if (equal(mine, base)) return theirs;
  if (equal(theirs, base) || equal(mine, theirs)) return mine;
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) return mergeRecords(path, base, mine, theirs, keyOf, conflicts);
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) {
    const merged = mergeLists(path, base, mine, theirs, keyOf, conflicts);
    if (merged) return merged;
  }
  conflicts.push({ path });
  return mine;
}

function mergeRecords(
  path: string,
  base: Record<string, unknown>,
  mine: Record<string, unknown>,
  theirs: Record<string, unknown>,
  keyOf: KeyOf,
  conflicts: MergeConflict[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)]);
  for (const key of keys) {
    const value = mergeValue(child(path, key), base[key], mine[key], theirs[key], keyOf, conflicts);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Entry by entry when every entry of all three has a distinct key; undefined otherwise (merged whole). */
function mergeLists(path: string, base: unknown[], mine: unknown[], theirs: unknown[], keyOf: KeyOf, conflicts: MergeConflict[]): unknown[] | undefined {
  const b = keyed(path, base, keyOf);
  const m = keyed(path, mine, keyOf);
  const t = keyed(path, theirs, keyOf);
  if (!b || !m || !t) return undefined;
  const out: unknown[] = [];
  const done = new Set<string>();
  const take = (key: string) => {
    if (done.has(key)) return;
    done.add(key);
    const value = mergeValue(`${path}[${key}]`, b.get(key), m.get(key), t.get(key), keyOf, conflicts);
    if (value !== undefined) out.push(value);
  };
  // Their order first (it is what is stored), then what only the editor added, in the editor's order.
  for (const key of t.keys()) take(key);
  for (const key of m.keys()) take(key);
  for (const key of b.keys()) take(key);
  return out;
}

/** Lays the changes from `base` to `mine` over `theirs`; see the file comment. */
export function mergeThreeWay<T>(base: T, mine: T, theirs: T, keyOf: KeyOf = () => undefined): MergeResult<T> {
  const conflicts: MergeConflict[] = [];
  const merged = mergeValue("", base, mine, theirs, keyOf, conflicts) as T;
  return { merged, conflicts };
}

/** What differs between two versions of a keyed list: keys added, removed and changed. */
export function listChanges(before: readonly unknown[], after: readonly unknown[], key: (item: unknown) => string | undefined): { added: string[]; removed: string[]; changed: string[] } {
  const index = (list: readonly unknown[]) => new Map(list.map((item) => [key(item) ?? JSON.stringify(item), item]));
  const a = index(before);
  const b = index(after);
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed = [...b.keys()].filter((k) => a.has(k) && !equal(a.get(k), b.get(k)));
  return { added, removed, changed };
}
