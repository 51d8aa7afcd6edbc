// A deterministic MHHS-like programme of work items: requirements (User Stories) with their roles,
// stages and design references; test cases with programme ids, participants and valid MPANs, linked
// from requirements by Tested By; bugs with severities, categories, ages, work-off plans and links to
// the test cases that found them. Counts scale with `scale`. Also a sample of the qualification
// requirements document: required tests for some roles, drawn from the test cases of the parties
// others rely upon, so Placing Reliance shows in the programme hub.
import { mpanCheckDigit } from "../../src/domain/mpan";
import type { Participant, ParticipantPath } from "../../src/domain/model";
import { DEFAULT_MARKET_ROLES } from "../../src/domain/catalogues";
import { canonicaliseProgrammeTestId } from "../../src/domain/programmeTestIds";
import type { QualificationRequirements } from "../../src/domain/qualificationRequirements";
import { DEFAULT_STAGES_BY_PATH, RequiredTestRule } from "../../src/domain/readiness";
import { identityValue, User } from "../store/identities";
import type { FieldMap } from "../store/workItems";
import { CONFIG_SCHEMA_VERSION } from "./extensionIds";
import { MHHS_FIELD, MHHS_FIELD_SPECS } from "./fields";
import { Random } from "./prng";

export interface ProgrammeOptions {
  projectId: string;
  projectName: string;
  participants: readonly Participant[];
  users: readonly User[];
  /** The programme's "now": dates are spread over the weeks before it. */
  anchor: Date;
  scale: number;
  firstId: number;
  random: Random;
  /** Work item type names in the project's process. */
  types: { requirement: string; testCase: string; bug: string };
}

export interface SeedLink {
  sourceId: number;
  rel: string;
  oppositeRel: string;
  targetId: number;
}

/** A seeded test case, as the test plans seed places it. */
export interface SeedTestCase {
  id: number;
  title: string;
  /** The Test Case Id field: QT-001, SITNFT-T2-003, SITFUNC-T1-004, PIT-ALWB-001. */
  programmeId?: string;
  stage: string;
  role: string;
  /** The MPID, or "" for a central role. */
  participant: string;
  /** "C1".."C3", "Batch 1".."Batch 3", or "". */
  cycle: string;
  priority: number;
  mpans: string[];
  references: string[];
}

/** A seeded bug and the test case it is linked to by Tested By, if any. */
export interface SeedBug {
  id: number;
  testCaseId?: number;
  createdDate: Date;
  changedDate: Date;
  state: string;
}

export interface Programme {
  items: { id: number; projectId: string; fields: FieldMap }[];
  links: SeedLink[];
  testCases: SeedTestCase[];
  bugs: SeedBug[];
  /** The data of a sample "qualification-requirements" document (see sampleQualificationRequirements). */
  qualificationRequirements: QualificationRequirements;
}

export const BASE_COUNTS = { requirements: 1000, testCases: 3000, bugs: 1500 } as const;

const DAY = 86_400_000;
const TESTED_BY = { rel: "Microsoft.VSTS.Common.TestedBy-Forward", oppositeRel: "Microsoft.VSTS.Common.TestedBy-Reverse" };
const RELATED = { rel: "System.LinkTypes.Related", oppositeRel: "System.LinkTypes.Related" };

const INTERFACES: readonly (readonly [string, string])[] = [
  ["IF-031", "service appointment request"],
  ["IF-033", "registration service notice to the proposed service provider"],
  ["IF-035", "appointment outcome"],
  ["IF-036", "appointment active notification"],
  ["IF-037", "de-appointment"],
  ["IF-041", "meter readings"],
];
const BUSINESS_PROCESSES = ["BP002", "BP003", "BP009", "BP011", "BP014"];
const DESIGN_DOCUMENTS = ["DES138", "E2E001", "BRS021", "METH002"];
const DESIGN_RELEASES = ["IR5.5", "IR8.5", "IR8.8", "DIN-0123", "DIN-0187", "CR055"];

