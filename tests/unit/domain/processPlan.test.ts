import "../../../src/ado/node";
import fc from "fast-check";
import { defaultPicklistLists } from "../../../src/ado/fields";
import { desiredProcessSetup } from "../../../src/ado/processSetup";
import {
  DesiredSetup,
  groupStepsByTarget,
  LayoutGroup,
  planProcessSetup,
  ProcessState,
  SETUP_CATEGORIES,
  SetupCategory,
  simulateSetupSteps,
  TypeState,
} from "../../../src/domain/processPlan";

const DESIRED = desiredProcessSetup(defaultPicklistLists(), { publisherId: "mhhs-local", extensionId: "mhhs-test-management" });
const PAGE = { id: "details", label: "Details", isCustom: true, sectionIds: ["Section1", "Section2", "Section3"] };
const TYPE_NAMES: Record<SetupCategory, string> = { requirement: "User Story", testCase: "Test Case", bug: "Bug" };
const SYSTEM_REFS: Record<SetupCategory, string> = {
  requirement: "Microsoft.VSTS.WorkItemTypes.UserStory",
  testCase: "Microsoft.VSTS.WorkItemTypes.TestCase",
  bug: "Microsoft.VSTS.WorkItemTypes.Bug",
};

function systemType(category: SetupCategory): TypeState {
  return { name: TYPE_NAMES[category], referenceName: SYSTEM_REFS[category], customisation: "system", fields: ["System.Title", "System.State"], pages: [PAGE], groups: [] };
}

/** A new inherited process of Agile in an organization that has never seen the extension. */
function freshState(kind: "inherited" | "system" = "inherited"): ProcessState {
  return {
    process: { id: "p1", name: kind === "system" ? "Agile" : "MHHS Agile", kind, ...(kind === "inherited" ? { parentId: "agile", parentName: "Agile" } : {}) },
    fields: [
      { referenceName: "System.Title", name: "Title", type: "string", isPicklist: false },
      { referenceName: "Microsoft.VSTS.CMMI.RequirementType", name: "Requirement Type", type: "string", isPicklist: false },
    ],
    picklists: [],
    types: { requirement: systemType("requirement"), testCase: systemType("testCase"), bug: systemType("bug") },
  };
}

