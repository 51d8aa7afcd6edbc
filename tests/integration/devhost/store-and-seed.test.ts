import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ENVIRONMENTS_PLAN, EXIT_CRITERIA, PARTICIPANT_REGISTER, QUALIFICATION_REQUIREMENTS, readConfig } from "../../../src/ado/configStore";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import { validateMpanCore } from "../../../src/domain/mpan";
import { parseArguments } from "../../../devhost/cli";
import { MIGRATIONS } from "../../../devhost/store/migrations";
import { schemaVersion } from "../../../devhost/store/database";
import { openStore } from "../../../devhost/store/store";
import { bootstrapOrganization } from "../../../devhost/store/bootstrap";
import { CONFIG_COLLECTION, CONFIG_DOCUMENT, FRESH_PROJECT, MHHS_EXTENSION, seedIfEmpty, seedProgramme, workItemCount } from "../../../devhost/seed";
import { PortInUseError } from "../../../devhost/server";
import { ANCHOR, JSON_PATCH, ORG, PROJECT, PROJECT_PATH, Rest, startTestHost } from "./host";

function seededStore(scale: number) {
  const store = openStore(":memory:");
  bootstrapOrganization(store, { defaultProject: PROJECT });
  const result = seedProgramme(store, { scale, anchor: ANCHOR });
  return { store, result };
}

/** Row counts of every table: equal fingerprints mean nothing was written. */
function fingerprint(store: ReturnType<typeof openStore>): Record<string, number> {
  const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (store.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

describe("devhost store", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "devhost-"));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("applies the migrations in order and records the schema version", () => {
    const store = openStore(dataDir);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    store.close();
    expect(fs.existsSync(path.join(dataDir, "devhost.sqlite"))).toBe(true);
  });

  it("keeps data and the PAT across restarts, and starts fresh with reset", async () => {
    const first = await startTestHost({ dataDir });
    const created = await new Rest(first).createWorkItem("Bug", { "System.Title": "Persisted" });
    const pat = first.pat;
    await first.close();

    const second = await startTestHost({ dataDir });
    expect(second.pat).toBe(pat);
    expect((await new Rest(second).get(`${PROJECT_PATH}/_apis/wit/workitems/${created.id}`)).body.fields["System.Title"]).toBe("Persisted");
    await second.close();

    const reset = await startTestHost({ dataDir, reset: true });
    expect((await new Rest(reset).get(`${PROJECT_PATH}/_apis/wit/workitems/${created.id}`)).status).toBe(404);
    await reset.close();
  });

  it("reports a port in use clearly", async () => {
    const first = await startTestHost();
    try {
      await expect(startTestHost({ port: first.port })).rejects.toThrow(PortInUseError);
      await expect(startTestHost({ port: first.port })).rejects.toThrow(/Port \d+ is already in use/);
    } finally {
      await first.close();
    }
  });

  it("parses the command line and the environment", () => {
    expect(parseArguments(["--port", "8123", "--data", "/tmp/x", "--reset"], {})).toMatchObject({ port: 8123, dataDir: "/tmp/x", reset: true, scale: 1 });
    expect(parseArguments([], { DEVHOST_PORT: "9000", DEVHOST_PAT: "secret", DEVHOST_FAULTS: "1" })).toMatchObject({ port: 9000, pat: "secret", faults: true });
    expect(() => parseArguments(["--bogus"], {})).toThrow(/Unknown argument/);
  });

  describe("atomicity", () => {
    it("leaves every table unchanged after rejected requests", async () => {
      const host = await startTestHost({ seedScale: 0.01 });
      try {
        const rest = new Rest(host);
        const before = fingerprint(host.store);
        const bug = (host.store.db.prepare("SELECT MAX(work_item_id) AS id FROM work_item_field_values WHERE field = 'System.WorkItemType' AND value = 'Bug'").get() as { id: number }).id;
        const failures = [
          // A work item patch whose last op fails.
          await rest.patch(`${PROJECT_PATH}/_apis/wit/workitems/${bug}`, [
            { op: "replace", path: "/fields/System.Title", value: "changed" },
            { op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Related", url: `${host.url}/${ORG}/_apis/wit/workItems/1` } },
            { op: "add", path: "/fields/System.State", value: "No such state" },
          ], { contentType: JSON_PATCH }),
          // A layout change that derives a system type, then fails on an unknown field.
          await rest.post(
            `/${ORG}/_apis/work/processes/${host.store.processes.findByName("MHHS Agile")!.id}/workItemTypes/Microsoft.VSTS.WorkItemTypes.Task/layout/groups/Microsoft.VSTS.WorkItemTypes.Task.Planning/controls`,
            { id: "Custom.NotAField" },
          ),
          // A create whose relation points nowhere.
          await rest.post(`${PROJECT_PATH}/_apis/wit/workitems/$Bug`, [
            { op: "add", path: "/fields/System.Title", value: "x" },
            { op: "add", path: "/relations/-", value: { rel: "System.LinkTypes.Related", url: `${host.url}/${ORG}/_apis/wit/workItems/424242` } },
          ], { contentType: JSON_PATCH }),
        ];
        expect(failures.map((f) => f.status)).toEqual([400, 404, 404]);
        expect(fingerprint(host.store)).toEqual(before);
        expect(host.store.processes.type(host.store.processes.findByName("MHHS Agile")!.id, "Task")!.customization).toBe("system");
      } finally {
        await host.close();
      }
    });
  });
});