const REQUIREMENT_ACTIONS: Record<string, readonly string[]> = {
  Functional: ["sends a valid {if} ({name})", "processes an inbound {if} ({name}) within the agreed time", "rejects an invalid {if} with the correct error code", "publishes {pub} after accepting {if}"],
  Migration: ["migrates MPANs to half-hourly settlement within the migration window", "reverse-migrates an MPAN without losing reads", "reports migration progress for its portfolio"],
  "Non-Functional": ["handles peak {if} volumes without breaching the SLA", "recovers after a 72-hour DIP outage and processes the backlog", "keeps DIP connectivity secure with valid certificates"],
  Operational: ["raises and resolves an incident through the service desk", "restores service within the business continuity target", "reports service status to the programme"],
};

const DEFECT_SUMMARIES = [
  "{if} rejected with the wrong error code",
  "{if} not sent after the registration change",
  "duplicate {pub} received for one appointment",
  "MPAN missing from the {if} payload",
  "settlement period totals do not reconcile",
  "DIP certificate expired during the test window",
  "test data MPAN not found on the registration service",
  "timeout when processing {if} at volume",
];

function roleName(code: string): string {
  return DEFAULT_MARKET_ROLES.find((r) => r.code === code)?.name ?? code;
}

/** A 13-digit MPAN core with a regional distributor id and a correct check digit. */
export function validMpan(random: Random): string {
  let first12 = String(random.int(10, 23));
  for (let i = 0; i < 10; i++) first12 += String(random.int(0, 9));
  return first12 + String(mpanCheckDigit(first12));
}

