import "../../../src/ado/node";
import { sdkMock } from "../../support/sdk-mock";
import { AdoError, ConflictError } from "../../../src/ado/errors";
import { connectInHost, connectToServer, patAuthorization } from "../../../src/ado/clients";
import { RetryPolicy } from "../../../src/ado/http";
import { queryIds, updateWorkItem } from "../../../src/ado/workItems";
import { select } from "../../../src/ado/wiql";

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
}

function server(handler: (request: Seen, index: number) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = (async (url: string | URL | Request, init: RequestInit = {}) => {
    const request: Seen = { url: String(url), method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body as string | undefined };
    seen.push(request);
    return handler(request, seen.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

function clock() {
  const waits: number[] = [];
  let time = 0;
  const policy: Partial<RetryPolicy> = {
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
    random: () => 1,
  };
  return { policy, waits };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { "Content-Type": "application/json", ...(init.headers as Record<string, string>) } });

function connect(fetch: typeof globalThis.fetch, retry: Partial<RetryPolicy>) {
  return connectToServer({
    serviceRoot: "http://ado.test/mhhs",
    projectName: "MHHS Programme",
    authorization: patAuthorization("secret-pat"),
    extension: { publisherId: "mhhs-local", extensionId: "mhhs-test-management" },
    fetch,
    retry,
  });
}

describe("REST clients through the transport", () => {
  it("send what the real clients send: route, api-version in Accept, authorization, JSON body", async () => {
    const { fetch, seen } = server(() => json({ workItems: [{ id: 3 }, { id: 8 }] }));
    const ids = await queryIds(connect(fetch, clock().policy), select("System.Id"));
    expect(ids).toEqual([3, 8]);
    const [request] = seen;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("http://ado.test/mhhs/MHHS%20Programme/_apis/wit/wiql?%24top=19999");
    expect(request.headers.get("Accept")).toMatch(/^application\/json;api-version=5\.0-preview\.2;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true$/);
    expect(request.headers.get("Authorization")).toBe(`Basic ${Buffer.from(":secret-pat").toString("base64")}`);
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(request.body ?? "")).toEqual({ query: "SELECT [System.Id] FROM WorkItems ORDER BY [System.Id] ASC" });
  });

  it("honour Retry-After on a client call", async () => {
    const time = clock();
    const { fetch, seen } = server((_request, index) =>
      index < 2 ? json({ message: "throttled" }, { status: 429, headers: { "Retry-After": String(index + 1) } }) : json([]),
    );
    await connect(fetch, time.policy).workItemTracking.getWorkItemTypes("MHHS Programme");
    expect(seen).toHaveLength(3);
    expect(time.waits).toEqual([1000, 2000]);
  });

  it("turn MS JSON dates into Dates", async () => {
    const { fetch } = server(() => new Response('{"id":5,"rev":2,"fields":{"System.ChangedDate":"\\/Date(1767225600000)\\/"}}', { status: 200 }));
    const item = await connect(fetch, clock().policy).workItemTracking.getWorkItem(5, "MHHS Programme");
    expect(item.fields["System.ChangedDate"]).toEqual(new Date(1767225600000));
  });

  it("send updates as JSON Patch, do not repeat them after a 500, and map a stale revision to ConflictError", async () => {
    const { fetch, seen } = server((request) => {
      if (request.method === "GET") return json({ id: 5, rev: 4, fields: {} });
      return json({ message: "VS403351: Test Operation for path /rev failed", typeKey: "TestPatchOperationFailedException" }, { status: 412 });
    });
    const error = await updateWorkItem(connect(fetch, clock().policy), 5, 3, { "System.Title": "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ currentRev: 4 });
    expect(seen[0].method).toBe("PATCH");
    expect(seen[0].headers.get("Content-Type")).toBe("application/json-patch+json");
    expect(JSON.parse(seen[0].body ?? "")[0]).toEqual({ op: "test", path: "/rev", value: 3 });

    const failing = server(() => json({ message: "boom" }, { status: 500 }));
    const failure = await updateWorkItem(connect(failing.fetch, clock().policy), 5, 3, { "System.Title": "x" }).catch((e: unknown) => e);
    expect(failing.seen).toHaveLength(1);
    expect(failure).toBeInstanceOf(AdoError);
  });

  it("read and write extension data documents over the REST route", async () => {
    const documents: Record<string, { id: string; __etag: number; value: string }> = {};
    const { fetch, seen } = server((request) => {
      const match = /Collections\/([^/]+)\/Documents(?:\/([^/?]+))?/.exec(request.url);
      const id = match?.[2] ?? (request.body ? (JSON.parse(request.body) as { id: string }).id : "");
      const stored = documents[id];
      if (request.method === "GET") {
        return stored ? json(stored) : json({ message: "TF1590005: missing", typeKey: "DocumentDoesNotExistException" }, { status: 404 });
      }
      const doc = JSON.parse(request.body ?? "{}") as { id: string; __etag?: number; value: string };
      if (request.method === "POST" && stored) return json({ message: "TF1590004", typeKey: "DocumentExistsException" }, { status: 400 });
      if (request.method === "PUT" && stored && doc.__etag !== stored.__etag) {
        return json({ message: "TF1590007: does not match", typeKey: "InvalidDocumentVersionException" }, { status: 400 });
      }
      documents[id] = { ...doc, __etag: (stored?.__etag ?? 0) + 1 };
      return json(documents[id]);
    });
    const store = connect(fetch, clock().policy).documents;
    await expect(store.get("settings", "a")).resolves.toBeUndefined();
    expect(seen[0].url).toBe(
      "http://ado.test/mhhs/_apis/ExtensionManagement/InstalledExtensions/mhhs-local/mhhs-test-management/Data/Scopes/Default/Current/Collections/settings/Documents/a",
    );
    const created = await store.set("settings", { id: "a", value: "one" });
    expect(created.__etag).toBe(1);
    await store.set("settings", { id: "a", __etag: 1, value: "two" });
    const conflict = await store.set("settings", { id: "a", __etag: 1, value: "three" }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ subject: "document", currentEtag: 2, current: { value: "two" } });
  });
});

describe("connectInHost", () => {
  beforeEach(() => sdkMock.reset());

  it("takes the project from the host, the REST root from the location service and a bearer token from the SDK", async () => {
    sdkMock.setService("ms.vss-tfs-web.tfs-page-data-service", { getProject: async () => ({ id: "p-1", name: "MHHS Programme" }) });
    sdkMock.setService("ms.vss-features.location-service", {
      getResourceAreaLocation: async () => "http://host.test/mhhs/",
      getServiceLocation: async () => "http://host.test/mhhs/",
    });
    const seen: Seen[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL | Request, init: RequestInit = {}) => {
      seen.push({ url: String(url), method: init.method ?? "GET", headers: new Headers(init.headers) });
      return json([]);
    }) as typeof globalThis.fetch;
    try {
      const connection = await connectInHost();
      expect(connection).toMatchObject({ projectName: "MHHS Programme", projectId: "p-1", parallelism: 4 });
      await connection.workItemTracking.getWorkItemTypes(connection.projectName);
      await connection.fetchJson("_apis/projects");
    } finally {
      globalThis.fetch = original;
    }
    expect(seen.map((s) => s.url)).toEqual(["http://host.test/mhhs/MHHS%20Programme/_apis/wit/workItemTypes", "http://host.test/mhhs/_apis/projects"]);
    expect(seen[0].headers.get("Authorization")).toBe("Bearer test-token");
  });

  it("uses the host's extension data service for documents", async () => {
    sdkMock.setService("ms.vss-tfs-web.tfs-page-data-service", { getProject: async () => ({ id: "p-1", name: "MHHS Programme" }) });
    const getExtensionDataManager = jest.fn(async () => ({
      getDocument: async () => ({ id: "x", __etag: 3 }),
    }));
    sdkMock.setService("ms.vss-features.extension-data-service", { getExtensionDataManager });
    const connection = await connectInHost();
    await expect(connection.documents.get("c", "x")).resolves.toEqual({ id: "x", __etag: 3 });
    expect(getExtensionDataManager).toHaveBeenCalledWith("mhhs-local.mhhs-test-management", "test-token");
  });
});
