// What the readiness widget loads. With required tests configured (the qualification
// requirements), the hub's own assessment: only the required test cases and their points in the
// paths' stages (grouped by test case, participant and outcome with the latest run), and open
// defects counted by participant, stage and severity; so the widget's RAG is the participants
// pivot's. With none configured, the hub would take every planned test of every participant,
// which a widget must not read: it counts test points by participant, stage and outcome instead
// (see readinessFromCounts).

import type { WidgetData } from "../../../ado/widgetData";
import { ReadinessCounts, readinessFromCounts, readinessFromQualification } from "../../../domain/countFigures";
import { allEvidenceStages, evidenceStagesByPath, openDefectRecordsFromCounts } from "../../../domain/countedReadiness";
import type { DefectRules } from "../../../domain/defects";
import type { Participant, ParticipantPath } from "../../../domain/model";
import { qualificationView } from "../../../domain/qualification";
import type { QualificationRequirements } from "../../../domain/qualificationRequirements";
import type { WidgetSettings } from "../../../domain/widgetSettings";
import { pointFilterOf } from "../shared/filters";

export interface ReadinessFigures extends ReadinessCounts {
  path: ParticipantPath;
  /** "configured": the hub's assessment of the configured required tests; "counted": from test points. */
  basis: "configured" | "counted";
}

async function assessConfigured(
  data: WidgetData,
  settings: WidgetSettings,
  context: { path: ParticipantPath; participants: Participant[]; rules: DefectRules; requirements: QualificationRequirements },
): Promise<ReadinessFigures> {
  const { path, participants, rules, requirements } = context;
  const stagesByPath = evidenceStagesByPath(requirements.stagesByPath, path, settings.stage);
  const rulesOfPath = requirements.requiredTests.filter((rule) => rule.path === undefined || rule.path === path);
  const [evidence, openDefects] = await Promise.all([
    data.requiredTestEvidence({
      programmeTestCaseIds: rulesOfPath.flatMap((rule) => rule.programmeTestCaseIds ?? []),
      testCaseIds: rulesOfPath.flatMap((rule) => rule.testCaseIds ?? []),
      // A relied-upon party's passes count from either path's stages.
      stages: allEvidenceStages(stagesByPath),
    }),
    data.countWorkItems({ subject: "defects", by: ["participant", "stage", "severity"], filter: { excludeStates: rules.closedStates } }),
  ]);
  const view = qualificationView({
    participants,
    testCases: evidence.testCases,
    points: evidence.points,
    defects: openDefectRecordsFromCounts(openDefects.rows),
    asOf: data.today(),
    config: { ...requirements, stagesByPath, defectRules: rules },
    filter: { role: settings.role, participant: settings.participant },
  });
  return { ...readinessFromQualification(view.rows, path, stagesByPath[path]), path, basis: "configured" };
}

export async function loadReadiness(data: WidgetData, settings: WidgetSettings): Promise<ReadinessFigures> {
  const path = settings.path as ParticipantPath;
  const [participants, rules, requirements] = await Promise.all([data.participants(), data.defectRules(), data.qualificationRequirements()]);
  if (requirements.requiredTests.length > 0) return assessConfigured(data, settings, { path, participants, rules, requirements });
  const filter = pointFilterOf(settings);
  const [points, openDefects] = await Promise.all([
    data.countTestPoints({ by: ["participant", "stage", "outcome"], filter }),
    data.countWorkItems({ subject: "defects", by: ["participant", "stage", "severity"], filter: { ...filter, excludeStates: rules.closedStates } }),
  ]);
  const readiness = readinessFromCounts({
    participants,
    path,
    points: points.rows,
    openDefects: openDefects.rows,
    stages: settings.stage ? [settings.stage] : requirements.stagesByPath?.[path]?.slice(),
    rag: requirements.rag,
    role: settings.role,
    participant: settings.participant,
    rules,
  });
  return { ...readiness, path, basis: "counted" };
}
