// The work item fields the extension reads and writes: the MHHS fields provisioned into the
// project's inherited process, and the Azure DevOps built-ins it relies on. The single source
// for provisioning, queries, forms and the local host's seed.

import { Catalogues, resolveCatalogues } from "../domain/catalogues";
import { DEFAULT_ENVIRONMENTS } from "../domain/environments";

export type FieldType = "string" | "plainText" | "html" | "picklistString" | "integer" | "dateTime" | "identity";

/** The work item categories the MHHS fields are placed on. */
export type WorkItemCategory = "requirement" | "testCase" | "bug";

export const WORK_ITEM_CATEGORIES: readonly WorkItemCategory[] = ["requirement", "testCase", "bug"];

/** Where a picklist's values come from: the programme catalogues or the environments plan. */
export type PicklistSource = "stages" | "roles" | "requirementTypes" | "nftCategories" | "defectCategories" | "environments";

export interface FieldDefinition {
  referenceName: string;
  name: string;
  type: FieldType;
  /** Categories whose work item types carry the field. */
  on: readonly WorkItemCategory[];
  picklist?: PicklistSource;
  /** Several values in one field, joined with this separator (e.g. "SUP; LDSO"). */
  separator?: string;
  description: string;
}

/** A field the project already has; nothing to provision. */
export interface BuiltInFieldDefinition {
  referenceName: string;
  name: string;
  type: FieldType;
}

const ALL: readonly WorkItemCategory[] = WORK_ITEM_CATEGORIES;
export const MULTI_VALUE_SEPARATOR = ";";

export const MHHS_FIELDS = {
  testStage: {
    referenceName: "Custom.MhhsTestStage",
    name: "Test Stage",
    type: "picklistString",
    on: ALL,
    picklist: "stages",
    description: "The MHHS test stage, such as SIT-FUNC or QT.",
  },
  testCycle: {
    referenceName: "Custom.MhhsTestCycle",
    name: "Test Cycle",
    type: "string",
    on: ["testCase", "bug"],
    description: "The cycle within the stage, such as C1, C2 or Batch 2.",
  },
  marketRole: {
    referenceName: "Custom.MhhsMarketRole",
    name: "Market Role",
    type: "picklistString",
    on: ALL,
    picklist: "roles",
    description: "The market role under test, such as SUP or LDSO.",
  },
  participant: {
    referenceName: "Custom.MhhsParticipant",
    name: "Participant",
    type: "string",
    on: ["testCase", "bug"],
    description: "The participant's MPID (4 characters), checked against the participant register.",
  },
  environment: {
    referenceName: "Custom.MhhsEnvironment",
    name: "Environment",
    type: "picklistString",
    on: ["bug"],
    picklist: "environments",
    description: "The test environment the defect was found in, from the environments plan.",
  },
  designReferences: {
    referenceName: "Custom.MhhsDesignReferences",
    name: "Design References",
    type: "string",
    on: ALL,
    separator: MULTI_VALUE_SEPARATOR,
    description: "Interface, business process and design references, such as IF-033; PUB-033; BP009; DES138.",
  },
  designRelease: {
    referenceName: "Custom.MhhsDesignRelease",
    name: "Design Release",
    type: "string",
    on: ["requirement", "bug"],
    description: "The design release the item is written against (bugs: found in), such as IR8.5, DIN-0123 or CR055.",
  },
  fixedInRelease: {
    referenceName: "Custom.MhhsFixedInRelease",
    name: "Fixed In Release",
    type: "string",
    on: ["bug"],
    description: "The design release or code drop that fixes the defect.",
  },
  requirementType: {
    referenceName: "Custom.MhhsRequirementType",
    name: "Requirement Type",
    type: "picklistString",
    on: ["requirement"],
    picklist: "requirementTypes",
    description: "Functional, Migration, Non-Functional or Operational.",
  },
  testCaseId: {
    referenceName: "Custom.MhhsTestCaseId",
    name: "Test Case Id",
    type: "string",
    on: ["testCase"],
    description: "The programme's test case id, such as QT-093 or SITNFT-T2-020.",
  },
  nftCategory: {
    referenceName: "Custom.MhhsNftCategory",
    name: "NFT Category",
    type: "picklistString",
    on: ["testCase"],
    picklist: "nftCategories",
    description: "The non-functional test category, such as Performance/Volume or Resilience.",
  },
  defectCategory: {
    referenceName: "Custom.MhhsDefectCategory",
    name: "Defect Category",
    type: "picklistString",
    on: ["bug"],
    picklist: "defectCategories",
    description: "Who fixes the defect: participant code, central system, design, environment, test data or test script.",
  },
  workOffPlan: {
    referenceName: "Custom.MhhsWorkOffPlan",
    name: "Work-off Plan",
    type: "html",
    on: ["bug"],
    description: "How and when the defect will be worked off; required to leave a stage with it open.",
  },
  testMpans: {
    referenceName: "Custom.MhhsTestMpans",
    name: "Test MPANs",
    type: "string",
    on: ["testCase", "bug"],
    separator: MULTI_VALUE_SEPARATOR,
    description: "The MPAN cores used by the test, each check-digit validated.",
  },
  roles: {
    referenceName: "Custom.MhhsRoles",
    name: "Market Roles",
    type: "string",
    on: ["requirement"],
    separator: MULTI_VALUE_SEPARATOR,
    description: "Every market role the requirement applies to, such as SUP; LDSO; SDS.",
  },
  stagesInScope: {
    referenceName: "Custom.MhhsStagesInScope",
    name: "Stages In Scope",
    type: "string",
    on: ["requirement"],
    separator: MULTI_VALUE_SEPARATOR,
    description: "Every test stage that must cover the requirement, such as SIT-FUNC; QT.",
  },
  requirementId: {
    referenceName: "Custom.MhhsRequirementId",
    name: "Requirement Id",
    type: "string",
    on: ["requirement"],
    description: "The programme's id of the requirement in its RTTM; an RTTM import finds the requirement by it.",
  },
} as const satisfies Record<string, FieldDefinition>;