export function generateProgramme(options: ProgrammeOptions): Programme {
  const { random, anchor } = options;
  const picklist = (key: keyof typeof MHHS_FIELD) => MHHS_FIELD_SPECS.find((f) => f.key === key)!.picklist!.items;
  const stages = new Set(picklist("testStage"));
  const stage = (code: string) => (stages.has(code) ? code : [...stages][0]);
  const roles = new Set(picklist("marketRole"));
  const nftCategories = picklist("nftCategory");
  const defectCategories = picklist("defectCategory");
  const environments = new Set(picklist("environment"));
  const environment = (code: string) => (environments.has(code) ? code : "");
  const count = (base: number) => Math.max(1, Math.round(base * options.scale));
  const people = options.users.map(identityValue);
  const items: Programme["items"] = [];
  const links: SeedLink[] = [];
  let nextId = options.firstId;
  let watermark = 0;

  const common = (type: string, title: string, state: string, created: Date, changed: Date, extra: FieldMap): FieldMap => {
    const author = random.pick(people);
    const fields: FieldMap = {
      "System.Id": nextId,
      "System.Rev": 1,
      "System.WorkItemType": type,
      "System.TeamProject": options.projectName,
      "System.AreaPath": options.projectName,
      "System.IterationPath": options.projectName,
      "System.NodeName": options.projectName,
      "System.Title": title,
      "System.State": state,
      "System.Reason": state === "New" || state === "Design" ? "New" : `Moved to state ${state}`,
      "System.CreatedBy": author,
      "System.CreatedDate": created.toISOString(),
      "System.ChangedBy": random.pick(people),
      "System.ChangedDate": changed.toISOString(),
      "System.AuthorizedAs": author,
      "System.AuthorizedDate": changed.toISOString(),
      "System.RevisedDate": "9999-01-01T00:00:00.000Z",
      "System.Watermark": ++watermark,
      "System.CommentCount": 0,
      "Microsoft.VSTS.Common.StateChangeDate": changed.toISOString(),
      ...extra,
    };
    return fields;
  };
  const add = (fields: FieldMap) => {
    const id = nextId++;
    items.push({ id, projectId: options.projectId, fields });
    return id;
  };
  const daysBefore = (days: number) => new Date(anchor.getTime() - days * DAY - random.int(0, DAY / 1000 - 1) * 1000);
  const references = (count: number) => {
    const refs: string[] = [];
    for (const [code] of random.sample(INTERFACES, count)) {
      refs.push(code);
      if (random.chance(0.4)) refs.push(code.replace("IF-", "PUB-"));
    }
    if (random.chance(0.6)) refs.push(random.pick(BUSINESS_PROCESSES));
    if (random.chance(0.2)) refs.push(random.pick(DESIGN_DOCUMENTS));
    return refs;
  };

  // --- requirements ---
  interface Requirement {
    id: number;
    roles: string[];
    stages: string[];
    references: string[];
    summary: string;
  }
  const requirements: Requirement[] = [];
  const requirementTypes = picklist("requirementType");
  for (let i = 0; i < count(BASE_COUNTS.requirements); i++) {
    const type = random.weighted<string>([
      [requirementTypes[0], 60],
      [requirementTypes[1], 15],
      [requirementTypes[2], 15],
      [requirementTypes[3], 10],
    ]);
    const inScope =
      type === "Functional" ? ["SIT-FUNC", "QT", ...(random.chance(0.3) ? ["SIT-REG"] : [])] : type === "Migration" ? ["SIT-MIG", "QT"] : type === "Non-Functional" ? ["SIT-NFT", "PIT"] : ["SIT-OPS", ...(random.chance(0.5) ? ["SIT-CIT"] : [])];
    const participantRoles = ["SUP", "LDSO", "REGS", "ADS", "SDS", "UMSDS", "MS", "UMSO", "MA"].filter((r) => roles.has(r));
    const requirementRoles = random.sample(participantRoles, random.weighted([[1, 50], [2, 35], [3, 15]] as const));
    if (type === "Operational" && random.chance(0.4)) requirementRoles.push(random.pick(["DIP", "VAS", "ECS"].filter((r) => roles.has(r))));
    const refs = references(random.int(1, 2));
    const [interfaceCode, interfaceName] = INTERFACES.find(([code]) => refs.includes(code)) ?? INTERFACES[0];
    const action = random
      .pick(REQUIREMENT_ACTIONS[type] ?? REQUIREMENT_ACTIONS.Functional)
      .replace("{if}", interfaceCode)
      .replace("{name}", interfaceName)
      .replace("{pub}", interfaceCode.replace("IF-", "PUB-"));
    const summary = `${roleName(requirementRoles[0])} ${action}`;
    const code = `REQ-${type.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(4, "0")}`;
    const state = random.weighted([["New", 10], ["Active", 50], ["Resolved", 15], ["Closed", 25]] as const);
    const created = daysBefore(random.int(120, 220));
    const changed = new Date(Math.min(anchor.getTime(), created.getTime() + random.int(1, 100) * DAY));
    const fields = common(options.types.requirement, `${code}: ${summary}`, state, created, changed, {
      "Microsoft.VSTS.Common.Priority": random.weighted([[1, 20], [2, 50], [3, 25], [4, 5]] as const),
      "Microsoft.VSTS.Common.ValueArea": "Business",
      "System.Description": `<p>${summary}.</p><p>Traced to ${refs.join(", ")} in the E2E design.</p>`,
      [MHHS_FIELD.requirementId]: code,
      [MHHS_FIELD.requirementType]: type,
      [MHHS_FIELD.marketRole]: requirementRoles[0],
      [MHHS_FIELD.roles]: requirementRoles.join("; "),
      [MHHS_FIELD.testStage]: stage(inScope[0]),
      [MHHS_FIELD.stagesInScope]: inScope.map(stage).join("; "),
      [MHHS_FIELD.designReferences]: refs.join("; "),
      [MHHS_FIELD.designRelease]: random.pick(DESIGN_RELEASES),
    });
    lifecycle(fields, state, created, changed, people, random);
    requirements.push({ id: add(fields), roles: requirementRoles, stages: inScope.map(stage), references: refs, summary });
  }

  // --- test cases ---
  const testCases: SeedTestCase[] = [];
  const sequence = new Map<string, number>();
  const nextNumber = (key: string) => {
    const n = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, n);
    return String(n).padStart(3, "0");
  };
  for (let i = 0; i < count(BASE_COUNTS.testCases); i++) {
    const requirement = i < requirements.length ? requirements[i] : random.pick(requirements);
    const testStage = random.pick(requirement.stages);
    const role = random.pick(requirement.roles);
    const holders = options.participants.filter((p) => p.roles.includes(role));
    const participant = holders.length > 0 ? random.pick(holders).mpid : "";
    const theme = random.int(1, 9);
    const programmeId =
      testStage === "QT"
        ? `QT-${nextNumber("QT")}`
        : testStage === "PIT"
          ? `PIT-${participant || role}-${nextNumber(`PIT-${participant || role}`)}`
          : testStage === "E2E-SANDBOX"
            ? `E2E-${nextNumber("E2E")}`
            : `${testStage.replace("-", "")}-T${theme}-${nextNumber(`${testStage}-${theme}`)}`;
    const cycle = ["SIT-FUNC", "SIT-MIG", "SIT-REG"].includes(testStage) ? `C${random.int(1, 3)}` : testStage === "QT" ? `Batch ${random.int(1, 3)}` : "";
    const mpans = Array.from({ length: random.int(1, 3) }, () => validMpan(random));
    const refs = random.sample(requirement.references, random.int(1, requirement.references.length));
    const state = random.weighted([["Design", 15], ["Ready", 75], ["Closed", 10]] as const);
    const created = daysBefore(random.int(60, 150));
    const changed = new Date(Math.min(anchor.getTime(), created.getTime() + random.int(0, 40) * DAY));
    const title = `${programmeId}: verify ${requirement.summary.charAt(0).toLowerCase()}${requirement.summary.slice(1)}`;
    const priority = random.weighted([[1, 25], [2, 50], [3, 20], [4, 5]] as const);
    const fields = common(options.types.testCase, title.slice(0, 255), state, created, changed, {
      "Microsoft.VSTS.Common.Priority": priority,
      "Microsoft.VSTS.TCM.AutomationStatus": "Not Automated",
      "Microsoft.VSTS.TCM.Steps": testSteps(requirement.summary),
      [MHHS_FIELD.testCaseId]: programmeId,
      [MHHS_FIELD.testStage]: testStage,
      [MHHS_FIELD.marketRole]: role,
      [MHHS_FIELD.participant]: participant,
      [MHHS_FIELD.testCycle]: cycle,
      [MHHS_FIELD.testMpans]: mpans.join("; "),
      [MHHS_FIELD.designReferences]: refs.join("; "),
      ...(testStage === "SIT-NFT" || (testStage === "PIT" && random.chance(0.5)) ? { [MHHS_FIELD.nftCategory]: random.pick(nftCategories) } : {}),
    });
    lifecycle(fields, state, created, changed, people, random);
    const id = add(fields);
    testCases.push({ id, title: title.slice(0, 255), programmeId, stage: testStage, role, participant, cycle, priority, mpans, references: refs });
    links.push({ sourceId: requirement.id, targetId: id, ...TESTED_BY });
    if (random.chance(0.1)) {
      const other = random.pick(requirements);
      if (other !== requirement) links.push({ sourceId: other.id, targetId: id, ...TESTED_BY });
    }
  }

  // --- bugs ---
  const bugs: SeedBug[] = [];
  for (let i = 0; i < count(BASE_COUNTS.bugs); i++) {
    const testCase = random.pick(testCases);
    const age = random.int(0, 112);
    const created = daysBefore(age);
    const severity = random.weighted([["1 - Critical", 5], ["2 - High", 20], ["3 - Medium", 50], ["4 - Low", 25]] as const);
    const priority = { "1 - Critical": 1, "2 - High": random.int(1, 2), "3 - Medium": random.int(2, 3), "4 - Low": random.int(3, 4) }[severity];
    const closeChance = 0.15 + 0.65 * (age / 112);
    const state = random.chance(closeChance) ? "Closed" : random.weighted([["New", 15], ["Active", 70], ["Resolved", 15]] as const);
    const changed = state === "Closed" || state === "Resolved" ? new Date(Math.min(anchor.getTime(), created.getTime() + random.int(1, Math.max(1, Math.min(age, 30))) * DAY)) : new Date(Math.min(anchor.getTime(), created.getTime() + random.int(0, Math.max(0, age)) * DAY));
    const category = random.weighted<string>(defectCategories.map((c, index) => [c, [35, 20, 15, 12, 10, 8][index] ?? 5] as const));
    const interfaceCode = testCase.references.find((r) => r.startsWith("IF-")) ?? random.pick(INTERFACES)[0];
    const summary = random.pick(DEFECT_SUMMARIES).replace("{if}", interfaceCode).replace("{pub}", interfaceCode.replace("IF-", "PUB-"));
    const isDesignFix = /design/i.test(category);
    const open = state !== "Closed" && state !== "Resolved";
    const extra: FieldMap = {
      "Microsoft.VSTS.Common.Severity": severity,
      "Microsoft.VSTS.Common.Priority": priority,
      "Microsoft.VSTS.TCM.ReproSteps": `<p>Run ${testCase.participant || testCase.role} test in ${testCase.stage}${testCase.cycle ? ` ${testCase.cycle}` : ""} with MPAN ${testCase.mpans[0]}.</p><p>Observed: ${summary}.</p>`,
      [MHHS_FIELD.testStage]: testCase.stage,
      [MHHS_FIELD.marketRole]: testCase.role,
      [MHHS_FIELD.participant]: testCase.participant,
      [MHHS_FIELD.testCycle]: testCase.cycle,
      [MHHS_FIELD.environment]: environment(environmentFor(testCase.stage, random)),
      [MHHS_FIELD.defectCategory]: category,
      [MHHS_FIELD.designReferences]: testCase.references.join("; "),
      [MHHS_FIELD.designRelease]: random.pick(DESIGN_RELEASES.slice(0, 3)),
      [MHHS_FIELD.testMpans]: testCase.mpans[0],
    };
    if (isDesignFix && !open) extra[MHHS_FIELD.fixedInRelease] = random.pick(["IR8.5", "IR8.8", "DIN-0187"]);
    if (open && (severity === "1 - Critical" || severity === "2 - High") && random.chance(0.35)) {
      const due = new Date(anchor.getTime() + random.int(7, 42) * DAY).toISOString().slice(0, 10);
      extra[MHHS_FIELD.workOffPlan] = `<p>Work-off plan agreed with the programme: fix to be delivered in ${random.pick(["IR8.8", "the next code drop", "DIN-0201"])}, retest by ${due}.</p>`;
    }
    if (open && random.chance(0.7)) extra["System.AssignedTo"] = random.pick(people);
    const title = `${testCase.stage} ${testCase.participant || testCase.role}: ${summary}`;
    const fields = common(options.types.bug, title.slice(0, 255), state, created, changed, extra);
    lifecycle(fields, state, created, changed, people, random);
    const id = add(fields);
    const linked = random.chance(0.8);
    if (linked) links.push({ sourceId: id, targetId: testCase.id, ...TESTED_BY });
    bugs.push({ id, testCaseId: linked ? testCase.id : undefined, createdDate: created, changedDate: changed, state });
    if (random.chance(0.15)) {
      const other = random.pick(testCases);
      if (other !== testCase) links.push({ sourceId: id, targetId: other.id, ...RELATED });
    }
  }
  return { items, links, testCases, bugs, qualificationRequirements: sampleQualificationRequirements(testCases, options.participants) };
}

