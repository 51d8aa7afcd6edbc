import { sameCode } from "../../../domain/groupKeys";
import type { EnvironmentAllocation, EnvironmentDefinition } from "../../../domain/environments";
import type { CodeOption } from "../shared/FieldRows";

export const OTHER_ENVIRONMENTS = "Other environments";

export function allocatedGroupName(participant: string, stage: string): string {
  return `Allocated to ${participant.trim().toUpperCase()} in ${stage.trim()}`;
}

/** Environments the plan gives the participant in the stage (in plan order), then every other one. */
export function allocatedEnvironments(allocations: readonly EnvironmentAllocation[], participant: string, stage: string): string[] {
  if (!participant.trim() || !stage.trim()) return [];
  const codes: string[] = [];
  for (const allocation of allocations) {
    if (!sameCode(allocation.participant, participant) || !sameCode(allocation.stage, stage)) continue;
    if (!codes.some((code) => sameCode(code, allocation.environment))) codes.push(allocation.environment.trim());
  }
  return codes;
}

export function environmentOptions(
  environments: readonly EnvironmentDefinition[],
  allocations: readonly EnvironmentAllocation[],
  participant: string,
  stage: string,
): CodeOption[] {
  const allocated = allocatedEnvironments(allocations, participant, stage);
  const nameOf = (code: string) => environments.find((environment) => sameCode(environment.code, code))?.name;
  if (allocated.length === 0) return environments.map((environment) => ({ code: environment.code, name: environment.name }));
  const group = allocatedGroupName(participant, stage);
  return [
    ...allocated.map((code) => ({ code, name: nameOf(code), group })),
    ...environments
      .filter((environment) => !allocated.some((code) => sameCode(code, environment.code)))
      .map((environment) => ({ code: environment.code, name: environment.name, group: OTHER_ENVIRONMENTS })),
  ];
}
