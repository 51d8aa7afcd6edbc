import type { User } from "../store/identities";

/** The signed-in user of the host page and owner of the PAT: a Project Collection Administrator. */
export const ADMIN_USER: User = {
  id: "6f1d3c2a-4b5e-4f60-9a71-8b2c3d4e5f01",
  displayName: "Alex Admin",
  uniqueName: "alex.admin@mhhs.example",
  isProjectCollectionAdmin: true,
};

/** A tester without administration rights (process changes are refused with 403). */
export const TESTER_USER: User = {
  id: "7a2e4d3b-5c6f-4071-8b82-9c3d4e5f6a02",
  displayName: "Terry Tester",
  uniqueName: "terry.tester@mhhs.example",
  isProjectCollectionAdmin: false,
};

export const TEST_MANAGER_USER: User = {
  id: "8b3f5e4c-6d70-4182-9c93-ad4e5f6a7b03",
  displayName: "Morgan Manager",
  uniqueName: "morgan.manager@mhhs.example",
  isProjectCollectionAdmin: false,
};

export const SEEDED_USERS: readonly User[] = [ADMIN_USER, TESTER_USER, TEST_MANAGER_USER];
