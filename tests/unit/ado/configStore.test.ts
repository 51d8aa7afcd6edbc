import {
  CONFIG_COLLECTION,
  ConfigKind,
  ConfigStore,
  ENVIRONMENTS_PLAN,
  EXIT_CRITERIA,
  loadCatalogues,
  migrateConfig,
  PARTICIPANT_REGISTER,
  PICKLIST_OVERRIDES,
  PLAN_STAGE_MAPPING,
  QUALIFICATION_REQUIREMENTS,
  readConfig,
  SLA_TARGETS,
  STAGE_CALENDAR,
  CONFIG_KINDS,
  LoadedConfig,
} from "../../../src/ado/configStore";
import { memoryDocumentStore } from "../../../src/ado/documents";
import { ConfigValidationError, ConflictError } from "../../../src/ado/errors";
import { resolveCatalogues } from "../../../src/domain/catalogues";

const context = { catalogues: resolveCatalogues() };
const fixedNow = () => new Date("2026-02-01T09:30:00.000Z");

const supplier = { mpid: "ABCD", organisation: "Bright Energy", roles: ["SUP"], path: "SIT", reliance: "none" };

describe("ConfigStore", () => {
  it("gives the defaults while the document does not exist", async () => {
    const store = new ConfigStore(memoryDocumentStore(), context, fixedNow);
    const loaded = await store.load(PARTICIPANT_REGISTER);
    expect(loaded).toEqual({ data: { participants: [] }, exists: false, migrated: false, readOnly: false, problems: [] });
    const sla = await store.load(SLA_TARGETS);
    expect(sla.data.slaWorkingDays).toEqual({ "1 - Critical": 2, "2 - High": 5, "3 - Medium": 10, "4 - Low": 20 });
  });

  it("saves with the schema version and reads back with its etag", async () => {
    const documents = memoryDocumentStore();
    const store = new ConfigStore(documents, context, fixedNow);
    const saved = await store.save(PARTICIPANT_REGISTER, { participants: [supplier] } as never, undefined, { savedBy: "Test Manager" });
    expect(saved).toMatchObject({ etag: 1, exists: true, storedVersion: 1, savedBy: "Test Manager", savedAt: "2026-02-01T09:30:00.000Z", problems: [] });
    expect(documents.collections.get(CONFIG_COLLECTION)?.get("participant-register")).toMatchObject({ schemaVersion: 1, __etag: 1 });
    const loaded = await store.load(PARTICIPANT_REGISTER);
    expect(loaded.data.participants[0].mpid).toBe("ABCD");
    const again = await store.save(PARTICIPANT_REGISTER, loaded.data, loaded.etag);
    expect(again.etag).toBe(2);
  });

  it("refuses a stale etag with a ConflictError carrying what is stored now", async () => {
    const store = new ConfigStore(memoryDocumentStore(), context, fixedNow);
    const first = await store.save(PLAN_STAGE_MAPPING, { plans: [{ planId: 1, stage: "SIT-FUNC" }] }, undefined, { savedBy: "Alex" });
    await store.save(PLAN_STAGE_MAPPING, { plans: [{ planId: 1, stage: "QT" }] }, first.etag, { savedBy: "Sam" });
    const error = await store.save(PLAN_STAGE_MAPPING, { plans: [{ planId: 2, stage: "SIT-MIG" }] }, first.etag).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError<LoadedConfig<{ plans: unknown[] }>>;
    expect(conflict.message).toBe(
      "The plan-to-stage mapping was changed by someone else (Sam) since you opened it. Your changes were not saved: compare them with the saved version, then save again.",
    );
    expect(conflict.currentEtag).toBe(2);
    expect(conflict.current?.data).toEqual({ plans: [{ planId: 1, stage: "QT" }] });
  });

  it("refuses to create a document someone else created first", async () => {
    const documents = memoryDocumentStore();
    await new ConfigStore(documents, context).save(PLAN_STAGE_MAPPING, { plans: [] }, undefined);
    await expect(new ConfigStore(documents, context).save(PLAN_STAGE_MAPPING, { plans: [] }, undefined)).rejects.toBeInstanceOf(ConflictError);
  });

  it("does not save what fails validation, and says where", async () => {
    const store = new ConfigStore(memoryDocumentStore(), context);
    const error = await store
      .save(PARTICIPANT_REGISTER, { participants: [supplier, { ...supplier, roles: ["XYZ"] }] } as never, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["participants[1].mpid", "participants[1].roles"]));
    expect((error as Error).message).toMatch(/^The participant register was not saved: participants\[1\]\./);
  });

  it("returns stored data that no longer passes, with its problems, so it can be corrected", async () => {
    const documents = memoryDocumentStore();
    await documents.set(CONFIG_COLLECTION, { id: "plan-stage-mapping", schemaVersion: 1, data: { plans: [{ planId: -4, stage: "NOPE" }] } });
    const loaded = await new ConfigStore(documents, context).load(PLAN_STAGE_MAPPING);
    expect(loaded.data).toEqual({ plans: [{ planId: -4, stage: "NOPE" }] });
    expect(loaded.problems).toEqual([
      { path: "plans[0].planId", message: "The plan id must be a whole number, 1 or more" },
      { path: "plans[0].stage", message: 'Stage "NOPE" is not a known stage' },
    ]);
  });
});

