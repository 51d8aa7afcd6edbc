// The OData query option grammar of the local Analytics endpoint: precedence, literals, paths,
// $apply transformations, $orderby/$select/$expand, and errors that say what is wrong and where.
import type * as Chevrotain from "chevrotain";
import type { Expression, Transformation } from "../../../devhost/odata/ast";
import { ODataError } from "../../../devhost/odata/errors";
import { createODataParser, ODataParser } from "../../../devhost/odata/grammar";

let parser: ODataParser;

beforeAll(async () => {
  parser = createODataParser((await import("chevrotain")) as typeof Chevrotain);
});

/** The expression as compact text, to compare shapes without positions. */
function show(e: Expression): string {
  switch (e.kind) {
    case "literal":
      return e.type === "string" ? `'${String(e.value)}'` : String(e.value);
    case "path":
      return e.segments.join("/");
    case "and":
    case "or":
      return `(${show(e.left)} ${e.kind} ${show(e.right)})`;
    case "not":
      return `not(${show(e.operand)})`;
    case "compare":
      return `${show(e.left)} ${e.operator} ${show(e.right)}`;
    case "in":
      return `${show(e.operand)} in [${e.values.map(show).join(", ")}]`;
    case "call":
      return `${e.name}(${e.args.map(show).join(", ")})`;
    case "cast":
      return `cast(${show(e.operand)} as ${e.type})`;
  }
}

function errorOf(run: () => unknown): ODataError {
  try {
    run();
  } catch (error) {
    if (error instanceof ODataError) return error;
    throw error;
  }
  throw new Error("expected an ODataError");
}

describe("$filter", () => {
  it("binds not tighter than and, and and tighter than or", () => {
    expect(show(parser.filter("A eq 1 or B eq 2 and C eq 3"))).toBe("(A eq 1 or (B eq 2 and C eq 3))");
    expect(show(parser.filter("not A eq 1 and B eq 2"))).toBe("(not(A eq 1) and B eq 2)");
    expect(show(parser.filter("(A eq 1 or B eq 2) and C eq 3"))).toBe("((A eq 1 or B eq 2) and C eq 3)");
  });

  it("reads every comparison operator", () => {
    for (const op of ["eq", "ne", "gt", "ge", "lt", "le"]) expect(show(parser.filter(`Priority ${op} 2`))).toBe(`Priority ${op} 2`);
  });

  it("reads literals: strings with doubled quotes, numbers, booleans, null, dates and date-times", () => {
    expect(parser.filter("Title eq 'it''s'")).toMatchObject({ right: { type: "string", value: "it's" } });
    expect(parser.filter("Priority eq -2")).toMatchObject({ right: { type: "int", value: -2 } });
    expect(parser.filter("Effort eq 2.5")).toMatchObject({ right: { type: "decimal", value: 2.5 } });
    expect(parser.filter("IsDeleted eq false")).toMatchObject({ right: { type: "boolean", value: false } });
    expect(parser.filter("ClosedDate eq null")).toMatchObject({ right: { type: "null", value: null } });
    expect(parser.filter("CreatedDate ge 2024-01-31")).toMatchObject({ right: { type: "date", value: "2024-01-31" } });
    expect(parser.filter("CreatedDate ge 2024-01-31T10:00:00+01:00")).toMatchObject({ right: { type: "dateTimeOffset", value: "2024-01-31T09:00:00.000Z", withoutOffset: false } });
    expect(parser.filter("CreatedDate ge 2024-01-31T10:00:00")).toMatchObject({ right: { withoutOffset: true } });
  });

  it("reads navigation paths, in lists and functions", () => {
    expect(show(parser.filter("TestSuite/TestPlanTitle eq 'SIT'"))).toBe("TestSuite/TestPlanTitle eq 'SIT'");
    expect(show(parser.filter("State in ('Active', 'New')"))).toBe("State in ['Active', 'New']");
    expect(show(parser.filter("contains(tolower(Title), 'mpan') and startswith(Custom_MhhsTestCaseId, 'QT-')"))).toBe(
      "(contains(tolower(Title), 'mpan') and startswith(Custom_MhhsTestCaseId, 'QT-'))",
    );
  });

  it("keeps where each node came from", () => {
    const parsed = parser.filter("State eq 'Active'") as Extract<Expression, { kind: "compare" }>;
    expect(parsed.at).toEqual({ option: "$filter", offset: 6, image: "eq" });
    expect(parsed.right.at.offset).toBe(9);
  });

  it("says what was expected, at which position of which option", () => {
    expect(errorOf(() => parser.filter("State eq")).message).toBe("The query specified in the URI is not valid. Expression expected at position 8 in $filter 'State eq'.");
    expect(errorOf(() => parser.filter("State # 'x'")).message).toContain("character '#' is not valid at position 6 in $filter");
    expect(errorOf(() => parser.filter("Title eq 'abc")).message).toContain("has no closing quote at position 9");
    expect(errorOf(() => parser.filter("State eq 'a' 'b'")).message).toContain("'b'' was not expected here at position 13");
    expect(errorOf(() => parser.filter("(State eq 'a'")).message).toContain("')' expected at position 13");
    expect(errorOf(() => parser.filter("State in ()")).message).toContain("position 10");
    expect(errorOf(() => parser.filter("ChangedDate ge 2024-02-30")).message).toContain("'2024-02-30' is not a valid date");
    expect(errorOf(() => parser.filter("  ")).message).toContain("$filter has no value");
    expect(errorOf(() => parser.filter("x eq")).status).toBe(400);
  });

  it("treats operators as lower-case keywords, as OData does", () => {
    expect(errorOf(() => parser.filter("State EQ 'x'")).message).toContain("at position 6");
  });

  it("takes cast with a type name and refuses a type elsewhere", () => {
    expect(show(parser.filter("cast(Priority, Edm.Double) gt 1"))).toBe("cast(Priority as Edm.Double) gt 1");
    expect(errorOf(() => parser.filter("cast(Priority) eq 1")).message).toContain("'cast' takes an expression and a type");
    expect(errorOf(() => parser.filter("tolower(Title, Edm.String) eq 'a'")).message).toContain("only allowed in 'cast'");
  });
});

