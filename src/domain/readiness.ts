// Qualification readiness per participant: from its path (SIT or QT), roles and Placing Reliance
// declaration, the required tests (configured per role and path), the test points of the path's
// stages and open defects: what is evidenced, relied upon, outstanding, and what blocks it.
//
// A required test's status comes from the most recently run of its points for the participant
// (latest lastRunDate among passed / failed / blocked points), so a retest in a later cycle
// supersedes an earlier failure:
//   latest run passed                                   -> evidenced
//   latest run failed                                   -> failed (blocks, even if a relied-upon
//                                                          party passed it: its own system failed)
//   every point not applicable                          -> notApplicable (not outstanding)
//   otherwise, reliance partial/combined and a relied-upon party's latest run (in the stages of
//   either path, any role) passed                       -> reliedUpon
//   otherwise (blocked, not run, no points)             -> outstanding

import { DEFAULT_STAGES } from "./catalogues";
import { KEY_SEPARATOR, compareKeys, sameCode } from "./groupKeys";
import { DefectRulesInput, SeverityKey, makeDefectAssessor } from "./defects";
import { Rag } from "./exitCriteria";
import { DefectRecord, Outcome, Participant, ParticipantPath, Reliance, TestCaseRecord, TestPointRecord } from "./model";
import { isLaterRun, outcomeIndex } from "./progress";

export interface RequiredTestRule {
  /** Market role code the tests are required for. */
  role: string;
  /** Path the rule applies to; absent = both paths. */
  path?: ParticipantPath;
  /** Programme test case ids, e.g. QT-093 or SITNFT-T2-020. */
  programmeTestCaseIds?: readonly string[];
  /** ADO test case work item ids. */
  testCaseIds?: readonly number[];
}

export interface ReadinessRagRules {
  whenBlocked: Rag;
  whenOutstanding: Rag;
  /** When no required tests are configured for the participant's roles and path. */
  whenNothingRequired: Rag;
}

// Defaults: red with blockers, amber with outstanding tests, amber when nothing is configured.
export const DEFAULT_READINESS_RAG: ReadinessRagRules = { whenBlocked: "red", whenOutstanding: "amber", whenNothingRequired: "amber" };

/** Default: SIT evidence comes from the SIT stages, QT evidence from QT (configurable). */
export const DEFAULT_STAGES_BY_PATH: Readonly<Record<ParticipantPath, readonly string[]>> = {
  SIT: DEFAULT_STAGES.filter((s) => s.phase === "SIT").map((s) => s.code),
  QT: ["QT"],
};

export interface ReadinessConfig {
  requiredTests: readonly RequiredTestRule[];
  stagesByPath?: Readonly<Partial<Record<ParticipantPath, readonly string[]>>>;
  /**
   * Which required tests may be relied upon, per reliance type: "all" or a list of test ids
   * (programme ids or "#<work item id>"). Default "all" for partial and combined: the
   * programme's reliance scope lists are not public.
   */
  relianceScope?: Partial<Record<Exclude<Reliance, "none">, "all" | readonly string[]>>;
  rag?: Partial<ReadinessRagRules>;
  defectRules?: DefectRulesInput;
}

export interface ReadinessInput {
  participants: readonly Participant[];
  testCases: readonly TestCaseRecord[];
  points: readonly TestPointRecord[];
  defects: readonly DefectRecord[];
  /** Day the defect rules are judged on (ISO date). */
  asOf: string;
  config: ReadinessConfig;
}

export type RequiredTestStatus = "evidenced" | "reliedUpon" | "failed" | "outstanding" | "notApplicable";

export interface RequiredTestResult {
  /** Programme test case id, or "#<work item id>". */
  test: string;
  role: string;
  testCaseIds: number[];
  status: RequiredTestStatus;
  /** Latest outcome of the participant's own points, when any. */
  ownOutcome?: Outcome;
  /** The party whose pass is relied upon. */
  reliedOn?: string;
  /** Why the test cannot be evidenced, when it cannot (e.g. unknown programme id). */
  message?: string;
}

