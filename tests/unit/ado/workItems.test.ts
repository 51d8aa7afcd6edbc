import type { WorkItem } from "azure-devops-extension-api/WorkItemTracking";
import { ConflictError } from "../../../src/ado/errors";
import { FIELD } from "../../../src/ado/fields";
import { eq, inCategory, select, WiqlMacro } from "../../../src/ado/wiql";
import {
  BATCH_SIZE,
  createWorkItem,
  LINK_TYPES,
  queryIds,
  readWorkItems,
  relationTo,
  updatePatch,
  updateWorkItem,
  WIQL_PAGE_SIZE,
} from "../../../src/ado/workItems";
import { fakeConnection, FakeWorkItemTracking } from "./fakeConnection";

const bugs = select(FIELD.id).where(eq(FIELD.teamProject, WiqlMacro.project)).where(inCategory("Microsoft.BugCategory"));

describe("queryIds", () => {
  it("reads a small query in one call", async () => {
    const client = FakeWorkItemTracking.withIds(150);
    const ids = await queryIds(fakeConnection(client), bugs);
    expect(ids).toHaveLength(150);
    expect(client.wiqlCalls).toHaveLength(1);
    expect(client.wiqlCalls[0]).toMatchObject({ top: WIQL_PAGE_SIZE });
    expect(client.wiqlCalls[0].query).toMatch(/ORDER BY \[System\.Id\] ASC$/);
  });

  it("reads past the 20,000 cap in slices by id, each under the cap", async () => {
    const client = FakeWorkItemTracking.withIds(45_000);
    const ids = await queryIds(fakeConnection(client), bugs);
    expect(ids).toHaveLength(45_000);
    expect(ids[0]).toBe(1);
    expect(ids[44_999]).toBe(45_000);
    expect(new Set(ids).size).toBe(45_000);
    expect(client.wiqlCalls.map((c) => c.top)).toEqual([19_999, 19_999, 19_999]);
    expect(client.wiqlCalls[1].query).toContain("AND [System.Id] > 19999)");
    expect(client.wiqlCalls[2].query).toContain("AND [System.Id] > 39998)");
  });

  it("asks once more when the total is an exact multiple of the page", async () => {
    const client = FakeWorkItemTracking.withIds(300);
    const ids = await queryIds(fakeConnection(client), bugs, { pageSize: 100 });
    expect(ids).toHaveLength(300);
    expect(client.wiqlCalls).toHaveLength(4);
  });

  it("runs a query ordered otherwise as written, and slices only when the service refuses it for size", async () => {
    const small = FakeWorkItemTracking.withIds(500);
    await queryIds(fakeConnection(small), bugs.orderBy(FIELD.changedDate, "desc"));
    expect(small.wiqlCalls).toEqual([expect.objectContaining({ top: undefined })]);
    expect(small.wiqlCalls[0].query).toMatch(/ORDER BY \[System\.ChangedDate\] DESC$/);

    const large = FakeWorkItemTracking.withIds(25_000);
    const ids = await queryIds(fakeConnection(large), bugs.orderBy(FIELD.changedDate, "desc"));
    expect(ids).toHaveLength(25_000);
    expect(large.wiqlCalls.map((c) => c.top)).toEqual([undefined, 19_999, 19_999]);
    expect(large.wiqlCalls[1].query).toMatch(/ORDER BY \[System\.Id\] ASC$/);
  });

  it("ends even when the server ignores $top", async () => {
    const client = new FakeWorkItemTracking(FakeWorkItemTracking.withIds(500).items, true);
    const ids = await queryIds(fakeConnection(client), bugs, { pageSize: 100 });
    expect(ids).toHaveLength(500);
    expect(client.wiqlCalls).toHaveLength(2);
  });

  it("refuses a page size over the cap", async () => {
    await expect(queryIds(fakeConnection(FakeWorkItemTracking.withIds(1)), bugs, { pageSize: 20_000 })).rejects.toThrow(RangeError);
  });

  it("passes time precision when a value carries a time", async () => {
    const client = FakeWorkItemTracking.withIds(3);
    const { dateTime, gt } = await import("../../../src/ado/wiql");
    await queryIds(fakeConnection(client), bugs.where(gt(FIELD.changedDate, dateTime(new Date("2026-01-01T09:00:00Z")))));
    expect(client.wiqlCalls[0].timePrecision).toBe(true);
  });
});

