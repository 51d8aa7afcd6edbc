import type { DevhostHandle } from "../../../devhost/server";
import { JSON_PATCH, ORG, PROJECT_PATH, Rest, startTestHost, workItemUrl } from "./host";

const TESTED_BY = "Microsoft.VSTS.Common.TestedBy-Forward";
const TESTS = "Microsoft.VSTS.Common.TestedBy-Reverse";

describe("devhost work items", () => {
  let host: DevhostHandle;
  let rest: Rest;

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.02 });
    rest = new Rest(host);
  });
  afterAll(() => host.close());

  const update = (id: number, operations: unknown[], query = "") => rest.patch(`${PROJECT_PATH}/_apis/wit/workitems/${id}${query}`, operations, { contentType: JSON_PATCH });
  const read = (id: number, query = "") => rest.get(`${PROJECT_PATH}/_apis/wit/workitems/${id}${query}`);
  const linkTo = (rel: string, id: number) => ({ op: "add", path: "/relations/-", value: { rel, url: workItemUrl(host, id), attributes: { comment: "seeded in test" } } });

  describe("create", () => {
    it("creates with a JSON Patch document, stamping the system fields and the type's defaults", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "IF-033 rejected", "Custom.MhhsTestStage": "SIT-FUNC" });
      expect(created.rev).toBe(1);
      expect(created.fields).toMatchObject({
        "System.Id": created.id,
        "System.WorkItemType": "Bug",
        "System.TeamProject": "MHHS Programme",
        "System.AreaPath": "MHHS Programme",
        "System.State": "New",
        "System.Reason": "New",
        "System.CreatedBy": expect.objectContaining({ displayName: "Alex Admin" }),
        "Microsoft.VSTS.Common.Severity": "3 - Medium",
        "Microsoft.VSTS.Common.Priority": 2,
        "Custom.MhhsTestStage": "SIT-FUNC",
      });
      expect(created.fields["System.ChangedDate"]).toBe(created.fields["System.CreatedDate"]);
    });

    it("accepts numeric ops (add 0) and a literal or encoded $ before the type", async () => {
      const response = await rest.post(`${PROJECT_PATH}/_apis/wit/workitems/%24User%20Story`, [{ op: 0, path: "/fields/System.Title", value: "Numeric op" }], { contentType: JSON_PATCH });
      expect(response.status).toBe(200);
      expect(response.body.fields["System.WorkItemType"]).toBe("User Story");
    });

    it("refuses an unknown type with 404", async () => {
      const response = await rest.post(`${PROJECT_PATH}/_apis/wit/workitems/$Widget`, [{ op: "add", path: "/fields/System.Title", value: "x" }], { contentType: JSON_PATCH });
      expect(response.status).toBe(404);
      expect(response.body.typeKey).toBe("WorkItemTypeNotFoundException");
    });

    it("validates without saving when validateOnly=true", async () => {
      const before = host.store.workItems.count();
      const response = await rest.post(`${PROJECT_PATH}/_apis/wit/workitems/$Bug?validateOnly=true`, [{ op: "add", path: "/fields/System.Title", value: "Dry run" }], { contentType: JSON_PATCH });
      expect(response.status).toBe(200);
      expect(response.body.fields["System.Title"]).toBe("Dry run");
      expect(host.store.workItems.count()).toBe(before);
    });
  });

  describe("validation", () => {
    const create = (fields: Record<string, unknown>) =>
      rest.post(
        `${PROJECT_PATH}/_apis/wit/workitems/$Bug`,
        Object.entries(fields).map(([field, value]) => ({ op: "add", path: `/fields/${field}`, value })),
        { contentType: JSON_PATCH },
      );

    it("refuses an unknown field, naming it", async () => {
      const response = await create({ "System.Title": "x", "Custom.NoSuchField": "y" });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ typeKey: "WorkItemTrackingFieldDefinitionNotFoundException", message: "TF51535: Cannot find field Custom.NoSuchField." });
    });

    it("refuses a field that exists but is not on the type", async () => {
      const response = await create({ "System.Title": "x", "Custom.MhhsRequirementType": "Functional" });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain("Custom.MhhsRequirementType");
    });

    it("refuses text in an integer field", async () => {
      const response = await create({ "System.Title": "x", "Microsoft.VSTS.Common.Priority": "high" });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ typeKey: "WorkItemFieldInvalidException", message: "TF401326: Invalid field status 'InvalidType' for field 'Microsoft.VSTS.Common.Priority'." });
    });

    it("refuses a value outside a strict picklist or a type's allowed values", async () => {
      const stage = await create({ "System.Title": "x", "Custom.MhhsTestStage": "SIT-NOPE" });
      expect(stage.status).toBe(400);
      expect(stage.body).toMatchObject({ typeKey: "RuleValidationException", customProperties: expect.objectContaining({ FieldReferenceName: "Custom.MhhsTestStage" }) });
      const severity = await create({ "System.Title": "x", "Microsoft.VSTS.Common.Severity": "0 - Apocalyptic" });
      expect(severity.status).toBe(400);
      expect(severity.body.message).toContain("not in the list of supported values");
    });

    it("accepts any value in a suggested picklist (the environments plan is configurable)", async () => {
      const response = await create({ "System.Title": "x", "Custom.MhhsEnvironment": "Participant UAT" });
      expect(response.status).toBe(200);
    });

    it("refuses a missing title (required)", async () => {
      const response = await create({ "Microsoft.VSTS.Common.Priority": 1 });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ typeKey: "RuleValidationException", message: "TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty." });
    });

    it("refuses a state the type does not have", async () => {
      const response = await create({ "System.Title": "x", "System.State": "Done" });
      expect(response.status).toBe(400);
      expect(response.body.customProperties.FieldReferenceName).toBe("System.State");
    });

    it("refuses move and copy ops as ADO does", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "x" });
      const response = await update(created.id, [{ op: "copy", from: "/fields/System.Title", path: "/fields/System.Description" }]);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/VS403356/);
    });
  });

  describe("update", () => {
    it("bumps the revision and stamps ChangedDate / ChangedBy, keeping revisions and updates", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "First" });
      const response = await update(created.id, [
        { op: "test", path: "/rev", value: 1 },
        { op: "replace", path: "/fields/System.Title", value: "Second" },
        { op: "add", path: "/fields/System.State", value: "Active" },
      ]);
      expect(response.status).toBe(200);
      expect(response.body.rev).toBe(2);
      expect(response.body.fields).toMatchObject({ "System.Title": "Second", "System.State": "Active", "System.Reason": "Moved to state Active" });
      expect(response.body.fields["Microsoft.VSTS.Common.ActivatedDate"]).toBe(response.body.fields["System.ChangedDate"]);
      expect(response.body.fields["System.ChangedDate"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(response.body.fields["System.ChangedDate"])).toBeGreaterThan(Date.parse(created.fields["System.ChangedDate"]));
      const revisions = await read(created.id, "/revisions");
      expect(revisions.body.value.map((r: { rev: number; fields: Record<string, string> }) => [r.rev, r.fields["System.Title"]])).toEqual([
        [1, "First"],
        [2, "Second"],
      ]);
      const updates = await read(created.id, "/updates");
      expect(updates.body.value[1].fields["System.Title"]).toEqual({ oldValue: "First", newValue: "Second" });
    });

    it("fails a stale test on /rev with 412 TestPatchOperationFailedException and changes nothing", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "Concurrent" });
      await update(created.id, [{ op: "replace", path: "/fields/System.Title", value: "Someone else's change" }]);
      const stale = await update(created.id, [
        { op: "test", path: "/rev", value: 1 },
        { op: "replace", path: "/fields/System.Title", value: "My change" },
      ]);
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ typeKey: "TestPatchOperationFailedException", message: "VS403351: Test Operation for path /rev failed, value 2 was not equal to test value 1." });
      expect((await read(created.id)).body.fields["System.Title"]).toBe("Someone else's change");
    });

    it("tests field values and accepts numeric ops (test 5, replace 2, remove 1)", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "Numeric", "Custom.MhhsTestCycle": "C1" });
      const ok = await update(created.id, [
        { op: 5, path: "/fields/Custom.MhhsTestCycle", value: "C1" },
        { op: 2, path: "/fields/Custom.MhhsTestCycle", value: "C2" },
        { op: 1, path: "/fields/Microsoft.VSTS.Common.Severity" },
      ]);
      expect(ok.status).toBe(200);
      expect(ok.body.fields["Custom.MhhsTestCycle"]).toBe("C2");
      expect(ok.body.fields["Microsoft.VSTS.Common.Severity"]).toBeUndefined();
      const failed = await update(created.id, [{ op: "test", path: "/fields/Custom.MhhsTestCycle", value: "C1" }]);
      expect(failed.status).toBe(412);
    });

    it("keeps the store unchanged when the last op of a multi-op patch fails", async () => {
      const bug = await rest.createWorkItem("Bug", { "System.Title": "Atomic" });
      const testCase = await rest.createWorkItem("Test Case", { "System.Title": "Target" });
      const response = await update(bug.id, [
        { op: "replace", path: "/fields/System.Title", value: "Half done" },
        linkTo(TESTED_BY, testCase.id),
        { op: "add", path: "/fields/Microsoft.VSTS.Common.Priority", value: "not a number" },
      ]);
      expect(response.status).toBe(400);
      const after = (await read(bug.id, "?$expand=relations")).body;
      expect(after.rev).toBe(1);
      expect(after.fields["System.Title"]).toBe("Atomic");
      expect(after.relations).toEqual([]);
      expect((await read(testCase.id)).body.rev).toBe(1);
      expect(host.store.workItems.revisions(bug.id)).toHaveLength(1);
    });

    it("rolls back a relation that fails after the item itself was saved (a second parent)", async () => {
      const parent = await rest.createWorkItem("User Story", { "System.Title": "Parent" });
      const otherParent = await rest.createWorkItem("User Story", { "System.Title": "Other parent" });
      const child = await rest.createWorkItem("Task", { "System.Title": "Child" }, [linkTo("System.LinkTypes.Hierarchy-Reverse", parent.id)]);
      const response = await update(otherParent.id, [
        { op: "replace", path: "/fields/System.Title", value: "Renamed" },
        linkTo("System.LinkTypes.Hierarchy-Forward", child.id),
      ]);
      expect(response.status).toBe(400);
      expect(response.body.typeKey).toBe("WorkItemLinkAddExtraParentException");
      expect((await read(otherParent.id)).body).toMatchObject({ rev: 1, fields: expect.objectContaining({ "System.Title": "Other parent" }) });
    });

    it("answers 404 for an unknown work item", async () => {
      const response = await update(999999, [{ op: "add", path: "/fields/System.Title", value: "x" }]);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ typeKey: "WorkItemUnauthorizedAccessException", message: "TF401232: Work item 999999 does not exist, or you do not have permissions to read it." });
    });
  });

  describe("relations", () => {
    it("stores both ends of a link and gives the other end a revision", async () => {
      const requirement = await rest.createWorkItem("User Story", { "System.Title": "Requirement" });
      const testCase = await rest.createWorkItem("Test Case", { "System.Title": "Test" });
      const linked = await update(requirement.id, [linkTo(TESTED_BY, testCase.id)]);
      expect(linked.status).toBe(200);
      expect(linked.body.relations).toEqual([{ rel: TESTED_BY, url: workItemUrl(host, testCase.id), attributes: { comment: "seeded in test", isLocked: false, name: "Tested By" } }]);
      const other = (await read(testCase.id, "?$expand=relations")).body;
      expect(other.rev).toBe(2);
      expect(other.relations).toEqual([expect.objectContaining({ rel: TESTS, url: workItemUrl(host, requirement.id), attributes: expect.objectContaining({ name: "Tests" }) })]);

      const duplicate = await update(requirement.id, [linkTo(TESTED_BY, testCase.id)]);
      expect(duplicate.status).toBe(400);

      const removed = await update(requirement.id, [{ op: "remove", path: "/relations/0" }]);
      expect(removed.status).toBe(200);
      expect(removed.body.relations).toBeUndefined();
      expect((await read(testCase.id, "?$expand=relations")).body).toMatchObject({ rev: 3, relations: [] });
    });

    it("links on create and keeps hyperlinks as resource links", async () => {
      const testCase = await rest.createWorkItem("Test Case", { "System.Title": "Target" });
      const bug = await rest.createWorkItem("Bug", { "System.Title": "With links" }, [
        linkTo("System.LinkTypes.Related", testCase.id),
        { op: "add", path: "/relations/-", value: { rel: "Hyperlink", url: "https://example.org/evidence" } },
      ]);
      expect(bug.relations).toEqual([
        expect.objectContaining({ rel: "System.LinkTypes.Related", attributes: expect.objectContaining({ name: "Related" }) }),
        expect.objectContaining({ rel: "Hyperlink", url: "https://example.org/evidence" }),
      ]);
      expect((await read(testCase.id, "?$expand=all")).body.relations).toEqual([expect.objectContaining({ rel: "System.LinkTypes.Related", url: workItemUrl(host, bug.id) })]);
    });

    it("refuses an index out of range and a link to a missing work item", async () => {
      const bug = await rest.createWorkItem("Bug", { "System.Title": "x" });
      expect((await update(bug.id, [{ op: "remove", path: "/relations/3" }])).body.message).toMatch(/VS403354/);
      expect((await update(bug.id, [linkTo(TESTED_BY, 987654)])).status).toBe(404);
    });
  });

  describe("reads", () => {
    it("reads one with fields=, $expand and asOf, refusing fields with $expand", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "Before" });
      const between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await update(created.id, [{ op: "replace", path: "/fields/System.Title", value: "After" }]);
      expect((await read(created.id, "?fields=System.Title,System.State")).body.fields).toEqual({ "System.Title": "After", "System.State": "New" });
      expect((await read(created.id, `?asOf=${encodeURIComponent(between)}`)).body).toMatchObject({ rev: 1, fields: expect.objectContaining({ "System.Title": "Before" }) });
      expect((await read(created.id, "?$expand=1")).body.relations).toEqual([]);
      expect((await read(created.id, "?fields=System.Title&$expand=all")).status).toBe(400);
    });

    it("reads many by ids, in the order asked, with errorPolicy omit", async () => {
      const response = await rest.get(`/${ORG}/_apis/wit/workitems?ids=3,1,999999&fields=System.Id&errorPolicy=omit`);
      expect(response.body.value).toEqual([expect.objectContaining({ id: 3 }), expect.objectContaining({ id: 1 }), null]);
      expect((await rest.get(`/${ORG}/_apis/wit/workitems?ids=1,999999`)).status).toBe(404);
    });

    it("refuses more than 200 ids, by ids= and by workitemsbatch", async () => {
      const ids = Array.from({ length: 201 }, (_, i) => i + 1);
      const list = await rest.get(`/${ORG}/_apis/wit/workitems?ids=${ids.join(",")}`);
      expect(list.status).toBe(400);
      expect(list.body).toMatchObject({ typeKey: "WorkItemPageSizeExceededException", message: "VS403474: You requested 201 work items which exceeds the limit of 200" });
      const batch = await rest.post(`${PROJECT_PATH}/_apis/wit/workitemsbatch`, { ids, fields: ["System.Id"] });
      expect(batch.status).toBe(400);
      const ok = await rest.post(`${PROJECT_PATH}/_apis/wit/workitemsbatch`, { ids: ids.slice(0, 200), fields: ["System.Id", "System.Title"], errorPolicy: "omit" });
      expect(ok.status).toBe(200);
      expect(ok.body.value).toHaveLength(200);
    });

    it("deletes a work item into the recycle bin", async () => {
      const created = await rest.createWorkItem("Bug", { "System.Title": "Delete me" });
      const deleted = await rest.delete(`${PROJECT_PATH}/_apis/wit/workitems/${created.id}`);
      expect(deleted.body).toMatchObject({ id: created.id, code: 200, name: "Delete me", type: "Bug" });
      expect((await read(created.id)).status).toBe(404);
    });
  });
});
