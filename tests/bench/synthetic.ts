// Deterministic synthetic MHHS programme for benchmarks and property tests: requirements, test
// cases and defects totalling `workItems` (about 20% / 50% / 30%), 2 x workItems test points with
// outcome history, ~60 participants with 4-character MPIDs. Seeded PRNG only (no Math.random).

import { DEFAULT_MARKET_ROLES, DEFAULT_STAGES, DEFAULT_DEFECT_CATEGORIES } from "../../src/domain/catalogues";
import { dayToIso, parseDay } from "../../src/domain/days";
import {
  DefectRecord,
  Outcome,
  OutcomeChange,
  Participant,
  RequirementRecord,
  TestCaseRecord,
  TestPointRecord,
} from "../../src/domain/model";

/** mulberry32: small, fast, deterministic 32-bit PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  workItems: number;
  seed: number;
  /** Test points per work item; default 2. */
  pointsPerWorkItem?: number;
  participants?: number;
}

export interface SyntheticProgramme {
  participants: Participant[];
  requirements: RequirementRecord[];
  testCases: TestCaseRecord[];
  defects: DefectRecord[];
  points: TestPointRecord[];
  history: OutcomeChange[];
  /** Planned end date of each stage. */
  stageEndDates: Record<string, string>;
  from: string;
  to: string;
  asOf: string;
}

const START = "2023-10-30"; // SIT Component Integration Testing started 30 Oct 2023
const END = "2025-03-31";

