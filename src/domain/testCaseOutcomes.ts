// A test case's latest outcome per stage and participant, as the requirement form's coverage
// panel lists it. Its points are split by stage and participant (a point's blank stage or
// participant falls back to the test case's), then each part takes the RTTM's rule
// (traceability's latestOutcomes: the latest run wins, on the same day the more pessimistic
// outcome; all not applicable is notApplicable; nothing run is notRun), so the form and the hub
// never disagree about a test's latest outcome.

import { KEY_SEPARATOR, compareKeys, keyValue } from "./groupKeys";
import type { Outcome, TestCaseRecord, TestPointRecord } from "./model";
import { latestOutcomes } from "./traceability";

export interface LatestOutcome {
  stage: string;
  participant: string;
  outcome: Outcome;
  lastRunDate?: string;
}

/** The latest outcome of the test case's points per stage x participant, sorted by stage then participant (unassigned last). */
export function latestOutcomesByStageAndParticipant(testCaseId: number, points: readonly TestPointRecord[], testCase?: TestCaseRecord): LatestOutcome[] {
  const parts = new Map<string, { key: string[]; points: TestPointRecord[] }>();
  for (const point of points) {
    if (point.testCaseId !== testCaseId) continue;
    const key = [keyValue(point.stage || testCase?.stage), keyValue(point.participant ?? testCase?.participant)];
    const id = key.join(KEY_SEPARATOR);
    let part = parts.get(id);
    if (part === undefined) {
      part = { key, points: [] };
      parts.set(id, part);
    }
    part.points.push(point);
  }
  const rows: LatestOutcome[] = [];
  for (const { key, points: partPoints } of Array.from(parts.values()).sort((a, b) => compareKeys(a.key, b.key))) {
    const latest = latestOutcomes(partPoints).get(testCaseId);
    if (latest === undefined) continue;
    rows.push({ stage: key[0], participant: key[1], ...latest });
  }
  return rows;
}
