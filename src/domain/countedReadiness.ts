// What a readiness assessment reads when the figures come from server-side counts (the readiness
// widget): the evidence stages of each path, and open defects as records rebuilt from their
// counts by participant, stage and severity.

import type { CountedGroup } from "./countFigures";
import { UNASSIGNED } from "./groupKeys";
import type { DefectRecord, ParticipantPath } from "./model";
import { DEFAULT_STAGES_BY_PATH } from "./readiness";

/**
 * The stages whose points evidence each path: the configured ones or the defaults, with the
 * chosen path narrowed to one stage when a stage filter is set (the other path keeps its stages,
 * for a relied-upon party's evidence).
 */
export function evidenceStagesByPath(
  configured: Partial<Record<ParticipantPath, readonly string[]>> | undefined,
  path: ParticipantPath,
  stage?: string,
): Record<ParticipantPath, readonly string[]> {
  const stages: Record<ParticipantPath, readonly string[]> = {
    SIT: configured?.SIT ?? DEFAULT_STAGES_BY_PATH.SIT,
    QT: configured?.QT ?? DEFAULT_STAGES_BY_PATH.QT,
  };
  if (stage) stages[path] = [stage];
  return stages;
}

/** Every stage of either path, once each. */
export function allEvidenceStages(stagesByPath: Readonly<Record<ParticipantPath, readonly string[]>>): string[] {
  return [...new Set([...stagesByPath.SIT, ...stagesByPath.QT])];
}

/**
 * Open defects counted by participant, stage and severity as the records a readiness assessment
 * reads: one per defect counted, with negative ids (no real work item), state "Active". Groups
 * without a participant are left out (they block no one); an unassigned stage is left blank.
 */
export function openDefectRecordsFromCounts(groups: readonly CountedGroup[]): DefectRecord[] {
  const records: DefectRecord[] = [];
  for (const group of groups) {
    const participant = group.key.participant;
    if (!participant || participant === UNASSIGNED) continue;
    const stage = group.key.stage && group.key.stage !== UNASSIGNED ? group.key.stage : undefined;
    for (let i = 0; i < group.count; i++) {
      records.push({ id: -(records.length + 1), title: "", state: "Active", severity: group.key.severity ?? "", participant, ...(stage ? { stage } : {}), createdDate: "", testCaseIds: [] });
    }
  }
  return records;
}
