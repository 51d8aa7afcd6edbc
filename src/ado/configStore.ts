// Programme configuration kept in extension data documents: one document per kind (participant
// register, environments plan, exit criteria, plan-to-stage mapping, SLA targets, stage calendar,
// picklist overrides, qualification requirements), each with a schema version, migrations from older versions and a validator. The
// MHHS rules themselves are the domain's; this file checks the shape and calls them.

import { Catalogues, CatalogueOverrides, resolveCatalogues } from "../domain/catalogues";
import { parseDay } from "../domain/days";
import { DEFAULT_DEFECT_RULES, DefectRulesInput, validateDefectRules } from "../domain/defects";
import {
  ConcurrencyLimits,
  DEFAULT_CONCURRENCY_LIMITS,
  DEFAULT_ENVIRONMENTS,
  EnvironmentAllocation,
  EnvironmentDefinition,
  validateAllocation,
} from "../domain/environments";
import { RETEST_RULES, RetestRule } from "../domain/coverage";
import { DEFAULT_EXIT_CRITERIA_BY_STAGE, ExitCriterion, validateExitCriteria } from "../domain/exitCriteria";
import type { Participant } from "../domain/model";
import { validateParticipantRegister } from "../domain/participants";
import { DEFAULT_QUALIFICATION_REQUIREMENTS, QualificationRequirements, validateQualificationRequirements } from "../domain/qualificationRequirements";
import { DocumentStore, StoredDocument } from "./documents";
import { ConfigValidationError, ConflictError, ValidationProblem } from "./errors";

export const CONFIG_COLLECTION = "mhhs-configuration";

export interface ConfigContext {
  /** The catalogues in force (defaults with the project's picklist overrides applied). */
  catalogues: Catalogues;
}

export interface ConfigKind<T> {
  /** The document's id in CONFIG_COLLECTION. */
  readonly id: string;
  /** How messages name it: "The participant register". */
  readonly title: string;
  /** The schema version this build writes. */
  readonly version: number;
  defaults(context: ConfigContext): T;
  /** migrations[n] turns data written at version n into version n + 1. */
  readonly migrations: Readonly<Record<number, (data: unknown) => unknown>>;
  validate(data: unknown, context: ConfigContext): ValidationProblem[];
}

export interface LoadedConfig<T> {
  data: T;
  /** Send back to save; undefined while the document does not exist. */
  etag?: number;
  exists: boolean;
  /** The schema version it was stored with. */
  storedVersion?: number;
  /** True when it was stored at an older version and upgraded on reading. */
  migrated: boolean;
  /** Stored by a newer build of the extension: show it, but do not save over it. */
  readOnly: boolean;
  /** What is wrong with the stored data (it is still returned, so it can be corrected). */
  problems: ValidationProblem[];
  savedAt?: string;
  savedBy?: string;
}