/** The id of the qualification requirements document (QUALIFICATION_REQUIREMENTS in src/ado/configStore.ts). */
export const QUALIFICATION_REQUIREMENTS_DOCUMENT = "qualification-requirements";

/**
 * The sample qualification requirements as the seed stores a configuration document (documents.ts):
 * { id, body: { schemaVersion, data, savedAt, savedBy } } in the configuration collection.
 */
export function qualificationRequirementsDocument(programme: Pick<Programme, "qualificationRequirements">, anchor: Date, savedBy: string): { id: string; body: Record<string, unknown> } {
  return {
    id: QUALIFICATION_REQUIREMENTS_DOCUMENT,
    body: { schemaVersion: CONFIG_SCHEMA_VERSION, data: programme.qualificationRequirements, savedAt: anchor.toISOString(), savedBy },
  };
}

/** The roles the sample qualification requirements cover; participants acting only in others have nothing required. */
export const SAMPLE_REQUIREMENT_ROLES = ["SUP", "MS", "SDS"] as const;
const SAMPLE_TESTS_PER_RELIED_PARTY = 4;
const SAMPLE_MIN_TESTS = 6;
const SAMPLE_MAX_TESTS = 16;

/**
 * Required tests for some roles on each path, as an admin might configure them: for each role and
 * path, a few test cases of each party that a participant of that role relies upon (Placing
 * Reliance), topped up with the role's first test cases; programme ids where the test case has a
 * valid one (QT-nnn, SITNFT-Tn-nnn), work item ids otherwise. Deterministic, and draws nothing from
 * the seed's random sequence, so everything else seeds as before.
 */
