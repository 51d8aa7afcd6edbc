// What every organization has before anyone seeds it: the built-in fields, link types and system
// processes, a few users, and the default project. Idempotent: run on every start.
import crypto from "node:crypto";
import { LINK_TYPES } from "../catalogue/linkTypes";
import { FieldDefinition, SYSTEM_FIELDS } from "../catalogue/systemFields";
import { AGILE_PROCESS_ID, SYSTEM_PROCESSES } from "../catalogue/systemProcesses";
import { SEEDED_USERS } from "../catalogue/users";
import { Project } from "./projects";
import { DevhostStore } from "./store";

export const ORGANIZATION_ID_SETTING = "organization.id";

export function bootstrapOrganization(store: DevhostStore, options: { defaultProject: string }): { organizationId: string; defaultProject: Project } {
  return store.transaction(() => {
    const organizationId = store.settings.getOrCreate(ORGANIZATION_ID_SETTING, () => crypto.randomUUID());
    for (const link of LINK_TYPES) store.fields.ensureLinkType(link);
    for (const field of SYSTEM_FIELDS) if (!store.fields.get(field.referenceName)) store.fields.create({ ...field, isLocked: true });
    const fieldsByRef = systemFieldMap();
    for (const process of SYSTEM_PROCESSES) {
      if (store.processes.get(process.id)) continue;
      store.processes.create({ id: process.id, name: process.name, referenceName: process.referenceName, description: process.description, isSystem: true, isDefault: process.isDefault });
      for (const type of process.types) store.processes.insertTypeDefinition(process.id, type, "system", fieldsByRef);
      for (const category of process.categories) store.processes.insertCategory(process.id, { ...category, types: [...category.types] });
    }
    for (const user of SEEDED_USERS) store.identities.ensure(user);
    const defaultProject =
      store.projects.find(options.defaultProject) ??
      store.projects.create({ name: options.defaultProject, description: "Local Azure DevOps host project.", processId: AGILE_PROCESS_ID });
    return { organizationId, defaultProject };
  });
}

export function systemFieldMap(extra: readonly FieldDefinition[] = []): Map<string, FieldDefinition> {
  return new Map([...SYSTEM_FIELDS, ...extra].map((f) => [f.referenceName, f]));
}
