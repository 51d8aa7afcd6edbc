import { HttpFailure } from "../../../src/ado/http";
import {
  forgetWorkItemTypes,
  inferProcess,
  ProcessTemplate,
  resolveWorkItemTypes,
  typeFor,
  TYPES_BY_PROCESS,
} from "../../../src/ado/workItemTypes";
import { fakeConnection, FakeWorkItemTracking } from "./fakeConnection";

function categoriesOf(process: ProcessTemplate) {
  const names = TYPES_BY_PROCESS[process];
  const category = (referenceName: string, name: string | undefined) => ({
    referenceName,
    name: referenceName,
    defaultWorkItemType: name ? { name } : undefined,
    workItemTypes: name ? [{ name }] : [],
  });
  return [
    category("Microsoft.RequirementCategory", names.requirement),
    category("Microsoft.TestCaseCategory", names.testCase),
    ...(names.bug ? [category("Microsoft.BugCategory", names.bug)] : []),
    category("Microsoft.HiddenCategory", "Shared Steps"),
  ];
}

function typesOf(process: ProcessTemplate) {
  return Object.values(TYPES_BY_PROCESS[process])
    .filter((name): name is string => Boolean(name))
    .map((name) => ({ name }));
}

describe("resolveWorkItemTypes", () => {
  it.each([
    ["Agile", "User Story"],
    ["Scrum", "Product Backlog Item"],
    ["CMMI", "Requirement"],
  ] as const)("reads %s's requirement type (%s), test case and bug from the categories", async (process, requirement) => {
    const client = FakeWorkItemTracking.withIds(0);
    client.categories = categoriesOf(process);
    const types = await resolveWorkItemTypes(fakeConnection(client));
    expect(types).toMatchObject({ source: "categories", problems: [] });
    expect(typeFor(types, "requirement")).toBe(requirement);
    expect(typeFor(types, "testCase")).toBe("Test Case");
    expect(typeFor(types, "bug")).toBe("Bug");
  });

  it("says clearly that Basic has no Bug type", async () => {
    const client = FakeWorkItemTracking.withIds(0);
    client.categories = categoriesOf("Basic");
    client.types = typesOf("Basic");
    const types = await resolveWorkItemTypes(fakeConnection(client));
    expect(typeFor(types, "requirement")).toBe("Issue");
    expect(types.bug).toBeUndefined();
    expect(types.process).toBe("Basic");
    expect(types.problems).toHaveLength(1);
    expect(types.problems[0]).toMatch(/^This project's process \(Basic\) has no Bug work item type, so defects cannot be logged/);
    expect(() => typeFor(types, "bug")).toThrow(types.problems[0]);
  });

  it("lists every type of a category and takes its default for new items", async () => {
    const client = FakeWorkItemTracking.withIds(0);
    client.categories = [
      {
        referenceName: "Microsoft.RequirementCategory",
        name: "Requirement Category",
        defaultWorkItemType: { name: "User Story" },
        workItemTypes: [{ name: "User Story" }, { name: "MHHS Requirement" }],
      },
      ...categoriesOf("Agile").slice(1),
    ];
    const types = await resolveWorkItemTypes(fakeConnection(client));
    expect(types.requirement).toEqual({ defaultType: "User Story", types: ["User Story", "MHHS Requirement"] });
  });

  it("falls back to the process table when the categories cannot be read, judging the process by its types", async () => {
    const client = FakeWorkItemTracking.withIds(0);
    client.categoriesFailure = new HttpFailure({ status: 404, serverError: { message: "no categories" } });
    client.types = typesOf("Scrum");
    const types = await resolveWorkItemTypes(fakeConnection(client));
    expect(types).toMatchObject({ source: "process", process: "Scrum" });
    expect(typeFor(types, "requirement")).toBe("Product Backlog Item");
  });

  it("falls back to the process it is told when nothing can be read", async () => {
    const client = FakeWorkItemTracking.withIds(0);
    const types = await resolveWorkItemTypes(fakeConnection(client), { process: "CMMI" });
    expect(typeFor(types, "requirement")).toBe("Requirement");
  });

  it("fails with a clear message when it cannot tell at all, and tries again next time", async () => {
    const client = FakeWorkItemTracking.withIds(0);
    const connection = fakeConnection(client);
    await expect(resolveWorkItemTypes(connection)).rejects.toThrow(
      'Could not tell which work item types project "MHHS Programme" uses for requirements, test cases and bugs',
    );
    client.categories = categoriesOf("Agile");
    await expect(resolveWorkItemTypes(connection)).resolves.toMatchObject({ source: "categories" });
  });

  it("reads once per connection until told to forget", async () => {
    const client = FakeWorkItemTracking.withIds(0);
    client.categories = categoriesOf("Agile");
    const connection = fakeConnection(client);
    await resolveWorkItemTypes(connection);
    await resolveWorkItemTypes(connection);
    expect(client.categoryReads).toBe(1);
    await resolveWorkItemTypes(fakeConnection(client));
    expect(client.categoryReads).toBe(2);
    forgetWorkItemTypes(connection);
    await resolveWorkItemTypes(connection);
    expect(client.categoryReads).toBe(3);
  });
});

describe("inferProcess", () => {
  it("judges by the requirement type", () => {
    expect(inferProcess(["Bug", "Task", "User Story", "Epic"])).toBe("Agile");
    expect(inferProcess(["Product Backlog Item", "Bug"])).toBe("Scrum");
    expect(inferProcess(["Requirement", "Bug"])).toBe("CMMI");
    expect(inferProcess(["Issue", "Task", "Epic"])).toBe("Basic");
    expect(inferProcess(["Task"])).toBeUndefined();
  });
});
