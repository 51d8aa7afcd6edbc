// Participants and qualification, as the hub shows them: each participant's path (SIT or QT),
// Placing Reliance, MDR choice, its required tests against evidence (executed, relied upon,
// outstanding), its exit-blocking defects and its readiness RAG (readiness.ts).
//
// Required tests come from configuration when any are configured. Otherwise each participant's
// required tests are the test cases planned for it on its path (its own test cases in the path's
// stages, and any test case with a point of its in those stages): the programme's per-role lists
// are not public, and what a participant has been planned is the best default evidence list.

import { normCode, sameCode } from "./groupKeys";
import type { MdrChoice, Participant, ParticipantPath, TestCaseRecord, TestPointRecord, DefectRecord } from "./model";
import type { ParticipantReadiness, ReadinessConfig, RequiredTestRule } from "./readiness";
import { DEFAULT_STAGES_BY_PATH, assessReadiness } from "./readiness";

export interface QualificationRow extends ParticipantReadiness {
  mdrChoice?: MdrChoice;
}

export interface QualificationView {
  rows: QualificationRow[];
  /** Where the required tests came from: configuration, or each participant's planned tests. */
  requiredTestsSource: "configured" | "planned";
  messages: string[];
}

export interface QualificationInput {
  participants: readonly Participant[];
  testCases: readonly TestCaseRecord[];
  points: readonly TestPointRecord[];
  defects: readonly DefectRecord[];
  asOf: string;
  config?: Partial<ReadinessConfig>;
  /** Only participants acting in this role / with this MPID. */
  filter?: { role?: string; participant?: string };
}

function stagesOf(config: Partial<ReadinessConfig> | undefined, path: ParticipantPath): Set<string> {
  return new Set((config?.stagesByPath?.[path] ?? DEFAULT_STAGES_BY_PATH[path]).map(normCode));
}

/** Readiness of the participants in scope; linear in the points, defects and test cases. */
export function qualificationView(input: QualificationInput): QualificationView {
  const f = input.filter ?? {};
  const participants = input.participants.filter(
    (p) => (f.participant === undefined || sameCode(p.mpid, f.participant)) && (f.role === undefined || p.roles.some((r) => sameCode(r, f.role))),
  );
  const mdr = new Map(input.participants.map((p) => [normCode(p.mpid), p.mdrChoice]));
  const withMdr = (r: ParticipantReadiness): QualificationRow => {
    const choice = mdr.get(normCode(r.mpid));
    return choice ? { ...r, mdrChoice: choice } : r;
  };
  const configured = input.config?.requiredTests ?? [];
  if (configured.length > 0) {
    const result = assessReadiness({
      participants,
      testCases: input.testCases,
      points: input.points,
      defects: input.defects,
      asOf: input.asOf,
      config: { ...input.config, requiredTests: configured },
    });
    return { rows: result.participants.map(withMdr), requiredTestsSource: "configured", messages: unresolvedMessages(result.participants) };
  }

  // Partition once, so each participant's assessment reads only its own share (and its relied-upon parties').
  const testCaseById = new Map(input.testCases.map((tc) => [tc.id, tc]));
  const pointsOf = new Map<string, TestPointRecord[]>();
  for (const p of input.points) {
    const who = p.participant ?? testCaseById.get(p.testCaseId)?.participant;
    if (!who) continue;
    const k = normCode(who);
    const list = pointsOf.get(k);
    if (list) list.push(p);
    else pointsOf.set(k, [p]);
  }
  const testCasesOf = new Map<string, TestCaseRecord[]>();
  for (const tc of input.testCases) {
    if (!tc.participant) continue;
    const k = normCode(tc.participant);
    const list = testCasesOf.get(k);
    if (list) list.push(tc);
    else testCasesOf.set(k, [tc]);
  }
  const defectsOf = new Map<string, DefectRecord[]>();
  for (const d of input.defects) {
    if (!d.participant) continue;
    const k = normCode(d.participant);
    const list = defectsOf.get(k);
    if (list) list.push(d);
    else defectsOf.set(k, [d]);
  }

  const rows: QualificationRow[] = [];
  const messages: string[] = [];
  for (const participant of participants) {
    const k = normCode(participant.mpid);
    const path: ParticipantPath = participant.path === "QT" ? "QT" : "SIT";
    const stages = stagesOf(input.config, path);
    const roles = participant.roles;
    const planned = new Map<number, TestCaseRecord | undefined>();
    for (const tc of testCasesOf.get(k) ?? []) if (tc.stage && stages.has(normCode(tc.stage))) planned.set(tc.id, tc);
    for (const p of pointsOf.get(k) ?? []) if (stages.has(normCode(p.stage))) planned.set(p.testCaseId, testCaseById.get(p.testCaseId));
    const byRole = new Map<string, number[]>();
    for (const [id, tc] of planned) {
      const role = roles.find((r) => sameCode(r, tc?.role)) ?? roles[0];
      if (role === undefined) continue;
      const list = byRole.get(role);
      if (list) list.push(id);
      else byRole.set(role, [id]);
    }
    const requiredTests: RequiredTestRule[] = Array.from(byRole, ([role, ids]) => ({ role, path, testCaseIds: ids.sort((a, b) => a - b) }));
    const reliedOn = (participant.reliesOn ?? []).map(normCode);
    const points = [...(pointsOf.get(k) ?? [])];
    const testCases = new Map<number, TestCaseRecord>();
    for (const tc of testCasesOf.get(k) ?? []) testCases.set(tc.id, tc);
    for (const other of reliedOn) {
      for (const p of pointsOf.get(other) ?? []) points.push(p);
      for (const tc of testCasesOf.get(other) ?? []) testCases.set(tc.id, tc);
    }
    for (const p of points) {
      const tc = testCaseById.get(p.testCaseId);
      if (tc) testCases.set(tc.id, tc);
    }
    const result = assessReadiness({
      participants: [participant],
      testCases: Array.from(testCases.values()),
      points,
      defects: defectsOf.get(k) ?? [],
      asOf: input.asOf,
      config: { ...input.config, requiredTests },
    });
    rows.push(...result.participants.map(withMdr));
    messages.push(...result.messages);
  }
  rows.sort((a, b) => (a.mpid < b.mpid ? -1 : a.mpid > b.mpid ? 1 : 0));
  return { rows, requiredTestsSource: "planned", messages };
}

