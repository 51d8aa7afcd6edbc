// The programme configuration the hub reads, from the configuration documents through src/ado. A
// document that does not pass its checks still loads (with the problem listed), so one bad entry
// never hides the hub; a missing document gives the domain's defaults. The qualification
// requirements are read on their own: when they cannot be read the reason is kept for the
// participants pivot to show, and the rest of the configuration still loads.

import type { AdoConnection } from "../../../ado/clients";
import {
  ConfigStore,
  ENVIRONMENTS_PLAN,
  EXIT_CRITERIA,
  LoadedConfig,
  loadCatalogues,
  PARTICIPANT_REGISTER,
  QUALIFICATION_REQUIREMENTS,
  SLA_TARGETS,
  STAGE_CALENDAR,
} from "../../../ado/configStore";
import { failureMessage } from "../../../ado/errors";
import { retestRuleOf } from "../../../domain/coverage";
import { validateExitCriteria } from "../../../domain/exitCriteria";
import { checkQualificationRequirements, QualificationRequirements } from "../../../domain/qualificationRequirements";
import type { HubConfiguration } from "./programmeServices";

function problemsOf(config: LoadedConfig<unknown>): string[] {
  return config.problems.map((p) => `${p.path ? `${p.path}: ` : ""}${p.message}`);
}

export async function loadHubConfiguration(connection: Pick<AdoConnection, "documents">): Promise<HubConfiguration> {
  const plain = new ConfigStore(connection.documents);
  const catalogues = await loadCatalogues(plain);
  const store = new ConfigStore(connection.documents, { catalogues });
  const [register, plan, criteria, rules, calendar, qualification] = await Promise.all([
    store.load(PARTICIPANT_REGISTER),
    store.load(ENVIRONMENTS_PLAN),
    store.load(EXIT_CRITERIA),
    store.load(SLA_TARGETS),
    store.load(STAGE_CALENDAR),
    store.load(QUALIFICATION_REQUIREMENTS).then(
      (loaded): { loaded: LoadedConfig<QualificationRequirements> } => ({ loaded }),
      (error: unknown) => ({ failure: failureMessage(error) }),
    ),
  ]);
  const problems = [
    ...problemsOf(register).map((p) => `Participant register: ${p}`),
    ...problemsOf(plan).map((p) => `Environments plan: ${p}`),
    ...problemsOf(criteria).map((p) => `Exit criteria: ${p}`),
    ...problemsOf(rules).map((p) => `SLA targets: ${p}`),
    ...problemsOf(calendar).map((p) => `Stage calendar: ${p}`),
    ...("loaded" in qualification ? problemsOf(qualification.loaded).map((p) => `Qualification requirements: ${p}`) : []),
  ];
  // Only valid criteria are judged; the invalid ones are listed among the problems above.
  const exitCriteria = Object.fromEntries(Object.entries(criteria.data.byStage ?? {}).map(([stage, list]) => [stage, validateExitCriteria(list).criteria]));
  return {
    catalogues,
    participants: Array.isArray(register.data.participants) ? register.data.participants : [],
    environments: Array.isArray(plan.data.environments) ? plan.data.environments : [],
    allocations: Array.isArray(plan.data.allocations) ? plan.data.allocations : [],
    limits: plan.data.limits ?? {},
    exitCriteria,
    ...(retestRuleOf(criteria.data.retests) ? { retests: retestRuleOf(criteria.data.retests) } : {}),
    defectRules: rules.data ?? {},
    stageEndDates: calendar.problems.length === 0 ? calendar.data.endDates : {},
    // Only what passes is judged on; what does not is listed among the problems above.
    ...("loaded" in qualification
      ? { qualification: checkQualificationRequirements(qualification.loaded.data, catalogues).usable }
      : { qualificationFailure: qualification.failure }),
    problems,
  };
}
