// The REST resource locations this host serves, with the location ids the official clients look up
// (azure-devops-node-api resolves every call through OPTIONS /{organization}/_apis/{area}).

export interface ResourceLocation {
  id: string;
  area: string;
  resourceName: string;
  /** As ADO publishes it: a leading {project} or {project}/{team} segment is optional. */
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

function location(id: string, area: string, resourceName: string, routeTemplate: string, resourceVersion: number): ResourceLocation {
  return { id, area, resourceName, routeTemplate, resourceVersion, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" };
}

export const WORK_ITEM_TRACKING_AREA_ID = "5264459e-e5e0-4bd8-b118-0985e68a4ec5";
export const CORE_AREA_ID = "79134c72-4a58-4b42-976c-04e7115f32bf";
export const EXTENSION_MANAGEMENT_AREA_ID = "6c2b0933-3600-42ae-bf8b-93d4f7e83594";
export const TEST_PLAN_AREA_ID = "e4c27205-9d23-4c98-b958-d798bc3f9cd4";
export const TEST_AREA_ID = "c2aa639c-3ccc-4740-b3b6-ce2a1e1d984e";

export const RESOURCE_AREAS = [
  { id: WORK_ITEM_TRACKING_AREA_ID, name: "wit" },
  { id: CORE_AREA_ID, name: "core" },
  { id: EXTENSION_MANAGEMENT_AREA_ID, name: "ExtensionManagement" },
  { id: TEST_PLAN_AREA_ID, name: "testplan" },
  { id: TEST_AREA_ID, name: "Test" },
] as const;

export const Locations = {
  wit: {
    workItems: location("72c7ddf8-2cdc-4f60-90cd-ab71c14a399b", "wit", "workItems", "{project}/_apis/wit/workItems/{id}", 3),
    createWorkItem: location("62d3d110-0047-428c-ad3c-4fe872c91c74", "wit", "workItems", "{project}/_apis/wit/workItems/${type}", 3),
    workItemsBatch: location("908509b6-4248-4475-a1cd-829139ba419f", "wit", "workItemsBatch", "{project}/_apis/wit/workItemsBatch", 1),
    revisions: location("a00c85a5-80fa-4565-99c3-bcd2181434bb", "wit", "revisions", "{project}/_apis/wit/workItems/{id}/revisions/{revisionNumber}", 3),
    updates: location("6570bf97-d02c-4a91-8d93-3abe9895b1a9", "wit", "updates", "{project}/_apis/wit/workItems/{id}/updates/{updateNumber}", 3),
    wiql: location("1a9c53f7-f243-4447-b110-35ef023636e4", "wit", "wiql", "{project}/{team}/_apis/wit/wiql", 2),
    fields: location("b51fd764-e5c2-4b9b-aaf7-3395cf4bdd94", "wit", "fields", "{project}/_apis/wit/fields/{fieldNameOrRefName}", 2),
    workItemTypes: location("7c8d7a76-4a09-43e8-b5df-bd792f4ac6aa", "wit", "workItemTypes", "{project}/_apis/wit/workItemTypes/{type}", 2),
    workItemTypeFields: location("bd293ce5-3d25-4192-8e67-e8092e879efb", "wit", "workItemTypesField", "{project}/_apis/wit/workItemTypes/{type}/fields/{field}", 3),
    workItemTypeStates: location("7c9d7a76-4a09-43e8-b5df-bd792f4ac6aa", "wit", "workItemTypeStates", "{project}/_apis/wit/workItemTypes/{type}/states", 1),
    workItemTypeCategories: location("9b9f5734-36c8-415e-ba67-f83b45c31408", "wit", "workItemTypeCategories", "{project}/_apis/wit/workItemTypeCategories/{category}", 2),
    workItemRelationTypes: location("f5d33bc9-5b49-4a3c-a9bd-f3cd46dd2165", "wit", "workItemRelationTypes", "_apis/wit/workItemRelationTypes/{relation}", 2),
  },
  core: {
    projectProperties: location("4976a71a-4487-49aa-8aab-a1eda469037a", "core", "properties", "_apis/projects/{projectId}/properties", 1),
    teams: location("d30a3dd1-f8ba-442a-b86a-bd0c0c383e59", "core", "teams", "_apis/projects/{projectId}/teams/{*teamId}", 3),
    projects: location("603fe2ac-9723-48b9-88ad-09305aa6c6e1", "core", "projects", "_apis/projects/{*projectId}", 4),
    processes: location("93878975-88c5-4e6a-8abb-7ddd77a8a7d8", "core", "processes", "_apis/process/processes/{*processId}", 1),
  },
  processes: {
    // lists must be routed before processes: "/processes/lists" would otherwise read "lists" as a process id.
    lists: location("01e15468-e27c-4e20-a974-bd957dcccebc", "processes", "lists", "_apis/work/processes/lists/{listId}", 1),
    processes: location("02cc6a73-5cfb-427d-8c8e-b49fb086e8af", "processes", "processes", "_apis/work/processes/{processTypeId}", 2),
    workItemTypes: location("e2e9d1a6-432d-4062-8870-bfcb8c324ad7", "processes", "workItemTypes", "_apis/work/processes/{processId}/workItemTypes/{witRefName}", 2),
    workItemTypeFields: location("bc0ad8dc-e3f3-46b0-b06c-5bf861793196", "processes", "fields", "_apis/work/processes/{processId}/workItemTypes/{witRefName}/fields/{fieldRefName}", 2),
    layout: location("fa8646eb-43cd-4b71-9564-40106fd63e40", "processes", "layout", "_apis/work/processes/{processId}/workItemTypes/{witRefName}/layout", 1),
    groups: location(
      "766e44e1-36a8-41d7-9050-c343ff02f7a5",
      "processes",
      "groups",
      "_apis/work/processes/{processId}/workItemTypes/{witRefName}/layout/pages/{pageId}/sections/{sectionId}/groups/{groupId}",
      1,
    ),
    controls: location(
      "1f59b363-a2d0-4b7e-9bc6-eb9f5f3f0e58",
      "processes",
      "controls",
      "_apis/work/processes/{processId}/workItemTypes/{witRefName}/layout/groups/{groupId}/controls/{controlId}",
      1,
    ),
  },
  extensionManagement: {
    documents: location(
      "bbe06c18-1c8b-4fcd-b9c6-1535aaab8749",
      "ExtensionManagement",
      "Data",
      "_apis/ExtensionManagement/InstalledExtensions/{publisherName}/{extensionName}/Data/Scopes/{scopeType}/{scopeValue}/Collections/{collectionName}/Documents/{documentId}",
      1,
    ),
  },
  testplan: {
    configurations: location("8369318e-38fa-4e84-9043-4b2a75d2c256", "testplan", "Configurations", "{project}/_apis/testplan/Configurations/{testConfigurationId}", 1),
    plans: location("0e292477-a0c2-47f3-a9b6-34f153d627f4", "testplan", "Plans", "{project}/_apis/testplan/Plans/{planId}", 1),
    suites: location("1046d5d3-ab61-4ca7-a65a-36118a978256", "testplan", "Suites", "{project}/_apis/testplan/Plans/{planId}/Suites/{suiteId}", 1),
    testCases: location("a9bd61ac-45cf-4d13-9441-43dcd01edf8d", "testplan", "TestCase", "{project}/_apis/testplan/Plans/{planId}/Suites/{suiteId}/TestCase/{testCaseId}", 3),
    testPoints: location("52df686e-bae4-4334-b0ee-b6cf4e6f6b73", "testplan", "TestPoint", "{project}/_apis/testplan/Plans/{planId}/Suites/{suiteId}/TestPoint/{pointIds}", 2),
    suitesByTestCase: location("a4080e84-f17b-4fad-84f1-7960b6525bf2", "testplan", "Suites", "_apis/testplan/Suites", 1),
  },
  test: {
    points: location("3bcfd5c8-be62-488e-b1da-b8289ce9299c", "Test", "Points", "{project}/_apis/test/Plans/{planId}/Suites/{suiteId}/Points/{pointIds}", 2),
    pointsQuery: location("b4264fd0-a5d1-43e2-82a5-b9c46b7da9ce", "Test", "Points", "{project}/_apis/test/Points", 2),
    runs: location("cadb3810-d47d-4a3c-a234-fe5f3be50138", "Test", "Runs", "{project}/_apis/test/Runs/{runId}", 3),
    results: location("4637d869-3a76-4468-8057-0bb02aa385cf", "Test", "Results", "{project}/_apis/test/Runs/{runId}/Results/{testCaseResultId}", 6),
  },
  location: {
    resourceAreas: location("e81700f7-3be2-46de-8624-2eb35882fcaa", "Location", "ResourceAreas", "_apis/ResourceAreas/{areaId}", 1),
    connectionData: location("00d9565f-ed9c-4a06-9a50-00e7896ccab4", "Location", "ConnectionData", "_apis/ConnectionData", 1),
  },
} as const;

export const ALL_LOCATIONS: readonly ResourceLocation[] = Object.values(Locations).flatMap((area) => Object.values(area) as ResourceLocation[]);

export type RouteScope = "collection" | "project" | "team";

/** The express path for a location's template (the part from _apis on) and the scopes it is served at. */
export function routeOf(location: ResourceLocation): { path: string; scopes: RouteScope[] } {
  let template = location.routeTemplate;
  let scopes: RouteScope[] = ["collection"];
  if (template.startsWith("{project}/{team}/")) {
    template = template.slice("{project}/{team}/".length);
    scopes = ["collection", "project", "team"];
  } else if (template.startsWith("{project}/")) {
    template = template.slice("{project}/".length);
    scopes = ["collection", "project"];
  }
  const path = template
    .split("/")
    .map((segment) => {
      // Every route value is optional, as in ADO; "${type}" is matched whole and checked by its handler.
      const parameter = /^\$?\{\*?([A-Za-z]+)\}$/.exec(segment);
      return parameter ? `{/:${parameter[1]}}` : `/${segment.replace(/[()[\]?+!{}*:\\]/g, "\\$&")}`;
    })
    .join("");
  return { path, scopes };
}