export type MhhsFieldKey = keyof typeof MHHS_FIELDS;

export const BUILT_IN_FIELDS = {
  id: { referenceName: "System.Id", name: "ID", type: "integer" },
  title: { referenceName: "System.Title", name: "Title", type: "string" },
  state: { referenceName: "System.State", name: "State", type: "string" },
  workItemType: { referenceName: "System.WorkItemType", name: "Work Item Type", type: "string" },
  teamProject: { referenceName: "System.TeamProject", name: "Team Project", type: "string" },
  createdDate: { referenceName: "System.CreatedDate", name: "Created Date", type: "dateTime" },
  changedDate: { referenceName: "System.ChangedDate", name: "Changed Date", type: "dateTime" },
  assignedTo: { referenceName: "System.AssignedTo", name: "Assigned To", type: "identity" },
  severity: { referenceName: "Microsoft.VSTS.Common.Severity", name: "Severity", type: "picklistString" },
  priority: { referenceName: "Microsoft.VSTS.Common.Priority", name: "Priority", type: "integer" },
  closedDate: { referenceName: "Microsoft.VSTS.Common.ClosedDate", name: "Closed Date", type: "dateTime" },
  resolvedDate: { referenceName: "Microsoft.VSTS.Common.ResolvedDate", name: "Resolved Date", type: "dateTime" },
  stateChangeDate: { referenceName: "Microsoft.VSTS.Common.StateChangeDate", name: "State Change Date", type: "dateTime" },
} as const satisfies Record<string, BuiltInFieldDefinition>;

export type BuiltInFieldKey = keyof typeof BUILT_IN_FIELDS;

type ReferenceNames<T extends Record<string, { referenceName: string }>> = { readonly [K in keyof T]: T[K]["referenceName"] };

function referenceNames<T extends Record<string, { referenceName: string }>>(fields: T): ReferenceNames<T> {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.referenceName])) as ReferenceNames<T>;
}

/** Reference names by key, for code: `FIELD.testStage`, `FIELD.severity`. */
export const FIELD = { ...referenceNames(MHHS_FIELDS), ...referenceNames(BUILT_IN_FIELDS) } as const;

const REFERENCE_NAME = /^[A-Za-z][\w.]*$/;

/** Throws unless the text is a plain field reference name (letters, digits, _ and .), so it can go into WIQL and patch paths. */
export function assertReferenceName(referenceName: string): string {
  if (typeof referenceName !== "string" || !REFERENCE_NAME.test(referenceName)) {
    throw new RangeError(`"${String(referenceName)}" is not a field reference name such as System.Title or Custom.MhhsTestStage`);
  }
  return referenceName;
}

const BY_REFERENCE_NAME = new Map<string, FieldDefinition | BuiltInFieldDefinition>(
  [...Object.values(MHHS_FIELDS), ...Object.values(BUILT_IN_FIELDS)].map((field) => [field.referenceName.toLowerCase(), field]),
);

/** The definition of a field by reference name (case-insensitive, as Azure DevOps treats them). */
export function fieldByReferenceName(referenceName: string): FieldDefinition | BuiltInFieldDefinition | undefined {
  return BY_REFERENCE_NAME.get(referenceName.toLowerCase());
}

/** The MHHS fields to provision on the work item types of a category. */
export function mhhsFieldsFor(category: WorkItemCategory): FieldDefinition[] {
  return Object.values(MHHS_FIELDS).filter((field: FieldDefinition) => field.on.includes(category));
}

/** The lists picklist values are drawn from: the programme catalogues plus the environments plan. */
export interface PicklistLists extends Catalogues {
  environments: readonly { code: string }[];
}

export function defaultPicklistLists(): PicklistLists {
  return { ...resolveCatalogues(), environments: DEFAULT_ENVIRONMENTS };
}

/** The allowed values of a picklist field, in catalogue order. */
export function picklistValues(source: PicklistSource, lists: PicklistLists): string[] {
  return lists[source].map((entry) => entry.code);
}

/** Splits a multi-value field ("SUP; LDSO") into trimmed, non-empty values. */
export function splitMultiValue(text: unknown, separator = MULTI_VALUE_SEPARATOR): string[] {
  if (typeof text !== "string") return [];
  return text
    .split(separator)
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/** Joins values for a multi-value field, dropping blanks and repeats. */
export function joinMultiValue(values: readonly string[], separator = MULTI_VALUE_SEPARATOR): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed !== "" && !seen.has(trimmed)) {
      seen.add(trimmed);
      kept.push(trimmed);
    }
  }
  return kept.join(`${separator} `);
}
