import { resolveCatalogues } from "../../../src/domain/catalogues";
import { DEFAULT_ENVIRONMENTS } from "../../../src/domain/environments";
import { ImportTable, mapColumns, rowsWithProblems, sortProblems, splitList } from "../../../src/domain/importRows";
import type { Participant } from "../../../src/domain/model";
import {
  allocationExportRows,
  checkAllocation,
  mergeParticipants,
  PARTICIPANT_COLUMNS,
  participantExportRows,
  readEnvironmentsPlanRows,
  readParticipantRows,
} from "../../../src/domain/registerImport";

const CATALOGUES = resolveCatalogues();

function table(headers: string[], rows: string[][], firstRow = 2): ImportTable {
  return { headers, headerRow: firstRow - 1, rows: rows.map((cells, i) => ({ row: firstRow + i, values: Object.fromEntries(headers.map((h, c) => [h, cells[c] ?? ""])) })) };
}

const HEADERS = ["MPID", "Organisation", "Roles", "Path", "Reliance", "MDR Choice", "Relies On"];

describe("reading columns", () => {
  it("matches headings loosely and names the missing required ones at the heading row", () => {
    const mapping = mapColumns(["mpid", "Organization Name", "Market roles", "Notes"], PARTICIPANT_COLUMNS, 3);
    expect(mapping.headings).toEqual({ mpid: "mpid", organisation: "Organization Name", roles: "Market roles" });
    expect(mapping.ignored).toEqual(["Notes"]);
    expect(mapping.problems).toEqual([{ row: 3, column: "Path", reason: 'The file has no "Path" column' }]);
  });

  it("splits lists on ; , / | and new lines", () => {
    expect(splitList(" SUP; LDSO ,SDS / MS|\nMA ")).toEqual(["SUP", "LDSO", "SDS", "MS", "MA"]);
    expect(splitList("")).toEqual([]);
  });

  it("orders problems by row and drops repeats", () => {
    const sorted = sortProblems([
      { row: 5, column: "B", reason: "x" },
      { row: 2, column: "A", reason: "y" },
      { row: 5, column: "B", reason: "x" },
    ]);
    expect(sorted).toEqual([
      { row: 2, column: "A", reason: "y" },
      { row: 5, column: "B", reason: "x" },
    ]);
    expect(rowsWithProblems(sorted)).toEqual([2, 5]);
  });
});

describe("participant import", () => {
  it("reads 500 rows and reports exactly the 3 bad ones, at their row and column", () => {
    const rows: string[][] = [];
    for (let i = 0; i < 500; i++) rows.push([`P${String(i).padStart(3, "0")}`, `Participant ${i}`, "SUP; LDSO", i % 2 ? "SIT" : "QT", "none", "", ""]);
    rows[9] = ["P0", "Too short", "SUP", "SIT", "none", "", ""];
    rows[199] = ["P199", "No path", "SUP", "Sideways", "none", "", ""];
    rows[449] = ["P449", "Smart", "SDS", "QT", "none", "", ""];
    const read = readParticipantRows(table(HEADERS, rows), CATALOGUES);
    expect(read.rowsRead).toBe(500);
    expect(read.participants).toHaveLength(497);
    expect(rowsWithProblems(read.problems)).toEqual([11, 201, 451]);
    expect(read.problems).toEqual([
      { row: 11, column: "MPID", reason: "MPID must be 4 characters; found 2" },
      { row: 201, column: "Path", reason: 'Path to migration must be SIT or QT, not "Sideways"' },
      { row: 451, column: "MDR Choice", reason: expect.stringMatching(/^A Smart Data Service must say how it collects/) },
    ]);
  });

  it("normalises what it keeps and reports an MPID repeated in the file at the later row", () => {
    const read = readParticipantRows(
      table(HEADERS, [
        ["abcd", " North Energy ", "sup, ldso", "sit", "Partial", "", "efgh"],
        ["ABCD", "Again", "SUP", "QT", "none", "", ""],
        ["WXYZ", "Smart Co", "SDS", "QT", "", "mdr", ""],
      ]),
      CATALOGUES,
    );
    expect(read.participants.map((p) => p.participant)).toEqual([
      { mpid: "ABCD", organisation: "North Energy", roles: ["SUP", "LDSO"], path: "SIT", reliance: "partial", reliesOn: ["EFGH"] },
      { mpid: "WXYZ", organisation: "Smart Co", roles: ["SDS"], path: "QT", reliance: "none", mdrChoice: "MDR" },
    ]);
    expect(read.problems).toEqual([{ row: 3, column: "MPID", reason: "MPID ABCD is already in row 2" }]);
  });

  it("stops at the headings when a required column is missing", () => {
    const read = readParticipantRows(table(["MPID", "Organisation"], [["ABCD", "X"]]), CATALOGUES);
    expect(read.participants).toEqual([]);
    expect(read.problems.map((p) => p.column)).toEqual(["Roles", "Path"]);
    expect(read.problems.every((p) => p.row === 1)).toBe(true);
  });

  it("merges into the register by MPID, or replaces it", () => {
    const existing: Participant[] = [
      { mpid: "AAAA", organisation: "A", roles: ["SUP"], path: "SIT", reliance: "none" },
      { mpid: "BBBB", organisation: "B", roles: ["SUP"], path: "SIT", reliance: "none" },
    ];
    const imported: Participant[] = [
      { mpid: "bbbb", organisation: "B", roles: ["SUP"], path: "SIT", reliance: "none" },
      { mpid: "AAAA", organisation: "A renamed", roles: ["SUP"], path: "SIT", reliance: "none" },
      { mpid: "CCCC", organisation: "C", roles: ["MS"], path: "QT", reliance: "none" },
    ];
    const merged = mergeParticipants(existing, imported, "addOrUpdate");
    expect(merged.participants.map((p) => `${p.mpid}:${p.organisation}`)).toEqual(["AAAA:A renamed", "BBBB:B", "CCCC:C"]);
    expect([merged.added, merged.updated, merged.unchanged, merged.removed]).toEqual([["CCCC"], ["AAAA"], ["BBBB"], []]);
    const replaced = mergeParticipants(existing, imported.slice(2), "replace");
    expect(replaced.participants.map((p) => p.mpid)).toEqual(["CCCC"]);
    expect(replaced.removed).toEqual(["AAAA", "BBBB"]);
  });

  it("exports rows that read back to the same register", () => {
    const register: Participant[] = [
      { mpid: "ABCD", organisation: "North", roles: ["SUP", "SDS"], path: "QT", reliance: "combined", mdrChoice: "SupplierDCC", reliesOn: ["EFGH"] },
      { mpid: "EFGH", organisation: "South", roles: ["LDSO"], path: "SIT", reliance: "none" },
    ];
    const rows = participantExportRows(register);
    expect(rows[0]).toEqual({ MPID: "ABCD", Organisation: "North", Roles: "SUP; SDS", Path: "QT", Reliance: "combined", "MDR Choice": "SupplierDCC", "Relies On": "EFGH" });
    const back = readParticipantRows({ headers: HEADERS, rows: rows.map((values, i) => ({ row: i + 2, values })) }, CATALOGUES);
    expect(back.problems).toEqual([]);
    expect(back.participants.map((p) => p.participant)).toEqual(register);
  });
});