/**
 * One sentence per required test that names no test case (a configured programme id no test case
 * of the role has), with the participants it is required of, rather than one per participant.
 */
function unresolvedMessages(rows: readonly ParticipantReadiness[]): string[] {
  const who = new Map<string, string[]>();
  for (const row of rows) {
    for (const test of row.tests) {
      if (!test.message) continue;
      const list = who.get(test.message);
      if (!list) who.set(test.message, [row.mpid]);
      else if (!list.includes(row.mpid)) list.push(row.mpid);
    }
  }
  return Array.from(who, ([message, mpids]) => {
    const named = mpids.slice(0, 5).join(", ") + (mpids.length > 5 ? ` and ${mpids.length - 5} more` : "");
    return `${message.replace(/\.$/, "")} (required of ${named}).`;
  });
}

export const QUALIFICATION_HEADINGS = [
  "MPID",
  "Organisation",
  "Roles",
  "Path",
  "Reliance",
  "Relies On",
  "MDR Choice",
  "Required Tests",
  "Evidenced",
  "Relied Upon",
  "Failed",
  "Outstanding",
  "Not Applicable",
  "Blocking Defects",
  "Readiness",
  "Reasons",
] as const;

const RAG_WORDS = { green: "Green", amber: "Amber", red: "Red" } as const;

export function qualificationExportRows(rows: readonly QualificationRow[]): (string | number)[][] {
  return rows.map((r) => [
    r.mpid,
    r.organisation,
    r.roles.join("; "),
    r.path,
    r.reliance,
    r.reliesOn.join("; "),
    r.mdrChoice ?? "",
    r.required,
    r.evidenced,
    r.reliedUpon,
    r.failed,
    r.outstanding,
    r.notApplicable,
    r.blockingDefects.map((d) => d.id).join("; "),
    RAG_WORDS[r.rag],
    r.reasons.join(" "),
  ]);
}
