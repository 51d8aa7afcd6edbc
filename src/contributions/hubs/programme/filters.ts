// The hub's filters and pivot, as they travel in the host page's address (the parameters widgets
// link to: stage, cycle, role, participant, pivot) and as they are remembered per user.

export const PIVOTS = [
  { id: "overview", name: "Overview" },
  { id: "traceability", name: "Traceability (RTTM)" },
  { id: "defects", name: "Defects" },
  { id: "participants", name: "Participants and qualification" },
  { id: "environments", name: "Environments" },
] as const;

export type Pivot = (typeof PIVOTS)[number]["id"];

export interface HubFilters {
  stage?: string;
  cycle?: string;
  role?: string;
  participant?: string;
}

export type PathFilter = "SIT" | "QT";

export interface HubState extends HubFilters {
  pivot: Pivot;
  /** The participants pivot's path to migration, when narrowed to one (a readiness widget links with it). */
  path?: PathFilter;
}

export const FILTER_KEYS = ["stage", "cycle", "role", "participant"] as const;
export const QUERY_KEYS = [...FILTER_KEYS, "path", "pivot"] as const;
export const REMEMBERED_FILTERS_KEY = "programme-hub-filters";

/** Other names links use for a pivot: the exit criteria are on the overview. */
const PIVOT_ALIASES: Readonly<Record<string, Pivot>> = { exit: "overview", rttm: "traceability" };

function pivotOf(value: unknown): Pivot | undefined {
  if (typeof value !== "string") return undefined;
  const known = PIVOTS.find((p) => p.id === value);
  return known ? known.id : PIVOT_ALIASES[value];
}

/** Whether the address names any of the hub's filters (then it decides them all). */
export function addressNamesFilters(query: Record<string, string>): boolean {
  return FILTER_KEYS.some((k) => Object.prototype.hasOwnProperty.call(query, k));
}

function clean(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const t = value.trim();
  return t === "" ? undefined : t.slice(0, 64);
}

/**
 * The state to open with. The address wins: when it names any filter (even empty, which means
 * "all"), the filters come from it alone, so a link from a widget shows exactly what it says;
 * otherwise the user's remembered filters apply. The pivot follows the same rule on its own.
 */
export function initialState(query: Record<string, string>, remembered?: Partial<HubState> | null): HubState {
  const source: Record<string, unknown> = addressNamesFilters(query) ? query : (remembered ?? {});
  const state: HubState = { pivot: pivotOf(query.pivot) ?? pivotOf(remembered?.pivot) ?? "overview" };
  for (const k of FILTER_KEYS) {
    const v = clean(source[k]);
    if (v !== undefined) state[k] = v;
  }
  const path = clean(Object.prototype.hasOwnProperty.call(query, "path") || addressNamesFilters(query) ? query.path : remembered?.path)?.toUpperCase();
  if (path === "SIT" || path === "QT") state.path = path;
  return state;
}

/** Every hub parameter, empty when not set, so the address always says the whole view. */
export function toQuery(state: HubState): Record<string, string> {
  return { stage: state.stage ?? "", cycle: state.cycle ?? "", role: state.role ?? "", participant: state.participant ?? "", path: state.path ?? "", pivot: state.pivot };
}

export function filtersOf(state: HubState): HubFilters {
  const f: HubFilters = {};
  for (const k of FILTER_KEYS) if (state[k] !== undefined) f[k] = state[k];
  return f;
}

export function sameState(a: HubState, b: HubState): boolean {
  return QUERY_KEYS.every((k) => (a[k] ?? "") === (b[k] ?? ""));
}

/** A short description of the filters, for headings and file names: "SIT-FUNC C2 SUP ALWB" or "All stages". */
export function describeFilters(f: HubFilters): string {
  const parts = FILTER_KEYS.map((k) => f[k]).filter((v): v is string => Boolean(v));
  return parts.length ? parts.join(" ") : "All stages";
}