describe("environments plan import", () => {
  const register: Participant[] = [{ mpid: "ABCD", organisation: "North", roles: ["SUP"], path: "SIT", reliance: "none" }];
  const options = { environments: DEFAULT_ENVIRONMENTS, catalogues: CATALOGUES, register };
  const headers = ["Participant", "Environment", "Stage", "From", "To", "Id"];

  it("checks every allocation and reports each problem at its column", () => {
    const read = readEnvironmentsPlanRows(
      {
        allocations: table(headers, [
          ["abcd", "sit-a", "sit-func", "2024-01-01", "2024-02-01", "a1"],
          ["ZZZZ", "SIT-A", "SIT-FUNC", "2024-01-01", "2024-02-01", ""],
          ["ABCD", "MOON", "SIT-FUNC", "2024-01-01", "2024-02-01", ""],
          ["ABCD", "SIT-B", "SIT-FUNC", "2024-03-01", "2024-02-01", ""],
          ["ABCD", "SIT-B", "SIT-FUNC", "01/03/2024", "2024-04-01", "a1"],
        ]),
      },
      options,
    );
    expect(read.allocations).toEqual([{ row: 2, allocation: { id: "a1", participant: "ABCD", environment: "SIT-A", stage: "SIT-FUNC", from: "2024-01-01", to: "2024-02-01" } }]);
    expect(read.problems).toEqual([
      { row: 3, column: "Participant", reason: "ZZZZ is not in the participant register" },
      { row: 4, column: "Environment", reason: 'Environment "MOON" is not in the environments plan.' },
      { row: 5, column: "To", reason: "The allocation ends (2024-02-01) before it starts (2024-03-01)." },
      { row: 6, column: "From", reason: 'Start date "01/03/2024" is not an ISO date (yyyy-mm-dd).' },
      { row: 6, column: "Id", reason: "Allocation id a1 is already in row 2" },
    ]);
  });

  it("takes the environments from an Environments sheet when there is one", () => {
    const read = readEnvironmentsPlanRows(
      {
        allocations: table(headers, [["ABCD", "LAB-1", "QT", "2024-01-01", "2024-01-31", ""]]),
        environments: table(["Code", "Name", "Capacity"], [["LAB-1", "Lab one", "3"], ["LAB-2", "", "zero"], ["lab-1", "", ""]]),
      },
      options,
    );
    expect(read.environments).toEqual([{ code: "LAB-1", name: "Lab one", capacity: 3 }]);
    expect(read.allocations).toHaveLength(1);
    expect(read.problems).toEqual([
      { row: 3, column: "Environments: Capacity", reason: 'Capacity "zero" must be a whole number of participants, 1 or more' },
      { row: 4, column: "Environments: Code", reason: "Environment lab-1 is already in row 2" },
    ]);
  });

  it("puts each problem of an allocation at its field for the editor, and exports the rows it reads", () => {
    expect(checkAllocation({ participant: "AB", environment: "", stage: "NOPE", from: "x", to: "2024-01-01" }, { environments: DEFAULT_ENVIRONMENTS, stages: ["QT"] }).map((p) => p.field)).toEqual([
      "environment",
      "stage",
      "from",
      "participant",
    ]);
    expect(allocationExportRows([{ participant: "ABCD", environment: "QTF", stage: "QT", from: "2024-01-01", to: "2024-01-02" }])).toEqual([
      { Participant: "ABCD", Environment: "QTF", Stage: "QT", From: "2024-01-01", To: "2024-01-02", Id: "" },
    ]);
  });
});
