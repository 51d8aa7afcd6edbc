// The official Node client resolves every call through resource areas and OPTIONS location
// discovery, then calls the routes with its own api-versions: a contract test for the host.
import { getPersonalAccessTokenHandler, WebApi } from "azure-devops-node-api";
import { Operation } from "azure-devops-node-api/interfaces/common/VSSInterfaces";
import type { DevhostHandle } from "../../../devhost/server";
import { CONFIG_COLLECTION, CONFIG_DOCUMENT, MHHS_EXTENSION } from "../../../devhost/seed";
import { ORG, PROJECT, startTestHost } from "./host";

describe("devhost with azure-devops-node-api", () => {
  let host: DevhostHandle;
  let connection: WebApi;

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.02 });
    connection = new WebApi(`${host.url}/${ORG}`, getPersonalAccessTokenHandler(host.pat));
  });
  afterAll(() => host.close());

  it("connects", async () => {
    const data = await connection.connect();
    expect(data.authenticatedUser?.providerDisplayName).toBe("Alex Admin");
  });

  it("reads a work item", async () => {
    const wit = await connection.getWorkItemTrackingApi();
    const item = await wit.getWorkItem(1, undefined, undefined, undefined, PROJECT);
    expect(item.id).toBe(1);
    expect(item.fields?.["System.WorkItemType"]).toBe("User Story");
  });

  it("queries by WIQL", async () => {
    const wit = await connection.getWorkItemTrackingApi();
    const result = await wit.queryByWiql({ query: "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Bug' ORDER BY [System.Id]" }, { project: PROJECT });
    expect(result.workItems?.length).toBe(30);
    const links = await wit.queryByWiql(
      { query: "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'User Story' AND [System.Links.LinkType] = 'Microsoft.VSTS.Common.TestedBy-Forward' MODE (MustContain)" },
      { project: PROJECT },
    );
    expect(links.workItemRelations?.[0].rel ?? null).toBeNull();
    expect(links.workItemRelations?.[1].rel).toBe("Microsoft.VSTS.Common.TestedBy-Forward");
  });

  it("creates and updates a work item with JSON Patch, and reads many", async () => {
    const wit = await connection.getWorkItemTrackingApi();
    const created = await wit.createWorkItem(
      null,
      [
        { op: Operation.Add, path: "/fields/System.Title", value: "Created through azure-devops-node-api" },
        { op: Operation.Add, path: "/fields/Custom.MhhsTestStage", value: "QT" },
      ],
      PROJECT,
      "Bug",
    );
    expect(created.id).toBeGreaterThan(0);
    expect(created.fields?.["Custom.MhhsTestStage"]).toBe("QT");
    const updated = await wit.updateWorkItem(
      null,
      [
        { op: Operation.Test, path: "/rev", value: 1 },
        { op: Operation.Replace, path: "/fields/System.State", value: "Active" },
      ],
      created.id!,
    );
    expect(updated.rev).toBe(2);
    await expect(wit.updateWorkItem(null, [{ op: Operation.Test, path: "/rev", value: 1 }], created.id!)).rejects.toMatchObject({ statusCode: 412 });
    const many = await wit.getWorkItems([1, created.id!], ["System.Id", "System.State"]);
    expect(many.map((w) => w.fields?.["System.State"])).toEqual([expect.any(String), "Active"]);
  });

  it("reads projects, processes and configuration documents", async () => {
    const core = await connection.getCoreApi();
    expect((await core.getProjects()).map((p) => p.name).sort()).toEqual(["Fresh Project", PROJECT]);
    const processes = await connection.getWorkItemTrackingProcessApi();
    expect((await processes.getListOfProcesses()).map((p) => p.name)).toContain("MHHS Agile");
    const extensions = await connection.getExtensionManagementApi();
    const register = await extensions.getDocumentByName(MHHS_EXTENSION.publisher, MHHS_EXTENSION.extension, "Default", "Current", CONFIG_COLLECTION, CONFIG_DOCUMENT.participantRegister);
    expect(register.data.participants.length).toBeGreaterThan(50);
  });
});