export interface BlockingDefect {
  id: number;
  title: string;
  severity: SeverityKey;
  stage?: string;
}

export interface ParticipantReadiness {
  mpid: string;
  organisation: string;
  path: ParticipantPath;
  roles: string[];
  reliance: Reliance;
  reliesOn: string[];
  rag: Rag;
  reasons: string[];
  required: number;
  evidenced: number;
  reliedUpon: number;
  outstanding: number;
  failed: number;
  notApplicable: number;
  tests: RequiredTestResult[];
  blockingDefects: BlockingDefect[];
}

export interface ReadinessResult {
  participants: ParticipantReadiness[];
  messages: string[];
}

interface Latest {
  /** Latest run among passed / failed / blocked points: timestamp ("" when undated) and outcome index. */
  ts: string | null;
  oi: number;
  points: number;
  notApplicable: number;
}

function merge(into: Latest, from: Latest): void {
  into.points += from.points;
  into.notApplicable += from.notApplicable;
  if (from.ts === null) return;
  if (into.ts === null || isLaterRun(from.ts, from.oi, into.ts, into.oi)) {
    into.ts = from.ts;
    into.oi = from.oi;
  }
}

const OUTCOME_BY_INDEX: Outcome[] = ["passed", "failed", "blocked", "notApplicable", "notRun"];

function up(s: string | undefined | null): string {
  return typeof s === "string" ? s.trim().toUpperCase() : "";
}

