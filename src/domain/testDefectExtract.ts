// The "test & defect extract": for each participant, its tests planned, run, passed, failed and
// blocked, the requirements its tests cover (and of those, how many pass), and its defects by
// severity, as each SIT stage's exit report gave them. One pass over points and one over defects.

import { compareKeys, keyValue, nameSet, normCode, sameCode, UNASSIGNED } from "./groupKeys";
import type { CoverageFilter, OutcomeTally } from "./coverage";
import { coverageStatus } from "./coverage";
import type { SeverityCounts } from "./defects";
import { emptySeverityCounts, matchesDefectFilter, severityKeyOf } from "./defects";
import { DEFAULT_CLOSED_STATES, DefectRecord, Participant, RequirementRecord, TestCaseRecord, TestPointRecord } from "./model";
import type { ProgressFigures } from "./progress";
import { emptyCounts, outcomeIndex, withRates } from "./progress";

export interface ExtractRow {
  participant: string;
  /** From the participant register; empty for a participant found only in the data. */
  organisation: string;
  roles: string[];
  tests: ProgressFigures;
  /** Requirements traced (either direction) to a test case with a point of this participant in scope. */
  requirementsCovered: number;
  /** Of those, requirements whose points of this participant all evidence a pass (coverage "passing"). */
  requirementsPassing: number;
  openDefects: SeverityCounts;
  /** Every defect of the participant in scope, open or closed. */
  defectsRaised: number;
}

export interface ExtractInput {
  participants: readonly Participant[];
  requirements?: readonly RequirementRecord[];
  testCases?: readonly TestCaseRecord[];
  points: readonly TestPointRecord[];
  defects: readonly DefectRecord[];
  filter?: CoverageFilter;
  closedStates?: readonly string[];
}

interface Acc {
  counts: ReturnType<typeof emptyCounts>;
  /** Per requirement id: outcome tally of this participant's points of its tests. */
  requirements: Map<number, OutcomeTally>;
  openDefects: SeverityCounts;
  raised: number;
}

function emptyTally(): OutcomeTally {
  return { passed: 0, failed: 0, blocked: 0, notApplicable: 0, notRun: 0 };
}

const TALLY_KEYS: (keyof OutcomeTally)[] = ["passed", "failed", "blocked", "notApplicable", "notRun"];

