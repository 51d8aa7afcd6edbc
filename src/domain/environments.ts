// Environments plan: allocations of environments to participants per stage over date ranges,
// how many environments each participant holds at once against a configurable limit, and
// environments used by more participants than their capacity. Computed with a sweep over
// start / end events (cost grows with the number of allocations, not the length of the ranges).

import { dayToIso, parseDay } from "./days";
import { KEY_SEPARATOR, compareKeys } from "./groupKeys";

export interface EnvironmentDefinition {
  code: string;
  name?: string;
  /** How many participants may use it at once; absent = no capacity check. */
  capacity?: number;
}

/** Environments named in the public record; capacities are not public, so none is set. */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentDefinition[] = [
  { code: "PIT", name: "Participant's own PIT environment" },
  { code: "SIT-A", name: "SIT environment A" },
  { code: "SIT-B", name: "SIT environment B" },
  { code: "QTF", name: "Qualification Test Framework" },
  { code: "DIP-UIT", name: "DIP UIT" },
  { code: "DIP-PROD", name: "DIP Production" },
  { code: "E2E-SANDBOX", name: "E2E Sandbox" },
];

export interface EnvironmentAllocation {
  id?: string;
  participant: string;
  environment: string;
  stage: string;
  /** ISO dates, both inclusive. */
  from: string;
  to: string;
}

export interface ConcurrencyLimits {
  /** Most environments a participant may hold at once across all stages; absent = no check. */
  overall?: number;
  /** Most environments a participant may hold at once within a stage, by stage code. */
  byStage?: Readonly<Record<string, number>>;
}

// Default (not the programme's, whose per-phase numbers are not public): 2 environments at once.
export const DEFAULT_CONCURRENCY_LIMITS: ConcurrencyLimits = { overall: 2 };

export interface EnvironmentOptions {
  /** Known environments; when given, allocations to other environments are invalid. */
  environments?: readonly EnvironmentDefinition[];
  /** Known stage codes; when given, allocations to other stages are invalid. */
  stages?: readonly string[];
  limits?: ConcurrencyLimits;
}

export interface AllocationMessage {
  /** Position in the input list (0-based). */
  index: number;
  id?: string;
  message: string;
}

function norm(s: unknown): string {
  return typeof s === "string" ? s.trim() : "";
}

/** Problems with one allocation, one sentence each (empty when it is valid). */
export function validateAllocation(
  a: EnvironmentAllocation,
  options: Pick<EnvironmentOptions, "environments" | "stages"> = {},
): string[] {
  const messages: string[] = [];
  if (a === null || typeof a !== "object") return ["The allocation is not a record."];
  if (!norm(a.participant)) messages.push("The allocation has no participant.");
  const env = norm(a.environment);
  if (!env) messages.push("The allocation has no environment.");
  else if (options.environments && !options.environments.some((e) => e.code.toUpperCase() === env.toUpperCase())) {
    messages.push(`Environment "${env}" is not in the environments plan.`);
  }
  const stage = norm(a.stage);
  if (!stage) messages.push("The allocation has no stage.");
  else if (options.stages && !options.stages.some((s) => s.toUpperCase() === stage.toUpperCase())) {
    messages.push(`Stage "${stage}" is not a known stage.`);
  }
  const from = parseDay(a.from);
  const to = parseDay(a.to);
  if (from === null) messages.push(`Start date "${String(a.from)}" is not an ISO date (yyyy-mm-dd).`);
  if (to === null) messages.push(`End date "${String(a.to)}" is not an ISO date (yyyy-mm-dd).`);
  if (from !== null && to !== null && from > to) messages.push(`The allocation ends (${a.to}) before it starts (${a.from}).`);
  return messages;
}

export interface ConcurrencySegment {
  participant: string;
  /** Set for per-stage series; absent for the participant's overall series. */
  stage?: string;
  from: string;
  to: string;
  /** Distinct environments held on each day of the segment. */
  count: number;
  environments: string[];
}

export interface ConcurrencyClash {
  participant: string;
  /** Set when the clash is against a per-stage limit. */
  stage?: string;
  from: string;
  to: string;
  days: number;
  /** Most environments held at once during the clash. */
  peak: number;
  limit: number;
  environments: string[];
}

export interface CapacityClash {
  environment: string;
  from: string;
  to: string;
  days: number;
  /** Most participants at once during the clash. */
  peak: number;
  capacity: number;
  participants: string[];
}

export interface ParticipantPeak {
  participant: string;
  peak: number;
  limit: number | null;
}

export interface EnvironmentAnalysis {
  /** Per participant, maximal date ranges holding the same set of environments (holding none omitted). */
  segments: ConcurrencySegment[];
  peaks: ParticipantPeak[];
  /** Participants over their overall or per-stage limit. */
  clashes: ConcurrencyClash[];
  /** Environments with a capacity used by more participants at once. */
  capacityClashes: CapacityClash[];
  invalid: AllocationMessage[];
}

