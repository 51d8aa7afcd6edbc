// The MHHS fields the seeded project's process carries, in the local host's terms. Derived from the
// extension's own field map (src/ado/fields.ts) so that the seed and the admin hub provision the
// same reference names, types and picklists.
import { defaultPicklistLists, MHHS_FIELDS, MhhsFieldKey, picklistValues, WorkItemCategory } from "../../src/ado/fields";
import type { FieldKind } from "../catalogue/systemFields";

export interface SeedPicklist {
  name: string;
  items: string[];
  /** Suggested lists accept other values; the environments plan is configurable, so its list is. */
  isSuggested: boolean;
}

export interface MhhsFieldSpec {
  key: MhhsFieldKey;
  referenceName: string;
  name: string;
  type: FieldKind;
  isIdentity: boolean;
  description: string;
  on: readonly WorkItemCategory[];
  picklist?: SeedPicklist;
}

const SUGGESTED_SOURCES = new Set(["environments"]);

export const MHHS_FIELD_SPECS: readonly MhhsFieldSpec[] = (() => {
  const lists = defaultPicklistLists();
  return (Object.keys(MHHS_FIELDS) as MhhsFieldKey[]).map((key) => {
    const definition = MHHS_FIELDS[key];
    const spec: MhhsFieldSpec = {
      key,
      referenceName: definition.referenceName,
      name: definition.name,
      ...kindOf(definition.type),
      description: definition.description,
      on: definition.on,
    };
    if ("picklist" in definition && definition.picklist) {
      spec.picklist = { name: `MHHS ${definition.name}`, items: picklistValues(definition.picklist, lists), isSuggested: SUGGESTED_SOURCES.has(definition.picklist) };
    }
    return spec;
  });
})();

function kindOf(type: string): { type: FieldKind; isIdentity: boolean } {
  if (type === "identity") return { type: "string", isIdentity: true };
  if (type === "picklistString") return { type: "string", isIdentity: false };
  return { type: type as FieldKind, isIdentity: false };
}

/** Reference names by key: MHHS_FIELD.testStage === "Custom.MhhsTestStage". */
export const MHHS_FIELD = Object.fromEntries(MHHS_FIELD_SPECS.map((f) => [f.key, f.referenceName])) as Record<MhhsFieldKey, string>;

/** The category each kind of programme work item belongs to. */
export const CATEGORY_REFERENCE: Record<WorkItemCategory, string> = {
  requirement: "Microsoft.RequirementCategory",
  testCase: "Microsoft.TestCaseCategory",
  bug: "Microsoft.BugCategory",
};
