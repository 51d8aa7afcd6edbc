import { TESTER_USER } from "../../../devhost/catalogue/users";
import type { DevhostHandle } from "../../../devhost/server";
import { inCategory } from "../../../src/ado/wiql";
import { bearer, JSON_PATCH, ORG, PROJECT_PATH, Rest, startTestHost, workItemUrl } from "./host";

const MARK = "wiqltest";
const TESTED_BY = "Microsoft.VSTS.Common.TestedBy-Forward";

describe("devhost WIQL", () => {
  let host: DevhostHandle;
  let rest: Rest;
  const ids: Record<string, number> = {};

  /** Ids of the marked work items a WHERE clause selects, sorted unless the query orders them. */
  const select = async (where: string, orderBy = "") => {
    const response = await rest.wiql(`SELECT [System.Id] FROM WorkItems WHERE [System.Tags] CONTAINS '${MARK}' AND (${where}) ${orderBy}`);
    if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
    const found = response.body.workItems.map((w: { id: number }) => w.id) as number[];
    return orderBy ? found : found.sort((a, b) => a - b);
  };
  const named = (...names: string[]) => names.map((n) => ids[n]).sort((a, b) => a - b);

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.01 });
    rest = new Rest(host);
    const make = async (name: string, type: string, fields: Record<string, unknown>, links: unknown[] = []) => {
      ids[name] = (await rest.createWorkItem(type, { "System.Title": name, "System.Tags": MARK, ...fields }, links)).id;
    };
    await make("critical", "Bug", { "Microsoft.VSTS.Common.Severity": "1 - Critical", "Microsoft.VSTS.Common.Priority": 1, "Custom.MhhsTestCycle": "C1", "System.AreaPath": "MHHS Programme\\SIT\\Functional" });
    await make("high", "Bug", { "Microsoft.VSTS.Common.Severity": "2 - High", "Microsoft.VSTS.Common.Priority": 2, "Custom.MhhsTestCycle": "C2", "System.AreaPath": "MHHS Programme\\SIT" });
    await make("low it's", "Bug", { "Microsoft.VSTS.Common.Severity": "4 - Low", "Microsoft.VSTS.Common.Priority": 4, "System.AreaPath": "MHHS Programme\\SITE" });
    await make("tc one", "Test Case", { "Custom.MhhsTestStage": "QT" });
    await make("tc two", "Test Case", { "Custom.MhhsTestStage": "SIT-FUNC" });
    await make("story linked", "User Story", {}, [
      { op: "add", path: "/relations/-", value: { rel: TESTED_BY, url: workItemUrl(host, ids["tc one"]) } },
      { op: "add", path: "/relations/-", value: { rel: TESTED_BY, url: workItemUrl(host, ids["tc two"]) } },
    ]);
    await make("story alone", "User Story", {});
    const patch = (id: number, field: string, value: unknown) =>
      rest.patch(`${PROJECT_PATH}/_apis/wit/workitems/${id}`, [{ op: "replace", path: `/fields/${field}`, value }], { contentType: JSON_PATCH });
    await patch(ids.high, "System.State", "Active");
    await patch(ids.high, "System.State", "Closed");
    await rest.as(bearer(host.issueAccessToken(TESTER_USER.id))).patch(`${PROJECT_PATH}/_apis/wit/workitems/${ids.critical}`, [{ op: "add", path: "/fields/System.AssignedTo", value: TESTER_USER.uniqueName }], { contentType: JSON_PATCH });
  });
  afterAll(() => host.close());

  it("returns the ADO shape for a flat query", async () => {
    const response = await rest.wiql(`SELECT [System.Id], [System.Title], System.State FROM WorkItems WHERE [System.Id] = ${ids.critical} ORDER BY [System.Title] DESC`);
    expect(response.body).toEqual({
      queryType: "flat",
      queryResultType: "workItem",
      asOf: expect.any(String),
      columns: [
        { referenceName: "System.Id", name: "ID", url: `${host.url}/${ORG}/_apis/wit/fields/System.Id` },
        { referenceName: "System.Title", name: "Title", url: expect.any(String) },
        { referenceName: "System.State", name: "State", url: expect.any(String) },
      ],
      sortColumns: [{ field: expect.objectContaining({ referenceName: "System.Title" }), descending: true }],
      workItems: [{ id: ids.critical, url: workItemUrl(host, ids.critical) }],
    });
  });

  it("compares numbers with = <> < > <= >=", async () => {
    expect(await select("[Microsoft.VSTS.Common.Priority] = 2 AND [System.WorkItemType] = 'Bug'")).toEqual(named("high"));
    expect(await select("[System.WorkItemType] = 'Bug' AND [Microsoft.VSTS.Common.Priority] <> 2")).toEqual(named("critical", "low it's"));
    expect(await select("[Microsoft.VSTS.Common.Priority] < 2 AND [System.WorkItemType] = 'Bug'")).toEqual(named("critical"));
    expect(await select("[Microsoft.VSTS.Common.Priority] > 2 AND [System.WorkItemType] = 'Bug'")).toEqual(named("low it's"));
    expect(await select("[Microsoft.VSTS.Common.Priority] <= 2 AND [System.WorkItemType] = 'Bug'")).toEqual(named("critical", "high"));
    expect(await select("[Microsoft.VSTS.Common.Priority] >= '2' AND [System.WorkItemType] = 'Bug'")).toEqual(named("high", "low it's"));
  });

  it("supports IN, NOT IN, CONTAINS, NOT CONTAINS and '' escaping, case-insensitively", async () => {
    expect(await select("[Microsoft.VSTS.Common.Severity] IN ('1 - critical', '4 - Low')")).toEqual(named("critical", "low it's"));
    expect(await select("[System.WorkItemType] = 'Bug' AND [Microsoft.VSTS.Common.Severity] NOT IN ('1 - Critical')")).toEqual(named("high", "low it's"));
    expect(await select("[System.Title] CONTAINS 'STORY'")).toEqual(named("story linked", "story alone"));
    expect(await select("[System.WorkItemType] = 'User Story' AND [System.Title] NOT CONTAINS 'alone'")).toEqual(named("story linked"));
    expect(await select("[System.Title] = 'low it''s'")).toEqual(named("low it's"));
  });

  it("supports IN GROUP and NOT IN GROUP with the categories of the project's process, by reference or name", async () => {
    expect(await select("[System.WorkItemType] IN GROUP 'Microsoft.RequirementCategory'")).toEqual(named("story linked", "story alone"));
    expect(await select("[System.WorkItemType] IN GROUP 'Bug Category'")).toEqual(named("critical", "high", "low it's"));
    expect(await select("[System.WorkItemType] NOT IN GROUP 'Microsoft.BugCategory' AND [System.WorkItemType] IN GROUP 'Microsoft.TestCaseCategory'")).toEqual(named("tc one", "tc two"));
    expect(await select(inCategory("Microsoft.TestCaseCategory").text)).toEqual(named("tc one", "tc two"));
  });

  it("supports IS EMPTY, IS NOT EMPTY and = ''", async () => {
    expect(await select("[System.WorkItemType] = 'Bug' AND [Custom.MhhsTestCycle] IS EMPTY")).toEqual(named("low it's"));
    expect(await select("[Custom.MhhsTestCycle] IS NOT EMPTY")).toEqual(named("critical", "high"));
    expect(await select("[System.WorkItemType] = 'Bug' AND [Custom.MhhsTestCycle] = ''")).toEqual(named("low it's"));
    expect(await select("[Custom.MhhsTestCycle] <> ''")).toEqual(named("critical", "high"));
  });

  it("supports UNDER for paths, AND / OR / NOT and parentheses, and bare reference names", async () => {
    expect(await select("[System.AreaPath] UNDER 'MHHS Programme\\SIT'")).toEqual(named("critical", "high"));
    expect(await select("System.AreaPath NOT UNDER 'MHHS Programme\\SIT' AND System.WorkItemType = 'Bug'")).toEqual(named("low it's"));
    expect(await select("([Microsoft.VSTS.Common.Priority] = 1 OR [Microsoft.VSTS.Common.Priority] = 4) AND NOT ([System.Title] CONTAINS 'low')")).toEqual(named("critical"));
  });

  it("supports @project, @me, @today with offsets, dates and EVER", async () => {
    const tester = new Rest(host, bearer(host.issueAccessToken(TESTER_USER.id)));
    const response = await tester.wiql(`SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.ChangedBy] = @me AND [System.Tags] CONTAINS '${MARK}'`);
    expect(response.body.workItems.map((w: { id: number }) => w.id)).toEqual([ids.critical]);
    expect(await select("[System.AssignedTo] = 'Terry Tester'")).toEqual(named("critical"));
    expect(await select("[System.CreatedDate] >= @today - 1 AND [System.WorkItemType] = 'Bug'")).toEqual(named("critical", "high", "low it's"));
    expect(await select("[System.CreatedDate] < @today AND [System.WorkItemType] = 'Bug'")).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await select(`[System.CreatedDate] = '${today}' AND [System.WorkItemType] = 'Bug'`)).toEqual(named("critical", "high", "low it's"));
    expect(await select("[System.State] EVER 'Active'")).toEqual(named("high"));
  });

  it("orders by fields ascending and descending", async () => {
    expect(await select("[System.WorkItemType] = 'Bug'", "ORDER BY [Microsoft.VSTS.Common.Priority] DESC")).toEqual([ids["low it's"], ids.high, ids.critical]);
    expect(await select("[System.WorkItemType] = 'Bug'", "ORDER BY [Microsoft.VSTS.Common.Severity]")).toEqual([ids.critical, ids.high, ids["low it's"]]);
  });

  it("limits with $top without an error", async () => {
    const response = await rest.wiql("SELECT [System.Id] FROM WorkItems ORDER BY [System.Id]", "?$top=3");
    expect(response.body.workItems.map((w: { id: number }) => w.id)).toEqual([1, 2, 3]);
  });

  describe("link queries", () => {
    const linkQuery = (mode: string) =>
      rest.wiql(
        `SELECT [System.Id], [System.Title] FROM WorkItemLinks WHERE ([Source].[System.Tags] CONTAINS '${MARK}' AND [Source].[System.WorkItemType] = 'User Story') ` +
          `AND ([System.Links.LinkType] = '${TESTED_BY}') AND ([Target].[System.WorkItemType] = 'Test Case') ORDER BY [System.Id] MODE (${mode})`,
      );
    const reference = (id: number) => ({ id, url: workItemUrl(host, id) });

    it("returns each matching source first (rel null) then its links, for MustContain", async () => {
      const response = await linkQuery("MustContain");
      expect(response.body).toMatchObject({ queryType: "oneHop", queryResultType: "workItemLink" });
      expect(response.body.workItemRelations).toEqual([
        { rel: null, source: null, target: reference(ids["story linked"]) },
        { rel: TESTED_BY, source: reference(ids["story linked"]), target: reference(ids["tc one"]) },
        { rel: TESTED_BY, source: reference(ids["story linked"]), target: reference(ids["tc two"]) },
      ]);
    });

    it("includes sources without links for MayContain and only those for DoesNotContain", async () => {
      const may = await linkQuery("MayContain");
      expect(may.body.workItemRelations.filter((r: { rel: string | null }) => r.rel === null).map((r: { target: { id: number } }) => r.target.id)).toEqual([ids["story linked"], ids["story alone"]]);
      const none = await linkQuery("DoesNotContain");
      expect(none.body.workItemRelations).toEqual([{ rel: null, source: null, target: reference(ids["story alone"]) }]);
    });

    it("filters on the target end and on link type names", async () => {
      const response = await rest.wiql(
        `SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Tags] CONTAINS '${MARK}' AND [System.Links.LinkType] = 'Tested By' AND [Target].[Custom.MhhsTestStage] = 'QT'`,
      );
      expect(response.body.workItemRelations.map((r: { target: { id: number } }) => r.target.id)).toEqual([ids["story linked"], ids["tc one"]]);
    });
  });

  describe("malformed queries", () => {
    const failure = async (query: string) => {
      const response = await rest.wiql(query);
      expect(response.status).toBe(400);
      return response.body as { typeKey: string; message: string };
    };

    it("says where a FROM clause is missing", async () => {
      const error = await failure("SELECT [System.Id] WorkItems");
      expect(error.message).toBe("TF51006: The query statement is missing a FROM clause. The error is caused by «WorkItems» at line 1, column 20.");
    });

    it("names an unknown field with its position", async () => {
      const error = await failure("SELECT [System.Id]\nFROM WorkItems\nWHERE [Custom.Nope] = 1");
      expect(error.message).toBe("TF51005: The query references a field that does not exist. The error is caused by «[Custom.Nope]» at line 3, column 7.");
    });

    it("reports an unterminated string, a missing operand, an unknown table and macro", async () => {
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'open")).message).toMatch(/^Expecting closing quote\. .* line 1, column 58\.$/);
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.Title] =")).message).toMatch(/^Expecting constant, field name, or variable\. The error is caused by the end of the query/);
      expect((await failure("SELECT [System.Id] FROM Things")).message).toMatch(/^TF51009/);
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.Title] = @nobody")).message).toMatch(/The macro '@nobody' is not defined/);
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.Id] = 'abc'")).message).toMatch(/TF212023/);
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.CreatedDate] > '2024-01-31T10:00:00Z'")).message).toMatch(/date precision/);
    });

    it("names an unknown category, and refuses IN GROUP on other fields", async () => {
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] IN GROUP 'Microsoft.NoSuchCategory'")).message).toMatch(
        /^The specified category 'Microsoft.NoSuchCategory' does not exist\. The error is caused by «'Microsoft.NoSuchCategory'»/,
      );
      expect((await failure("SELECT [System.Id] FROM WorkItems WHERE [System.AssignedTo] IN GROUP '[MHHS Programme]\\Testers'")).message).toMatch(/IN GROUP for \[System.WorkItemType\]/);
    });

    it("accepts a time with timePrecision=true", async () => {
      const response = await rest.wiql("SELECT [System.Id] FROM WorkItems WHERE [System.CreatedDate] > '2024-01-31T10:00:00Z'", "?timePrecision=true&$top=1");
      expect(response.status).toBe(200);
    });

    it("answers @project on the project-less endpoint with 400", async () => {
      const response = await rest.post(`/${ORG}/_apis/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project" });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/project specific WIQL endpoint/);
    });
  });
});