interface ConfigEnvelope extends StoredDocument {
  schemaVersion: number;
  data: unknown;
  savedAt?: string;
  savedBy?: string;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Upgrades data from `fromVersion` to the kind's version, one migration at a time. */
export function migrateConfig<T>(kind: ConfigKind<T>, data: unknown, fromVersion: number): { data: unknown; problems: ValidationProblem[] } {
  let current = data;
  for (let version = fromVersion; version < kind.version; version++) {
    const migrate = kind.migrations[version];
    if (!migrate) {
      return {
        data: undefined,
        problems: [{ path: "", message: `${kind.title} was stored at schema version ${version}, which this version of the extension cannot read` }],
      };
    }
    current = migrate(current);
  }
  return { data: current, problems: [] };
}

/** A stored document (or its absence) as configuration: defaults, migration, validation. */
export function readConfig<T>(kind: ConfigKind<T>, stored: StoredDocument | undefined, context: ConfigContext): LoadedConfig<T> {
  const base = { migrated: false, readOnly: false };
  if (!stored) return { ...base, data: kind.defaults(context), exists: false, problems: [] };
  const envelope = stored as ConfigEnvelope;
  const known = { etag: stored.__etag, exists: true, savedAt: envelope.savedAt, savedBy: envelope.savedBy };
  const version = envelope.schemaVersion;
  if (!Number.isInteger(version) || version < 1 || !("data" in envelope)) {
    return {
      ...base,
      ...known,
      data: kind.defaults(context),
      problems: [{ path: "", message: `${kind.title} is not stored in a form this extension recognises; the defaults are shown` }],
    };
  }
  if (version > kind.version) {
    return {
      ...base,
      ...known,
      storedVersion: version,
      readOnly: true,
      data: envelope.data as T,
      problems: [
        {
          path: "",
          message: `${kind.title} was saved by a newer version of the extension (schema ${version}); update the extension before changing it`,
        },
      ],
    };
  }
  const migrated = migrateConfig(kind, envelope.data, version);
  if (migrated.problems.length > 0) {
    return { ...base, ...known, storedVersion: version, data: kind.defaults(context), problems: migrated.problems };
  }
  return {
    ...base,
    ...known,
    storedVersion: version,
    migrated: version < kind.version,
    data: migrated.data as T,
    problems: kind.validate(migrated.data, context),
  };
}

export interface SaveOptions {
  /** Display name of whoever saves, kept with the document. */
  savedBy?: string;
}

export class ConfigStore {
  constructor(
    private readonly documents: DocumentStore,
    private readonly context: ConfigContext = { catalogues: resolveCatalogues() },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load<T>(kind: ConfigKind<T>): Promise<LoadedConfig<T>> {
    return readConfig(kind, await this.documents.get(CONFIG_COLLECTION, kind.id), this.context);
  }

  /**
   * Saves when the data passes its checks (ConfigValidationError otherwise) and nobody else has
   * saved since `expectedEtag` (undefined: the document must not exist yet). On a conflict the
   * ConflictError carries what is stored now, read as configuration, so both can be shown.
   */
  async save<T>(kind: ConfigKind<T>, data: T, expectedEtag: number | undefined, options: SaveOptions = {}): Promise<LoadedConfig<T>> {
    const problems = kind.validate(data, this.context);
    if (problems.length > 0) throw new ConfigValidationError(kind.title, problems);
    const envelope: ConfigEnvelope = {
      id: kind.id,
      schemaVersion: kind.version,
      data: clone(data),
      savedAt: this.now().toISOString(),
    };
    if (expectedEtag !== undefined) envelope.__etag = expectedEtag;
    if (options.savedBy) envelope.savedBy = options.savedBy;
    try {
      return readConfig(kind, await this.documents.set(CONFIG_COLLECTION, envelope), this.context);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const current = error.current ? readConfig(kind, error.current as StoredDocument, this.context) : undefined;
      const who = current?.savedBy ? ` (${current.savedBy})` : "";
      throw new ConflictError<LoadedConfig<T>>(
        `${kind.title} was changed by someone else${who} since you opened it. Your changes were not saved: compare them with the saved version, then save again.`,
        { subject: "document", current, currentEtag: current?.etag, cause: error },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Shape checks shared by the kinds

type Problems = ValidationProblem[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function expectRecord(data: unknown, title: string, problems: Problems): data is Record<string, unknown> {
  if (isRecord(data)) return true;
  problems.push({ path: "", message: `${title} must be a record of settings` });
  return false;
}

function expectList(value: unknown, path: string, what: string, problems: Problems): value is unknown[] {
  if (Array.isArray(value)) return true;
  problems.push({ path, message: `${what} must be a list` });
  return false;
}

function knownStage(context: ConfigContext, code: string): boolean {
  const wanted = code.trim().toUpperCase();
  return context.catalogues.stages.some((stage) => stage.code.toUpperCase() === wanted);
}

// ---------------------------------------------------------------------------------------------
// The kinds

export interface ParticipantRegisterConfig {
  participants: Participant[];
}

export const PARTICIPANT_REGISTER: ConfigKind<ParticipantRegisterConfig> = {
  id: "participant-register",
  title: "The participant register",
  version: 1,
  defaults: () => ({ participants: [] }),
  migrations: {},
  validate(data, context) {
    const problems: Problems = [];
    if (!expectRecord(data, "The participant register", problems)) return problems;
    if (!expectList(data.participants, "participants", "Participants", problems)) return problems;
    for (const error of validateParticipantRegister(data.participants, context.catalogues).errors) {
      problems.push({
        path: error.field === "participant" ? `participants[${error.index}]` : `participants[${error.index}].${error.field}`,
        message: error.message,
      });
    }
    return problems;
  },
};

export interface EnvironmentsPlanConfig {
  environments: EnvironmentDefinition[];
  allocations: EnvironmentAllocation[];
  limits: ConcurrencyLimits;
}

export const ENVIRONMENTS_PLAN: ConfigKind<EnvironmentsPlanConfig> = {
  id: "environments-plan",
  title: "The environments plan",
  version: 1,
  defaults: () => ({ environments: clone(DEFAULT_ENVIRONMENTS) as EnvironmentDefinition[], allocations: [], limits: clone(DEFAULT_CONCURRENCY_LIMITS) }),
  migrations: {},
  validate(data, context) {
    const problems: Problems = [];
    if (!expectRecord(data, "The environments plan", problems)) return problems;
    const environments: EnvironmentDefinition[] = [];
    if (expectList(data.environments, "environments", "Environments", problems)) {
      const seen = new Set<string>();
      data.environments.forEach((entry, i) => {
        const path = `environments[${i}]`;
        if (!isRecord(entry) || !isText(entry.code)) {
          problems.push({ path: `${path}.code`, message: "Each environment needs a code" });
          return;
        }
        const code = entry.code.trim().toUpperCase();
        if (seen.has(code)) problems.push({ path: `${path}.code`, message: `Environment ${entry.code} is listed twice` });
        seen.add(code);
        if (entry.capacity !== undefined && !isPositiveInteger(entry.capacity)) {
          problems.push({ path: `${path}.capacity`, message: "Capacity must be a whole number of participants, 1 or more" });
        }
        environments.push(entry as unknown as EnvironmentDefinition);
      });
    }
    if (expectList(data.allocations, "allocations", "Allocations", problems)) {
      const stages = context.catalogues.stages.map((stage) => stage.code);
      data.allocations.forEach((entry, i) => {
        for (const message of validateAllocation(entry as EnvironmentAllocation, { environments, stages })) {
          problems.push({ path: `allocations[${i}]`, message });
        }
      });
    }
    if (!isRecord(data.limits)) problems.push({ path: "limits", message: "Limits must be a record (overall, byStage)" });
    else {
      if (data.limits.overall !== undefined && !isPositiveInteger(data.limits.overall)) {
        problems.push({ path: "limits.overall", message: "The overall limit must be a whole number of environments, 1 or more" });
      }
      if (data.limits.byStage !== undefined) {
        if (!isRecord(data.limits.byStage)) problems.push({ path: "limits.byStage", message: "Limits by stage must map stage codes to numbers" });
        else {
          for (const [stage, limit] of Object.entries(data.limits.byStage)) {
            if (!knownStage(context, stage)) problems.push({ path: `limits.byStage.${stage}`, message: `Stage "${stage}" is not a known stage` });
            if (!isPositiveInteger(limit)) {
              problems.push({ path: `limits.byStage.${stage}`, message: "The limit must be a whole number of environments, 1 or more" });
            }
          }
        }
      }
    }
    return problems;
  },
};

export interface ExitCriteriaConfig {
  /** Criteria per stage code; a stage not listed uses the defaults. */
  byStage: Record<string, ExitCriterion[]>;
  /** For requirement coverage: whether a later run of a test supersedes earlier ones (absent: "count", every run counts). */
  retests?: RetestRule;
}

export const EXIT_CRITERIA: ConfigKind<ExitCriteriaConfig> = {
  id: "exit-criteria",
  title: "The exit criteria",
  version: 1,
  defaults: () => ({ byStage: clone(DEFAULT_EXIT_CRITERIA_BY_STAGE) as Record<string, ExitCriterion[]> }),
  migrations: {},
  validate(data, context) {
    const problems: Problems = [];
    if (!expectRecord(data, "The exit criteria", problems)) return problems;
    if (data.retests !== undefined && !RETEST_RULES.includes(data.retests as RetestRule)) {
      problems.push({ path: "retests", message: `Retests must be one of ${RETEST_RULES.join(", ")}, not "${String(data.retests)}"` });
    }
    if (!isRecord(data.byStage)) return [...problems, { path: "byStage", message: "Exit criteria must be listed by stage code" }];
    for (const [stage, criteria] of Object.entries(data.byStage)) {
      const path = `byStage.${stage}`;
      if (!knownStage(context, stage)) problems.push({ path, message: `Stage "${stage}" is not a known stage` });
      for (const message of validateExitCriteria(criteria).messages) problems.push({ path, message });
    }
    return problems;
  },
};

export interface PlanStage {
  /** A test plan of the project. */
  planId: number;
  stage: string;
  cycle?: string;
}

export interface PlanStageMappingConfig {
  plans: PlanStage[];
}

export const PLAN_STAGE_MAPPING: ConfigKind<PlanStageMappingConfig> = {
  id: "plan-stage-mapping",
  title: "The plan-to-stage mapping",
  version: 1,
  defaults: () => ({ plans: [] }),
  migrations: {},
  validate(data, context) {
    const problems: Problems = [];
    if (!expectRecord(data, "The plan-to-stage mapping", problems)) return problems;
    if (!expectList(data.plans, "plans", "Plans", problems)) return problems;
    const seen = new Map<number, number>();
    data.plans.forEach((entry, i) => {
      const path = `plans[${i}]`;
      if (!isRecord(entry)) {
        problems.push({ path, message: "Each mapping needs a plan id and a stage" });
        return;
      }
      if (!isPositiveInteger(entry.planId)) problems.push({ path: `${path}.planId`, message: "The plan id must be a whole number, 1 or more" });
      else if (seen.has(entry.planId)) {
        problems.push({ path: `${path}.planId`, message: `Test plan ${entry.planId} is already mapped in row ${(seen.get(entry.planId) ?? 0) + 1}` });
      } else seen.set(entry.planId, i);
      if (!isText(entry.stage)) problems.push({ path: `${path}.stage`, message: "Choose the stage the plan tests" });
      else if (!knownStage(context, entry.stage)) problems.push({ path: `${path}.stage`, message: `Stage "${entry.stage}" is not a known stage` });
      if (entry.cycle !== undefined && !isText(entry.cycle)) problems.push({ path: `${path}.cycle`, message: "The cycle, when given, must be a name such as C1" });
    });
    return problems;
  },
};

export const SLA_TARGETS: ConfigKind<DefectRulesInput> = {
  id: "sla-targets",
  title: "The SLA targets and defect rules",
  version: 1,
  defaults: () => clone(DEFAULT_DEFECT_RULES) as DefectRulesInput,
  migrations: {},
  validate(data) {
    const problems: Problems = [];
    if (!expectRecord(data, "The SLA targets and defect rules", problems)) return problems;
    return validateDefectRules(data as DefectRulesInput).messages.map((message) => ({ path: "", message }));
  },
};

export interface StageCalendarConfig {
  /** Planned end date (ISO yyyy-mm-dd) of each stage, by stage code. */
  endDates: Record<string, string>;
}

export const STAGE_CALENDAR: ConfigKind<StageCalendarConfig> = {
  id: "stage-calendar",
  title: "The stage calendar",
  version: 1,
  defaults: () => ({ endDates: {} }),
  migrations: {},
  validate(data, context) {
    const problems: Problems = [];
    if (!expectRecord(data, "The stage calendar", problems)) return problems;
    if (!isRecord(data.endDates)) return [{ path: "endDates", message: "Stage end dates must map stage codes to ISO dates" }];
    for (const [stage, date] of Object.entries(data.endDates)) {
      const path = `endDates.${stage}`;
      if (!knownStage(context, stage)) problems.push({ path, message: `Stage "${stage}" is not a known stage` });
      if (typeof date !== "string" || parseDay(date) === null) {
        problems.push({ path, message: `The end date of ${stage} is not an ISO date (yyyy-mm-dd)` });
      }
    }
    return problems;
  },
};

/**
 * Required tests per market role and path, the stages that evidence each path, the Placing
 * Reliance scope and the readiness RAG rules (domain/qualificationRequirements.ts). The default
 * requires nothing: the programme hub then takes each participant's planned tests.
 */
export const QUALIFICATION_REQUIREMENTS: ConfigKind<QualificationRequirements> = {
  id: "qualification-requirements",
  title: "The qualification requirements document",
  version: 1,
  defaults: () => clone(DEFAULT_QUALIFICATION_REQUIREMENTS) as QualificationRequirements,
  migrations: {},
  validate(data, context) {
    const problems: Problems = [];
    if (!expectRecord(data, "The qualification requirements", problems)) return problems;
    return validateQualificationRequirements(data, context.catalogues);
  },
};

const CATALOGUE_NAMES = ["stages", "roles", "requirementTypes", "nftCategories", "defectCategories"] as const;
const PHASES = ["PIT", "SIT", "UIT"];
const ROLE_KINDS = ["central", "participant"];

function checkEntries(list: unknown, catalogue: (typeof CATALOGUE_NAMES)[number], path: string, problems: Problems): void {
  if (!expectList(list, path, "Entries", problems)) return;
  list.forEach((entry, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(entry) || !isText(entry.code) || typeof entry.name !== "string") {
      problems.push({ path: at, message: "Each entry needs a code and a name" });
      return;
    }
    if (catalogue === "stages") {
      if (!PHASES.includes(entry.phase as string)) problems.push({ path: `${at}.phase`, message: "The phase must be PIT, SIT or UIT" });
      if (typeof entry.order !== "number" || !Number.isFinite(entry.order)) problems.push({ path: `${at}.order`, message: "The order must be a number" });
    }
    if (catalogue === "roles" && !ROLE_KINDS.includes(entry.kind as string)) {
      problems.push({ path: `${at}.kind`, message: "The kind must be central or participant" });
    }
  });
}

export const PICKLIST_OVERRIDES: ConfigKind<CatalogueOverrides> = {
  id: "picklist-overrides",
  title: "The picklist overrides",
  version: 1,
  defaults: () => ({}),
  migrations: {},
  validate(data) {
    const problems: Problems = [];
    if (!expectRecord(data, "The picklist overrides", problems)) return problems;
    for (const [name, override] of Object.entries(data)) {
      const catalogue = CATALOGUE_NAMES.find((known) => known === name);
      if (!catalogue) {
        problems.push({ path: name, message: `"${name}" is not a picklist; use ${CATALOGUE_NAMES.join(", ")}` });
        continue;
      }
      if (!isRecord(override)) {
        problems.push({ path: name, message: "An override needs replace, add or remove" });
        continue;
      }
      if (override.replace !== undefined) checkEntries(override.replace, catalogue, `${name}.replace`, problems);
      if (override.add !== undefined) checkEntries(override.add, catalogue, `${name}.add`, problems);
      if (override.remove !== undefined && (!Array.isArray(override.remove) || !override.remove.every(isText))) {
        problems.push({ path: `${name}.remove`, message: "Remove must be a list of codes" });
      }
    }
    if (problems.length === 0) {
      const resolved = resolveCatalogues(data as CatalogueOverrides);
      for (const name of CATALOGUE_NAMES) {
        if (resolved[name].length === 0) problems.push({ path: name, message: `The ${name} picklist would be left empty` });
      }
    }
    return problems;
  },
};

export const CONFIG_KINDS = [
  PARTICIPANT_REGISTER,
  ENVIRONMENTS_PLAN,
  EXIT_CRITERIA,
  PLAN_STAGE_MAPPING,
  SLA_TARGETS,
  STAGE_CALENDAR,
  PICKLIST_OVERRIDES,
  QUALIFICATION_REQUIREMENTS,
] as const;

/** The catalogues in force for a project: the defaults with its stored picklist overrides. */
export async function loadCatalogues(store: ConfigStore): Promise<Catalogues> {
  const overrides = await store.load(PICKLIST_OVERRIDES);
  return resolveCatalogues(overrides.problems.length === 0 ? overrides.data : {});
}
