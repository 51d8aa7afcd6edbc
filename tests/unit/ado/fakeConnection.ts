// A stand-in for the work item tracking client, with the service's limits (20,000 ids per WIQL
// answer unless $top is given, 200 ids per batch), and a connection around it.

import type { WorkItem, WorkItemTrackingRestClient } from "azure-devops-extension-api/WorkItemTracking";
import type { AdoConnection } from "../../../src/ado/clients";
import { memoryDocumentStore } from "../../../src/ado/documents";
import { HttpFailure } from "../../../src/ado/http";

export interface WiqlCall {
  query: string;
  top?: number;
  timePrecision?: boolean;
}

export class FakeWorkItemTracking {
  readonly wiqlCalls: WiqlCall[] = [];
  readonly batchCalls: Array<{ ids: number[]; fields?: string[]; $expand?: number; errorPolicy?: number }> = [];
  readonly updates: Array<{ id: number; patch: unknown[] }> = [];
  readonly creates: Array<{ type: string; patch: unknown[] }> = [];
  inFlight = 0;
  mostInFlight = 0;
  batchDelay = (_ids: number[]): number => 0;
  categories: Array<{ referenceName: string; name: string; defaultWorkItemType?: { name: string }; workItemTypes: Array<{ name: string }> }> = [];
  types: Array<{ name: string }> = [];
  categoriesFailure?: Error;
  categoryReads = 0;

  constructor(
    readonly items: Map<number, WorkItem>,
    readonly ignoreTop = false,
  ) {}

  static withIds(count: number): FakeWorkItemTracking {
    const items = new Map<number, WorkItem>();
    for (let id = 1; id <= count; id++) items.set(id, { id, rev: 1, fields: { "System.Id": id, "System.Title": `Item ${id}` } } as unknown as WorkItem);
    return new FakeWorkItemTracking(items);
  }

  async queryByWiql(wiql: { query: string }, _project?: string, _team?: string, timePrecision?: boolean, top?: number) {
    this.wiqlCalls.push({ query: wiql.query, top, timePrecision });
    const after = /\[System\.Id\] > (\d+)/.exec(wiql.query);
    const from = after ? Number(after[1]) : 0;
    const matching = Array.from(this.items.keys())
      .filter((id) => id > from)
      .sort((a, b) => a - b);
    const limit = this.ignoreTop ? undefined : top;
    if (limit === undefined && matching.length > 20_000) {
      throw new HttpFailure({
        status: 400,
        serverError: {
          typeKey: "WorkItemTrackingQueryResultSizeLimitExceededException",
          message: "VS402337: The number of work items returned exceeds the size limit of 20000. Change the query to return fewer items.",
        },
      });
    }
    const ids = limit === undefined ? matching : matching.slice(0, limit);
    return { workItems: ids.map((id) => ({ id, url: "" })) };
  }

  async getWorkItemsBatch(request: { ids: number[]; fields?: string[]; $expand?: number; errorPolicy?: number }) {
    if (request.ids.length > 200) throw new HttpFailure({ status: 400, serverError: { typeKey: "WorkItemPageSizeExceededException", message: "VS403474" } });
    this.batchCalls.push(request);
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.batchDelay(request.ids)));
    this.inFlight--;
    // The service answers with null in place of an id it omits.
    return request.ids.map((id) => this.items.get(id) ?? null);
  }

  async getWorkItem(id: number) {
    const item = this.items.get(id);
    if (!item) throw new HttpFailure({ status: 404, serverError: { typeKey: "WorkItemUnauthorizedAccessException", message: `TF401232: Work item ${id} does not exist` } });
    return item;
  }

  async updateWorkItem(patch: Array<{ op: string; path: string; value?: unknown }>, id: number) {
    this.updates.push({ id, patch });
    const item = this.items.get(id);
    if (!item) throw new HttpFailure({ status: 404, serverError: { message: "missing" } });
    const test = patch.find((op) => op.op === "test" && op.path === "/rev");
    if (test && test.value !== item.rev) {
      throw new HttpFailure({
        status: 412,
        serverError: {
          typeKey: "TestPatchOperationFailedException",
          message: `VS403351: Test Operation for path /rev failed, value ${item.rev} was not equal to test value ${String(test.value)}.`,
        },
      });
    }
    const fields = { ...item.fields };
    for (const op of patch) {
      if (op.path.startsWith("/fields/")) {
        const name = op.path.slice("/fields/".length);
        if (op.op === "remove") delete fields[name];
        else fields[name] = op.value;
      }
    }
    const updated = { ...item, rev: item.rev + 1, fields } as WorkItem;
    this.items.set(id, updated);
    return updated;
  }

  async createWorkItem(patch: unknown[], _project: string, type: string) {
    this.creates.push({ type, patch });
    const id = Math.max(0, ...this.items.keys()) + 1;
    const item = { id, rev: 1, fields: { "System.WorkItemType": type } } as unknown as WorkItem;
    this.items.set(id, item);
    return item;
  }

  async getWorkItemTypeCategories() {
    this.categoryReads++;
    if (this.categoriesFailure) throw this.categoriesFailure;
    return this.categories;
  }

  async getWorkItemTypes() {
    return this.types;
  }
}

export function fakeConnection(client: FakeWorkItemTracking, parallelism = 4): AdoConnection {
  return {
    projectName: "MHHS Programme",
    projectId: "project-1",
    transport: { retry: {}, send: async () => new Response("{}") },
    workItemTracking: client as unknown as WorkItemTrackingRestClient,
    documents: memoryDocumentStore(),
    parallelism,
    client: () => {
      throw new Error("not in the fake");
    },
    serviceRoot: async () => "http://ado.test/mhhs/",
    fetchJson: async () => {
      throw new Error("not in the fake");
    },
  };
}
