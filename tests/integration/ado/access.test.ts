// The access layer against a running local host over loopback: paging past the WIQL cap, batch
// reads, retries on injected 429 / 5xx / dropped connections / latency, stale revisions and stale
// document etags.

import "../../../src/ado/node";
import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import { DevhostHandle, startDevhost } from "../../../devhost/server";
import { seedProgramme } from "../../../devhost/seed";
import { AdoConnection } from "../../../src/ado/clients";
import { ConfigStore, ENVIRONMENTS_PLAN, EXIT_CRITERIA, LoadedConfig, loadCatalogues, PARTICIPANT_REGISTER, ParticipantRegisterConfig } from "../../../src/ado/configStore";
import { AdoError, ConflictError } from "../../../src/ado/errors";
import { FIELD } from "../../../src/ado/fields";
import { eq, select, WiqlMacro } from "../../../src/ado/wiql";
import { createWorkItem, LINK_TYPES, queryIds, readWorkItem, readWorkItems, relationTo, updateWorkItem, WIQL_RESULT_CAP } from "../../../src/ado/workItems";
import { resolveWorkItemTypes, typeFor } from "../../../src/ado/workItemTypes";
import { connectToDevhost, DevhostConnectionOptions, Traffic } from "../../support/devhostConnection";

// Scale 4 seeds 22,000 work items: more than one WIQL answer may hold.
const SCALE = 4;

let devhost: DevhostHandle;

beforeAll(async () => {
  devhost = await startDevhost({
    port: 0,
    dataDir: ":memory:",
    faults: true,
    quiet: true,
    seed: (store) => seedProgramme(store, { scale: SCALE, anchor: new Date("2026-01-15T00:00:00Z") }),
  });
}, 180_000);

afterAll(async () => {
  await devhost?.close();
});

afterEach(async () => {
  if (devhost) await fetch(`${devhost.url}/_devhost/faults`, { method: "DELETE" });
});

