import { FIELD } from "../../../src/ado/fields";
import {
  and,
  contains,
  dateTime,
  eq,
  ge,
  gt,
  inCategory,
  inList,
  isEmpty,
  literal,
  lt,
  ne,
  notInList,
  or,
  select,
  under,
  WiqlCondition,
  WiqlMacro,
} from "../../../src/ado/wiql";

describe("literal", () => {
  it("quotes strings and doubles single quotes", () => {
    expect(literal("SIT-FUNC")).toBe("'SIT-FUNC'");
    expect(literal("O'Brien's meter")).toBe("'O''Brien''s meter'");
    expect(literal("")).toBe("''");
  });

  it("writes numbers bare and refuses what is not finite", () => {
    expect(literal(42)).toBe("42");
    expect(literal(-1.5)).toBe("-1.5");
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("writes a Date as its UTC day and dateTime() as the instant", () => {
    const at = new Date("2026-03-14T15:09:26.535Z");
    expect(literal(at)).toBe("'2026-03-14'");
    expect(literal(dateTime(at))).toBe("'2026-03-14T15:09:26.535Z'");
    expect(() => literal(new Date("not a date"))).toThrow(RangeError);
  });

  it("writes macros only from the typed constants", () => {
    expect(literal(WiqlMacro.project)).toBe("@project");
    expect(literal(WiqlMacro.me)).toBe("@me");
    expect(literal(WiqlMacro.today())).toBe("@today");
    expect(literal(WiqlMacro.today(-7))).toBe("@today - 7");
    expect(literal(WiqlMacro.today(3))).toBe("@today + 3");
    expect(() => WiqlMacro.today(1.5)).toThrow(RangeError);
    expect(literal("@project")).toBe("'@project'");
  });

  it("refuses other kinds of value", () => {
    expect(() => literal(true as unknown as string)).toThrow(TypeError);
    expect(() => literal({ text: "@project" } as unknown as string)).toThrow(TypeError);
  });
});

describe("injection attempts stay inside the literal", () => {
  const attempts = [
    "x' OR [System.Id] > 0 OR [System.Title] = 'y",
    "'; DROP TABLE WorkItems; --",
    "SIT' ) OR ( 'a' = 'a",
    "''",
    "\\' OR 1=1",
    "line\nbreak' OR 'x",
  ];

  it.each(attempts)("%j", (attempt) => {
    const text = select(FIELD.id).where(eq(FIELD.testStage, attempt)).text;
    const prefix = "SELECT [System.Id] FROM WorkItems WHERE [Custom.MhhsTestStage] = '";
    expect(text.startsWith(prefix)).toBe(true);
    const rest = text.slice(prefix.length);
    expect(rest.endsWith("'")).toBe(true);
    const inside = rest.slice(0, -1);
    // Every quote inside is doubled, so the literal cannot end early.
    expect(inside.replace(/''/g, "")).not.toContain("'");
    expect(inside.replace(/''/g, "'")).toBe(attempt);
  });

  it("in lists too", () => {
    const text = inList(FIELD.participant, ["ABCD", "x') OR ('1'='1"]).text;
    expect(text).toBe("[Custom.MhhsParticipant] IN ('ABCD', 'x'') OR (''1''=''1')");
  });
});

describe("field names", () => {
  it.each(["System.Title]", "System Title", "[System.Title]", "1System", "System.Title OR 1=1", "", "Custom.Mhhs-Stage"])(
    "refuses %j",
    (name) => {
      expect(() => eq(name, "x")).toThrow(RangeError);
      expect(() => select(name)).toThrow(RangeError);
    },
  );

  it("accepts reference names", () => {
    expect(eq("Microsoft.VSTS.Common.Severity", "1 - Critical").text).toBe("[Microsoft.VSTS.Common.Severity] = '1 - Critical'");
    expect(eq("Custom.Mhhs_Field2", 1).text).toBe("[Custom.Mhhs_Field2] = 1");
  });
});

describe("conditions", () => {
  it("compare, contain, list and walk trees", () => {
    expect(ne(FIELD.state, "Closed").text).toBe("[System.State] <> 'Closed'");
    expect(gt(FIELD.id, 5).text).toBe("[System.Id] > 5");
    expect(ge(FIELD.priority, 2).text).toBe("[Microsoft.VSTS.Common.Priority] >= 2");
    expect(lt(FIELD.createdDate, WiqlMacro.today(-30)).text).toBe("[System.CreatedDate] < @today - 30");
    expect(contains(FIELD.designReferences, "IF-033").text).toBe("[Custom.MhhsDesignReferences] CONTAINS 'IF-033'");
    expect(notInList(FIELD.state, ["Closed", "Removed"]).text).toBe("[System.State] NOT IN ('Closed', 'Removed')");
    expect(under("System.AreaPath", "MHHS Programme\\SIT").text).toBe("[System.AreaPath] UNDER 'MHHS Programme\\SIT'");
    expect(isEmpty(FIELD.workOffPlan).text).toBe("[Custom.MhhsWorkOffPlan] = ''");
    expect(inCategory("Microsoft.BugCategory").text).toBe("[System.WorkItemType] IN GROUP 'Microsoft.BugCategory'");
  });

  it("groups AND and OR in brackets", () => {
    const condition = and(eq(FIELD.teamProject, WiqlMacro.project), or(eq(FIELD.testStage, "QT"), eq(FIELD.testStage, "SIT-FUNC")));
    expect(condition.text).toBe("([System.TeamProject] = @project AND ([Custom.MhhsTestStage] = 'QT' OR [Custom.MhhsTestStage] = 'SIT-FUNC'))");
    expect(and(eq(FIELD.id, 1)).text).toBe("[System.Id] = 1");
  });

  it("refuses empty lists and empty groups", () => {
    expect(() => inList(FIELD.testStage, [])).toThrow(RangeError);
    expect(() => and()).toThrow(RangeError);
  });

  it("refuses conditions not made by the builder", () => {
    const forged = { text: "1 = 1) OR (1 = 1", timePrecision: false } as WiqlCondition;
    expect(() => and(forged, eq(FIELD.id, 1))).toThrow(TypeError);
    expect(() => select(FIELD.id).where(forged)).toThrow(TypeError);
  });

  it("notes when a value needs time precision", () => {
    expect(eq(FIELD.changedDate, new Date("2026-01-01T10:00:00Z")).timePrecision).toBe(false);
    expect(and(eq(FIELD.id, 1), gt(FIELD.changedDate, dateTime(new Date("2026-01-01T10:00:00Z")))).timePrecision).toBe(true);
  });
});

describe("queries", () => {
  it("select, where and order by", () => {
    const query = select(FIELD.id, FIELD.title)
      .where(eq(FIELD.teamProject, WiqlMacro.project))
      .where(inCategory("Microsoft.RequirementCategory"))
      .orderBy(FIELD.changedDate, "desc")
      .orderBy(FIELD.id);
    expect(query.text).toBe(
      "SELECT [System.Id], [System.Title] FROM WorkItems WHERE ([System.TeamProject] = @project AND [System.WorkItemType] IN GROUP 'Microsoft.RequirementCategory') ORDER BY [System.ChangedDate] DESC, [System.Id] ASC",
    );
    expect(String(query)).toBe(query.text);
  });

  it("are immutable", () => {
    const base = select(FIELD.id).where(eq(FIELD.testStage, "QT"));
    const narrowed = base.where(eq(FIELD.marketRole, "SUP"));
    expect(base.text).toBe("SELECT [System.Id] FROM WorkItems WHERE [Custom.MhhsTestStage] = 'QT'");
    expect(narrowed.text).toContain("AND [Custom.MhhsMarketRole] = 'SUP'");
    expect(narrowed.reorder([{ field: FIELD.id, direction: "asc" }]).text).toMatch(/ORDER BY \[System\.Id\] ASC$/);
    expect(() => base.orderBy(FIELD.id, "sideways" as "asc")).toThrow(RangeError);
  });
});
