// Analytics queries from the access layer: values are quoted, paths checked, the Analytics host found
// from the REST root, $batch answers read; and the data sources' shared rules for counting, links and
// the plan-to-stage mapping.

import type { AdoConnection } from "../../../src/ado/clients";
import { pointScope } from "../../../src/ado/dataSources/analytics";
import { isAnalyticsUnavailable } from "../../../src/ado/dataSources/choose";
import { CountAccumulator, EVERY_ID, LinkIndex, matchesPointFilter, PointFact, StageMapping } from "../../../src/ado/dataSources/shared";
import { AdoError } from "../../../src/ado/errors";
import { HttpFailure } from "../../../src/ado/http";
import {
  analyticsRoot,
  assertPropertyPath,
  odataAnd,
  odataEq,
  odataIn,
  odataLiteral,
  odataNot,
  odataQueryString,
  parseBatchAnswer,
} from "../../../src/ado/odata";
import { LINK_TYPES } from "../../../src/ado/workItems";

describe("OData conditions", () => {
  it("quotes values so that no text changes the shape of a query", () => {
    expect(odataLiteral("O'Brien")).toBe("'O''Brien'");
    expect(odataLiteral(3)).toBe("3");
    expect(odataLiteral(null)).toBe("null");
    expect(odataLiteral(true)).toBe("true");
    expect(() => odataLiteral(Number.NaN)).toThrow(RangeError);
    expect(odataEq("Title", "x' or 1 eq 1 or Title eq 'y").text).toBe("Title eq 'x'' or 1 eq 1 or Title eq ''y'");
  });

  it("takes only conditions made by the builder", () => {
    expect(() => odataAnd({ text: "1 eq 1) or (true" })).toThrow(TypeError);
    expect(() => odataQueryString({ filter: { text: "x" } })).toThrow(TypeError);
  });

  it("accepts property paths only", () => {
    expect(assertPropertyPath("TestCase/Custom_MhhsTestStage")).toBe("TestCase/Custom_MhhsTestStage");
    for (const bad of ["Title eq 1", "Title)", "", "a//b", "Custom.Field"]) expect(() => assertPropertyPath(bad)).toThrow(RangeError);
  });

  it("joins conditions, with an empty in-list never true and true left out", () => {
    expect(odataIn("State", []).text).toBe("false");
    expect(odataAnd(odataEq("A", 1), odataNot(odataIn("B", ["x", "y"]))).text).toBe("(A eq 1) and (not (B in ('x', 'y')))");
    expect(odataAnd().text).toBe("true");
  });

  it("writes query strings with $apply for counts, encoded", () => {
    const query = odataQueryString({ groupBy: { filter: odataEq("WorkItemType", "Bug"), paths: ["Severity", "Custom_MhhsMarketRole"] } });
    expect(decodeURIComponent(query)).toBe("$apply=filter(WorkItemType eq 'Bug')/groupby((Severity, Custom_MhhsMarketRole), aggregate($count as Count))");
    expect(decodeURIComponent(odataQueryString({ groupBy: { paths: [] } }))).toBe("$apply=aggregate($count as Count)");
    expect(decodeURIComponent(odataQueryString({ select: ["A", "B"], expand: { TestSuite: ["Title"] }, filter: odataEq("A", 1) }))).toBe(
      "$filter=A eq 1&$select=A,B&$expand=TestSuite($select=Title)",
    );
  });
});

describe("analyticsRoot", () => {
  const connection = (root: string, projectName = "MHHS Programme") => ({ projectName, serviceRoot: async () => root }) as unknown as AdoConnection;

  it("uses the Analytics host of Azure DevOps Services and the collection's own root elsewhere", async () => {
    expect(await analyticsRoot(connection("https://dev.azure.com/contoso/"))).toBe("https://analytics.dev.azure.com/contoso/MHHS%20Programme/_odata/v4.0-preview/");
    expect(await analyticsRoot(connection("https://contoso.visualstudio.com/"))).toBe("https://contoso.analytics.visualstudio.com/MHHS%20Programme/_odata/v4.0-preview/");
    expect(await analyticsRoot(connection("https://tfs.example.org/tfs/DefaultCollection/"))).toBe("https://tfs.example.org/tfs/DefaultCollection/MHHS%20Programme/_odata/v4.0-preview/");
  });
});