async function inject(rule: { route: string; method?: string; kind: "latency" | "status" | "drop"; status?: number; retryAfter?: number; latencyMs?: number; times?: number }) {
  const response = await fetch(`${devhost.url}/_devhost/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(rule) });
  expect(response.status).toBe(201);
}

/** A connection whose sleeps are recorded on a clock of their own (no real waiting), and whose requests are counted. */
const connect = (overrides: DevhostConnectionOptions = {}) => connectToDevhost(devhost, { retriesWait: false, ...overrides });

const wiqlCalls = (traffic: Traffic) => traffic.requests.filter((r) => /\/_apis\/wit\/wiql/i.test(r.url));
const batchCalls = (traffic: Traffic) => traffic.requests.filter((r) => /\/_apis\/wit\/workItemsBatch/i.test(r.url));
const everything = select(FIELD.id).where(eq(FIELD.teamProject, WiqlMacro.project));

describe("queryIds", () => {
  it("reads every id of a project larger than the 20,000 cap, in slices under it", async () => {
    const { connection, traffic } = connect();
    const ids = await queryIds(connection, everything);
    expect(ids.length).toBeGreaterThan(WIQL_RESULT_CAP);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(wiqlCalls(traffic)).toHaveLength(Math.ceil(ids.length / (WIQL_RESULT_CAP - 1)));
    expect(wiqlCalls(traffic).every((r) => r.url.includes("%24top=19999"))).toBe(true);
  });

  it("runs a query in another order as written, and slices it when the host refuses it for size", async () => {
    const { connection, traffic } = connect();
    const all = await queryIds(connection, everything);
    const byChange = await queryIds(connection, everything.orderBy(FIELD.changedDate, "desc"));
    expect(byChange).toEqual(all);
    const refused = wiqlCalls(traffic)[Math.ceil(all.length / (WIQL_RESULT_CAP - 1))];
    expect(refused.url).not.toContain("top=");
  });

  it("returns a small query's ids in the order asked for, in one call", async () => {
    const { connection, traffic } = connect();
    const stage = everything.where(eq(FIELD.testStage, "QT")).orderBy(FIELD.changedDate, "desc");
    const ids = await queryIds(connection, stage);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(WIQL_RESULT_CAP);
    expect(wiqlCalls(traffic)).toHaveLength(1);
  });
});

describe("readWorkItems", () => {
  it("reads in batches of 200 with bounded parallelism, in the order asked for, reporting missing ids", async () => {
    const { connection, traffic } = connect({ parallelism: 3 });
    const ids = (await queryIds(connection, everything)).slice(0, 1000).reverse();
    const asked = [...ids.slice(0, 500), 987_654_321, ...ids.slice(500)];
    const read = await readWorkItems(connection, asked, [FIELD.id, FIELD.title, FIELD.testStage]);
    expect(read.items.map((item) => item.id)).toEqual(ids);
    expect(read.missing).toEqual([987_654_321]);
    expect(batchCalls(traffic)).toHaveLength(Math.ceil(asked.length / 200));
    expect(traffic.mostInFlight).toBeLessThanOrEqual(3);
    expect(read.items[0].fields[FIELD.title]).toEqual(expect.any(String));
  });

  it("reads links when asked, keeping only the fields wanted", async () => {
    const { connection } = connect();
    const requirements = await queryIds(connection, everything.where(eq(FIELD.workItemType, "User Story")));
    const read = await readWorkItems(connection, requirements.slice(0, 50), [FIELD.title], { expandRelations: true });
    expect(read.items.some((item) => (item.relations ?? []).length > 0)).toBe(true);
    expect(Object.keys(read.items[0].fields)).toEqual([FIELD.title]);
  });
});

describe("retries against injected faults", () => {
  const fewIds = async (connection: AdoConnection) => (await queryIds(connection, everything)).slice(0, 10);

  it("waits out a 429 for as long as Retry-After says", async () => {
    const { connection, waits } = connect();
    const ids = await fewIds(connection);
    await inject({ route: "workItemsBatch", kind: "status", status: 429, retryAfter: 2, times: 2 });
    const read = await readWorkItems(connection, ids, [FIELD.title]);
    expect(read.items).toHaveLength(10);
    expect(waits).toEqual([2000, 2000]);
  });

  it("backs off and retries 500 and 503", async () => {
    const { connection, waits } = connect();
    await inject({ route: "/_apis/wit/wiql", kind: "status", status: 500, times: 1 });
    await inject({ route: "/_apis/wit/wiql", kind: "status", status: 503, retryAfter: 3, times: 1 });
    const ids = await queryIds(connection, everything.where(eq(FIELD.testStage, "QT")));
    expect(ids.length).toBeGreaterThan(0);
    expect(waits).toEqual([1000, 3000]);
  });

  it("retries a dropped connection", async () => {
    const { connection, waits, traffic } = connect();
    const ids = await fewIds(connection);
    await inject({ route: "workItemsBatch", kind: "drop", times: 1 });
    const read = await readWorkItems(connection, ids, [FIELD.title]);
    expect(read.items).toHaveLength(10);
    expect(waits).toHaveLength(1);
    expect(batchCalls(traffic)).toHaveLength(2);
  });

  it("gives up on an answer that does not come in time, then succeeds when it does", async () => {
    const { connection, waits } = connect({ timeoutMs: 300 });
    const [id] = await fewIds(connection);
    await inject({ route: `/_apis/wit/workItems/${id}`, method: "GET", kind: "latency", latencyMs: 1500, times: 1 });
    const item = await readWorkItem(connection, id, [FIELD.title]);
    expect(item?.id).toBe(id);
    expect(waits).toHaveLength(1);
  });

  it("ends with a clear message when throttling goes on", async () => {
    const { connection, waits } = connect();
    const ids = await fewIds(connection);
    await inject({ route: "workItemsBatch", kind: "status", status: 429, retryAfter: 1 });
    const error = await readWorkItems(connection, ids, [FIELD.title]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdoError);
    expect((error as AdoError).message).toBe("Azure DevOps is throttling requests; tried 4 times over 3 s");
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it("ends with a clear message when the server keeps failing or cannot be reached", async () => {
    const { connection } = connect();
    await inject({ route: "/_apis/wit/wiql", kind: "status", status: 500 });
    await expect(queryIds(connection, everything)).rejects.toThrow(/^Azure DevOps returned 500: Fault injected by the local host: HTTP 500 for \/_apis\/wit\/wiql\. after 4 attempts$/);
    await fetch(`${devhost.url}/_devhost/faults`, { method: "DELETE" });
    await inject({ route: "/_apis/wit/wiql", kind: "drop" });
    await expect(queryIds(connection, everything)).rejects.toThrow(/^Could not reach Azure DevOps: .+ \(tried 4 times\)$/);
  });

  it("does not send a create again after a server error", async () => {
    const { connection, traffic } = connect();
    await inject({ route: "/_apis/wit/workItems/(\\$|%24)", method: "POST", kind: "status", status: 500 });
    const error = await createWorkItem(connection, "Bug", { [FIELD.title]: "Not sent twice" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdoError);
    expect((error as AdoError).message).toMatch(/may already have been applied/);
    expect(traffic.requests.filter((r) => r.method === "POST" && /\/_apis\/wit\/workItems\/(\$|%24)/i.test(r.url))).toHaveLength(1);
  });
});

describe("writes", () => {
  it("updates with a test on /rev, and refuses a stale revision with the current work item", async () => {
    const { connection } = connect();
    const [id] = await queryIds(connection, everything.where(eq(FIELD.testStage, "SIT-FUNC")));
    const before = (await readWorkItem(connection, id))!;
    const saved = await updateWorkItem(connection, id, before.rev, { [FIELD.title]: "Settlement run rejects the MPAN (retest)" });
    expect(saved.rev).toBe(before.rev + 1);
    const error = await updateWorkItem(connection, id, before.rev, { [FIELD.title]: "An older edit" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError<WorkItem>;
    expect(conflict.currentRev).toBe(before.rev + 1);
    expect(conflict.current?.fields[FIELD.title]).toBe("Settlement run rejects the MPAN (retest)");
    expect(conflict.message).toMatch(new RegExp(`^Work item ${id} was changed by someone else since you opened it`));
  });

  it("creates a work item of the project's Bug type with MHHS fields and a link", async () => {
    const { connection } = connect();
    const types = await resolveWorkItemTypes(connection);
    expect(types.problems).toEqual([]);
    const [testCase] = await queryIds(connection, everything.where(eq(FIELD.workItemType, typeFor(types, "testCase"))));
    const created = await createWorkItem(
      connection,
      typeFor(types, "bug"),
      { [FIELD.title]: "DIP message rejected for O'Brien's MPAN", [FIELD.testStage]: "SIT-FUNC", [FIELD.severity]: "2 - High" },
      [await relationTo(connection, LINK_TYPES.tests, testCase)],
    );
    const [read] = (await readWorkItems(connection, [created.id], [FIELD.title, FIELD.testStage], { expandRelations: true })).items;
    expect(read.fields).toEqual({ [FIELD.title]: "DIP message rejected for O'Brien's MPAN", [FIELD.testStage]: "SIT-FUNC" });
    expect(read.relations?.some((r) => r.rel === LINK_TYPES.tests && r.url.endsWith(`/${testCase}`))).toBe(true);
    const found = await queryIds(connection, everything.where(eq(FIELD.title, "DIP message rejected for O'Brien's MPAN")));
    expect(found).toEqual([created.id]);
  });
});

describe("work item types", () => {
  it("come from the categories of each project's process", async () => {
    const programme = await resolveWorkItemTypes(connect().connection);
    expect(programme.source).toBe("categories");
    expect(programme.requirement?.defaultType).toEqual(expect.any(String));
    const fresh = await resolveWorkItemTypes(connect({ projectName: "Fresh Project" }).connection);
    expect(typeFor(fresh, "requirement")).toBe("User Story");
    expect(typeFor(fresh, "bug")).toBe("Bug");
  });
});

describe("configuration documents", () => {
  it("read the seeded programme configuration without problems", async () => {
    const { connection } = connect();
    const store = new ConfigStore(connection.documents);
    const catalogues = await loadCatalogues(store);
    const checked = new ConfigStore(connection.documents, { catalogues });
    for (const kind of [PARTICIPANT_REGISTER, ENVIRONMENTS_PLAN, EXIT_CRITERIA]) {
      const loaded = await checked.load<unknown>(kind as never);
      expect({ kind: kind.id, exists: loaded.exists, problems: loaded.problems }).toEqual({ kind: kind.id, exists: true, problems: [] });
    }
  });

  it("refuse a save over a newer version with a ConflictError carrying the stored document", async () => {
    const { connection } = connect();
    const store = new ConfigStore(connection.documents);
    const opened = await store.load(PARTICIPANT_REGISTER);
    const mine = { participants: opened.data.participants.slice(1) };
    const theirs = { participants: opened.data.participants.slice(2) };
    const saved = await store.save(PARTICIPANT_REGISTER, theirs, opened.etag, { savedBy: "Programme Test Manager" });
    expect(saved.etag).toBe((opened.etag ?? 0) + 1);
    const error = await store.save(PARTICIPANT_REGISTER, mine, opened.etag).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError<LoadedConfig<ParticipantRegisterConfig>>;
    expect(conflict.currentEtag).toBe(saved.etag);
    expect(conflict.current?.data.participants).toHaveLength(theirs.participants.length);
    expect(conflict.message).toMatch(/^The participant register was changed by someone else \(Programme Test Manager\) since you opened it/);
  });

  it("create a document that does not exist yet, and refuse a second create", async () => {
    const { connection } = connect();
    const store = new ConfigStore(connection.documents);
    // The seed writes the plan-to-stage mapping; the picklist overrides are not seeded.
    const { PICKLIST_OVERRIDES } = await import("../../../src/ado/configStore");
    const missing = await store.load(PICKLIST_OVERRIDES);
    expect(missing).toMatchObject({ exists: false, data: {} });
    const created = await store.save(PICKLIST_OVERRIDES, {}, undefined);
    expect(created).toMatchObject({ exists: true, etag: expect.any(Number) });
    await expect(store.save(PICKLIST_OVERRIDES, {}, undefined)).rejects.toBeInstanceOf(ConflictError);
  });
});
