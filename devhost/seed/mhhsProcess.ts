// The seeded project's process: "MHHS Agile", inherited from Agile, with the MHHS fields (and their
// picklists) on the requirement, test case and bug types and the extension's MHHS group on each of
// their forms - what the admin hub provisions in a real organization.
import { WorkItemCategory } from "../../src/ado/fields";
import { AGILE_PROCESS_ID } from "../catalogue/systemProcesses";
import type { Process } from "../store/processes";
import type { DevhostStore } from "../store/store";
import { MHHS_EXTENSION } from "./extensionIds";
import { CATEGORY_REFERENCE, MHHS_FIELD_SPECS } from "./fields";

export const MHHS_PROCESS_NAME = "MHHS Agile";
const FORM_GROUPS: ReadonlyArray<{ contribution: string; label: string; category: WorkItemCategory; height: number }> = [
  { contribution: "defect-group", label: "MHHS defect", category: "bug", height: 640 },
  { contribution: "requirement-group", label: "MHHS requirement", category: "requirement", height: 560 },
  { contribution: "test-case-group", label: "MHHS test case", category: "testCase", height: 560 },
];

/** Organization fields and picklists for the MHHS field map; existing ones are left as they are. */
export function ensureMhhsFields(store: DevhostStore): void {
  for (const spec of MHHS_FIELD_SPECS) {
    if (store.fields.get(spec.referenceName)) continue;
    let picklistId: string | undefined;
    if (spec.picklist) {
      const existing = store.fields.picklists().find((p) => p.name.toLowerCase() === spec.picklist!.name.toLowerCase());
      picklistId = (existing ?? store.fields.createPicklist({ name: spec.picklist.name, type: "String", isSuggested: spec.picklist.isSuggested, items: spec.picklist.items })).id;
    }
    // Field names are unique in an organization: "Requirement Type" is already the CMMI system field
    // Microsoft.VSTS.CMMI.RequirementType, so the MHHS one takes a prefixed name, as ADO would demand.
    const nameTaken = store.fields.get(spec.name) !== undefined;
    store.fields.create({
      referenceName: spec.referenceName,
      name: nameTaken ? `MHHS ${spec.name}` : spec.name,
      type: spec.type,
      isIdentity: spec.isIdentity,
      description: spec.description,
      canSortBy: !["html", "plainText"].includes(spec.type),
      picklistId,
    });
  }
}

export function provisionMhhsProcess(store: DevhostStore, parentProcessId = AGILE_PROCESS_ID, name = MHHS_PROCESS_NAME): Process {
  ensureMhhsFields(store);
  const process = store.processes.findByName(name) ?? store.processes.create({ name, description: "Agile with the MHHS programme fields.", parentId: parentProcessId });
  const categories = store.processes.categories(process.id);
  for (const category of Object.keys(CATEGORY_REFERENCE) as WorkItemCategory[]) {
    const typeName = categories.find((c) => c.referenceName === CATEGORY_REFERENCE[category])?.types[0];
    const systemType = typeName ? store.processes.type(process.id, typeName) : undefined;
    if (!systemType) continue;
    const type = systemType.customization === "system" ? store.processes.createDerivedType(process.id, systemType) : systemType;
    const specs = MHHS_FIELD_SPECS.filter((spec) => spec.on.includes(category));
    for (const spec of specs) {
      if (!store.processes.typeField(type, spec.referenceName)) {
        store.processes.putTypeField(process.id, type.referenceName, { field: spec.referenceName, required: false, readOnly: false, allowGroups: false });
      }
    }
    const details = store.processes.layout(type).find((page) => page.pageType === "custom");
    const placed = new Set(details?.sections.flatMap((s) => s.groups.map((g) => g.contribution?.contributionId)) ?? []);
    if (!details) continue;
    // Azure DevOps lists every contributed group on every type's layout; the admin hub hides
    // the ones that do not belong, leaving each type with its own MHHS group.
    FORM_GROUPS.forEach((group, order) => {
      const contributionId = `${MHHS_EXTENSION.publisher}.${MHHS_EXTENSION.extension}.${group.contribution}`;
      if (placed.has(contributionId)) return;
      store.processes.addGroup(type, details.id, "Section2", {
        label: group.label,
        order,
        visible: group.category === category,
        height: group.height,
        contribution: { contributionId, height: group.height },
      });
    });
  }
  return process;
}
