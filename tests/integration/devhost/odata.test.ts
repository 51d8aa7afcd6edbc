// The local Analytics endpoint over loopback: entity sets over the seeded store, the query options,
// server-driven paging, $apply aggregation, $batch, and the errors and switches of the service.
import type { DevhostHandle } from "../../../devhost/server";
import { ANCHOR, basicAuth, bearer, Json, Rest, startTestHost } from "./host";

const ODATA = "/mhhs/MHHS%20Programme/_odata/v4.0-preview";
const PAGE_SIZE = 100;

describe("devhost Analytics (OData)", () => {
  let host: DevhostHandle;
  let rest: Rest;

  /** One GET of an OData URL (path under the project's root, or an absolute next link). */
  const get = (pathOrUrl: string, headers: Record<string, string> = {}) =>
    rest.get(pathOrUrl.startsWith("http") ? pathOrUrl.slice(host.url.length) : `${ODATA}/${pathOrUrl}`, { accept: "application/json", headers });

  const query = (entitySet: string, options: Record<string, string>) =>
    `${entitySet}?${Object.entries(options)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join("&")}`;

  /** Every row, following @odata.nextLink; also how many pages it took. */
  const readAll = async (path: string) => {
    const rows: Json[] = [];
    let pages = 0;
    let next: string | undefined = path;
    while (next) {
      const response = await get(next);
      if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
      pages++;
      rows.push(...response.body.value);
      next = response.body["@odata.nextLink"];
    }
    return { rows, pages };
  };

  const countBy = (rows: Json[], key: (row: Json) => string) => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
    return counts;
  };

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.1, analyticsPageSize: PAGE_SIZE });
    rest = new Rest(host);
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  afterEach(() => host.setAnalytics("on"));

  describe("WorkItems", () => {
    it("answers $select with the Analytics names, custom fields as Custom_<Name>", async () => {
      const response = await get(query("WorkItems", { $select: "WorkItemId,Title,WorkItemType,State,Custom_MhhsTestStage", $filter: "WorkItemType eq 'Test Case'", $top: "3" }));
      expect(response.status).toBe(200);
      expect(response.headers.get("odata-version")).toBe("4.0");
      expect(response.body["@odata.context"]).toBe(`${host.url}${ODATA}/$metadata#WorkItems(WorkItemId,Title,WorkItemType,State,Custom_MhhsTestStage)`);
      expect(response.body.value).toHaveLength(3);
      for (const row of response.body.value) {
        expect(Object.keys(row)).toEqual(["WorkItemId", "Title", "WorkItemType", "State", "Custom_MhhsTestStage"]);
        expect(row.WorkItemType).toBe("Test Case");
        expect(typeof row.WorkItemId).toBe("number");
      }
    });

    it("compares strings case-insensitively and treats null as OData does", async () => {
      const lower = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "workitemtype eq 'bug'".replace("workitemtype", "WorkItemType") }));
      const exact = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "WorkItemType eq 'Bug'" }));
      expect(lower.rows.length).toBeGreaterThan(0);
      expect(lower.rows).toEqual(exact.rows);

      const all = await readAll(query("WorkItems", { $select: "WorkItemId,ClosedDate" }));
      const open = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "ClosedDate eq null" }));
      const closed = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "ClosedDate ne null" }));
      expect(open.rows.length + closed.rows.length).toBe(all.rows.length);
      expect(open.rows.length).toBe(all.rows.filter((r) => r.ClosedDate === null).length);

      const notClosed = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "not (State eq 'Closed')" }));
      const statedClosed = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "State eq 'Closed'" }));
      expect(notClosed.rows.length + statedClosed.rows.length).toBe(all.rows.length);
    });

    it("filters with in, functions, date keys and offsets, and orders, skips and tops", async () => {
      const { rows } = await readAll(query("WorkItems", { $select: "WorkItemId,Title,Severity,CreatedDate,CreatedDateSK", $filter: "WorkItemType eq 'Bug'" }));
      const severe = rows.filter((r) => ["1 - Critical", "2 - High"].includes(r.Severity)).map((r) => r.WorkItemId);
      const viaIn = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "WorkItemType eq 'Bug' and Severity in ('1 - Critical', '2 - high')" }));
      expect(viaIn.rows.map((r) => r.WorkItemId)).toEqual(severe);

      const withMpan = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: "WorkItemType eq 'Bug' and contains(Title, 'mpan')" }));
      expect(withMpan.rows.map((r) => r.WorkItemId)).toEqual(rows.filter((r) => /mpan/i.test(r.Title)).map((r) => r.WorkItemId));

      const since = "2025-02-01";
      const byKey = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: `WorkItemType eq 'Bug' and CreatedDateSK ge ${since.replace(/-/g, "")}` }));
      const byOffset = await readAll(query("WorkItems", { $select: "WorkItemId", $filter: `WorkItemType eq 'Bug' and CreatedDate ge ${since}T00:00:00Z` }));
      expect(byKey.rows).toEqual(byOffset.rows);
      expect(byKey.rows.map((r) => r.WorkItemId)).toEqual(rows.filter((r) => r.CreatedDate >= since).map((r) => r.WorkItemId));
      expect(rows.every((r) => r.CreatedDateSK === Number(r.CreatedDate.slice(0, 10).replace(/-/g, "")))).toBe(true);

      const ordered = await get(query("WorkItems", { $select: "WorkItemId,Severity", $filter: "WorkItemType eq 'Bug'", $orderby: "Severity desc,WorkItemId", $skip: "2", $top: "5" }));
      const expected = [...rows].sort((a, b) => b.Severity.localeCompare(a.Severity) || a.WorkItemId - b.WorkItemId).slice(2, 7);
      expect(ordered.body.value.map((r: Json) => r.WorkItemId)).toEqual(expected.map((r) => r.WorkItemId));
    });

    it("pages on the server with @odata.nextLink, each row once, and counts with $count", async () => {
      const first = await get(query("WorkItems", { $select: "WorkItemId", $count: "true" }));
      const total = first.body["@odata.count"];
      expect(total).toBeGreaterThan(PAGE_SIZE * 2);
      expect(first.body.value).toHaveLength(PAGE_SIZE);
      expect(first.body["@odata.nextLink"]).toMatch(/\$skiptoken=/);
      const { rows, pages } = await readAll(query("WorkItems", { $select: "WorkItemId" }));
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((r) => r.WorkItemId)).size).toBe(total);
      expect(pages).toBe(Math.ceil(total / PAGE_SIZE));

      const capped = await readAll(query("WorkItems", { $select: "WorkItemId", $top: String(PAGE_SIZE + 7) }));
      expect(capped.rows.map((r) => r.WorkItemId)).toEqual(rows.slice(0, PAGE_SIZE + 7).map((r) => r.WorkItemId));

      const ordered = await readAll(query("WorkItems", { $select: "WorkItemId,Title", $orderby: "Title" }));
      expect(ordered.rows).toHaveLength(total);
      expect(new Set(ordered.rows.map((r) => r.WorkItemId)).size).toBe(total);

      const small = await get(query("WorkItems", { $select: "WorkItemId" }), { Prefer: "odata.maxpagesize=10" });
      expect(small.body.value).toHaveLength(10);
      expect(small.headers.get("preference-applied")).toBe("odata.maxpagesize=10");
    });
  });

  describe("$apply", () => {
    it("counts groups as reading every row would", async () => {
      const { rows } = await readAll(query("WorkItems", { $select: "WorkItemId,WorkItemType,Severity,Custom_MhhsMarketRole,State,Priority" }));
      const grouped = await get(query("WorkItems", { $apply: "groupby((WorkItemType), aggregate($count as Count))" }));
      expect(grouped.body.value).toEqual(
        Object.entries(countBy(rows, (r) => r.WorkItemType))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([WorkItemType, Count]) => ({ WorkItemType, Count })),
      );

      const bugs = rows.filter((r) => r.WorkItemType === "Bug" && r.State !== "Closed");
      const matrix = await readAll(query("WorkItems", { $apply: "filter(WorkItemType eq 'Bug' and State ne 'Closed')/groupby((Severity, Custom_MhhsMarketRole), aggregate($count as Count))" }));
      const expected = countBy(bugs, (r) => `${r.Severity}|${r.Custom_MhhsMarketRole}`);
      expect(Object.fromEntries(matrix.rows.map((r) => [`${r.Severity}|${r.Custom_MhhsMarketRole}`, r.Count]))).toEqual(expected);

      const sums = await get(query("WorkItems", { $apply: "filter(WorkItemType eq 'Bug')/aggregate($count as Count, Priority with sum as Total, Priority with max as Highest, Priority with average as Mean)" }));
      const allBugs = rows.filter((r) => r.WorkItemType === "Bug");
      const total = allBugs.reduce((n, r) => n + r.Priority, 0);
      expect(sums.body.value).toEqual([{ Count: allBugs.length, Total: total, Highest: Math.max(...allBugs.map((r) => r.Priority)), Mean: total / allBugs.length }]);

      const afterGrouping = await get(query("WorkItems", { $apply: "groupby((State), aggregate($count as Count))/filter(Count gt 10)" }));
      const states = countBy(rows, (r) => r.State);
      expect(afterGrouping.body.value).toEqual(
        Object.entries(states)
          .filter(([, n]) => n > 10)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([State, Count]) => ({ State, Count })),
      );
    });

    it("sums casts of conditions, as the Analytics sample reports do", async () => {
      const { rows } = await readAll(query("TestPoints", { $select: "TestPointId,LastResultOutcome" }));
      const outcomes = countBy(rows, (r) => r.LastResultOutcome);
      const response = await get(
        query("TestPoints", {
          $apply: "aggregate($count as TotalCount, cast(LastResultOutcome eq 'Passed', Edm.Int32) with sum as Passed, cast(LastResultOutcome eq 'Failed', Edm.Int32) with sum as Failed, cast(LastResultOutcome ne 'None', Edm.Int32) with sum as Executed)",
        }),
      );
      expect(response.body.value).toEqual([{ TotalCount: rows.length, Passed: outcomes.Passed ?? 0, Failed: outcomes.Failed ?? 0, Executed: rows.length - (outcomes.None ?? 0) }]);
    });

    it("groups by navigation properties and nests them in the answer", async () => {
      const response = await readAll(query("TestPoints", { $apply: "groupby((TestSuite/TestPlanTitle, TestCase/Custom_MhhsTestStage, LastResultOutcome), aggregate($count as Count))" }));
      expect(response.rows.length).toBeGreaterThan(0);
      for (const row of response.rows) {
        expect(typeof row.TestSuite.TestPlanTitle).toBe("string");
        expect(row).toHaveProperty("TestCase.Custom_MhhsTestStage");
      }
      const points = await get(query("TestPoints", { $apply: "aggregate($count as Count)" }));
      expect(response.rows.reduce((n, r) => n + r.Count, 0)).toBe(points.body.value[0].Count);
    });
  });

  describe("test entity sets", () => {
    it("reads test points with their suite, configuration and test case", async () => {
      const response = await get(query("TestPoints", { $select: "TestPointId,TestCaseId,TestPlanId,TestSuiteId,LastResultOutcome,ChangedDate", $expand: "TestConfiguration($select=Name),TestCase($select=WorkItemType,Custom_MhhsMarketRole)", $top: "5" }));
      expect(response.status).toBe(200);
      expect(response.body.value).toHaveLength(5);
      for (const row of response.body.value) {
        expect(row.TestCase.WorkItemType).toBe("Test Case");
        expect(typeof row.TestConfiguration.Name).toBe("string");
        expect(typeof row.LastResultOutcome).toBe("string");
      }
      const suites = await get(query("TestSuites", { $select: "TestSuiteId,TestPlanId,Title,TestPlanTitle,Type,Depth", $filter: "Depth eq 0", $top: "3" }));
      expect(suites.body.value).toHaveLength(3);
      for (const suite of suites.body.value) expect(suite.Title).toBe(suite.TestPlanTitle);
    });

    it("keeps a daily snapshot whose last day matches the points' outcomes", async () => {
      const today = Number(new Date().toISOString().slice(0, 10).replace(/-/g, ""));
      const points = await get(query("TestPoints", { $apply: "groupby((LastResultOutcome), aggregate($count as Count))" }));
      const snapshot = await get(query("TestPointHistorySnapshot", { $apply: `filter(DateSK eq ${today})/groupby((ResultOutcome), aggregate($count as Count))` }));
      expect(snapshot.body.value.map((r: Json) => [r.ResultOutcome, r.Count])).toEqual(points.body.value.map((r: Json) => [r.LastResultOutcome, r.Count]));

      const anchorKey = Number(ANCHOR.toISOString().slice(0, 10).replace(/-/g, ""));
      const trend = await readAll(query("TestPointHistorySnapshot", { $apply: `filter(DateSK ge ${anchorKey - 30} and DateSK le ${anchorKey})/groupby((DateSK, ResultOutcome), aggregate($count as Count))` }));
      const passedByDay = trend.rows.filter((r) => r.ResultOutcome === "Passed").map((r) => r.Count);
      expect(passedByDay.length).toBeGreaterThan(1);
    });

    it("links work items through WorkItemLinks with navigation filters", async () => {
      const { rows } = await readAll(
        query("WorkItemLinks", {
          $select: "SourceWorkItemId,TargetWorkItemId,LinkTypeReferenceName,LinkTypeName",
          $filter: "LinkTypeReferenceName eq 'Microsoft.VSTS.Common.TestedBy-Forward' and SourceWorkItem/WorkItemType eq 'User Story' and TargetWorkItem/WorkItemType eq 'Test Case'",
        }),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0].LinkTypeName).toBe("Tested By");
      const reverse = await readAll(query("WorkItemLinks", { $select: "SourceWorkItemId,TargetWorkItemId", $filter: "LinkTypeReferenceName eq 'Microsoft.VSTS.Common.TestedBy-Reverse' and TargetWorkItem/WorkItemType eq 'User Story'" }));
      const pairs = new Set(reverse.rows.map((r) => `${r.TargetWorkItemId}>${r.SourceWorkItemId}`));
      expect(rows.every((r) => pairs.has(`${r.SourceWorkItemId}>${r.TargetWorkItemId}`))).toBe(true);
    });
  });

  describe("errors", () => {
    const message = async (path: string) => {
      const response = await get(path);
      return { status: response.status, message: response.body?.error?.message as string };
    };

    it("says what is wrong with a query that does not fit the model", async () => {
      expect(await message(query("WorkItems", { $filter: "Foo eq 1" }))).toEqual({
        status: 400,
        message: "The query specified in the URI is not valid. Could not find a property named 'Foo' on type 'Microsoft.VisualStudio.Services.Analytics.Model.WorkItem'.",
      });
      expect((await message(query("WorkItems", { $filter: "Title eq 5" }))).message).toContain("Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'Equal'");
      expect((await message(query("WorkItems", { $filter: "CreatedDate ge 2025-01-01T00:00:00" }))).message).toContain("has no time zone offset");
      expect((await message(query("WorkItems", { $filter: "CreatedDate ge 2025-01-01" }))).message).toContain("'Edm.DateTimeOffset' and 'Edm.Date'");
      expect((await message(query("WorkItems", { $filter: "State eq" }))).message).toContain("Expression expected at position 8 in $filter 'State eq'");
      expect((await message(query("WorkItems", { $filter: "Title" }))).message).toContain("must be true or false");
      expect((await message(query("TestPoints", { $filter: "LastResultOutcome eq 'Great'" }))).message).toContain("not a valid enumerated type constant");
      expect((await message(query("WorkItems", { $apply: "aggregate(WorkItemId with countdistinct as N)" }))).message).toContain("'countdistinct' is not supported");
      expect((await message(query("WorkItems", { $apply: "groupby((State), aggregate($count as Count))", $select: "Title" }))).message).toContain("only State, Count can be used");
      expect((await message(query("WorkItems", { $select: "SourceWorkItem" }))).status).toBe(400);
      expect((await message(query("TestPoints", { $select: "TestSuite" }))).message).toContain("use $expand=TestSuite($select=...)");
      expect((await message(query("WorkItems", { $top: "-1" }))).message).toContain("requires a non-negative integer value");
      expect((await message("WorkItems?$filter=State%20eq%20'a'&$filter=State%20eq%20'b'")).message).toContain("specified more than once");
      expect((await message("WorkItems?$search=mpan")).message).toContain("'$search' is not supported");
      expect((await message("WorkItems?$skiptoken=nonsense")).message).toContain("$skiptoken 'nonsense' is not valid");
      expect((await message("WorkItems(1)")).message).toContain("Key lookups");
      expect((await message("WorkItems/$count")).message).toContain("aggregate($count as Count)");
      expect(await message("Nothing")).toEqual({ status: 404, message: expect.stringContaining("The entity set 'Nothing' does not exist") });
    });

    it("treats values as values: quotes cannot change the query", async () => {
      const response = await get(query("WorkItems", { $select: "WorkItemId", $filter: "Title eq 'x'' or 1 eq 1 or Title eq ''y'" }));
      expect(response.status).toBe(200);
      expect(response.body.value).toEqual([]);
    });

    it("refuses long GETs with 404 and answers them through $batch", async () => {
      const ids = Array.from({ length: 700 }, (_, i) => i + 1);
      const long = query("WorkItems", { $select: "WorkItemId", $filter: `WorkItemId in (${ids.join(", ")})` });
      expect((await get(long)).status).toBe(404);

      const boundary = "batch_test";
      const body = [`--${boundary}`, "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", `GET ${host.url}${ODATA}/${long} HTTP/1.1`, "Accept: application/json", "", "", `--${boundary}--`, ""].join("\r\n");
      const response = await fetch(`${host.url}${ODATA}/$batch`, { method: "POST", headers: { Authorization: basicAuth(host.pat), "Content-Type": `multipart/mixed; boundary=${boundary}` }, body });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(response.headers.get("content-type")).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
      expect(text).toContain("HTTP/1.1 200 OK");
      const json = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
      expect(json.value.length).toBe(Math.min(ids.length, PAGE_SIZE));
    });

    it("fails fast when a query would return more rows than Prefer allows", async () => {
      const response = await get(query("WorkItems", { $select: "WorkItemId" }), { Prefer: "VSTS.Analytics.MaxSize=10" });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/would return \d+ rows, more than the 10 allowed/);
      expect((await get(query("WorkItems", { $apply: "groupby((WorkItemType), aggregate($count as Count))" }), { Prefer: "VSTS.Analytics.MaxSize=10" })).status).toBe(200);
    });
  });

  describe("access", () => {
    it("takes the host's credentials and refuses requests without them", async () => {
      expect((await rest.get(`${ODATA}/WorkItems?$top=1`, { authorization: null })).status).toBe(401);
      expect((await rest.get(`${ODATA}/WorkItems?$top=1`, { authorization: bearer(host.issueAccessToken()) })).status).toBe(200);
      expect((await rest.get(`/mhhs/_odata/v4.0-preview/WorkItems?$select=WorkItemId&$top=1`)).status).toBe(200);
      expect((await rest.get(`/mhhs/Nowhere/_odata/v4.0-preview/WorkItems`)).status).toBe(404);
    });

    it("is missing when switched off and refuses when denied", async () => {
      host.setAnalytics("off");
      expect((await get("WorkItems?$top=1")).status).toBe(404);
      host.setAnalytics("denied");
      const denied = await get("WorkItems?$top=1");
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain("'View analytics' permission");
    });

    it("describes itself: service document and $metadata", async () => {
      const service = await get("");
      expect(service.body.value.map((s: Json) => s.name)).toEqual(expect.arrayContaining(["WorkItems", "WorkItemLinks", "TestPoints", "TestPointHistorySnapshot", "TestSuites"]));
      const metadata = await get("$metadata");
      expect(metadata.headers.get("content-type")).toMatch(/xml/);
      expect(metadata.text).toContain('<Property Name="Custom_MhhsTestStage" Type="Edm.String"/>');
      expect(metadata.text).toContain('<NavigationProperty Name="TestCase" Type="Microsoft.VisualStudio.Services.Analytics.Model.WorkItem"/>');
    });
  });
});
