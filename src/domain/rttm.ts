// Requirements-to-Test Traceability Matrix (RTTM) rows: the programme's requirement id, title,
// requirement type, roles, stages in scope, design references and release, and the programme ids
// of the test cases that cover it. Reading checks each row against the catalogues and the
// reference rules, so an import creates only requirements the forms would accept.

import type { Catalogues } from "./catalogues";
import { findRole, findStage } from "./catalogues";
import { ColumnSpec, ImportTable, RowProblem, cell, mapColumns, sortProblems, splitList } from "./importRows";
import { formatDesignReferences, parseDesignRelease, parseDesignReferences } from "./references";

export type RttmColumn =
  | "requirementId"
  | "title"
  | "requirementType"
  | "roles"
  | "stages"
  | "designReferences"
  | "designRelease"
  | "testCases"
  | "description";

export const RTTM_COLUMNS: readonly ColumnSpec<RttmColumn>[] = [
  { key: "requirementId", heading: "Requirement Id", aliases: ["Requirement", "Req Id", "Requirement Reference", "Requirement Ref", "Ref", "Id"], required: true },
  { key: "title", heading: "Title", aliases: ["Requirement Title", "Summary", "Requirement Summary", "Name"], required: true },
  { key: "requirementType", heading: "Requirement Type", aliases: ["Type", "Category"], required: true },
  { key: "roles", heading: "Roles", aliases: ["Market Roles", "Market Role", "Role", "Party Type"], required: true },
  { key: "stages", heading: "Stages In Scope", aliases: ["Stages", "Test Stages", "Stage", "Test Stage", "Phases"], required: true },
  { key: "designReferences", heading: "Design References", aliases: ["References", "Design Reference", "Design Refs"] },
  { key: "designRelease", heading: "Design Release", aliases: ["Release", "Design Version"] },
  { key: "testCases", heading: "Test Cases", aliases: ["Test Case Ids", "Test Case Id", "Test Case", "Covered By", "Tests"] },
  { key: "description", heading: "Description", aliases: ["Requirement Text", "Detail", "Details"] },
];

/** Longest title Azure DevOps accepts. */
export const TITLE_MAX_LENGTH = 255;
/** Programme ids: letters, digits and . _ / - (e.g. REQ-FUN-0001, SR-1.2.3). */
const PROGRAMME_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export interface RttmRequirement {
  row: number;
  requirementId: string;
  title: string;
  requirementType: string;
  roles: string[];
  stages: string[];
  /** Canonical "IF-033; PUB-033" text; empty when none. */
  designReferences: string;
  designRelease?: string;
  description?: string;
  /** Programme test case ids (QT-093, SITFUNC-T3-002, ...), each once, as written. */
  testCaseIds: string[];
}

export interface RttmImport {
  requirements: RttmRequirement[];
  problems: RowProblem[];
  rowsRead: number;
  ignoredColumns: string[];
}

function heading(key: RttmColumn): string {
  return RTTM_COLUMNS.find((c) => c.key === key)?.heading ?? key;
}

/** A requirement id compares case-insensitively, as WIQL compares text. */
export function requirementKey(id: string): string {
  return id.trim().toUpperCase();
}