/** One row per participant in the register (or the filtered one), plus any found only in the data. */
export function testDefectExtract(input: ExtractInput): ExtractRow[] {
  const f = input.filter ?? {};
  const testCases = new Map<number, TestCaseRecord>();
  for (const tc of input.testCases ?? []) testCases.set(tc.id, tc);

  // Requirements of each test case, from both link directions, each once.
  const requirementsOf = new Map<number, number[]>();
  const link = (tcId: number, reqId: number) => {
    const list = requirementsOf.get(tcId);
    if (list === undefined) requirementsOf.set(tcId, [reqId]);
    else if (!list.includes(reqId)) list.push(reqId);
  };
  const requirementInScope = new Set<number>();
  for (const r of input.requirements ?? []) {
    if (f.stage !== undefined && !(r.stages ?? []).some((s) => sameCode(s, f.stage))) continue;
    if (f.role !== undefined && !(r.roles ?? []).some((s) => sameCode(s, f.role))) continue;
    requirementInScope.add(r.id);
    for (const id of r.testCaseIds ?? []) link(id, r.id);
  }
  for (const tc of input.testCases ?? []) for (const id of tc.requirementIds ?? []) if (requirementInScope.has(id)) link(tc.id, id);

  const accs = new Map<string, Acc>();
  const acc = (participant: string): Acc => {
    const k = normCode(participant);
    let a = accs.get(k);
    if (a === undefined) {
      a = { counts: emptyCounts(), requirements: new Map(), openDefects: emptySeverityCounts(), raised: 0 };
      accs.set(k, a);
    }
    return a;
  };

  for (const p of input.points) {
    const tc = testCases.get(p.testCaseId);
    const role = p.role ?? tc?.role;
    const participant = keyValue(p.participant ?? tc?.participant);
    if (f.stage !== undefined && !sameCode(p.stage, f.stage)) continue;
    if (f.cycle !== undefined && !sameCode(p.cycle, f.cycle)) continue;
    if (f.role !== undefined && !sameCode(role, f.role)) continue;
    if (f.participant !== undefined && !sameCode(participant, f.participant)) continue;
    const a = acc(participant);
    const oi = outcomeIndex(p.outcome);
    a.counts.planned++;
    a.counts[TALLY_KEYS[oi]]++;
    for (const reqId of requirementsOf.get(p.testCaseId) ?? []) {
      let t = a.requirements.get(reqId);
      if (t === undefined) {
        t = emptyTally();
        a.requirements.set(reqId, t);
      }
      t[TALLY_KEYS[oi]]++;
    }
  }

  const closed = nameSet(input.closedStates ?? DEFAULT_CLOSED_STATES);
  for (const d of input.defects) {
    if (!matchesDefectFilter(d, f)) continue;
    const a = acc(keyValue(d.participant));
    a.raised++;
    if (typeof d.state === "string" && closed.has(d.state.trim().toLowerCase())) continue;
    a.openDefects[severityKeyOf(d.severity)]++;
    a.openDefects.total++;
  }

  const register = new Map(input.participants.map((p) => [normCode(p.mpid), p]));
  const names = new Set<string>();
  for (const p of input.participants) {
    if (f.participant !== undefined && !sameCode(p.mpid, f.participant)) continue;
    if (f.role !== undefined && !p.roles.some((r) => sameCode(r, f.role))) continue;
    names.add(normCode(p.mpid));
  }
  for (const k of accs.keys()) names.add(k);

  const rows: ExtractRow[] = [];
  for (const k of names) {
    const a = accs.get(k);
    const p = register.get(k);
    let covered = 0;
    let passing = 0;
    for (const t of a?.requirements.values() ?? []) {
      covered++;
      if (coverageStatus(t, true) === "passing") passing++;
    }
    rows.push({
      participant: p?.mpid ?? (k === normCode(UNASSIGNED) ? UNASSIGNED : k),
      organisation: p?.organisation ?? "",
      roles: p?.roles.slice() ?? [],
      tests: withRates(a?.counts ?? emptyCounts()),
      requirementsCovered: covered,
      requirementsPassing: passing,
      openDefects: a?.openDefects ?? emptySeverityCounts(),
      defectsRaised: a?.raised ?? 0,
    });
  }
  return rows.sort((x, y) => compareKeys([x.participant], [y.participant]));
}

export const EXTRACT_HEADINGS = [
  "Participant",
  "Organisation",
  "Roles",
  "Tests Planned",
  "Tests Run",
  "Passed",
  "Failed",
  "Blocked",
  "Not Run",
  "Not Applicable",
  "Execution %",
  "Pass %",
  "Requirements Covered",
  "Requirements Passing",
  "Open Critical",
  "Open High",
  "Open Medium",
  "Open Low",
  "Open Unknown Severity",
  "Open Defects",
  "Defects Raised",
] as const;

function rate(x: number | null): number | string {
  return x === null ? "" : Math.round(x * 10) / 10;
}

/** The extract as sheet rows, in EXTRACT_HEADINGS order; rates are percentages to one decimal, blank when undefined. */
export function extractExportRows(rows: readonly ExtractRow[]): (string | number)[][] {
  return rows.map((r) => [
    r.participant,
    r.organisation,
    r.roles.join("; "),
    r.tests.planned,
    r.tests.run,
    r.tests.passed,
    r.tests.failed,
    r.tests.blocked,
    r.tests.notRun,
    r.tests.notApplicable,
    rate(r.tests.executionRate),
    rate(r.tests.passRate),
    r.requirementsCovered,
    r.requirementsPassing,
    r.openDefects["1 - Critical"],
    r.openDefects["2 - High"],
    r.openDefects["3 - Medium"],
    r.openDefects["4 - Low"],
    r.openDefects.Unknown,
    r.openDefects.total,
    r.defectsRaised,
  ]);
}