interface Interval {
  member: string;
  from: number;
  to: number;
}

interface RawSegment {
  from: number;
  to: number;
  count: number;
  members: string[];
}

/** Sweep over start/end events: ranges of constant membership, with distinct member counts. */
function sweep(intervals: Interval[]): RawSegment[] {
  const events: { day: number; member: string; delta: number }[] = [];
  for (const iv of intervals) {
    events.push({ day: iv.from, member: iv.member, delta: 1 });
    events.push({ day: iv.to + 1, member: iv.member, delta: -1 });
  }
  events.sort((a, b) => a.day - b.day);
  const active = new Map<string, number>();
  const out: RawSegment[] = [];
  let i = 0;
  while (i < events.length) {
    const day = events[i].day;
    while (i < events.length && events[i].day === day) {
      const e = events[i++];
      const n = (active.get(e.member) ?? 0) + e.delta;
      if (n === 0) active.delete(e.member);
      else active.set(e.member, n);
    }
    if (active.size > 0 && i < events.length) {
      const members = Array.from(active.keys()).sort();
      const last = out[out.length - 1];
      const end = events[i].day - 1;
      if (last && last.to === day - 1 && last.members.join(KEY_SEPARATOR) === members.join(KEY_SEPARATOR)) last.to = end;
      else out.push({ from: day, to: end, count: members.length, members });
    }
  }
  return out;
}

/** Runs of consecutive segments over the limit, merged. */
function overLimit(segments: RawSegment[], limit: number): { from: number; to: number; peak: number; members: string[] }[] {
  const out: { from: number; to: number; peak: number; members: Set<string> }[] = [];
  for (const s of segments) {
    if (s.count <= limit) continue;
    const last = out[out.length - 1];
    if (last && last.to === s.from - 1) {
      last.to = s.to;
      last.peak = Math.max(last.peak, s.count);
      for (const m of s.members) last.members.add(m);
    } else out.push({ from: s.from, to: s.to, peak: s.count, members: new Set(s.members) });
  }
  return out.map((o) => ({ from: o.from, to: o.to, peak: o.peak, members: Array.from(o.members).sort() }));
}

function limitFor(limits: ConcurrencyLimits, stage: string): number | undefined {
  if (!limits.byStage) return undefined;
  for (const [k, v] of Object.entries(limits.byStage)) {
    if (k.trim().toUpperCase() === stage.toUpperCase() && typeof v === "number" && v >= 0) return v;
  }
  return undefined;
}

interface ValidAllocation {
  participant: string;
  environment: string;
  stage: string;
  from: number;
  to: number;
}

function collect(allocations: readonly EnvironmentAllocation[], options: EnvironmentOptions): {
  valid: ValidAllocation[];
  invalid: AllocationMessage[];
  envCodes: Map<string, EnvironmentDefinition>;
} {
  const invalid: AllocationMessage[] = [];
  const valid: ValidAllocation[] = [];
  const envCodes = new Map<string, EnvironmentDefinition>();
  for (const e of options.environments ?? []) envCodes.set(e.code.toUpperCase(), e);
  (Array.isArray(allocations) ? allocations : []).forEach((a, index) => {
    const messages = validateAllocation(a, options);
    if (messages.length > 0) {
      for (const message of messages) invalid.push({ index, ...(a && a.id ? { id: a.id } : {}), message });
      return;
    }
    const envCode = norm(a.environment);
    valid.push({
      participant: norm(a.participant).toUpperCase(),
      environment: envCodes.get(envCode.toUpperCase())?.code ?? envCode.toUpperCase(),
      stage: norm(a.stage),
      from: parseDay(a.from) as number,
      to: parseDay(a.to) as number,
    });
  });
  return { valid, invalid, envCodes };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list === undefined) m.set(k, [it]);
    else list.push(it);
  }
  return m;
}