describe("planning the process set-up", () => {
  it("lists everything for a fresh process, in an order that can run: lists, fields, then each type", () => {
    const plan = planProcessSetup(DESIRED, freshState());
    expect(plan.canApply).toBe(true);
    const kinds = plan.steps.map((s) => s.kind);
    const counts = kinds.reduce<Record<string, number>>((c, k) => ({ ...c, [k]: (c[k] ?? 0) + 1 }), {});
    expect(counts).toEqual({ createPicklist: 6, createField: 17, deriveType: 3, addFieldToType: 27, addFormGroup: 9 });
    expect(kinds.lastIndexOf("createField")).toBeLessThan(kinds.indexOf("deriveType"));
    expect(kinds.indexOf("createPicklist")).toBeLessThan(kinds.indexOf("createField"));
    const stage = plan.steps.find((s) => s.kind === "createField" && s.referenceName === "Custom.MhhsTestStage");
    expect(stage).toMatchObject({ picklist: { name: "MHHS Test Stage" } });
    expect(plan.steps.find((s) => s.kind === "createField" && s.referenceName === "Custom.MhhsRequirementType")).toMatchObject({
      name: "MHHS Requirement Type",
      reason: expect.stringContaining("Microsoft.VSTS.CMMI.RequirementType"),
    });
    expect(plan.types).toEqual([
      { category: "requirement", typeName: "User Story", fieldsWanted: 8, fieldsPresent: 0, groupShown: false, strayGroups: 0 },
      { category: "testCase", typeName: "Test Case", fieldsWanted: 8, fieldsPresent: 0, groupShown: false, strayGroups: 0 },
      { category: "bug", typeName: "Bug", fieldsWanted: 11, fieldsPresent: 0, groupShown: false, strayGroups: 0 },
    ]);
  });

  it("places each group visible on its own type and hidden on the others", () => {
    const plan = planProcessSetup(DESIRED, freshState());
    const groups = plan.steps.filter((s) => s.kind === "addFormGroup");
    const onBug = groups.filter((s) => "typeName" in s && s.typeName === "Bug").map((s) => [s.kind === "addFormGroup" && s.label, s.kind === "addFormGroup" && s.visible]);
    expect(onBug).toEqual([
      ["MHHS defect", true],
      ["MHHS requirement", false],
      ["MHHS test case", false],
    ]);
    expect(groups.every((s) => s.kind === "addFormGroup" && s.sectionId === "Section2" && s.pageId === "details")).toBe(true);
  });

  it("explains that a system process cannot be changed, and still shows what is missing", () => {
    const plan = planProcessSetup(DESIRED, freshState("system"));
    expect(plan.canApply).toBe(false);
    expect(plan.blockers).toEqual([expect.stringMatching(/system process "Agile", which cannot be changed. Create an inherited process/)]);
    expect(plan.steps.length).toBeGreaterThan(0);
  });

  it("adds only the missing values to an existing picklist, keeps values the programme does not list, and shows a hidden group", () => {
    const state = simulateSetupSteps(freshState(), planProcessSetup(DESIRED, freshState()).steps);
    const stageField = state.fields.find((f) => f.referenceName === "Custom.MhhsTestStage")!;
    const list = state.picklists.find((p) => p.id === stageField.picklistId)!;
    const trimmed: ProcessState = {
      ...state,
      picklists: state.picklists.map((p) => (p.id === list.id ? { ...p, items: [...p.items!.filter((i) => i !== "QT" && i !== "PIT"), "LEGACY"] } : p)),
      types: {
        ...state.types,
        bug: { ...state.types.bug!, groups: state.types.bug!.groups.map((g) => (g.label === "MHHS defect" ? { ...g, visible: false } : g.label === "MHHS test case" ? { ...g, visible: true } : g)) },
      },
    };
    const plan = planProcessSetup(DESIRED, trimmed);
    expect(plan.steps.map((s) => s.kind)).toEqual(["addPicklistItems", "setFormGroupVisibility", "setFormGroupVisibility"]);
    expect(plan.steps[0]).toMatchObject({ items: ["PIT", "QT"], picklistId: list.id });
    expect(plan.types.find((t) => t.category === "bug")).toMatchObject({ groupShown: false, strayGroups: 1 });
    expect(plan.steps[1]).toMatchObject({ title: 'Show the group "MHHS defect" on Bug', visible: true });
    expect(plan.steps[2]).toMatchObject({ title: 'Hide the group "MHHS test case" on Bug', visible: false });
  });

  it("warns instead of planning what it cannot do: a type missing from the process, a field of another type, both names taken", () => {
    const base = freshState();
    const state: ProcessState = {
      ...base,
      fields: [
        ...base.fields,
        { referenceName: "Custom.MhhsTestCycle", name: "Test Cycle", type: "integer", isPicklist: false },
        { referenceName: "Other.Participant", name: "Participant", type: "string", isPicklist: false },
        { referenceName: "Other.Prefixed", name: "MHHS Participant", type: "string", isPicklist: false },
      ],
      types: { requirement: base.types.requirement, testCase: base.types.testCase },
    };
    const plan = planProcessSetup(DESIRED, state);
    expect(plan.warnings).toEqual([
      expect.stringMatching(/Test Cycle \(Custom.MhhsTestCycle\) exists in the organization as integer/),
      expect.stringMatching(/Custom.MhhsParticipant cannot be created: the names "Participant" and "MHHS Participant"/),
      "This process has no work item type in the Bug category, so its MHHS fields and group cannot be added.",
    ]);
    expect(plan.steps.some((s) => "referenceName" in s && s.referenceName === "Custom.MhhsParticipant")).toBe(false);
    expect(plan.steps.some((s) => s.kind === "createField" && s.referenceName === "Custom.MhhsWorkOffPlan")).toBe(false);
  });

  it("reuses a picklist left by an earlier run that stopped before creating its field", () => {
    const state: ProcessState = { ...freshState(), picklists: [{ id: "l1", name: "MHHS Test Stage", items: ["PIT"], isSuggested: false }] };
    const plan = planProcessSetup(DESIRED, state);
    expect(plan.steps.some((s) => s.kind === "createPicklist" && s.picklist === "MHHS Test Stage")).toBe(false);
    expect(plan.steps.find((s) => s.kind === "createField" && s.referenceName === "Custom.MhhsTestStage")).toMatchObject({ picklist: { id: "l1" } });
    expect(plan.steps.find((s) => s.kind === "addPicklistItems")).toMatchObject({ picklistId: "l1" });
  });

  it("groups steps by where they act", () => {
    const targets = groupStepsByTarget(planProcessSetup(DESIRED, freshState()).steps).map((g) => g.target);
    expect(targets).toEqual(["Organization fields and picklists", "User Story", "Test Case", "Bug"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever the process looks like, running the plan and planning again finds nothing.

const SMALL_DESIRED: DesiredSetup = {
  fields: [
    { referenceName: "Custom.A", name: "Alpha", type: "picklistString", description: "", on: ["bug", "testCase"], picklist: { name: "List A", items: ["x", "y", "z"], isSuggested: false } },
    { referenceName: "Custom.B", name: "Beta", type: "string", description: "", on: ["requirement"] },
    { referenceName: "Custom.C", name: "Gamma", type: "html", description: "", on: ["bug"] },
    { referenceName: "Custom.D", name: "Delta", type: "picklistString", description: "", on: SETUP_CATEGORIES, picklist: { name: "List D", items: ["1", "2"], isSuggested: true } },
  ],
  groups: SETUP_CATEGORIES.map((category) => ({ contributionId: `pub.ext.${category}-group`, label: `Group ${category}`, category })),
};

const arbitraryGroups = fc.subarray(SMALL_DESIRED.groups.map((g) => g.contributionId)).chain((ids) =>
  fc.tuple(...ids.map((id) => fc.boolean().map((visible): LayoutGroup => ({ id: `g-${id}`, label: id, visible, pageId: "details", sectionId: "Section2", contributionId: id })))),
);

const arbitraryType = (category: SetupCategory) =>
  fc.record({
    customisation: fc.constantFrom("system" as const, "inherited" as const),
    fields: fc.subarray(SMALL_DESIRED.fields.map((f) => f.referenceName)),
    groups: arbitraryGroups,
  }).map(
    (t): TypeState => ({
      name: TYPE_NAMES[category],
      referenceName: t.customisation === "system" ? SYSTEM_REFS[category] : `MHHSAgile.${TYPE_NAMES[category].replace(/ /g, "")}`,
      customisation: t.customisation,
      fields: t.fields,
      pages: [PAGE],
      groups: t.groups,
    }),
  );

const arbitraryState: fc.Arbitrary<ProcessState> = fc
  .record({
    existing: fc.subarray(SMALL_DESIRED.fields.slice()),
    takenNames: fc.subarray(["Alpha", "Beta", "MHHS Beta", "Gamma"]),
    listItems: fc.subarray(["x", "y", "z", "w"]),
    strayList: fc.boolean(),
    types: fc.record({ requirement: fc.option(arbitraryType("requirement"), { nil: undefined }), testCase: arbitraryType("testCase"), bug: arbitraryType("bug") }),
  })
  .map(({ existing, takenNames, listItems, strayList, types }) => {
    const picklists = existing.filter((f) => f.picklist).map((f) => ({ id: `list-${f.referenceName}`, name: f.picklist!.name, items: listItems, isSuggested: false }));
    if (strayList && !existing.some((f) => f.referenceName === "Custom.D")) picklists.push({ id: "stray", name: "List D", items: ["1"], isSuggested: true });
    const fields = [
      ...existing.map((f) => ({
        referenceName: f.referenceName,
        name: f.name,
        type: f.type === "picklistString" ? "string" : f.type,
        isPicklist: f.type === "picklistString",
        ...(f.picklist ? { picklistId: `list-${f.referenceName}` } : {}),
      })),
      ...takenNames.filter((name) => !existing.some((f) => f.name === name)).map((name, i) => ({ referenceName: `Other.F${i}`, name, type: "string", isPicklist: false })),
    ];
    return { process: { id: "p", name: "MHHS Agile", kind: "inherited" as const }, fields, picklists, types };
  });

describe("planning again after the plan has run", () => {
  it("finds nothing to do, whatever the process had (fast-check)", () => {
    fc.assert(
      fc.property(arbitraryState, (state) => {
        const plan = planProcessSetup(SMALL_DESIRED, state);
        const after = simulateSetupSteps(state, plan.steps);
        const again = planProcessSetup(SMALL_DESIRED, after);
        expect(again.steps).toEqual([]);
        // Every type that exists ends with its own group shown and no other shown.
        for (const summary of again.types) {
          expect(summary.groupShown).toBe(true);
          expect(summary.strayGroups).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("holds for the real field map on a fresh process too", () => {
    const state = freshState();
    const after = simulateSetupSteps(state, planProcessSetup(DESIRED, state).steps);
    expect(planProcessSetup(DESIRED, after).steps).toEqual([]);
  });
});
