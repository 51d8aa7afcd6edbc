// The environments plan laid out as a timeline: per environment, one lane per participant with its
// allocations as bars placed by date; a bar is marked when it takes part in a clash (its
// participant over the concurrency limit, or its environment over capacity, while it runs).

import { dayToIso, parseDay } from "./days";
import { compareKeys, normCode, sameCode } from "./groupKeys";
import type { EnvironmentAllocation, EnvironmentAnalysis, EnvironmentDefinition } from "./environments";

export interface TimelineBar {
  id?: string;
  participant: string;
  environment: string;
  stage: string;
  from: string;
  to: string;
  /** Start and width as fractions of the window (0..1). */
  left: number;
  width: number;
  /** Why the bar is marked, one sentence per clash it takes part in; empty when none. */
  clashes: string[];
}

export interface TimelineLane {
  participant: string;
  bars: TimelineBar[];
}

export interface TimelineEnvironment {
  environment: string;
  name?: string;
  capacity?: number;
  lanes: TimelineLane[];
}

export interface TimelineTick {
  /** yyyy-mm of the month starting at this tick. */
  label: string;
  left: number;
}

export interface EnvironmentTimeline {
  from: string;
  to: string;
  days: number;
  environments: TimelineEnvironment[];
  /** First day of each month in the window. */
  months: TimelineTick[];
  /** Where "today" falls, when inside the window. */
  today?: number;
}

export interface TimelineOptions {
  environments?: readonly EnvironmentDefinition[];
  /** Only these participants (MPIDs), e.g. the hub's participant filter. */
  participants?: readonly string[];
  stage?: string;
  asOf?: string;
}

function overlaps(aFrom: number, aTo: number, bFrom: string, bTo: string): boolean {
  const f = parseDay(bFrom);
  const t = parseDay(bTo);
  return f !== null && t !== null && aFrom <= t && f <= aTo;
}

/** The allocations that pass validation, laid out over the span they cover. */
export function environmentTimeline(
  allocations: readonly EnvironmentAllocation[],
  analysis: Pick<EnvironmentAnalysis, "clashes" | "capacityClashes">,
  options: TimelineOptions = {},
): EnvironmentTimeline {
  const wanted = options.participants ? new Set(options.participants.map(normCode)) : undefined;
  const valid: { a: EnvironmentAllocation; from: number; to: number }[] = [];
  for (const a of allocations) {
    const from = parseDay(a?.from);
    const to = parseDay(a?.to);
    if (from === null || to === null || from > to || !a.participant || !a.environment) continue;
    if (wanted && !wanted.has(normCode(a.participant))) continue;
    if (options.stage !== undefined && !sameCode(a.stage, options.stage)) continue;
    valid.push({ a, from, to });
  }
  if (valid.length === 0) return { from: "", to: "", days: 0, environments: [], months: [] };
  let start = Infinity;
  let end = -Infinity;
  for (const v of valid) {
    start = Math.min(start, v.from);
    end = Math.max(end, v.to);
  }
  const days = end - start + 1;

  const definitions = new Map((options.environments ?? []).map((e) => [normCode(e.code), e]));
  const byEnvironment = new Map<string, Map<string, TimelineBar[]>>();
  for (const { a, from, to } of valid) {
    const env = definitions.get(normCode(a.environment))?.code ?? a.environment.trim().toUpperCase();
    const participant = a.participant.trim().toUpperCase();
    const clashes: string[] = [];
    for (const c of analysis.clashes) {
      if (!sameCode(c.participant, participant) || !c.environments.some((e) => sameCode(e, env))) continue;
      if (c.stage !== undefined && !sameCode(c.stage, a.stage)) continue;
      if (!overlaps(from, to, c.from, c.to)) continue;
      clashes.push(`${participant} holds ${c.peak} environments at once from ${c.from} to ${c.to}, over its limit of ${c.limit}${c.stage ? ` in ${c.stage}` : ""}.`);
    }
    for (const c of analysis.capacityClashes) {
      if (!sameCode(c.environment, env) || !c.participants.some((p) => sameCode(p, participant))) continue;
      if (!overlaps(from, to, c.from, c.to)) continue;
      clashes.push(`${env} has ${c.peak} participants at once from ${c.from} to ${c.to}, over its capacity of ${c.capacity}.`);
    }
    const bar: TimelineBar = {
      participant,
      environment: env,
      stage: a.stage,
      from: dayToIso(from),
      to: dayToIso(to),
      left: (from - start) / days,
      width: (to - from + 1) / days,
      clashes,
    };
    if (a.id) bar.id = a.id;
    let lanes = byEnvironment.get(env);
    if (!lanes) byEnvironment.set(env, (lanes = new Map()));
    const lane = lanes.get(participant);
    if (lane) lane.push(bar);
    else lanes.set(participant, [bar]);
  }

  const order = new Map((options.environments ?? []).map((e, i) => [normCode(e.code), i]));
  const environments: TimelineEnvironment[] = Array.from(byEnvironment, ([environment, lanes]) => {
    const def = definitions.get(normCode(environment));
    const out: TimelineEnvironment = {
      environment,
      lanes: Array.from(lanes, ([participant, bars]) => ({ participant, bars: bars.sort((x, y) => compareKeys([x.from], [y.from])) })).sort((x, y) =>
        compareKeys([x.participant], [y.participant]),
      ),
    };
    if (def?.name) out.name = def.name;
    if (typeof def?.capacity === "number") out.capacity = def.capacity;
    return out;
  }).sort((x, y) => (order.get(normCode(x.environment)) ?? order.size) - (order.get(normCode(y.environment)) ?? order.size) || compareKeys([x.environment], [y.environment]));

  const months: TimelineTick[] = [];
  for (let d = start; d <= end; d++) {
    const iso = dayToIso(d);
    if (d === start || iso.endsWith("-01")) months.push({ label: iso.slice(0, 7), left: (d - start) / days });
  }
  // The window's first, partial month keeps its label only when it leaves room before the next one.
  if (months.length > 1 && (months[1].left - months[0].left) * days < 10) months.shift();
  const timeline: EnvironmentTimeline = { from: dayToIso(start), to: dayToIso(end), days, environments, months };
  const today = parseDay(options.asOf);
  if (today !== null && today >= start && today <= end) timeline.today = (today - start) / days;
  return timeline;
}