/** Readiness of every participant; one pass over points and defects, then per required test. */
export function assessReadiness(input: ReadinessInput): ReadinessResult {
  const messages: string[] = [];
  const cfg = input.config ?? { requiredTests: [] };
  const rag = { ...DEFAULT_READINESS_RAG, ...(cfg.rag ?? {}) };
  const stagesByPath: Record<ParticipantPath, readonly string[]> = {
    SIT: cfg.stagesByPath?.SIT ?? DEFAULT_STAGES_BY_PATH.SIT,
    QT: cfg.stagesByPath?.QT ?? DEFAULT_STAGES_BY_PATH.QT,
  };
  const pathsOfStage = new Map<string, ParticipantPath[]>();
  for (const path of ["SIT", "QT"] as ParticipantPath[]) {
    for (const s of stagesByPath[path]) {
      const list = pathsOfStage.get(up(s));
      if (list) list.push(path);
      else pathsOfStage.set(up(s), [path]);
    }
  }

  const tcById = new Map<number, TestCaseRecord>();
  const tcByProgrammeId = new Map<string, TestCaseRecord[]>();
  for (const tc of input.testCases ?? []) {
    tcById.set(tc.id, tc);
    if (tc.programmeTestCaseId) {
      const k = up(tc.programmeTestCaseId);
      const list = tcByProgrammeId.get(k);
      if (list) list.push(tc);
      else tcByProgrammeId.set(k, [tc]);
    }
  }

  // Latest run per participant x path x test case x role ("" when the point has no role).
  const latest = new Map<string, Latest>();
  for (const p of input.points ?? []) {
    const paths = pathsOfStage.get(up(p.stage));
    if (!paths) continue;
    const participant = up(p.participant ?? tcById.get(p.testCaseId)?.participant);
    if (!participant) continue;
    const role = up(p.role ?? tcById.get(p.testCaseId)?.role);
    const oi = outcomeIndex(p.outcome);
    for (const path of paths) {
      const k = participant + KEY_SEPARATOR + path + KEY_SEPARATOR + p.testCaseId + KEY_SEPARATOR + role;
      let l = latest.get(k);
      if (l === undefined) {
        l = { ts: null, oi: 4, points: 0, notApplicable: 0 };
        latest.set(k, l);
      }
      merge(l, {
        ts: oi <= 2 ? (p.lastRunDate ?? "") : null,
        oi,
        points: 1,
        notApplicable: oi === 3 ? 1 : 0,
      });
    }
  }
  // The roles that appear per participant x path x test case, to combine across roles for relied-upon parties.
  const rolesSeen = new Map<string, string[]>();
  for (const k of latest.keys()) {
    const cut = k.lastIndexOf(KEY_SEPARATOR);
    const base = k.slice(0, cut);
    const list = rolesSeen.get(base);
    if (list) list.push(k.slice(cut + 1));
    else rolesSeen.set(base, [k.slice(cut + 1)]);
  }

  // Open exit-blocking defects per participant.
  const assessor = makeDefectAssessor({ asOf: input.asOf, rules: cfg.defectRules });
  const blockingByParticipant = new Map<string, { d: DefectRecord; severity: SeverityKey }[]>();
  for (const d of input.defects ?? []) {
    const mpid = up(d.participant);
    if (!mpid) continue;
    const a = assessor.assess(d);
    if (!a.exitBlocking) continue;
    const list = blockingByParticipant.get(mpid);
    if (list) list.push({ d, severity: a.severity });
    else blockingByParticipant.set(mpid, [{ d, severity: a.severity }]);
  }

  const relianceAllows = (reliance: Reliance, test: string): boolean => {
    if (reliance === "none") return false;
    const scope = cfg.relianceScope?.[reliance] ?? "all";
    if (scope === "all") return true;
    return scope.some((s) => up(s) === up(test));
  };

  const lookup = (participant: string, path: ParticipantPath, tcIds: readonly number[], role: string | null): Latest => {
    const acc: Latest = { ts: null, oi: 4, points: 0, notApplicable: 0 };
    for (const id of tcIds) {
      const base = participant + KEY_SEPARATOR + path + KEY_SEPARATOR + id;
      if (role === null) {
        for (const r of rolesSeen.get(base) ?? []) {
          const l = latest.get(base + KEY_SEPARATOR + r);
          if (l) merge(acc, l);
        }
      } else {
        const l = latest.get(base + KEY_SEPARATOR + role);
        if (l) merge(acc, l);
        const blank = latest.get(base + KEY_SEPARATOR);
        if (blank && role !== "") merge(acc, blank);
      }
    }
    return acc;
  };

  const participants: ParticipantReadiness[] = [];
  for (const part of input.participants ?? []) {
    const mpid = up(part.mpid);
    const path: ParticipantPath = part.path === "QT" ? "QT" : "SIT";
    const roles = Array.isArray(part.roles) ? part.roles : [];
    const reliance: Reliance = part.reliance === "partial" || part.reliance === "combined" ? part.reliance : "none";
    const named = Array.isArray(part.reliesOn) ? part.reliesOn : [];
    const reliesOn = reliance === "none" ? [] : named.map(up).filter((x) => x && x !== mpid);
    const reasons: string[] = [];
    if (reliance !== "none" && reliesOn.length === 0) {
      reasons.push(`Reliance is declared ${reliance} but no party to rely on is named.`);
    }

    // Required tests for its roles and path, each (test, role) once.
    const tests: RequiredTestResult[] = [];
    const seen = new Set<string>();
    for (const rule of Array.isArray(cfg.requiredTests) ? cfg.requiredTests : []) {
      if (!rule || typeof rule.role !== "string") continue;
      if (rule.path !== undefined && rule.path !== path) continue;
      const role = roles.find((r) => sameCode(r, rule.role));
      if (role === undefined) continue;
      const roleKey = up(role);
      const items: { test: string; tcIds: number[]; message?: string }[] = [];
      for (const pid of Array.isArray(rule.programmeTestCaseIds) ? rule.programmeTestCaseIds : []) {
        const candidates = tcByProgrammeId.get(up(pid)) ?? [];
        const tcIds = candidates.filter((tc) => !tc.role || sameCode(tc.role, role)).map((tc) => tc.id);
        items.push(
          tcIds.length > 0
            ? { test: up(pid), tcIds }
            : { test: up(pid), tcIds, message: `No test case has programme id ${up(pid)} for role ${roleKey}.` },
        );
      }
      for (const id of Array.isArray(rule.testCaseIds) ? rule.testCaseIds : []) items.push({ test: `#${id}`, tcIds: [id] });
      for (const it of items) {
        const key = it.test + KEY_SEPARATOR + roleKey;
        if (seen.has(key)) continue;
        seen.add(key);
        const own = lookup(mpid, path, it.tcIds, roleKey);
        const result: RequiredTestResult = { test: it.test, role: roleKey, testCaseIds: it.tcIds.slice().sort((a, b) => a - b), status: "outstanding" };
        if (own.ts !== null) result.ownOutcome = OUTCOME_BY_INDEX[own.oi];
        if (it.message) result.message = it.message;
        if (own.ts !== null && own.oi === 0) result.status = "evidenced";
        else if (own.ts !== null && own.oi === 1) result.status = "failed";
        else if (own.points > 0 && own.notApplicable === own.points) result.status = "notApplicable";
        else if (relianceAllows(reliance, it.test)) {
          for (const other of reliesOn) {
            const l = lookup(other, "SIT", it.tcIds, null);
            merge(l, lookup(other, "QT", it.tcIds, null));
            if (l.ts !== null && l.oi === 0) {
              result.status = "reliedUpon";
              result.reliedOn = other;
              break;
            }
          }
        }
        tests.push(result);
      }
    }
    tests.sort((a, b) => compareKeys([a.role, a.test], [b.role, b.test]));

    const blockingDefects: BlockingDefect[] = [];
    const pathStages = new Set(stagesByPath[path].map(up));
    for (const { d, severity } of blockingByParticipant.get(mpid) ?? []) {
      if (d.stage && !pathStages.has(up(d.stage))) continue;
      blockingDefects.push({ id: d.id, title: d.title, severity, ...(d.stage ? { stage: d.stage } : {}) });
    }
    blockingDefects.sort((a, b) => a.id - b.id);

    const count = (s: RequiredTestStatus) => tests.reduce((n, t) => n + (t.status === s ? 1 : 0), 0);
    const evidenced = count("evidenced");
    const reliedUpon = count("reliedUpon");
    const failed = count("failed");
    const outstanding = count("outstanding");
    const notApplicable = count("notApplicable");
    const list = (s: RequiredTestStatus) => {
      const ids = tests.filter((t) => t.status === s).map((t) => t.test);
      return ids.slice(0, 10).join(", ") + (ids.length > 10 ? ` and ${ids.length - 10} more` : "");
    };

    let result: Rag;
    if (failed > 0 || blockingDefects.length > 0) result = rag.whenBlocked;
    else if (outstanding > 0) result = rag.whenOutstanding;
    else if (tests.length === 0) result = rag.whenNothingRequired;
    else result = "green";

    if (tests.length === 0) {
      reasons.push(`No required tests are configured for roles ${roles.join(", ") || "(none)"} on the ${path} path.`);
    } else {
      reasons.push(
        `${evidenced + reliedUpon} of ${tests.length} required tests evidenced (${evidenced} by ${mpid}, ${reliedUpon} relied upon).`,
      );
    }
    if (failed > 0) reasons.push(`${failed} required test(s) failed: ${list("failed")}.`);
    if (blockingDefects.length > 0) {
      const ids = blockingDefects.map((b) => b.id);
      reasons.push(
        `${blockingDefects.length} open exit-blocking defect(s): ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ` and ${ids.length - 10} more` : ""}.`,
      );
    }
    if (outstanding > 0) reasons.push(`${outstanding} required test(s) outstanding: ${list("outstanding")}.`);
    if (notApplicable > 0) reasons.push(`${notApplicable} required test(s) marked not applicable: ${list("notApplicable")}.`);
    const unresolved = tests.filter((t) => t.message);
    if (unresolved.length > 0) messages.push(`${mpid}: ${unresolved.map((t) => t.message).join(" ")}`);

    participants.push({
      mpid,
      organisation: part.organisation,
      path,
      roles: roles.slice(),
      reliance,
      reliesOn,
      rag: result,
      reasons,
      required: tests.length,
      evidenced,
      reliedUpon,
      outstanding,
      failed,
      notApplicable,
      tests,
      blockingDefects,
    });
  }
  participants.sort((a, b) => compareKeys([a.mpid], [b.mpid]));
  return { participants, messages };
}
