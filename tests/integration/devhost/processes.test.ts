import { AGILE_PROCESS_ID } from "../../../devhost/catalogue/systemProcesses";
import { TESTER_USER } from "../../../devhost/catalogue/users";
import type { DevhostHandle } from "../../../devhost/server";
import { bearer, JSON_PATCH, ORG, Rest, startTestHost } from "./host";

const PROCESSES = `/${ORG}/_apis/work/processes`;
const PREVIEW = "application/json;api-version=7.1-preview.2";

describe("devhost processes", () => {
  let host: DevhostHandle;
  let rest: Rest;
  let tester: Rest;
  let mhhsProcessId: string;

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.01 });
    rest = new Rest(host);
    tester = rest.as(bearer(host.issueAccessToken(TESTER_USER.id)));
    mhhsProcessId = host.store.processes.findByName("MHHS Agile")!.id;
  });
  afterAll(() => host.close());

  it("lists the system processes and the inherited MHHS Agile with its projects", async () => {
    const response = await rest.get(`${PROCESSES}?$expand=projects`, { accept: PREVIEW });
    const byName = Object.fromEntries(response.body.value.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(["Agile", "Basic", "CMMI", "MHHS Agile", "Scrum"]);
    expect(byName.Agile).toMatchObject({ typeId: AGILE_PROCESS_ID, customizationType: "system", parentProcessTypeId: "00000000-0000-0000-0000-000000000000", projects: [expect.objectContaining({ name: "Fresh Project" })] });
    expect(byName["MHHS Agile"]).toMatchObject({ customizationType: "inherited", parentProcessTypeId: AGILE_PROCESS_ID, projects: [expect.objectContaining({ name: "MHHS Programme" })] });
  });

  it("shows derived and system work item types of the inherited process", async () => {
    const response = await rest.get(`${PROCESSES}/${mhhsProcessId}/workItemTypes?$expand=states`, { accept: PREVIEW });
    const bug = response.body.value.find((t: { name: string }) => t.name === "Bug");
    expect(bug).toMatchObject({ referenceName: "MHHSAgile.Bug", customization: "inherited", inherits: "Microsoft.VSTS.WorkItemTypes.Bug" });
    expect(bug.states.map((s: { name: string }) => s.name)).toEqual(["New", "Active", "Resolved", "Closed"]);
    const task = response.body.value.find((t: { name: string }) => t.name === "Task");
    expect(task).toMatchObject({ referenceName: "Microsoft.VSTS.WorkItemTypes.Task", customization: "system" });
  });

  it("lists a type's fields with the MHHS fields provisioned and picklist values", async () => {
    const response = await rest.get(`${PROCESSES}/${mhhsProcessId}/workItemTypes/MHHSAgile.Bug/fields?$expand=allowedValues`, { accept: PREVIEW });
    const stage = response.body.value.find((f: { referenceName: string }) => f.referenceName === "Custom.MhhsTestStage");
    expect(stage).toMatchObject({ type: "picklistString", customization: "inherited", allowedValues: expect.arrayContaining(["SIT-FUNC", "QT"]) });
    const title = response.body.value.find((f: { referenceName: string }) => f.referenceName === "System.Title");
    expect(title).toMatchObject({ required: true, customization: "system" });
  });

  it("reports the requirement category per process: User Story on Agile", async () => {
    const response = await rest.get(`/${ORG}/Fresh%20Project/_apis/wit/workitemtypecategories/Microsoft.RequirementCategory`);
    expect(response.body).toMatchObject({ referenceName: "Microsoft.RequirementCategory", defaultWorkItemType: { name: "User Story" } });
    const all = await rest.get(`/${ORG}/Fresh%20Project/_apis/wit/workitemtypecategories`);
    expect(all.body.value.map((c: { referenceName: string }) => c.referenceName)).toEqual(
      expect.arrayContaining(["Microsoft.BugCategory", "Microsoft.TestCaseCategory", "Microsoft.TestPlanCategory", "Microsoft.TestSuiteCategory", "Microsoft.RequirementCategory"]),
    );
  });

  it("refuses changes by a user without Edit process (403) and to a system process (400)", async () => {
    const denied = await tester.post(`${PROCESSES}/${mhhsProcessId}/workItemTypes/MHHSAgile.Bug/fields`, { referenceName: "Custom.MhhsTestCycle" }, { accept: PREVIEW });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ typeKey: "ProcessPermissionException", message: expect.stringMatching(/VS402356.*Edit process/) });
    const system = await rest.post(`${PROCESSES}/${AGILE_PROCESS_ID}/workItemTypes/Microsoft.VSTS.WorkItemTypes.Bug/fields`, { referenceName: "Custom.MhhsTestCycle" }, { accept: PREVIEW });
    expect(system.status).toBe(400);
    expect(system.body.message).toMatch(/VS402804/);
    expect((await tester.post(PROCESSES, { name: "Mine", parentProcessTypeId: AGILE_PROCESS_ID }, { accept: PREVIEW })).status).toBe(403);
    expect((await tester.post(`/${ORG}/_apis/wit/fields`, { name: "Nope", type: "string" }, { accept: PREVIEW })).status).toBe(403);
  });

  it("provisions a new inherited process as the admin hub would: picklist, field, type, layout", async () => {
    const created = await rest.post(PROCESSES, { name: "Programme Agile", parentProcessTypeId: AGILE_PROCESS_ID, description: "test" }, { accept: PREVIEW });
    expect(created.body).toMatchObject({ name: "Programme Agile", customizationType: "inherited", parentProcessTypeId: AGILE_PROCESS_ID });
    const processId = created.body.typeId as string;
    expect((await rest.post(PROCESSES, { name: "Programme Agile", parentProcessTypeId: AGILE_PROCESS_ID }, { accept: PREVIEW })).status).toBe(400);
    expect((await rest.post(PROCESSES, { name: "Grandchild", parentProcessTypeId: processId }, { accept: PREVIEW })).body.message).toMatch(/VS402372/);

    const list = await rest.post(`${PROCESSES}/lists`, { name: "Cohort", type: "String", items: ["Cohort 1", "Cohort 2"], isSuggested: false }, { accept: PREVIEW });
    expect(list.body).toMatchObject({ name: "Cohort", items: ["Cohort 1", "Cohort 2"], isSuggested: false });
    const updated = await rest.put(`${PROCESSES}/lists/${list.body.id}`, { items: ["Cohort 1", "Cohort 2", "Linked cohort"] }, { accept: PREVIEW });
    expect(updated.body.items).toEqual(["Cohort 1", "Cohort 2", "Linked cohort"]);
    expect((await rest.get(`${PROCESSES}/lists`, { accept: PREVIEW })).body.value.map((l: { name: string }) => l.name)).toContain("Cohort");

    const field = await rest.post(`/${ORG}/_apis/wit/fields`, { name: "Cohort", referenceName: "Custom.Cohort", type: "string", isPicklist: true, picklistId: list.body.id }, { accept: PREVIEW });
    expect(field.body).toMatchObject({ referenceName: "Custom.Cohort", isPicklist: true, picklistId: list.body.id });
    expect((await rest.post(`/${ORG}/_apis/wit/fields`, { name: "Cohort", type: "string" }, { accept: PREVIEW })).body.message).toMatch(/VS402811/);

    // Adding a field to a system type derives the type first, as ADO does.
    const added = await rest.post(`${PROCESSES}/${processId}/workItemTypes/Microsoft.VSTS.WorkItemTypes.Bug/fields`, { referenceName: "Custom.Cohort", required: false }, { accept: PREVIEW });
    expect(added.body).toMatchObject({ referenceName: "Custom.Cohort", customization: "inherited", type: "picklistString" });
    const bug = await rest.get(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug`, { accept: PREVIEW });
    expect(bug.body).toMatchObject({ customization: "inherited", inherits: "Microsoft.VSTS.WorkItemTypes.Bug" });

    const layout = await rest.get(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout`, { accept: PREVIEW });
    const details = layout.body.pages.find((p: { pageType: string }) => p.pageType === "custom");
    expect(details.sections.map((s: { id: string }) => s.id)).toEqual(["Section1", "Section2", "Section3"]);
    expect(layout.body.systemControls.map((c: { id: string }) => c.id)).toContain("System.Title");

    const group = await rest.post(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout/pages/${details.id}/sections/Section2/groups`, { label: "MHHS", visible: true }, { accept: PREVIEW });
    expect(group.body).toMatchObject({ label: "MHHS", controls: [], isContribution: false });
    expect((await rest.post(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout/pages/${details.id}/sections/Section2/groups`, { label: "MHHS" }, { accept: PREVIEW })).status).toBe(400);
    const control = await rest.post(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout/groups/${group.body.id}/controls`, { id: "Custom.Cohort", label: "Cohort", visible: true }, { accept: PREVIEW });
    expect(control.body).toMatchObject({ id: "Custom.Cohort", controlType: "FieldControl", isContribution: false });
    const contribution = await rest.post(
      `${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout/groups/${group.body.id}/controls`,
      { isContribution: true, visible: true, contribution: { contributionId: "mhhs-local.mhhs-test-management.mpan-control", inputs: { FieldName: "Custom.MhhsTestMpans" }, height: 80 } },
      { accept: PREVIEW },
    );
    expect(contribution.body).toMatchObject({ id: "mhhs-local.mhhs-test-management.mpan-control", isContribution: true, contribution: { contributionId: "mhhs-local.mhhs-test-management.mpan-control", inputs: { FieldName: "Custom.MhhsTestMpans" } } });
    const unknownField = await rest.post(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout/groups/${group.body.id}/controls`, { id: "Custom.MhhsTestCycle" }, { accept: PREVIEW });
    expect(unknownField.status).toBe(404);

    const after = await rest.get(`${PROCESSES}/${processId}/workItemTypes/ProgrammeAgile.Bug/layout`, { accept: PREVIEW });
    const mhhs = after.body.pages[0].sections[1].groups.find((g: { label: string }) => g.label === "MHHS");
    expect(mhhs.controls.map((c: { id: string }) => c.id)).toEqual(["Custom.Cohort", "mhhs-local.mhhs-test-management.mpan-control"]);
  });

  it("enforces the strict Market Role picklist of the process on work items (SMS is not a role code)", async () => {
    const created = await rest.post(
      `/${ORG}/MHHS%20Programme/_apis/wit/workitems/$Bug`,
      [
        { op: "add", path: "/fields/System.Title", value: "MPAN check" },
        { op: "add", path: "/fields/Custom.MhhsMarketRole", value: "SMS" },
      ],
      { contentType: JSON_PATCH },
    );
    expect(created.status).toBe(400);
    expect(created.body.customProperties.FieldReferenceName).toBe("Custom.MhhsMarketRole");
  });

  it("creates a custom work item type in an inherited process", async () => {
    const created = await rest.post(`${PROCESSES}/${mhhsProcessId}/workItemTypes`, { name: "Work-off Plan", color: "FFAA00", icon: "icon_clipboard" }, { accept: PREVIEW });
    expect(created.body).toMatchObject({ name: "Work-off Plan", referenceName: "MHHSAgile.WorkoffPlan", customization: "custom" });
    const types = await rest.get(`/${ORG}/MHHS%20Programme/_apis/wit/workitemtypes`);
    expect(types.body.value.map((t: { name: string }) => t.name)).toContain("Work-off Plan");
    expect((await rest.post(`${PROCESSES}/${mhhsProcessId}/workItemTypes`, { name: "Bug" }, { accept: PREVIEW })).body.message).toMatch(/VS402343/);
  });

  it("serves the project-level work item type with fields, states and transitions", async () => {
    const response = await rest.get(`/${ORG}/MHHS%20Programme/_apis/wit/workitemtypes/Bug`);
    expect(response.body).toMatchObject({ name: "Bug", referenceName: "MHHSAgile.Bug", states: expect.arrayContaining([{ name: "Closed", color: "339933", category: "Completed" }]) });
    expect(response.body.fields.map((f: { referenceName: string }) => f.referenceName)).toEqual(expect.arrayContaining(["System.Title", "Custom.MhhsDefectCategory", "Custom.MhhsWorkOffPlan"]));
    const field = await rest.get(`/${ORG}/MHHS%20Programme/_apis/wit/workitemtypes/Bug/fields/Custom.MhhsDefectCategory?$expand=allowedValues`);
    expect(field.body.allowedValues).toEqual(expect.arrayContaining(["Design", "Environment"]));
  });

  it("lists link types with both ends", async () => {
    const response = await rest.get(`/${ORG}/_apis/wit/workitemrelationtypes`);
    const byReference = Object.fromEntries(response.body.value.map((r: { referenceName: string }) => [r.referenceName, r]));
    expect(byReference["System.LinkTypes.Hierarchy-Forward"]).toMatchObject({ name: "Child", attributes: { usage: "workItemLink", topology: "tree", directional: true } });
    expect(byReference["System.LinkTypes.Hierarchy-Reverse"]).toMatchObject({ name: "Parent", attributes: { singleTarget: true } });
    expect(byReference["Microsoft.VSTS.Common.TestedBy-Forward"].name).toBe("Tested By");
    expect(byReference["Microsoft.VSTS.Common.TestedBy-Reverse"].name).toBe("Tests");
    expect(byReference["System.LinkTypes.Related"].name).toBe("Related");
  });
});
