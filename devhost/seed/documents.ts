// Programme configuration documents as the extension's config store keeps them (src/ado/configStore.ts):
// { schemaVersion, data, savedAt, savedBy } in the configuration collection.
import { DEFAULT_CONCURRENCY_LIMITS, DEFAULT_ENVIRONMENTS, EnvironmentAllocation } from "../../src/domain/environments";
import { DEFAULT_EXIT_CRITERIA_BY_STAGE } from "../../src/domain/exitCriteria";
import type { Participant } from "../../src/domain/model";
import { CONFIG_DOCUMENT, CONFIG_SCHEMA_VERSION } from "./extensionIds";
import { Random } from "./prng";
import type { PlanStage } from "./testExecution";

const DAY = 86_400_000;

export interface SeedDocument {
  id: string;
  body: Record<string, unknown>;
}

export function programmeDocuments(participants: readonly Participant[], random: Random, anchor: Date, savedBy: string, planStages: readonly PlanStage[]): SeedDocument[] {
  const envelope = (data: unknown) => ({ schemaVersion: CONFIG_SCHEMA_VERSION, data, savedAt: anchor.toISOString(), savedBy });
  return [
    { id: CONFIG_DOCUMENT.participantRegister, body: envelope({ participants }) },
    {
      id: CONFIG_DOCUMENT.environmentsPlan,
      body: envelope({ environments: DEFAULT_ENVIRONMENTS.map((e) => ({ ...e })), allocations: allocations(participants, random, anchor), limits: { ...DEFAULT_CONCURRENCY_LIMITS } }),
    },
    { id: CONFIG_DOCUMENT.exitCriteria, body: envelope({ byStage: JSON.parse(JSON.stringify(DEFAULT_EXIT_CRITERIA_BY_STAGE)) }) },
    { id: CONFIG_DOCUMENT.planStageMapping, body: envelope({ plans: planStages.map((p) => ({ ...p })) }) },
  ];
}

/** Each participant's environments for its path: its PIT environment, then SIT-A/SIT-B or the QTF. */
function allocations(participants: readonly Participant[], random: Random, anchor: Date): EnvironmentAllocation[] {
  const day = (offset: number) => new Date(anchor.getTime() + offset * DAY).toISOString().slice(0, 10);
  const result: EnvironmentAllocation[] = [];
  for (const participant of participants) {
    const start = -random.int(150, 200);
    const pitEnd = start + random.int(40, 70);
    result.push({ id: `${participant.mpid}-PIT`, participant: participant.mpid, environment: "PIT", stage: "PIT", from: day(start), to: day(pitEnd) });
    if (participant.path === "SIT") {
      const sitStart = pitEnd - random.int(0, 10);
      result.push({ id: `${participant.mpid}-SIT`, participant: participant.mpid, environment: random.chance(0.5) ? "SIT-A" : "SIT-B", stage: "SIT-FUNC", from: day(sitStart), to: day(sitStart + random.int(60, 120)) });
    } else {
      const qtStart = pitEnd + random.int(0, 20);
      result.push({ id: `${participant.mpid}-QT`, participant: participant.mpid, environment: "QTF", stage: "QT", from: day(qtStart), to: day(qtStart + random.int(30, 90)) });
    }
  }
  return result;
}