describe("devhost seed", () => {
  it("is deterministic for a seed, scale and anchor date", () => {
    const a = seededStore(0.05);
    const b = seededStore(0.05);
    const snapshot = (store: typeof a.store) => store.db.prepare("SELECT id, fields FROM work_items ORDER BY id").all();
    expect(snapshot(a.store)).toEqual(snapshot(b.store));
    expect(a.result.workItems).toBe(workItemCount(0.05) + a.result.testPlans + a.result.testSuites);
  });

  it("seeds 5,500 programme work items, their test plans and ~12,000 test points at scale 1", () => {
    const { store, result } = seededStore(1);
    expect(result.workItems).toBe(5500 + result.testPlans + result.testSuites);
    expect(result.testPoints).toBeGreaterThan(11_000);
    expect(result.testPoints).toBeLessThan(13_000);
    const byType = store.db.prepare("SELECT value AS type, COUNT(*) AS n FROM work_item_field_values WHERE field = 'System.WorkItemType' GROUP BY value").all();
    expect(byType).toEqual(expect.arrayContaining([{ type: "User Story", n: 1000 }, { type: "Test Case", n: 3000 }, { type: "Bug", n: 1500 }]));
    store.close();
  });

  it("produces programme-like data: valid MPANs, programme ids, participants, links", () => {
    const { store } = seededStore(0.1);
    const values = (field: string) => (store.db.prepare("SELECT value FROM work_item_field_values WHERE field = ?").all(field) as { value: string }[]).map((r) => String(r.value));
    const mpans = values("Custom.MhhsTestMpans").flatMap((v) => v.split(";").map((m) => m.trim()));
    expect(mpans.length).toBeGreaterThan(300);
    expect(mpans.every((m) => validateMpanCore(m).valid)).toBe(true);
    expect(values("Custom.MhhsTestCaseId").some((id) => /^QT-\d{3}$/.test(id))).toBe(true);
    expect(values("Custom.MhhsTestCaseId").some((id) => /^SITNFT-T\d-\d{3}$/.test(id))).toBe(true);
    expect(new Set(values("Microsoft.VSTS.Common.Severity"))).toEqual(new Set(["1 - Critical", "2 - High", "3 - Medium", "4 - Low"]));
    expect(values("Custom.MhhsWorkOffPlan").length).toBeGreaterThan(0);
    expect(values("Custom.MhhsDesignReferences").some((r) => /IF-0\d\d/.test(r))).toBe(true);
    const links = store.db.prepare("SELECT rel, COUNT(*) AS n FROM work_item_relations GROUP BY rel").all() as { rel: string; n: number }[];
    const count = (rel: string) => links.find((l) => l.rel === rel)?.n ?? 0;
    expect(count("Microsoft.VSTS.Common.TestedBy-Forward")).toBe(count("Microsoft.VSTS.Common.TestedBy-Reverse"));
    expect(count("Microsoft.VSTS.Common.TestedBy-Forward")).toBeGreaterThan(300);
    store.close();
  });

  it("stores configuration documents the extension's config store reads without problems", () => {
    const { store } = seededStore(0.01);
    const scope = { ...MHHS_EXTENSION, scopeType: "Default" as const, scopeValue: "Current", collection: CONFIG_COLLECTION };
    const context = { catalogues: resolveCatalogues() };
    for (const [kind, id] of [
      [PARTICIPANT_REGISTER, CONFIG_DOCUMENT.participantRegister],
      [ENVIRONMENTS_PLAN, CONFIG_DOCUMENT.environmentsPlan],
      [EXIT_CRITERIA, CONFIG_DOCUMENT.exitCriteria],
      [QUALIFICATION_REQUIREMENTS, QUALIFICATION_REQUIREMENTS.id],
    ] as const) {
      const stored = store.extensionData.get(scope, id)!;
      const loaded = readConfig(kind as typeof PARTICIPANT_REGISTER, { ...stored.body, id, __etag: stored.etag }, context);
      expect({ id, problems: loaded.problems }).toEqual({ id, problems: [] });
    }
    const register = store.extensionData.get(scope, CONFIG_DOCUMENT.participantRegister)!.body as { data: { participants: { mpid: string }[] } };
    expect(register.data.participants.length).toBe(60);
    store.close();
  });

  it("seeds only an empty store, and leaves Fresh Project on plain Agile without MHHS fields", () => {
    const { store } = seededStore(0.01);
    expect(seedIfEmpty(store, { scale: 0.01 })).toBeUndefined();
    const fresh = store.projects.find(FRESH_PROJECT)!;
    expect(store.processes.get(fresh.processId)!.name).toBe("Agile");
    const bug = store.processes.type(fresh.processId, "Bug")!;
    expect(store.processes.typeField(bug, "Custom.MhhsTestStage")).toBeUndefined();
    const programme = store.projects.find(PROJECT)!;
    expect(store.processes.get(programme.processId)!.name).toBe("MHHS Agile");
    store.close();
  });
});