export function generateProgramme(options: SyntheticOptions): SyntheticProgramme {
  const rnd = mulberry32(options.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const n = Math.max(0, Math.floor(options.workItems));
  const startDay = parseDay(START) as number;
  const endDay = parseDay(END) as number;
  const span = endDay - startDay;

  const stages = DEFAULT_STAGES.map((s) => s.code);
  const participantRoles = DEFAULT_MARKET_ROLES.filter((r) => r.kind === "participant").map((r) => r.code);
  const categories = DEFAULT_DEFECT_CATEGORIES.map((c) => c.code);

  // Participants with unique 4-character MPIDs.
  const participantCount = options.participants ?? 60;
  const participants: Participant[] = [];
  const used = new Set<string>();
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  while (participants.length < participantCount) {
    let mpid = "";
    for (let i = 0; i < 4; i++) mpid += letters[int(26)];
    if (used.has(mpid)) continue;
    used.add(mpid);
    const roles = [pick(participantRoles)];
    if (rnd() < 0.3) {
      const r2 = pick(participantRoles);
      if (r2 !== roles[0]) roles.push(r2);
    }
    const path = rnd() < 0.7 ? "SIT" : "QT";
    const p: Participant = { mpid, organisation: `Org ${mpid}`, roles, path, reliance: "none" };
    if (roles.includes("SDS")) p.mdrChoice = rnd() < 0.5 ? "MDR" : "SupplierDCC";
    participants.push(p);
  }
  for (const p of participants) {
    if (rnd() < 0.15) {
      const other = pick(participants);
      if (other !== p) {
        p.reliance = rnd() < 0.5 ? "partial" : "combined";
        p.reliesOn = [other.mpid];
      }
    }
  }
  const byRole = new Map<string, Participant[]>();
  for (const p of participants) {
    for (const r of p.roles) {
      const list = byRole.get(r);
      if (list) list.push(p);
      else byRole.set(r, [p]);
    }
  }

  const stageEndDates: Record<string, string> = {};
  stages.forEach((s, i) => {
    stageEndDates[s] = dayToIso(startDay + Math.round(((i + 1) * span) / stages.length));
  });

  let nextId = 1;
  const reqCount = Math.round(n * 0.2);
  const tcCount = Math.round(n * 0.5);
  const defectCount = n - reqCount - tcCount;

  const requirements: RequirementRecord[] = new Array(reqCount);
  const types = ["Functional", "Migration", "Non-Functional", "Operational"];
  for (let i = 0; i < reqCount; i++) {
    const s = [pick(stages)];
    if (rnd() < 0.2) {
      const s2 = pick(stages);
      if (s2 !== s[0]) s.push(s2);
    }
    requirements[i] = {
      id: nextId++,
      title: `Requirement ${i + 1}`,
      requirementId: `REQ-${String(i + 1).padStart(5, "0")}`,
      type: pick(types),
      roles: [pick(participantRoles)],
      stages: s,
      state: "Active",
      testCaseIds: [],
    };
  }

  const testCases: TestCaseRecord[] = new Array(tcCount);
  let qt = 0;
  let nft = 0;
  for (let i = 0; i < tcCount; i++) {
    const id = nextId++;
    const tc: TestCaseRecord = { id, title: `Test case ${i + 1}`, requirementIds: [] };
    // 95% trace to a requirement (Tested By on the requirement, sometimes also recorded on the test).
    if (reqCount > 0 && rnd() < 0.95) {
      const r = requirements[int(reqCount)];
      tc.stage = r.stages[0];
      tc.role = r.roles[0];
      r.testCaseIds.push(id);
      if (rnd() < 0.5) tc.requirementIds.push(r.id);
    } else {
      tc.stage = pick(stages);
      tc.role = pick(participantRoles);
    }
    if (tc.stage === "QT") tc.programmeTestCaseId = `QT-${String((qt++ % 999) + 1).padStart(3, "0")}`;
    else if (tc.stage === "SIT-NFT") {
      tc.programmeTestCaseId = `SITNFT-T${(nft % 9) + 1}-${String((Math.floor(nft / 9) % 999) + 1).padStart(3, "0")}`;
      nft++;
    }
    testCases[i] = tc;
  }

  const severities = ["1 - Critical", "2 - High", "3 - Medium", "4 - Low"];
  const defects: DefectRecord[] = new Array(defectCount);
  for (let i = 0; i < defectCount; i++) {
    const x = rnd();
    let severity = x < 0.05 ? severities[0] : x < 0.25 ? severities[1] : x < 0.7 ? severities[2] : severities[3];
    if (rnd() < 0.01) severity = pick(["2", "critical", "Sev 3", "urgent"]);
    const created = startDay + int(span);
    const open = rnd() < 0.35;
    const role = pick(participantRoles);
    const holders = byRole.get(role);
    const d: DefectRecord = {
      id: nextId++,
      title: `Defect ${i + 1}`,
      state: open ? pick(["New", "Active"]) : pick(["Closed", "Resolved"]),
      severity,
      priority: 1 + int(4),
      stage: pick(stages),
      cycle: `C${1 + int(3)}`,
      role,
      participant: holders && holders.length > 0 ? pick(holders).mpid : pick(participants).mpid,
      environment: pick(["SIT-A", "SIT-B", "QTF", "DIP-UIT"]),
      category: pick(categories),
      createdDate: `${dayToIso(created)}T${String(8 + int(10)).padStart(2, "0")}:00:00Z`,
      testCaseIds: tcCount > 0 ? [testCases[int(tcCount)].id] : [],
    };
    if (!open) d.closedDate = `${dayToIso(Math.min(endDay, created + int(40)))}T17:00:00Z`;
    if (open && rnd() < 0.3) d.workOffPlan = "<p>Fix in next release; retest in cycle 3.</p>";
    if (reqCount > 0 && rnd() < 0.2) d.requirementIds = [requirements[int(reqCount)].id];
    defects[i] = d;
  }

  const outcomes: Outcome[] = ["passed", "passed", "passed", "passed", "failed", "blocked", "notApplicable"];
  const pointCount = tcCount > 0 ? n * (options.pointsPerWorkItem ?? 2) : 0;
  const points: TestPointRecord[] = new Array(pointCount);
  const history: OutcomeChange[] = [];
  for (let i = 0; i < pointCount; i++) {
    const tc = testCases[int(tcCount)];
    const role = tc.role as string;
    const holders = byRole.get(role);
    const participant = holders && holders.length > 0 ? pick(holders).mpid : pick(participants).mpid;
    const id = 1_000_000 + i;
    const changes = int(4); // 0..3 results
    let day = startDay + int(span);
    let outcome: Outcome = "notRun";
    let last: string | undefined;
    for (let c = 0; c < changes; c++) {
      outcome = pick(outcomes);
      last = `${dayToIso(day)}T${String(9 + c).padStart(2, "0")}:${String(int(60)).padStart(2, "0")}:00Z`;
      history.push({ pointId: id, date: last, outcome });
      day = Math.min(endDay, day + 1 + int(20));
    }
    points[i] = {
      id,
      testCaseId: tc.id,
      planId: 1 + stages.indexOf(tc.stage as string),
      suiteId: 100 + int(20),
      stage: tc.stage as string,
      cycle: `C${1 + int(3)}`,
      role,
      participant,
      configuration: "Default",
      outcome,
      ...(last ? { lastRunDate: last } : {}),
    };
  }

  return { participants, requirements, testCases, defects, points, history, stageEndDates, from: START, to: END, asOf: END };
}