describe("schema versions and migrations", () => {
  interface Thresholds {
    passRate: number;
    stages: string[];
  }
  const THRESHOLDS: ConfigKind<Thresholds> = {
    id: "thresholds",
    title: "The thresholds",
    version: 3,
    defaults: () => ({ passRate: 95, stages: [] }),
    migrations: {
      1: (data) => ({ passRate: Number((data as { pass: string }).pass) }),
      2: (data) => ({ ...(data as object), stages: [] }),
    },
    validate: (data) => (typeof (data as Thresholds).passRate === "number" ? [] : [{ path: "passRate", message: "A number is needed" }]),
  };

  it("upgrades old documents one version at a time", async () => {
    const documents = memoryDocumentStore();
    await documents.set(CONFIG_COLLECTION, { id: "thresholds", schemaVersion: 1, data: { pass: "90" } });
    const loaded = await new ConfigStore(documents, context).load(THRESHOLDS);
    expect(loaded).toMatchObject({ data: { passRate: 90, stages: [] }, storedVersion: 1, migrated: true, readOnly: false, problems: [] });
    expect(migrateConfig(THRESHOLDS, { passRate: 80 }, 2)).toEqual({ data: { passRate: 80, stages: [] }, problems: [] });
  });

  it("saves at the current version after a migration", async () => {
    const documents = memoryDocumentStore();
    await documents.set(CONFIG_COLLECTION, { id: "thresholds", schemaVersion: 2, data: { passRate: 70 } });
    const store = new ConfigStore(documents, context);
    const loaded = await store.load(THRESHOLDS);
    const saved = await store.save(THRESHOLDS, loaded.data, loaded.etag);
    expect(saved).toMatchObject({ storedVersion: 3, migrated: false });
  });

  it("shows a document from a newer build read-only", () => {
    const loaded = readConfig(THRESHOLDS, { id: "thresholds", __etag: 4, schemaVersion: 5, data: { passRate: 1 } }, context);
    expect(loaded).toMatchObject({ readOnly: true, storedVersion: 5, etag: 4, data: { passRate: 1 } });
    expect(loaded.problems[0].message).toMatch(/saved by a newer version of the extension \(schema 5\)/);
  });

  it("falls back to the defaults when a migration is missing or the document is not recognised", () => {
    const gap: ConfigKind<Thresholds> = { ...THRESHOLDS, migrations: { 2: THRESHOLDS.migrations[2] } };
    const loaded = readConfig(gap, { id: "thresholds", __etag: 1, schemaVersion: 1, data: {} }, context);
    expect(loaded.data).toEqual({ passRate: 95, stages: [] });
    expect(loaded.problems[0].message).toBe("The thresholds was stored at schema version 1, which this version of the extension cannot read");
    const odd = readConfig(THRESHOLDS, { id: "thresholds", __etag: 1, passRate: 3 }, context);
    expect(odd).toMatchObject({ data: { passRate: 95 }, etag: 1, exists: true });
    expect(odd.problems).toHaveLength(1);
  });
});

