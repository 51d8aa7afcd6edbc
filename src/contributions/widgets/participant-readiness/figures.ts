// What the readiness widget loads: the participant register, the defect rules and the
// qualification requirements (the stages of each path, the readiness RAG rules), then test points
// counted by participant, stage and outcome and open defects by participant, stage and severity:
// two aggregate requests. See readinessFromCounts for how this approximates the hub's
// per-required-test assessment.

import type { WidgetData } from "../../../ado/widgetData";
import { ReadinessCounts, readinessFromCounts } from "../../../domain/countFigures";
import type { ParticipantPath } from "../../../domain/model";
import type { WidgetSettings } from "../../../domain/widgetSettings";
import { pointFilterOf } from "../shared/filters";

export interface ReadinessFigures extends ReadinessCounts {
  path: ParticipantPath;
}

export async function loadReadiness(data: WidgetData, settings: WidgetSettings): Promise<ReadinessFigures> {
  const path = settings.path as ParticipantPath;
  const [participants, rules, requirements] = await Promise.all([data.participants(), data.defectRules(), data.qualificationRequirements()]);
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
  return { ...readiness, path };
}
