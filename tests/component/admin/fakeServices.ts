// Admin hub services over an in-memory document store with the service's etag rules, so saves,
// conflicts and reloads behave as against Azure DevOps; process and import calls are jest mocks.

import { ConfigStore } from "../../../src/ado/configStore";
import { memoryDocumentStore } from "../../../src/ado/documents";
import type { AdminServices } from "../../../src/contributions/hubs/admin/adminServices";

export type FakeServices = AdminServices & {
  documents: ReturnType<typeof memoryDocumentStore>;
  /** A store for "someone else", saving with their own name. */
  other(): ConfigStore;
};

export function fakeServices(overrides: Partial<AdminServices> = {}): FakeServices {
  const documents = memoryDocumentStore();
  const services: FakeServices = {
    projectName: "MHHS Programme",
    userName: "Alex Admin",
    documents,
    other: () => new ConfigStore(documents),
    loadConfig: (kind, catalogues) => new ConfigStore(documents, { catalogues }).load(kind),
    saveConfig: (kind, data, etag, catalogues) => new ConfigStore(documents, { catalogues }).save(kind, data, etag, { savedBy: "Alex Admin" }),
    checkProcess: jest.fn(async () => {
      throw new Error("checkProcess not faked");
    }),
    applyProcessSteps: jest.fn(async () => ({ done: [], skipped: [], notRun: [] })),
    createInheritedProcess: jest.fn(async (_parent, name: string) => ({ id: "new-process", name })),
    planRequirementImport: jest.fn(async () => ({ rows: [], requirementType: "User Story", counts: { create: 0, update: 0, unchanged: 0 } })),
    runRequirementImport: jest.fn(async () => ({ outcomes: [], progress: { finished: 0, total: 0, created: 0, updated: 0, unchanged: 0, failed: 0 } })),
    loadExitPreview: jest.fn(async () => ({ points: [], defects: [], notes: [] })),
    listTestPlans: jest.fn(async () => []),
    ...overrides,
  };
  return services;
}

/** A File the way an input hands it over (jsdom's File has text() only in newer versions). */
export function csvFile(name: string, text: string): File {
  const file = new File([text], name, { type: "text/csv" });
  Object.defineProperty(file, "text", { value: async () => text });
  Object.defineProperty(file, "arrayBuffer", { value: async () => new TextEncoder().encode(text).buffer });
  return file;
}
