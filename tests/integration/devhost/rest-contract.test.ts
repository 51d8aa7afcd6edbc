import { TESTER_USER } from "../../../devhost/catalogue/users";
import type { DevhostHandle } from "../../../devhost/server";
import { basicAuth, bearer, ORG, PROJECT, PROJECT_PATH, Rest, startTestHost } from "./host";

const WEB_CLIENT_ACCEPT = "application/json;api-version=7.1-preview.3;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true";

describe("devhost REST contract", () => {
  let host: DevhostHandle;
  let rest: Rest;

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.02 });
    rest = new Rest(host);
  });
  afterAll(() => host.close());

  describe("authentication", () => {
    it("refuses a request without credentials with 401 and an ADO error body", async () => {
      const response = await rest.get(`/${ORG}/_apis/projects`, { authorization: null });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/Bearer/);
      expect(response.body).toMatchObject({ $id: "1", innerException: null, typeKey: "UnauthorizedRequestException", errorCode: 0, eventId: 3000 });
      expect(response.body.message).toMatch(/TF400813/);
    });

    it("refuses a wrong PAT and an unknown bearer token", async () => {
      expect((await rest.get(`/${ORG}/_apis/projects`, { authorization: basicAuth("not-the-pat") })).status).toBe(401);
      expect((await rest.get(`/${ORG}/_apis/projects`, { authorization: bearer("forged") })).status).toBe(401);
    });

    it("accepts the PAT as Basic auth with any user name", async () => {
      const response = await rest.get(`/${ORG}/_apis/projects`, { authorization: basicAuth(host.pat, "whoever") });
      expect(response.status).toBe(200);
    });

    it("accepts a bearer token from the token endpoint and identifies the user", async () => {
      const issued = await fetch(`${host.url}/_devhost/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId: TESTER_USER.id }) });
      expect(issued.status).toBe(200);
      const { token, expiresInSeconds } = (await issued.json()) as { token: string; expiresInSeconds: number };
      expect(expiresInSeconds).toBeGreaterThan(0);
      const created = await rest.as(bearer(token)).createWorkItem("Bug", { "System.Title": "Found by the tester" });
      expect(created.fields["System.CreatedBy"]).toMatchObject({ displayName: TESTER_USER.displayName, uniqueName: TESTER_USER.uniqueName });
      const createdByMe = "SELECT [System.Id] FROM WorkItems WHERE [System.CreatedBy] = @me";
      const testers = (await rest.as(bearer(token)).wiql(createdByMe)).body.workItems.map((w: { id: number }) => w.id);
      const admins = (await rest.wiql(createdByMe)).body.workItems.map((w: { id: number }) => w.id);
      expect(testers).toContain(created.id);
      expect(admins).not.toContain(created.id);
    });

    it("issues tokens to the host page's own origin only", async () => {
      const crossSite = await fetch(`${host.url}/_devhost/token`, { method: "POST", headers: { "Content-Type": "application/json", Origin: "https://evil.example" }, body: "{}" });
      expect(crossSite.status).toBe(403);
      const sameOrigin = await fetch(`${host.url}/_devhost/token`, { method: "POST", headers: { "Content-Type": "application/json", Origin: host.url }, body: "{}" });
      expect(sameOrigin.status).toBe(200);
    });

    it("tells the host page who and where it is", async () => {
      const response = await fetch(`${host.url}/_devhost/context`);
      expect(await response.json()).toEqual({
        organization: { id: expect.any(String), name: ORG },
        project: { id: host.store.projects.find(PROJECT)!.id, name: PROJECT },
        team: { id: expect.any(String), name: `${PROJECT} Team` },
        user: expect.objectContaining({ displayName: "Alex Admin", name: "alex.admin@mhhs.example" }),
        restRoot: `${host.url}/${ORG}/`,
      });
    });

    it("exposes issueAccessToken on the handle", async () => {
      const response = await rest.get(`/${ORG}/_apis/projects`, { authorization: bearer(host.issueAccessToken()) });
      expect(response.status).toBe(200);
    });
  });

  describe("api-version and formatting", () => {
    it("requires an api-version on versioned routes, like ADO", async () => {
      const response = await rest.get(`/${ORG}/_apis/projects`, { accept: "application/json" });
      expect(response.status).toBe(400);
      expect(response.body.typeKey).toBe("VssVersionNotSpecifiedException");
      expect(response.body.message).toMatch(/No api-version was supplied for the "GET" request/);
    });

    it("takes the api-version from the query string too, and refuses one that is too new or malformed", async () => {
      expect((await rest.get(`/${ORG}/_apis/projects?api-version=7.1`, { accept: "application/json" })).status).toBe(200);
      expect((await rest.get(`/${ORG}/_apis/projects?api-version=99.0`, { accept: "application/json" })).body.typeKey).toBe("VssVersionOutOfRangeException");
      expect((await rest.get(`/${ORG}/_apis/projects?api-version=latest`, { accept: "application/json" })).status).toBe(400);
    });

    it("wraps collections as {count, value} by default and sends bare arrays with noArrayWrap", async () => {
      const wrapped = await rest.get(`/${ORG}/_apis/projects`);
      expect(wrapped.body).toEqual({ count: 2, value: expect.any(Array) });
      const bare = await rest.get(`/${ORG}/_apis/projects`, { accept: "application/json;api-version=7.1;noArrayWrap=true" });
      expect(Array.isArray(bare.body)).toBe(true);
      expect(bare.body.map((p: { name: string }) => p.name).sort()).toEqual(["Fresh Project", PROJECT]);
    });

    it("formats as the web client asks: MS dates, numeric enums, no urls", async () => {
      const response = await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`, { accept: WEB_CLIENT_ACCEPT });
      expect(response.status).toBe(200);
      expect(response.text).toMatch(/"System\.CreatedDate":"\\\/Date\(\d+\)\\\/"/);
      expect(response.body.url).toBeUndefined();
      const query = await rest.wiql("SELECT [System.Id] FROM WorkItems WHERE [System.Id] = 1");
      expect(query.body.queryType).toBe("flat");
      const numeric = await rest.post(`${PROJECT_PATH}/_apis/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItems WHERE [System.Id] = 1" }, { accept: WEB_CLIENT_ACCEPT });
      expect(numeric.body).toMatchObject({ queryType: 1, queryResultType: 1, workItems: [{ id: 1 }] });
      expect(numeric.body.workItems[0].url).toBeUndefined();
    });

    it("keeps relation urls (they are data) when the client excludes urls", async () => {
      const response = await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1?$expand=relations`, { accept: WEB_CLIENT_ACCEPT });
      expect(response.body.relations.length).toBeGreaterThan(0);
      expect(response.body.relations[0].url).toMatch(new RegExp(`/${ORG}/_apis/wit/workItems/\\d+$`));
    });

    it("sends ISO dates and named enums by default", async () => {
      const response = await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`);
      expect(response.body.fields["System.CreatedDate"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(response.body.url).toBe(`${host.url}/${ORG}/${(await projectId())}/_apis/wit/workItems/1`);
    });
  });

  describe("routes", () => {
    it("accepts the project by name (URL-encoded) or id, and answers 404 for an unknown one", async () => {
      const byName = await rest.get(`${PROJECT_PATH}/_apis/wit/workitemtypes`);
      const byId = await rest.get(`/${ORG}/${await projectId()}/_apis/wit/workitemtypes`);
      expect(byName.status).toBe(200);
      expect(byId.body).toEqual(byName.body);
      const unknown = await rest.get(`/${ORG}/Nope/_apis/wit/workitemtypes`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ typeKey: "ProjectDoesNotExistWithNameException", message: expect.stringContaining("TF200016") });
    });

    it("serves WIQL at the team route too", async () => {
      const response = await rest.post(`${PROJECT_PATH}/${encodeURIComponent(`${PROJECT} Team`)}/_apis/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItems WHERE [System.Id] = 1" });
      expect(response.body.workItems).toEqual([expect.objectContaining({ id: 1 })]);
      expect((await rest.post(`${PROJECT_PATH}/No%20Team/_apis/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItems" })).status).toBe(404);
    });

    it("serves project-less work item routes where ADO has them", async () => {
      expect((await rest.get(`/${ORG}/_apis/wit/workitems/1`)).body.id).toBe(1);
      expect((await rest.get(`/${ORG}/_apis/wit/fields/System.Title`)).body).toMatchObject({ referenceName: "System.Title", name: "Title", type: "string" });
    });

    it("lists projects, one project with its default team, teams and process properties", async () => {
      const id = await projectId();
      const project = await rest.get(`/${ORG}/_apis/projects/${encodeURIComponent(PROJECT)}`);
      expect(project.body).toMatchObject({ id, name: PROJECT, state: "wellFormed", visibility: "private", defaultTeam: { name: `${PROJECT} Team` } });
      const teams = await rest.get(`/${ORG}/_apis/projects/${id}/teams`);
      expect(teams.body.value).toEqual([expect.objectContaining({ name: `${PROJECT} Team`, projectId: id })]);
      const properties = await rest.get(`/${ORG}/_apis/projects/${id}/properties`, { accept: "application/json;api-version=7.1-preview.1" });
      const processId = properties.body.value.find((p: { name: string }) => p.name === "System.ProcessTemplateType").value;
      const process = await rest.get(`/${ORG}/_apis/work/processes/${processId}`);
      expect(process.body).toMatchObject({ name: "MHHS Agile", customizationType: "inherited" });
    });

    it("answers an unknown route with 404 and an ADO error", async () => {
      const response = await rest.get(`/${ORG}/_apis/nothing/here`);
      expect(response.status).toBe(404);
      expect(response.body.typeKey).toBe("VssResourceNotFoundException");
    });

    it("publishes resource locations with the official location ids", async () => {
      const all = await rest.request("OPTIONS", `/${ORG}/_apis/`, { authorization: null, accept: "application/json" });
      expect(all.status).toBe(200);
      const ids = all.body.value.map((l: { id: string }) => l.id);
      expect(ids).toEqual(expect.arrayContaining(["72c7ddf8-2cdc-4f60-90cd-ab71c14a399b", "1a9c53f7-f243-4447-b110-35ef023636e4", "bbe06c18-1c8b-4fcd-b9c6-1535aaab8749"]));
      const wit = await rest.request("OPTIONS", `/${ORG}/_apis/wit`, { accept: "application/json" });
      expect(wit.body.value.every((l: { area: string }) => l.area === "wit")).toBe(true);
      expect(wit.body.value[0]).toEqual({ id: expect.any(String), area: "wit", resourceName: expect.any(String), routeTemplate: expect.any(String), resourceVersion: expect.any(Number), minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" });
      const areas = await rest.get(`/${ORG}/_apis/ResourceAreas`);
      expect(areas.body.value).toEqual(expect.arrayContaining([{ id: "5264459e-e5e0-4bd8-b118-0985e68a4ec5", name: "wit", locationUrl: `${host.url}/${ORG}/` }]));
    });

    it("refuses a body that is not JSON with 400", async () => {
      const response = await fetch(`${host.url}${PROJECT_PATH}/_apis/wit/wiql`, {
        method: "POST",
        headers: { Authorization: basicAuth(host.pat), Accept: "application/json;api-version=7.1", "Content-Type": "application/json" },
        body: "{not json",
      });
      expect(response.status).toBe(400);
    });
  });

  async function projectId(): Promise<string> {
    return host.store.projects.find(PROJECT)!.id;
  }
});
