import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { ImportTable } from "../../../src/domain/importRows";
import { readRttmRows, requirementKey } from "../../../src/domain/rttm";

const CATALOGUES = resolveCatalogues();
const HEADERS = ["Requirement Id", "Title", "Requirement Type", "Roles", "Stages In Scope", "Design References", "Design Release", "Test Cases", "Description"];

function table(rows: string[][], headers = HEADERS): ImportTable {
  return { headers, headerRow: 1, rows: rows.map((cells, i) => ({ row: i + 2, values: Object.fromEntries(headers.map((h, c) => [h, cells[c] ?? ""])) })) };
}

describe("RTTM rows", () => {
  it("reads a valid row into a requirement with canonical codes and references", () => {
    const read = readRttmRows(
      table([["REQ-FUN-0001", "  Supplier   sends IF-031 ", "functional", "sup; LDSO", "sit-func, QT", "if-031 pub-031; BP002", "ir8.5", "QT-001; SITFUNC-T1-002; qt-001", "Line one\nLine two"]]),
      CATALOGUES,
    );
    expect(read.problems).toEqual([]);
    expect(read.requirements).toEqual([
      {
        row: 2,
        requirementId: "REQ-FUN-0001",
        title: "Supplier sends IF-031",
        requirementType: "Functional",
        roles: ["SUP", "LDSO"],
        stages: ["SIT-FUNC", "QT"],
        designReferences: "IF-031; PUB-031; BP002",
        designRelease: "IR8.5",
        description: "Line one\nLine two",
        testCaseIds: ["QT-001", "SITFUNC-T1-002"],
      },
    ]);
  });

  it("reports each problem at its row and column, leaves the row out, and catches a requirement id used twice", () => {
    const read = readRttmRows(
      table([
        ["R-1", "Fine", "Migration", "SUP", "SIT-MIG"],
        ["", "No id", "Functional", "SUP", "QT"],
        ["R-2", "Bad type", "Wishful", "SMS", "NOWHERE", "XYZ-1", "IF-033", "bad id!"],
        ["r-1", "Twice", "Functional", "SUP", "QT"],
      ]),
      CATALOGUES,
    );
    expect(read.requirements.map((r) => r.requirementId)).toEqual(["R-1"]);
    expect(read.problems).toEqual([
      { row: 3, column: "Requirement Id", reason: "Enter the programme's requirement id" },
      { row: 4, column: "Design References", reason: expect.stringContaining("XYZ-1") },
      { row: 4, column: "Design Release", reason: expect.stringMatching(/IF-033 is an interface, not a design release/) },
      { row: 4, column: "Requirement Type", reason: expect.stringMatching(/^Unknown requirement type "Wishful"/) },
      { row: 4, column: "Roles", reason: expect.stringMatching(/^Role "SMS" is ambiguous/) },
      { row: 4, column: "Stages In Scope", reason: 'Unknown test stage "NOWHERE"' },
      { row: 4, column: "Test Cases", reason: expect.stringMatching(/^"bad" is not a test case id|^"id!" is not a test case id/) },
      { row: 5, column: "Requirement Id", reason: "Requirement r-1 is already in row 2" },
    ]);
    expect(requirementKey(" r-1 ")).toBe("R-1");
  });

  it("needs the required columns", () => {
    const read = readRttmRows(table([["R-1"]], ["Requirement Id"]), CATALOGUES);
    expect(read.problems.map((p) => p.column)).toEqual(["Title", "Requirement Type", "Roles", "Stages In Scope"]);
  });
});