describe("readWorkItems", () => {
  it("reads in batches of 200 and returns items in the order asked for", async () => {
    const client = FakeWorkItemTracking.withIds(1000);
    client.batchDelay = (ids) => (ids[0] < 400 ? 15 : 1);
    const ids = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    const read = await readWorkItems(fakeConnection(client), ids, [FIELD.id, FIELD.title]);
    expect(client.batchCalls).toHaveLength(Math.ceil(1000 / BATCH_SIZE));
    expect(client.batchCalls.every((c) => c.ids.length <= BATCH_SIZE)).toBe(true);
    expect(client.batchCalls[0]).toMatchObject({ fields: ["System.Id", "System.Title"], errorPolicy: 2, $expand: 0 });
    expect(read.items.map((item) => item.id)).toEqual(ids);
    expect(read.missing).toEqual([]);
  });

  it("keeps to the connection's parallelism", async () => {
    const client = FakeWorkItemTracking.withIds(2000);
    client.batchDelay = () => 5;
    await readWorkItems(fakeConnection(client, 3), Array.from({ length: 2000 }, (_, i) => i + 1), [FIELD.id]);
    expect(client.batchCalls).toHaveLength(10);
    expect(client.mostInFlight).toBe(3);
  });

  it("reports missing or deleted ids instead of failing", async () => {
    const client = FakeWorkItemTracking.withIds(10);
    const read = await readWorkItems(fakeConnection(client), [3, 99, 1, 42, 3], [FIELD.id]);
    expect(read.items.map((item) => item.id)).toEqual([3, 1]);
    expect(read.missing).toEqual([99, 42]);
  });

  it("asks for relations without fields, then keeps only the fields wanted", async () => {
    const client = FakeWorkItemTracking.withIds(2);
    const read = await readWorkItems(fakeConnection(client), [1, 2], [FIELD.title], { expandRelations: true });
    expect(client.batchCalls[0]).toMatchObject({ $expand: 1 });
    expect(client.batchCalls[0].fields).toBeUndefined();
    expect(read.items[0].fields).toEqual({ "System.Title": "Item 1" });
  });

  it("does not call the service for no ids and refuses bad field names", async () => {
    const client = FakeWorkItemTracking.withIds(2);
    await expect(readWorkItems(fakeConnection(client), [], [FIELD.id])).resolves.toEqual({ items: [], missing: [] });
    expect(client.batchCalls).toHaveLength(0);
    await expect(readWorkItems(fakeConnection(client), [1], ["System.Title/../rev"])).rejects.toThrow(RangeError);
  });
});

describe("updatePatch", () => {
  it("starts with a test on /rev, then sets and clears fields, then adds links", () => {
    const patch = updatePatch(
      7,
      { [FIELD.testStage]: "SIT-FUNC", [FIELD.workOffPlan]: null, [FIELD.participant]: undefined },
      [{ rel: LINK_TYPES.tests, url: "http://ado.test/mhhs/_apis/wit/workItems/12" }],
    );
    expect(patch).toEqual([
      { op: "test", path: "/rev", value: 7 },
      { op: "add", path: "/fields/Custom.MhhsTestStage", value: "SIT-FUNC" },
      { op: "remove", path: "/fields/Custom.MhhsWorkOffPlan" },
      { op: "add", path: "/relations/-", value: { rel: "Microsoft.VSTS.Common.TestedBy-Reverse", url: "http://ado.test/mhhs/_apis/wit/workItems/12" } },
    ]);
  });

  it("refuses a revision that is not a positive whole number and a field path that is not a reference name", () => {
    expect(() => updatePatch(0, {})).toThrow(RangeError);
    expect(() => updatePatch(1.5, {})).toThrow(RangeError);
    expect(() => updatePatch(1, { "System.Title/../../rev": "x" })).toThrow(RangeError);
  });
});

describe("updateWorkItem", () => {
  it("saves when the revision still matches", async () => {
    const client = FakeWorkItemTracking.withIds(3);
    const saved = await updateWorkItem(fakeConnection(client), 2, 1, { [FIELD.testStage]: "QT" });
    expect(saved.rev).toBe(2);
    expect(saved.fields[FIELD.testStage]).toBe("QT");
    expect(client.updates[0].patch[0]).toEqual({ op: "test", path: "/rev", value: 1 });
  });

  it("turns a revision mismatch into a ConflictError with the work item as it is now", async () => {
    const client = FakeWorkItemTracking.withIds(3);
    const connection = fakeConnection(client);
    await updateWorkItem(connection, 2, 1, { [FIELD.testStage]: "QT" });
    const error = await updateWorkItem(connection, 2, 1, { [FIELD.testStage]: "SIT-FUNC" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError<WorkItem>;
    expect(conflict).toMatchObject({ subject: "workItem", currentRev: 2 });
    expect(conflict.current?.fields[FIELD.testStage]).toBe("QT");
    expect(conflict.message).toBe(
      "Work item 2 was changed by someone else since you opened it (it is now at revision 2; your changes were made to revision 1). Your changes were not saved: reload it, then make them again.",
    );
    expect(client.items.get(2)?.fields[FIELD.testStage]).toBe("QT");
  });

  it("passes other failures on unchanged", async () => {
    const client = FakeWorkItemTracking.withIds(1);
    await expect(updateWorkItem(fakeConnection(client), 99, 1, { [FIELD.title]: "x" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("createWorkItem and relationTo", () => {
  it("creates with field and link operations and no revision test", async () => {
    const client = FakeWorkItemTracking.withIds(5);
    const connection = fakeConnection(client);
    const link = await relationTo(connection, LINK_TYPES.tests, 5);
    const created = await createWorkItem(connection, "Bug", { [FIELD.title]: "Settlement run rejects MPAN", [FIELD.testStage]: "SIT-FUNC" }, [link]);
    expect(created.id).toBe(6);
    expect(client.creates[0]).toEqual({
      type: "Bug",
      patch: [
        { op: "add", path: "/fields/System.Title", value: "Settlement run rejects MPAN" },
        { op: "add", path: "/fields/Custom.MhhsTestStage", value: "SIT-FUNC" },
        { op: "add", path: "/relations/-", value: { rel: LINK_TYPES.tests, url: "http://ado.test/mhhs/_apis/wit/workItems/5" } },
      ],
    });
    await expect(createWorkItem(connection, " ", {})).rejects.toThrow(RangeError);
    await expect(relationTo(connection, LINK_TYPES.related, 0)).rejects.toThrow(RangeError);
  });
});
