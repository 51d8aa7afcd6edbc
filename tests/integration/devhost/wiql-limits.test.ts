import type { DevhostHandle } from "../../../devhost/server";
import { WIQL_RESULT_LIMIT } from "../../../devhost/wiql/engine";
import { PROJECT, Rest, startTestHost } from "./host";

describe("devhost WIQL result limit", () => {
  let host: DevhostHandle;
  let rest: Rest;

  beforeAll(async () => {
    host = await startTestHost();
    rest = new Rest(host);
    const project = host.store.projects.find(PROJECT)!;
    const now = new Date().toISOString();
    const items = Array.from({ length: WIQL_RESULT_LIMIT + 1 }, (_, index) => ({
      id: index + 1,
      projectId: project.id,
      fields: {
        "System.Id": index + 1,
        "System.Rev": 1,
        "System.WorkItemType": "Task",
        "System.TeamProject": PROJECT,
        "System.Title": `Task ${index + 1}`,
        "System.State": "New",
        "System.CreatedDate": now,
        "System.ChangedDate": now,
      },
    }));
    host.store.workItems.bulkInsert(items);
  });
  afterAll(() => host.close());

  it("refuses a query returning more than 20,000 work items as ADO does", async () => {
    const response = await rest.wiql("SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Task'");
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      typeKey: "WorkItemTrackingQueryResultSizeLimitExceededException",
      message: "VS402337: The number of work items returned exceeds the size limit of 20000. Change the query to return fewer items.",
    });
  });

  it("returns exactly 20,000 and honours $top without an error", async () => {
    const limit = await rest.wiql("SELECT [System.Id] FROM WorkItems WHERE [System.Id] > 1");
    expect(limit.body.workItems).toHaveLength(WIQL_RESULT_LIMIT);
    const top = await rest.wiql("SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Task' ORDER BY [System.Id] DESC", "?$top=50");
    expect(top.body.workItems).toHaveLength(50);
    expect(top.body.workItems[0].id).toBe(WIQL_RESULT_LIMIT + 1);
  });

  it("finds one item by title and state among 20,001", async () => {
    const response = await rest.wiql("SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'Task 12345' AND [System.State] = 'New'");
    expect(response.body.workItems).toEqual([expect.objectContaining({ id: 12345 })]);
  });
});