describe("the kinds", () => {
  it("each have an id, a version and defaults that pass their own checks", () => {
    const ids = CONFIG_KINDS.map((kind) => kind.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of CONFIG_KINDS) {
      expect(kind.version).toBeGreaterThanOrEqual(1);
      expect((kind as ConfigKind<unknown>).validate(kind.defaults(context), context)).toEqual([]);
    }
  });

  it("refuse what is not a record", () => {
    for (const kind of CONFIG_KINDS) {
      expect((kind as ConfigKind<unknown>).validate([], context)).toEqual([{ path: "", message: expect.stringContaining("must be a record") }]);
    }
  });

  it("environments plan: environments, allocations (by the domain's rules) and limits", () => {
    const plan = ENVIRONMENTS_PLAN.defaults(context);
    plan.environments.push({ code: "sit-a", capacity: 0 });
    plan.allocations.push({ participant: "ABCD", environment: "NOWHERE", stage: "SIT-FUNC", from: "2026-03-10", to: "2026-03-01" });
    plan.limits = { overall: 2, byStage: { "SIT-FUNC": 1, LATER: 0 } };
    expect(ENVIRONMENTS_PLAN.validate(plan, context)).toEqual([
      { path: "environments[7].code", message: "Environment sit-a is listed twice" },
      { path: "environments[7].capacity", message: "Capacity must be a whole number of participants, 1 or more" },
      { path: "allocations[0]", message: 'Environment "NOWHERE" is not in the environments plan.' },
      { path: "allocations[0]", message: "The allocation ends (2026-03-01) before it starts (2026-03-10)." },
      { path: "limits.byStage.LATER", message: 'Stage "LATER" is not a known stage' },
      { path: "limits.byStage.LATER", message: "The limit must be a whole number of environments, 1 or more" },
    ]);
  });

  it("exit criteria: known stages and the domain's rule checks", () => {
    const problems = EXIT_CRITERIA.validate({ byStage: { QT: [{ id: "p", metric: "passRate", op: ">=", value: 140 }], NOPE: [] } }, context);
    expect(problems).toEqual([
      { path: "byStage.QT", message: 'Criterion "p": Pass rate is a percentage, so the target must be between 0 and 100.' },
      { path: "byStage.NOPE", message: 'Stage "NOPE" is not a known stage' },
    ]);
  });

  it("exit criteria: the retest rule for coverage is one of the domain's", () => {
    expect(EXIT_CRITERIA.validate({ byStage: {}, retests: "supersede" }, context)).toEqual([]);
    expect(EXIT_CRITERIA.validate({ byStage: {}, retests: "latest" }, context)).toEqual([{ path: "retests", message: 'Retests must be one of count, supersede, not "latest"' }]);
  });

  it("plan-to-stage mapping: one row per plan", () => {
    const problems = PLAN_STAGE_MAPPING.validate({ plans: [{ planId: 7, stage: "QT" }, { planId: 7, stage: "QT", cycle: "" }] }, context);
    expect(problems).toEqual([
      { path: "plans[1].planId", message: "Test plan 7 is already mapped in row 1" },
      { path: "plans[1].cycle", message: "The cycle, when given, must be a name such as C1" },
    ]);
  });

  it("SLA targets: the domain's messages", () => {
    expect(SLA_TARGETS.validate({ slaWorkingDays: { "1 - Critical": -1 } }, context)).toEqual([
      { path: "", message: 'SLA target for 1 - Critical must be a number of working days (0 or more), not "-1".' },
    ]);
  });

  it("stage calendar: known stages and ISO dates", () => {
    expect(STAGE_CALENDAR.validate({ endDates: { QT: "2026-06-30", "SIT-FUNC": "30/06/2026", LATER: "2026-07-01" } }, context)).toEqual([
      { path: "endDates.SIT-FUNC", message: "The end date of SIT-FUNC is not an ISO date (yyyy-mm-dd)" },
      { path: "endDates.LATER", message: 'Stage "LATER" is not a known stage' },
    ]);
  });

  it("picklist overrides: known picklists, complete entries, nothing left empty", () => {
    expect(
      PICKLIST_OVERRIDES.validate(
        { colours: {}, stages: { add: [{ code: "SIT-X", name: "Extra" }] }, roles: { add: [{ code: "NEW", name: "New", kind: "other" }] }, nftCategories: { remove: "Stress" } },
        context,
      ),
    ).toEqual([
      { path: "colours", message: '"colours" is not a picklist; use stages, roles, requirementTypes, nftCategories, defectCategories' },
      { path: "stages.add[0].phase", message: "The phase must be PIT, SIT or UIT" },
      { path: "stages.add[0].order", message: "The order must be a number" },
      { path: "roles.add[0].kind", message: "The kind must be central or participant" },
      { path: "nftCategories.remove", message: "Remove must be a list of codes" },
    ]);
    expect(PICKLIST_OVERRIDES.validate({ requirementTypes: { replace: [] } }, context)).toEqual([
      { path: "requirementTypes", message: "The requirementTypes picklist would be left empty" },
    ]);
  });

  it("qualification requirements: nothing required by default; the domain's checks against the catalogues in force", async () => {
    expect(QUALIFICATION_REQUIREMENTS.id).toBe("qualification-requirements");
    expect(QUALIFICATION_REQUIREMENTS.defaults(context)).toEqual({ requiredTests: [] });
    expect(
      QUALIFICATION_REQUIREMENTS.validate({ requiredTests: [{ role: "XYZ", path: "QT", programmeTestCaseIds: ["QT-1"] }], stagesByPath: { UIT: ["QT"] } }, context),
    ).toEqual([
      { path: "requiredTests[0].role", message: 'Unknown market role "XYZ"' },
      { path: "requiredTests[0].programmeTestCaseIds", message: '"QT-1": QT needs three digits, as in QT-093; got 1' },
      { path: "stagesByPath.UIT", message: 'Path "UIT" is not SIT or QT' },
    ]);
    const extra = { catalogues: resolveCatalogues({ roles: { add: [{ code: "MSA", name: "Metering Service (Advanced)", kind: "participant" }] } }) };
    expect(QUALIFICATION_REQUIREMENTS.validate({ requiredTests: [{ role: "MSA", testCaseIds: [5] }] }, extra)).toEqual([]);

    // A refused save leaves what is stored as it was.
    const documents = memoryDocumentStore();
    const store = new ConfigStore(documents, context, fixedNow);
    const saved = await store.save(QUALIFICATION_REQUIREMENTS, { requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001"] }] }, undefined);
    const error = await store.save(QUALIFICATION_REQUIREMENTS, { requiredTests: [{ role: "SUP", programmeTestCaseIds: ["QT-93"] }] }, saved.etag).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toMatch(/^The qualification requirements document was not saved: requiredTests\[0\]\.programmeTestCaseIds/);
    expect((await store.load(QUALIFICATION_REQUIREMENTS)).data).toEqual({ requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001"] }] });
  });

  it("the catalogues in force include the stored overrides", async () => {
    const store = new ConfigStore(memoryDocumentStore(), context);
    await store.save(PICKLIST_OVERRIDES, { defectCategories: { add: [{ code: "Tooling", name: "Test tooling" }] } }, undefined);
    const catalogues = await loadCatalogues(store);
    expect(catalogues.defectCategories.map((c) => c.code)).toContain("Tooling");
  });
});