export function sampleQualificationRequirements(testCases: readonly SeedTestCase[], participants: readonly Participant[]): QualificationRequirements {
  const requiredTests: RequiredTestRule[] = [];
  for (const role of SAMPLE_REQUIREMENT_ROLES) {
    for (const path of ["QT", "SIT"] as ParticipantPath[]) {
      const stages = new Set(DEFAULT_STAGES_BY_PATH[path]);
      const candidates = testCases.filter((tc) => tc.role === role && tc.participant !== "" && stages.has(tc.stage)).sort((a, b) => a.id - b.id);
      const relied = new Set<string>();
      for (const p of participants) {
        if (p.reliance === "none" || p.path !== path || !p.roles.includes(role)) continue;
        for (const other of p.reliesOn ?? []) if (participants.some((q) => q.mpid === other && q.roles.includes(role))) relied.add(other);
      }
      const chosen: SeedTestCase[] = [];
      for (const mpid of [...relied].sort()) chosen.push(...candidates.filter((tc) => tc.participant === mpid).slice(0, SAMPLE_TESTS_PER_RELIED_PARTY));
      for (const tc of candidates) {
        if (chosen.length >= SAMPLE_MIN_TESTS) break;
        if (!chosen.includes(tc)) chosen.push(tc);
      }
      const programmeIds: string[] = [];
      const workItemIds: number[] = [];
      for (const tc of chosen.slice(0, SAMPLE_MAX_TESTS)) {
        const id = tc.programmeId ? canonicaliseProgrammeTestId(tc.programmeId) : undefined;
        if (id !== undefined && !programmeIds.includes(id)) programmeIds.push(id);
        else if (id === undefined) workItemIds.push(tc.id);
      }
      if (programmeIds.length + workItemIds.length === 0) continue;
      requiredTests.push({
        role,
        path,
        ...(programmeIds.length > 0 ? { programmeTestCaseIds: programmeIds } : {}),
        ...(workItemIds.length > 0 ? { testCaseIds: workItemIds } : {}),
      });
    }
  }
  return { requiredTests, relianceScope: { partial: "all", combined: "all" } };
}