describe("parseBatchAnswer", () => {
  const answer = (status: string, json: string) =>
    ["--batchresponse_1", "Content-Type: application/http", "", `HTTP/1.1 ${status}`, "Content-Type: application/json", "", json, "--batchresponse_1--", ""].join("\r\n");

  it("reads the JSON of the response", () => {
    expect(parseBatchAnswer(answer("200 OK", '{"value":[{"WorkItemId":1}]}'), "multipart/mixed; boundary=batchresponse_1")).toEqual({ value: [{ WorkItemId: 1 }] });
  });

  it("throws the service's message with the status of the part", () => {
    expect(() => parseBatchAnswer(answer("400 Bad Request", '{"error":{"code":"0","message":"bad query"}}'), "multipart/mixed; boundary=batchresponse_1")).toThrow(
      expect.objectContaining({ status: 400, message: "bad query" }),
    );
  });
});

describe("the data sources' shared rules", () => {
  it("count an item under each value of a multi-valued dimension, and once in the total", () => {
    const counts = new CountAccumulator<"role" | "stage">(["role", "stage"]);
    counts.add([["SUP", "LDSO"], ["QT"]], 2);
    counts.add([["SUP"], ["QT"]], 1);
    expect(counts.result()).toEqual({
      by: ["role", "stage"],
      total: 3,
      rows: [
        { key: { role: "LDSO", stage: "QT" }, count: 2 },
        { key: { role: "SUP", stage: "QT" }, count: 3 },
      ],
    });
  });

  it("read a link from either end the same way", () => {
    const fromRequirement = new LinkIndex();
    fromRequirement.add(1, LINK_TYPES.testedBy, 10);
    const fromTestCase = new LinkIndex();
    fromTestCase.add(10, LINK_TYPES.tests, 1);
    for (const index of [fromRequirement, fromTestCase]) {
      expect(index.testedByIds(1, EVERY_ID)).toEqual([10]);
      expect(index.testsIds(10, EVERY_ID)).toEqual([1]);
    }
    const related = new LinkIndex();
    related.add(5, LINK_TYPES.related, 10);
    expect(related.linkedIds(10, new Set([5]))).toEqual([5]);
    expect(related.linkedIds(10, new Set([6]))).toEqual([]);
  });

  it("take a point's stage from its plan's mapping, else from its test case, in code and in OData alike", () => {
    const mapping = new StageMapping([
      { planId: 1, stage: "SIT-FUNC", cycle: "C1" },
      { planId: 2, stage: "QT" },
    ]);
    const fact = (planId: number, stage?: string): PointFact => ({ planId, suiteId: 1, outcome: "Passed", testCase: { stage }, count: 1 });
    expect(matchesPointFilter(fact(1, "QT"), { stage: "sit-func" }, mapping)).toBe(true);
    expect(matchesPointFilter(fact(2, "SIT-FUNC"), { stage: "SIT-FUNC" }, mapping)).toBe(false);
    expect(matchesPointFilter(fact(3, "SIT-FUNC"), { stage: "SIT-FUNC" }, mapping)).toBe(true);
    expect(pointScope({ stage: "SIT-FUNC" }, mapping).text).toBe(
      "(TestPlanId in (1)) or ((not (TestPlanId in (1, 2))) and (TestCase/Custom_MhhsTestStage eq 'SIT-FUNC'))",
    );
    expect(pointScope({ cycle: "C2" }, mapping).text).toBe("(not (TestPlanId in (1))) and (TestCase/Custom_MhhsTestCycle eq 'C2')");
  });

  it("fall back on a missing, denied or unreachable Analytics, not on a malformed query", () => {
    for (const status of [401, 403, 404]) expect(isAnalyticsUnavailable(new HttpFailure({ status }))).toBe(true);
    expect(isAnalyticsUnavailable(new AdoError("no answer", { kind: "network", attempts: 4, elapsedMs: 1 }))).toBe(true);
    expect(isAnalyticsUnavailable(new HttpFailure({ status: 400 }))).toBe(false);
    expect(isAnalyticsUnavailable(new AdoError("throttled", { kind: "throttled", status: 429, attempts: 4, elapsedMs: 1 }))).toBe(false);
  });
});