describe("$apply", () => {
  it("chains filter, groupby and aggregate with '/'", () => {
    const apply = parser.apply("filter(WorkItemType eq 'Bug')/groupby((Severity, TestCase/Custom_MhhsMarketRole), aggregate($count as Count))");
    expect(apply.map((t) => t.kind)).toEqual(["filter", "groupby"]);
    const groupby = apply[1] as Extract<Transformation, { kind: "groupby" }>;
    expect(groupby.paths.map((p) => p.segments.join("/"))).toEqual(["Severity", "TestCase/Custom_MhhsMarketRole"]);
    expect(groupby.aggregate).toEqual([expect.objectContaining({ kind: "count", alias: "Count" })]);
  });

  it("reads groupby without aggregate, aggregate alone and sums of casts", () => {
    expect(parser.apply("groupby((State))")[0]).toMatchObject({ kind: "groupby", aggregate: undefined });
    const [aggregate] = parser.apply("aggregate($count as Total, cast(LastResultOutcome eq 'Passed', Edm.Int32) with sum as Passed)") as Extract<Transformation, { kind: "aggregate" }>[];
    expect(aggregate.items).toHaveLength(2);
    expect(aggregate.items[1]).toMatchObject({ kind: "with", method: "sum", alias: "Passed" });
  });

  it("names the transformations it does not support", () => {
    expect(errorOf(() => parser.apply("compute(Priority as P)")).message).toContain("The transformation 'compute' is not supported");
    expect(errorOf(() => parser.apply("frobnicate(x)")).message).toContain("'frobnicate' is not a transformation");
    expect(errorOf(() => parser.apply("groupby((State)")).message).toContain("')' expected at position 15 in $apply");
    expect(errorOf(() => parser.apply("groupby((State), filter(x eq 1))")).message).toContain("groupby takes an aggregate transformation");
    expect(errorOf(() => parser.apply("aggregate(Count)")).message).toContain("arguments are not valid; write filter(condition)");
  });
});

describe("$orderby, $select, $expand", () => {
  it("reads directions, lists, the star and $select inside $expand", () => {
    expect(parser.orderBy("Title desc, WorkItemId").map((o) => [o.path.segments.join("/"), o.descending])).toEqual([
      ["Title", true],
      ["WorkItemId", false],
    ]);
    expect(parser.select("*")).toBeUndefined();
    expect(parser.select("WorkItemId, Title")?.map((p) => p.segments[0])).toEqual(["WorkItemId", "Title"]);
    expect(parser.expand("TestConfiguration($select=Name),TestSuite")).toEqual([
      expect.objectContaining({ navigation: "TestConfiguration", select: [expect.objectContaining({ segments: ["Name"] })] }),
      expect.objectContaining({ navigation: "TestSuite", select: undefined }),
    ]);
  });

  it("refuses options inside $expand other than $select", () => {
    expect(errorOf(() => parser.expand("TestSuite($filter=Title eq 'x')")).message).toContain("Only $select is supported inside $expand");
  });
});