/** Activated / resolved / closed dates and people, as the state implies. */
function lifecycle(fields: FieldMap, state: string, created: Date, changed: Date, people: readonly string[], random: Random): void {
  const between = (from: Date, to: Date) => new Date(from.getTime() + Math.floor((to.getTime() - from.getTime()) * random.next())).toISOString();
  if (state !== "New" && state !== "Design") {
    fields["Microsoft.VSTS.Common.ActivatedDate"] = between(created, changed);
    fields["Microsoft.VSTS.Common.ActivatedBy"] = random.pick(people);
  }
  if (state === "Resolved" || state === "Closed") {
    fields["Microsoft.VSTS.Common.ResolvedDate"] = changed.toISOString();
    fields["Microsoft.VSTS.Common.ResolvedBy"] = random.pick(people);
  }
  if (state === "Closed") {
    fields["Microsoft.VSTS.Common.ClosedDate"] = changed.toISOString();
    fields["Microsoft.VSTS.Common.ClosedBy"] = random.pick(people);
  }
}

function environmentFor(stage: string, random: Random): string {
  if (stage === "PIT") return "PIT";
  if (stage === "QT") return "QTF";
  if (stage === "E2E-SANDBOX") return "E2E-SANDBOX";
  if (stage === "SIT-CIT" && random.chance(0.5)) return "DIP-UIT";
  return random.chance(0.5) ? "SIT-A" : "SIT-B";
}

function testSteps(summary: string): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const step = (id: number, action: string, expected: string) =>
    `<step id="${id}" type="ValidateStep"><parameterizedString isformatted="true">&lt;P&gt;${escape(action)}&lt;/P&gt;</parameterizedString><parameterizedString isformatted="true">&lt;P&gt;${escape(expected)}&lt;/P&gt;</parameterizedString><description/></step>`;
  return `<steps id="0" last="3">${step(2, "Prepare the test data and MPANs", "Test data is loaded")}${step(3, `Check that the ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`, "The behaviour matches the design")}</steps>`;
}
