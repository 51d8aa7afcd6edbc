// Coverage and traceability: requirements -> test cases (Tested By, both directions) -> test
// points with their last outcome, plus linked open defects. Per requirement a status, rolled up
// per stage x role x participant, and the gaps (requirements without tests, test cases that
// trace to no requirement).
//
// Requirement status, in order of precedence:
//   no linked test case                       -> notCovered
//   any point failed                          -> failing
//   else any point blocked                    -> blocked
//   else any point not run                    -> notRun
//   else at least one passed (N/A ignored)    -> passing
//   else (tests but no points, or only N/A)   -> notRun: nothing evidences the requirement yet
//
// Retests: by default every point's last outcome counts, so a failure in one cycle keeps the
// requirement failing after a later cycle passed (the cycle filter separates them). With
// retests "supersede", among the points in scope of one test case, participant and configuration
// only the most recently run counts (ties: failed, then blocked, then passed); points not run
// still count as not run.

import { IdIndex, KEY_SEPARATOR, KeyInterner, UNASSIGNED, compareKeys, keyValue, nameSet, percent, sameCode, toRanges } from "./groupKeys";
import { SeverityCounts, emptySeverityCounts, matchesDefectFilter, severityKeyOf } from "./defects";
import { DEFAULT_CLOSED_STATES, DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "./model";
import { isLaterRun, outcomeIndex } from "./progress";

export type CoverageStatus = "notCovered" | "notRun" | "failing" | "blocked" | "passing";

export const COVERAGE_STATUSES: readonly CoverageStatus[] = ["notCovered", "notRun", "failing", "blocked", "passing"];

export interface OutcomeTally {
  passed: number;
  failed: number;
  blocked: number;
  notApplicable: number;
  notRun: number;
}

/** The status of a requirement from the outcomes of its tests' points (see the precedence above). */
export function coverageStatus(tally: OutcomeTally, hasTests: boolean): CoverageStatus {
  if (!hasTests) return "notCovered";
  if (tally.failed > 0) return "failing";
  if (tally.blocked > 0) return "blocked";
  if (tally.notRun > 0) return "notRun";
  if (tally.passed > 0) return "passing";
  return "notRun";
}

export interface CoverageFilter {
  stage?: string;
  role?: string;
  participant?: string;
  cycle?: string;
}

/** Whether a later run of the same test (test case, participant, configuration) supersedes earlier ones. */
export type RetestRule = "count" | "supersede";

export const RETEST_RULES: readonly RetestRule[] = ["count", "supersede"];

/** The retest rule a stored value names, or undefined (the default, "count") for anything else. */
export function retestRuleOf(value: unknown): RetestRule | undefined {
  return RETEST_RULES.includes(value as RetestRule) ? (value as RetestRule) : undefined;
}

export interface CoverageInput {
  requirements: readonly RequirementRecord[];
  testCases: readonly TestCaseRecord[];
  points: readonly TestPointRecord[];
  defects?: readonly DefectRecord[];
  /**
   * Requirements must list the filtered stage / role; points must carry the filtered stage,
   * cycle, role and participant (role / participant fall back to the test case's); a test case
   * is left out only when it names a different stage / role / participant (blank = generic).
   */
  filter?: CoverageFilter;
  closedStates?: readonly string[];
  /** False to skip the test-cases-without-requirement gap (saves a pass when only the summary is wanted). */
  gaps?: boolean;
  /** Default "count": every point's last outcome counts. */
  retests?: RetestRule;
  /**
   * Optional index of all test cases (indexTestCases), for callers analysing many scopes of the
   * same data: lookups use it, while `testCases` (then a subset) drives the reverse links and gaps.
   */
  testCaseIndex?: TestCaseIndex;
}

export interface RequirementCoverage {
  id: number;
  title: string;
  requirementId?: string;
  type: string;
  status: CoverageStatus;
  /** Linked test cases in scope, ascending. */
  testCaseIds: number[];
  /** Outcomes of the points of those test cases (after the filter). */
  counts: OutcomeTally;
  /** Open defects linked to the requirement or to any of its test cases (each counted once). */
  openDefects: SeverityCounts;
  openDefectIds: number[];
}

export interface CoverageRollupRow {
  stage: string;
  role: string;
  participant: string;
  /** Requirements counted in this row (a requirement counts once in each row it has points in). */
  requirements: number;
  notCovered: number;
  notRun: number;
  failing: number;
  blocked: number;
  passing: number;
}

export interface CoverageSummary {
  requirements: number;
  notCovered: number;
  notRun: number;
  failing: number;
  blocked: number;
  passing: number;
  /** Requirements with at least one test, as a percentage (null when there are none). */
  coveredPercent: number | null;
  /** Passing requirements as a percentage (null when there are none). */
  passingPercent: number | null;
}

export interface CoverageGaps {
  /** Requirements in scope with no linked test case. */
  requirementsWithoutTests: number[];
  /** Test cases in scope linked to no requirement in either direction. */
  testCasesWithoutRequirement: number[];
  /** Test case ids named by requirements but absent from the test cases given. */
  missingTestCaseIds: number[];
}

export interface CoverageResult {
  requirements: RequirementCoverage[];
  summary: CoverageSummary;
  /**
   * Per stage x role x participant from the points. A requirement with no points in scope is
   * counted under each of its stages x roles with participant UNASSIGNED (or the filtered
   * participant), so every requirement appears somewhere; rows may therefore add up to more
   * than the number of requirements.
   */
  rollup: CoverageRollupRow[];
  gaps: CoverageGaps;
}

function includes(list: readonly string[] | undefined, wanted: string): boolean {
  if (!Array.isArray(list)) return false;
  for (const x of list) if (sameCode(x, wanted)) return true;
  return false;
}

function testCaseInScope(tc: TestCaseRecord, f: CoverageFilter | undefined): boolean {
  if (!f) return true;
  if (f.stage !== undefined && tc.stage && !sameCode(tc.stage, f.stage)) return false;
  if (f.role !== undefined && tc.role && !sameCode(tc.role, f.role)) return false;
  if (f.participant !== undefined && tc.participant && !sameCode(tc.participant, f.participant)) return false;
  return true;
}

function requirementInScope(r: RequirementRecord, f: CoverageFilter | undefined): boolean {
  if (!f) return true;
  if (f.stage !== undefined && !includes(r.stages, f.stage)) return false;
  if (f.role !== undefined && !includes(r.roles, f.role)) return false;
  return true;
}

/** Leaves out (pSlot -1) each run point in scope that a later run of the same test case, participant and configuration supersedes. */
function supersedeRetests(points: readonly TestPointRecord[], pSlot: Int32Array, pOut: Int8Array, pParticipant: readonly string[]): void {
  const latest = new Map<string, number>();
  const key = (i: number) => `${pSlot[i]}${KEY_SEPARATOR}${pParticipant[i].trim().toUpperCase()}${KEY_SEPARATOR}${(points[i].configuration ?? "").trim().toUpperCase()}`;
  const later = (i: number, j: number) => isLaterRun(points[i].lastRunDate ?? "", pOut[i], points[j].lastRunDate ?? "", pOut[j]);
  for (let i = 0; i < points.length; i++) {
    if (pSlot[i] < 0 || pOut[i] > 2) continue;
    const k = key(i);
    const best = latest.get(k);
    if (best === undefined || later(i, best)) latest.set(k, i);
  }
  for (let i = 0; i < points.length; i++) {
    if (pSlot[i] >= 0 && pOut[i] <= 2 && latest.get(key(i)) !== i) pSlot[i] = -1;
  }
}

/** Test cases with an id -> position index, built once and shared by several coverage scopes. */
export interface TestCaseIndex {
  list: readonly TestCaseRecord[];
  index: IdIndex;
}

export function indexTestCases(list: readonly TestCaseRecord[]): TestCaseIndex {
  return { list, index: new IdIndex(list.length, (i) => list[i].id) };
}

/** Requirement coverage, roll-up and gaps in a few linear passes (typed arrays and Maps, no nested scans). */
export function analyseCoverage(input: CoverageInput): CoverageResult {
  const f = input.filter;
  const tcx = input.testCaseIndex ?? indexTestCases(input.testCases);
  const T = tcx.list.length;
  const wantGaps = input.gaps !== false;
  const requirements = input.requirements;
  const reqIndex = new IdIndex(requirements.length, (i) => requirements[i].id);

  // Reverse links (a test case naming its requirements), as ranges per requirement position.
  const traced = wantGaps ? new Uint8Array(T) : null;
  const revReq: number[] = [];
  const revTc: number[] = [];
  for (const tc of input.testCases) {
    const ids = tc.requirementIds;
    if (!Array.isArray(ids) || ids.length === 0) continue;
    if (traced) {
      const p = tcx.index.get(tc.id);
      if (p >= 0) traced[p] = 1;
    }
    if (!testCaseInScope(tc, f)) continue;
    for (const rid of ids) {
      const q = reqIndex.get(rid);
      if (q >= 0) {
        revReq.push(q);
        revTc.push(tc.id);
      }
    }
  }
  const reverse = toRanges(requirements.length, revReq, revTc);

  // Requirements in scope and their tests: Tested By links plus test cases naming them, each once.
  // Each test is a "slot": its position among the test cases, or T + k for an id not among them.
  const scoped: RequirementRecord[] = [];
  const testsOf: number[][] = [];
  const linkSlot: number[] = [];
  const linkReq: number[] = [];
  const unknownSlot = new Map<number, number>();
  for (let q = 0; q < requirements.length; q++) {
    const r = requirements[q];
    const linked = Array.isArray(r.testCaseIds) ? r.testCaseIds : [];
    if (traced) {
      for (const id of linked) {
        const p = tcx.index.get(id);
        if (p >= 0) traced[p] = 1;
      }
    }
    if (!requirementInScope(r, f)) continue;
    const ri = scoped.length;
    scoped.push(r);
    const candidates = linked.slice();
    for (let j = reverse.start[q]; j < reverse.start[q + 1]; j++) candidates.push(reverse.values[j]);
    candidates.sort((a, b) => a - b);
    const tests: number[] = [];
    for (let j = 0; j < candidates.length; j++) {
      const id = candidates[j];
      if (j > 0 && id === candidates[j - 1]) continue; // each test once
      let slot = tcx.index.get(id);
      if (slot < 0) {
        const u = unknownSlot.get(id);
        slot = u === undefined ? T + unknownSlot.size : u;
        if (u === undefined) unknownSlot.set(id, slot);
      } else if (!testCaseInScope(tcx.list[slot], f)) continue;
      tests.push(id);
      linkSlot.push(slot);
      linkReq.push(ri);
    }
    testsOf.push(tests);
  }
  const R = scoped.length;
  const reqsOfSlot = toRanges(T + unknownSlot.size, linkSlot, linkReq);
  const rs = reqsOfSlot.start;
  const rv = reqsOfSlot.values;

  // Points in scope: their group (stage x role x participant) and outcome, in typed arrays.
  const P = input.points.length;
  const pGroup = new Int32Array(P);
  const pOut = new Int8Array(P);
  const pSlot = new Int32Array(P).fill(-1);
  const pParticipant: string[] = new Array(P);
  const linksPerReq = new Int32Array(R + 1);
  const groups = new KeyInterner(3);
  for (let i = 0; i < P; i++) {
    const p = input.points[i];
    let slot = tcx.index.get(p.testCaseId);
    if (slot < 0) {
      const u = unknownSlot.get(p.testCaseId);
      if (u === undefined) continue;
      slot = u;
    }
    const a = rs[slot];
    const b = rs[slot + 1];
    if (a === b) continue;
    let role = p.role;
    let participant = p.participant;
    if ((role === undefined || participant === undefined) && slot < T) {
      const tc = tcx.list[slot];
      role ??= tc.role;
      participant ??= tc.participant;
    }
    if (f) {
      if (f.stage !== undefined && !sameCode(p.stage, f.stage)) continue;
      if (f.cycle !== undefined && !sameCode(p.cycle, f.cycle)) continue;
      if (f.role !== undefined && !sameCode(role, f.role)) continue;
      if (f.participant !== undefined && !sameCode(participant, f.participant)) continue;
    }
    pSlot[i] = slot;
    pOut[i] = outcomeIndex(p.outcome);
    pGroup[i] = groups.id3(keyValue(p.stage), keyValue(role), keyValue(participant));
    pParticipant[i] = participant ?? "";
  }
  if (input.retests === "supersede") supersedeRetests(input.points, pSlot, pOut, pParticipant);
  for (let i = 0; i < P; i++) {
    const slot = pSlot[i];
    if (slot < 0) continue;
    for (let j = rs[slot]; j < rs[slot + 1]; j++) linksPerReq[rv[j] + 1]++;
  }
  // Points of each requirement, as ranges of one array (counting sort, no per-requirement lists).
  for (let ri = 0; ri < R; ri++) linksPerReq[ri + 1] += linksPerReq[ri];
  const pointsOfReq = new Int32Array(linksPerReq[R]);
  const fillAt = linksPerReq.slice(0, R);
  for (let i = 0; i < P; i++) {
    const slot = pSlot[i];
    if (slot < 0) continue;
    for (let j = rs[slot]; j < rs[slot + 1]; j++) pointsOfReq[fillAt[rv[j]]++] = i;
  }

  // Open defects indexed by test case and by requirement.
  const closedStates = nameSet(input.closedStates ?? DEFAULT_CLOSED_STATES);
  const openDefects: DefectRecord[] = [];
  const defectsByTc = new Map<number, number[]>();
  const defectsByReq = new Map<number, number[]>();
  const index = (m: Map<number, number[]>, key: number, v: number) => {
    const list = m.get(key);
    if (list === undefined) m.set(key, [v]);
    else list.push(v);
  };
  for (const d of input.defects ?? []) {
    if (typeof d.state === "string" && closedStates.has(d.state.trim().toLowerCase())) continue;
    if (!matchesDefectFilter(d, f)) continue;
    const di = openDefects.length;
    openDefects.push(d);
    if (Array.isArray(d.testCaseIds)) for (const id of d.testCaseIds) index(defectsByTc, id, di);
    if (Array.isArray(d.requirementIds)) for (const id of d.requirementIds) index(defectsByReq, id, di);
  }
  const defectStamp = new Int32Array(openDefects.length).fill(-1);

  // Roll-up rows: one per (stage, role, participant).
  const rollup = new Map<string, CoverageRollupRow>();
  const rowsById: (CoverageRollupRow | undefined)[] = [];
  const addRollup = (stage: string, role: string, participant: string, status: CoverageStatus) => {
    const gk = stage + KEY_SEPARATOR + role + KEY_SEPARATOR + participant;
    let row = rollup.get(gk);
    if (row === undefined) {
      row = { stage, role, participant, requirements: 0, notCovered: 0, notRun: 0, failing: 0, blocked: 0, passing: 0 };
      rollup.set(gk, row);
    }
    row.requirements++;
    row[status]++;
    return row;
  };
  // Scratch counts per group, reset after each requirement.
  const G = groups.keys.length;
  const scratch = new Int32Array(G * 5);
  const touched = new Int32Array(G);
  const groupStamp = new Int32Array(G).fill(-1);
  const groupTally: OutcomeTally = { passed: 0, failed: 0, blocked: 0, notApplicable: 0, notRun: 0 };

  const results: RequirementCoverage[] = new Array(R);
  const summary = { notCovered: 0, notRun: 0, failing: 0, blocked: 0, passing: 0 };
  const withoutTests: number[] = [];
  for (let ri = 0; ri < R; ri++) {
    const r = scoped[ri];
    const tests = testsOf[ri];
    const sev = emptySeverityCounts();
    const defectIds: number[] = [];
    const countDefect = (di: number) => {
      if (defectStamp[di] === ri) return;
      defectStamp[di] = ri;
      const d = openDefects[di];
      sev[severityKeyOf(d.severity)]++;
      sev.total++;
      defectIds.push(d.id);
    };
    for (const id of tests) {
      const ds = defectsByTc.get(id);
      if (ds !== undefined) for (const di of ds) countDefect(di);
    }
    const own = defectsByReq.get(r.id);
    if (own !== undefined) for (const di of own) countDefect(di);
    defectIds.sort((a, b) => a - b);

    // Its points: overall counts, and counts per group for the roll-up.
    const counts: OutcomeTally = { passed: 0, failed: 0, blocked: 0, notApplicable: 0, notRun: 0 };
    let nTouched = 0;
    for (let j = linksPerReq[ri]; j < linksPerReq[ri + 1]; j++) {
      const pi = pointsOfReq[j];
      const g = pGroup[pi];
      const oi = pOut[pi];
      if (groupStamp[g] !== ri) {
        groupStamp[g] = ri;
        touched[nTouched++] = g;
        scratch.fill(0, g * 5, g * 5 + 5);
      }
      scratch[g * 5 + oi]++;
    }
    for (let t = 0; t < nTouched; t++) {
      const g = touched[t];
      const b = g * 5;
      groupTally.passed = scratch[b];
      groupTally.failed = scratch[b + 1];
      groupTally.blocked = scratch[b + 2];
      groupTally.notApplicable = scratch[b + 3];
      groupTally.notRun = scratch[b + 4];
      counts.passed += scratch[b];
      counts.failed += scratch[b + 1];
      counts.blocked += scratch[b + 2];
      counts.notApplicable += scratch[b + 3];
      counts.notRun += scratch[b + 4];
      const gs = coverageStatus(groupTally, true);
      let row = rowsById[g];
      if (row === undefined) {
        const [stage, role, participant] = groups.keys[g];
        row = addRollup(stage, role, participant, gs);
        rowsById[g] = row;
      } else {
        row.requirements++;
        row[gs]++;
      }
    }
    const status = coverageStatus(counts, tests.length > 0);
    summary[status]++;
    if (tests.length === 0) withoutTests.push(r.id);

    if (nTouched === 0) {
      // No points in scope: count it under its own stages x roles, participant unassigned (or filtered).
      const stages = f?.stage !== undefined ? [f.stage] : Array.isArray(r.stages) && r.stages.length ? r.stages : [UNASSIGNED];
      const roles = f?.role !== undefined ? [f.role] : Array.isArray(r.roles) && r.roles.length ? r.roles : [UNASSIGNED];
      const participant = f?.participant !== undefined ? keyValue(f.participant) : UNASSIGNED;
      for (const s of stages) for (const ro of roles) addRollup(keyValue(s), keyValue(ro), participant, status);
    }

    results[ri] = {
      id: r.id,
      title: r.title,
      ...(r.requirementId !== undefined ? { requirementId: r.requirementId } : {}),
      type: r.type,
      status,
      testCaseIds: tests,
      counts,
      openDefects: sev,
      openDefectIds: defectIds,
    };
  }

  const testCasesWithoutRequirement: number[] = [];
  if (traced) {
    for (const tc of input.testCases) {
      const p = tcx.index.get(tc.id);
      if (p >= 0 && !traced[p] && testCaseInScope(tc, f)) testCasesWithoutRequirement.push(tc.id);
    }
  }
  const missing = Array.from(unknownSlot.keys());

  results.sort((a, b) => a.id - b.id);
  const total = results.length;
  return {
    requirements: results,
    summary: {
      requirements: total,
      ...summary,
      coveredPercent: percent(total - summary.notCovered, total),
      passingPercent: percent(summary.passing, total),
    },
    rollup: Array.from(rollup.values()).sort((a, b) =>
      compareKeys([a.stage, a.role, a.participant], [b.stage, b.role, b.participant]),
    ),
    gaps: {
      requirementsWithoutTests: withoutTests.sort((a, b) => a - b),
      testCasesWithoutRequirement: testCasesWithoutRequirement.sort((a, b) => a - b),
      missingTestCaseIds: Array.from(missing).sort((a, b) => a - b),
    },
  };
}