/** Concurrency per participant against the limits, and environments over capacity. */
export function analyseEnvironments(
  allocations: readonly EnvironmentAllocation[],
  options: EnvironmentOptions = {},
): EnvironmentAnalysis {
  const limits = options.limits ?? DEFAULT_CONCURRENCY_LIMITS;
  const { valid, invalid, envCodes } = collect(allocations, options);
  const segments: ConcurrencySegment[] = [];
  const peaks: ParticipantPeak[] = [];
  const clashes: ConcurrencyClash[] = [];
  const overall = typeof limits.overall === "number" && limits.overall >= 0 ? limits.overall : undefined;

  const byParticipant = groupBy(valid, (a) => a.participant);
  for (const [participant, list] of byParticipant) {
    const raw = sweep(list.map((a) => ({ member: a.environment, from: a.from, to: a.to })));
    let peak = 0;
    for (const s of raw) {
      peak = Math.max(peak, s.count);
      segments.push({ participant, from: dayToIso(s.from), to: dayToIso(s.to), count: s.count, environments: s.members });
    }
    peaks.push({ participant, peak, limit: overall ?? null });
    if (overall !== undefined) {
      for (const c of overLimit(raw, overall)) {
        clashes.push({
          participant,
          from: dayToIso(c.from),
          to: dayToIso(c.to),
          days: c.to - c.from + 1,
          peak: c.peak,
          limit: overall,
          environments: c.members,
        });
      }
    }
    if (limits.byStage) {
      const byStage = groupBy(list, (a) => a.stage.toUpperCase());
      for (const stageList of byStage.values()) {
        const stage = stageList[0].stage;
        const limit = limitFor(limits, stage);
        if (limit === undefined) continue;
        const rawStage = sweep(stageList.map((a) => ({ member: a.environment, from: a.from, to: a.to })));
        for (const c of overLimit(rawStage, limit)) {
          clashes.push({
            participant,
            stage,
            from: dayToIso(c.from),
            to: dayToIso(c.to),
            days: c.to - c.from + 1,
            peak: c.peak,
            limit,
            environments: c.members,
          });
        }
      }
    }
  }

  const capacityClashes: CapacityClash[] = [];
  const byEnvironment = groupBy(valid, (a) => a.environment.toUpperCase());
  for (const [code, list] of byEnvironment) {
    const def = envCodes.get(code);
    if (!def || typeof def.capacity !== "number" || !(def.capacity >= 0)) continue;
    const raw = sweep(list.map((a) => ({ member: a.participant, from: a.from, to: a.to })));
    for (const c of overLimit(raw, def.capacity)) {
      capacityClashes.push({
        environment: def.code,
        from: dayToIso(c.from),
        to: dayToIso(c.to),
        days: c.to - c.from + 1,
        peak: c.peak,
        capacity: def.capacity,
        participants: c.members,
      });
    }
  }

  segments.sort((a, b) => compareKeys([a.participant, a.from], [b.participant, b.from]));
  peaks.sort((a, b) => compareKeys([a.participant], [b.participant]));
  clashes.sort((a, b) => compareKeys([a.participant, a.from, a.stage ?? ""], [b.participant, b.from, b.stage ?? ""]));
  capacityClashes.sort((a, b) => compareKeys([a.environment, a.from], [b.environment, b.from]));
  invalid.sort((a, b) => a.index - b.index);
  return { segments, peaks, clashes, capacityClashes, invalid };
}

/** Longest window for a daily series, in days. */
export const MAX_TIMELINE_DAYS = 3660;

export interface DailyConcurrency {
  dates: string[];
  rows: { participant: string; counts: number[]; limit: number | null }[];
  messages: string[];
}

/** Per-day environment counts per participant over a requested window, for a timeline. */
export function dailyConcurrency(
  allocations: readonly EnvironmentAllocation[],
  window: { from: string; to: string },
  options: EnvironmentOptions = {},
): DailyConcurrency {
  const messages: string[] = [];
  const from = parseDay(window.from);
  let to = parseDay(window.to);
  if (from === null || to === null || to < from) {
    messages.push(`The timeline window "${String(window.from)}" to "${String(window.to)}" must be two ISO dates, start first.`);
    return { dates: [], rows: [], messages };
  }
  if (to - from + 1 > MAX_TIMELINE_DAYS) {
    to = from + MAX_TIMELINE_DAYS - 1;
    messages.push(`The timeline was cut to ${MAX_TIMELINE_DAYS} days (to ${dayToIso(to)}).`);
  }
  const n = to - from + 1;
  const analysis = analyseEnvironments(allocations, options);
  const dates = new Array<string>(n);
  for (let d = 0; d < n; d++) dates[d] = dayToIso(from + d);
  const rows = new Map<string, number[]>();
  for (const p of analysis.peaks) rows.set(p.participant, new Array<number>(n).fill(0));
  for (const s of analysis.segments) {
    const a = Math.max(parseDay(s.from) as number, from);
    const b = Math.min(parseDay(s.to) as number, to);
    const counts = rows.get(s.participant) as number[];
    for (let d = a; d <= b; d++) counts[d - from] = s.count;
  }
  for (const i of analysis.invalid) messages.push(`Allocation ${i.id ?? i.index + 1}: ${i.message}`);
  return {
    dates,
    rows: analysis.peaks.map((p) => ({ participant: p.participant, counts: rows.get(p.participant) as number[], limit: p.limit })),
    messages,
  };
}
