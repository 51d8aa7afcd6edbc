import { TESTER_USER } from "../../../devhost/catalogue/users";
import type { DevhostHandle } from "../../../devhost/server";
import { bearer, ORG, Rest, startTestHost } from "./host";

const EXTENSION = "InstalledExtensions/mhhs-local/mhhs-test-management";
const collection = (name: string, scope = "Default/Current") => `/${ORG}/_apis/ExtensionManagement/${EXTENSION}/Data/Scopes/${scope}/Collections/${name}/Documents`;

describe("devhost extension data", () => {
  let host: DevhostHandle;
  let rest: Rest;

  beforeAll(async () => {
    host = await startTestHost();
    rest = new Rest(host);
  });
  afterAll(() => host.close());

  it("creates (201, etag 1), reads, and refuses a second create of the same id", async () => {
    const created = await rest.post(collection("plans"), { id: "stage-map", plans: [1, 2] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: "stage-map", __etag: 1, plans: [1, 2] });
    expect((await rest.get(`${collection("plans")}/stage-map`)).body).toEqual(created.body);
    const again = await rest.post(collection("plans"), { id: "stage-map" });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ typeKey: "DocumentExistsException", message: expect.stringContaining("TF1590004") });
  });

  it("generates an id when none is given and lists the collection", async () => {
    const created = await rest.post(collection("notes"), { text: "hello" });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const list = await rest.get(collection("notes"), { accept: "application/json;api-version=7.1-preview.1;noArrayWrap=true" });
    expect(list.body).toEqual([created.body]);
  });

  it("answers 404 for a missing document and for a collection without documents", async () => {
    const missing = await rest.get(`${collection("plans")}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.typeKey).toBe("DocumentDoesNotExistException");
    const empty = await rest.get(collection("never-written"));
    expect(empty.status).toBe(404);
    expect(empty.body.typeKey).toBe("DocumentCollectionDoesNotExistException");
  });

  it("refuses a write with a stale __etag, increments the etag, and lets -1 overwrite", async () => {
    await rest.post(collection("config"), { id: "exit", value: "v1" });
    const second = await rest.put(collection("config"), { id: "exit", __etag: 1, value: "v2" });
    expect(second.body).toEqual({ id: "exit", __etag: 2, value: "v2" });
    const stale = await rest.put(collection("config"), { id: "exit", __etag: 1, value: "lost update" });
    expect(stale.status).toBe(400);
    expect(stale.body).toMatchObject({ typeKey: "InvalidDocumentVersionException", message: expect.stringContaining("TF1590007") });
    const staleUpdate = await rest.patch(collection("config"), { id: "exit", __etag: 1, value: "lost update" });
    expect(staleUpdate.body.typeKey).toBe("InvalidDocumentVersionException");
    const forced = await rest.put(collection("config"), { id: "exit", __etag: -1, value: "v3" });
    expect(forced.body).toEqual({ id: "exit", __etag: 3, value: "v3" });
    expect((await rest.get(`${collection("config")}/exit`)).body.value).toBe("v3");
  });

  it("upserts with PUT, requires __etag on PATCH and an existing document", async () => {
    const upserted = await rest.put(collection("config"), { id: "fresh", value: 1 });
    expect(upserted.body.__etag).toBe(1);
    expect((await rest.patch(collection("config"), { id: "fresh", value: 2 })).status).toBe(400);
    expect((await rest.patch(collection("config"), { id: "ghost", __etag: 1, value: 2 })).status).toBe(404);
    expect((await rest.patch(collection("config"), { id: "fresh", __etag: 1, value: 2 })).body).toEqual({ id: "fresh", __etag: 2, value: 2 });
  });

  it("drops members starting with __ other than __etag", async () => {
    const created = await rest.post(collection("misc"), { id: "x", __secret: "no", kept: true });
    expect(created.body).toEqual({ id: "x", __etag: 1, kept: true });
  });

  it("keeps User scope documents per user ('Me')", async () => {
    await rest.put(collection("$settings", "User/Me"), { id: "theme", __etag: -1, value: "dark" });
    const tester = rest.as(bearer(host.issueAccessToken(TESTER_USER.id)));
    expect((await tester.get(`${collection("$settings", "User/Me")}/theme`)).status).toBe(404);
    expect((await rest.get(`${collection("$settings", "User/Me")}/theme`)).body.value).toBe("dark");
    expect((await rest.get(`${collection("$settings", "User/Someone")}/theme`)).status).toBe(400);
  });

  it("deletes with 204, then 404", async () => {
    await rest.post(collection("trash"), { id: "bin" });
    expect((await rest.delete(`${collection("trash")}/bin`)).status).toBe(204);
    expect((await rest.delete(`${collection("trash")}/bin`)).status).toBe(404);
  });
});