/** Reads RTTM rows; a row with any problem is left out, and each problem is reported at its row and column. */
export function readRttmRows(table: ImportTable, catalogues: Pick<Catalogues, "roles" | "stages" | "requirementTypes">): RttmImport {
  const mapping = mapColumns(table.headers, RTTM_COLUMNS, table.headerRow ?? 1);
  const problems: RowProblem[] = [...mapping.problems];
  const requirements: RttmRequirement[] = [];
  if (mapping.problems.length > 0) return { requirements, problems, rowsRead: table.rows.length, ignoredColumns: mapping.ignored };
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const rowProblems: RowProblem[] = [];
    const problem = (column: RttmColumn, reason: string) => rowProblems.push({ row: row.row, column: heading(column), reason });

    const requirementId = cell(row, mapping, "requirementId");
    if (requirementId === "") problem("requirementId", "Enter the programme's requirement id");
    else if (!PROGRAMME_ID.test(requirementId)) {
      problem("requirementId", `"${requirementId}" is not a requirement id: use letters, digits and . _ / - (up to 64 characters)`);
    } else if (firstRow.has(requirementKey(requirementId))) {
      problem("requirementId", `Requirement ${requirementId} is already in row ${firstRow.get(requirementKey(requirementId))}`);
    } else firstRow.set(requirementKey(requirementId), row.row);

    const title = cell(row, mapping, "title").replace(/\s+/g, " ");
    if (title === "") problem("title", "Enter the requirement's title");
    else if (title.length > TITLE_MAX_LENGTH) problem("title", `The title is ${title.length} characters; Azure DevOps takes at most ${TITLE_MAX_LENGTH}`);

    const typeText = cell(row, mapping, "requirementType");
    const type = catalogues.requirementTypes.find((t) => t.code.toLowerCase() === typeText.toLowerCase() || t.name.toLowerCase() === typeText.toLowerCase());
    if (typeText === "") problem("requirementType", `Choose the requirement type: ${catalogues.requirementTypes.map((t) => t.code).join(", ")}`);
    else if (!type) problem("requirementType", `Unknown requirement type "${typeText}": use ${catalogues.requirementTypes.map((t) => t.code).join(", ")}`);

    const roles: string[] = [];
    const roleCodes = splitList(cell(row, mapping, "roles")).flatMap((part) => part.split(/\s+/));
    if (roleCodes.length === 0) problem("roles", "Name at least one market role, such as SUP or LDSO");
    for (const code of roleCodes) {
      const role = findRole(catalogues, code);
      if (!role) {
        problem(
          "roles",
          code.toUpperCase() === "SMS"
            ? 'Role "SMS" is ambiguous in MHHS papers: use MS for the Metering Service or SDS for the Smart Data Service'
            : `Unknown market role "${code}"`,
        );
      } else if (!roles.includes(role.code)) roles.push(role.code);
    }

    const stages: string[] = [];
    const stageCodes = splitList(cell(row, mapping, "stages")).flatMap((part) => part.split(/\s+/));
    if (stageCodes.length === 0) problem("stages", "Name at least one test stage, such as SIT-FUNC or QT");
    for (const code of stageCodes) {
      const stage = findStage(catalogues, code);
      if (!stage) problem("stages", `Unknown test stage "${code}"`);
      else if (!stages.includes(stage.code)) stages.push(stage.code);
    }

    const referencesText = cell(row, mapping, "designReferences");
    const references = parseDesignReferences(referencesText);
    for (const error of references.errors) problem("designReferences", `${error.token}: ${error.reason}`);

    const releaseText = cell(row, mapping, "designRelease");
    let designRelease: string | undefined;
    if (releaseText !== "") {
      const release = parseDesignRelease(releaseText);
      if (release.valid) designRelease = release.release.id;
      else problem("designRelease", release.reason);
    }

    const testCaseIds: string[] = [];
    for (const id of splitList(cell(row, mapping, "testCases")).flatMap((part) => part.split(/\s+/))) {
      if (!PROGRAMME_ID.test(id)) problem("testCases", `"${id}" is not a test case id: use letters, digits and . _ / -`);
      else if (!testCaseIds.some((known) => known.toUpperCase() === id.toUpperCase())) testCaseIds.push(id);
    }

    if (rowProblems.length > 0 || !type) {
      problems.push(...rowProblems);
      continue;
    }
    const description = cell(row, mapping, "description");
    const requirement: RttmRequirement = {
      row: row.row,
      requirementId,
      title,
      requirementType: type.code,
      roles,
      stages,
      designReferences: formatDesignReferences(references.references),
      testCaseIds,
    };
    if (designRelease) requirement.designRelease = designRelease;
    if (description) requirement.description = description;
    requirements.push(requirement);
  }
  return { requirements, problems: sortProblems(problems), rowsRead: table.rows.length, ignoredColumns: mapping.ignored };
}
