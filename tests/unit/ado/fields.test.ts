import {
  assertReferenceName,
  BUILT_IN_FIELDS,
  defaultPicklistLists,
  FIELD,
  fieldByReferenceName,
  joinMultiValue,
  MHHS_FIELDS,
  mhhsFieldsFor,
  picklistValues,
  splitMultiValue,
} from "../../../src/ado/fields";

describe("the field map", () => {
  it("names every MHHS field Custom.Mhhs*, once, with a picklist source for each picklist", () => {
    const fields = Object.values(MHHS_FIELDS);
    expect(fields).toHaveLength(17);
    expect(new Set(fields.map((f) => f.referenceName)).size).toBe(fields.length);
    for (const field of fields) {
      expect(field.referenceName).toMatch(/^Custom\.Mhhs[A-Z]\w+$/);
      expect(field.on.length).toBeGreaterThan(0);
      expect(field.type === "picklistString").toBe("picklist" in field);
    }
  });

  it("puts the fields on the categories the design gives them", () => {
    const names = (category: "requirement" | "testCase" | "bug") => mhhsFieldsFor(category).map((f) => f.name);
    expect(names("requirement")).toEqual([
      "Test Stage",
      "Market Role",
      "Design References",
      "Design Release",
      "Requirement Type",
      "Market Roles",
      "Stages In Scope",
      "Requirement Id",
    ]);
    expect(names("testCase")).toEqual(["Test Stage", "Test Cycle", "Market Role", "Participant", "Design References", "Test Case Id", "NFT Category", "Test MPANs"]);
    expect(names("bug")).toEqual([
      "Test Stage",
      "Test Cycle",
      "Market Role",
      "Participant",
      "Environment",
      "Design References",
      "Design Release",
      "Fixed In Release",
      "Defect Category",
      "Work-off Plan",
      "Test MPANs",
    ]);
  });

  it("gives reference names by key and finds definitions by reference name", () => {
    expect(FIELD.testStage).toBe("Custom.MhhsTestStage");
    expect(FIELD.severity).toBe("Microsoft.VSTS.Common.Severity");
    expect(fieldByReferenceName("custom.mhhstestmpans")?.name).toBe("Test MPANs");
    expect(fieldByReferenceName("System.ChangedDate")).toBe(BUILT_IN_FIELDS.changedDate);
    expect(fieldByReferenceName("Custom.Other")).toBeUndefined();
  });

  it("draws picklist values from the catalogues and the environments plan", () => {
    const lists = defaultPicklistLists();
    expect(picklistValues("stages", lists)).toContain("SIT-FUNC");
    expect(picklistValues("roles", lists)).toContain("LDSO");
    expect(picklistValues("requirementTypes", lists)).toEqual(["Functional", "Migration", "Non-Functional", "Operational"]);
    expect(picklistValues("environments", lists)).toContain("SIT-A");
  });

  it("splits and joins multi-value fields", () => {
    expect(splitMultiValue(" SUP;LDSO ;; SDS ")).toEqual(["SUP", "LDSO", "SDS"]);
    expect(splitMultiValue(undefined)).toEqual([]);
    expect(joinMultiValue(["SUP", " LDSO", "", "SUP"])).toBe("SUP; LDSO");
  });

  it("accepts only plain reference names", () => {
    expect(assertReferenceName("System.Title")).toBe("System.Title");
    expect(() => assertReferenceName("System.Title]")).toThrow(RangeError);
  });
});
