import fc from "fast-check";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { ImportTable } from "../../../src/domain/importRows";
import type { Participant, TestCaseRecord, TestPointRecord } from "../../../src/domain/model";
import { qualificationView } from "../../../src/domain/qualification";
import {
  checkQualificationRequirements,
  countRequiredTests,
  mergeRequiredTests,
  QualificationRequirements,
  readRequiredTestRows,
  REQUIRED_TEST_COLUMNS,
  requiredTestExportRows,
  requiredTestsOf,
  validateQualificationRequirements,
} from "../../../src/domain/qualificationRequirements";
import type { RequiredTestRule } from "../../../src/domain/readiness";

const catalogues = resolveCatalogues();
const check = (input: unknown) => validateQualificationRequirements(input, catalogues);

function table(headers: string[], rows: string[][], firstRow = 2): ImportTable {
  return { headers, rows: rows.map((cells, i) => ({ row: firstRow + i, values: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ""])) })) };
}

const valid: QualificationRequirements = {
  requiredTests: [
    { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002"] },
    { role: "SUP", path: "SIT", programmeTestCaseIds: ["SITNFT-T2-020"], testCaseIds: [1234] },
    { role: "LDSO", testCaseIds: [77] },
  ],
  stagesByPath: { SIT: ["SIT-FUNC", "SIT-MIG"], QT: ["QT"] },
  relianceScope: { partial: ["QT-001", "#77"], combined: "all" },
  rag: { whenOutstanding: "red" },
};

describe("qualification requirements: validation", () => {
  it("accepts a complete document and the default (nothing required)", () => {
    expect(check(valid)).toEqual([]);
    expect(check({ requiredTests: [] })).toEqual([]);
    expect(checkQualificationRequirements(valid, catalogues).usable).toEqual(valid);
  });

  it("names an unknown role, a central role, an unknown path and a malformed test id at their paths", () => {
    const problems = check({
      requiredTests: [
        { role: "XYZ", path: "QT", programmeTestCaseIds: ["QT-001"] },
        { role: "DIP", programmeTestCaseIds: ["QT-002"] },
        { role: "SUP", path: "UIT", programmeTestCaseIds: ["QT-93", "IF-033", "SIT-NFT-T2-020"] },
        { role: "MS", testCaseIds: [0, "abc", 12, 12] },
        { role: "sms", programmeTestCaseIds: ["QT-003"] },
      ],
    });
    expect(problems).toEqual([
      { path: "requiredTests[0].role", message: 'Unknown market role "XYZ"' },
      { path: "requiredTests[1].role", message: "DIP (Data Integration Platform) is a central system role: participants do not qualify in it" },
      { path: "requiredTests[2].path", message: 'Path "UIT" is not SIT or QT; leave it out for both paths' },
      { path: "requiredTests[2].programmeTestCaseIds", message: '"QT-93": QT needs three digits, as in QT-093; got 2' },
      { path: "requiredTests[2].programmeTestCaseIds", message: '"IF-033": IF-033 is an interface reference, not a test case id: use QT-093 or SITNFT-T2-020' },
      { path: "requiredTests[2].programmeTestCaseIds", message: '"SIT-NFT-T2-020" is written SITNFT-T2-020 on test cases: use that spelling' },
      { path: "requiredTests[3].testCaseIds", message: '"0" is not a work item id (a whole number such as 1234)' },
      { path: "requiredTests[3].testCaseIds", message: '"abc" is not a work item id (a whole number such as 1234)' },
      { path: "requiredTests[3].testCaseIds", message: "Work item 12 is listed twice" },
      { path: "requiredTests[4].role", message: 'Role "SMS" is ambiguous in MHHS papers: use MS for the Metering Service or SDS for the Smart Data Service' },
    ]);
  });

  it("refuses empty rules, empty lists and duplicate rules, saying which row has the rule already", () => {
    expect(
      check({
        requiredTests: [
          { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001"] },
          { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-002"] },
          { role: "SUP", programmeTestCaseIds: [] },
          { role: "MS" },
          { role: "ADS", programmeTestCaseIds: ["QT-004", "qt-004"] },
        ],
      }),
    ).toEqual([
      { path: "requiredTests[1]", message: "SUP on the QT path already has a rule (row 1): list these tests there" },
      { path: "requiredTests[2]", message: "The rule for SUP on both paths lists no tests: add programme test ids or work item ids, or remove the rule" },
      { path: "requiredTests[3]", message: "The rule for MS on both paths lists no tests: add programme test ids or work item ids, or remove the rule" },
      { path: "requiredTests[4].programmeTestCaseIds", message: "QT-004 is listed twice" },
    ]);
  });

  it("checks the stages by path, the reliance scope and the RAG rules", () => {
    expect(
      check({
        requiredTests: [],
        stagesByPath: { SIT: [], QT: ["QT", "NOPE", "qt"], UIT: ["QT"] },
        relianceScope: { partial: [], combined: ["QT-1", "#x", "#5", "#5"], none: "all" },
        rag: { whenBlocked: "purple", whenever: "red" },
        extra: true,
      }),
    ).toEqual([
      { path: "extra", message: '"extra" is not a setting of the qualification requirements (requiredTests, stagesByPath, relianceScope, rag)' },
      { path: "stagesByPath.SIT", message: "No stages are listed for the SIT path: choose at least one, or leave it out to use the default (SIT-CIT, SIT-FUNC, SIT-MIG, SIT-NFT, SIT-OPS, SIT-REG)" },
      { path: "stagesByPath.QT", message: 'Stage "NOPE" is not a known stage' },
      { path: "stagesByPath.QT", message: "Stage QT is listed twice" },
      { path: "stagesByPath.UIT", message: 'Path "UIT" is not SIT or QT' },
      { path: "relianceScope.partial", message: "The partial reliance scope lists no tests: list the tests that may be relied upon, or allow all" },
      { path: "relianceScope.combined", message: '"QT-1": QT needs three digits, as in QT-093; got 1' },
      { path: "relianceScope.combined", message: '"#x" is not a work item id such as #1234' },
      { path: "relianceScope.combined", message: "#5 is listed twice" },
      { path: "relianceScope.none", message: '"none" is not a reliance type with a scope: use partial or combined' },
      { path: "rag.whenBlocked", message: 'With a failed required test or an open exit-blocking defect: the RAG must be green, amber or red, not "purple"' },
      { path: "rag.whenever", message: '"whenever" is not a readiness rule: use whenBlocked, whenOutstanding, whenNothingRequired' },
    ]);
  });

  it("says what is wrong with the shape", () => {
    expect(check(null)).toEqual([{ path: "", message: "The qualification requirements must be a record of settings" }]);
    expect(check({})).toEqual([{ path: "requiredTests", message: "Required tests must be listed (an empty list when none are required)" }]);
    expect(check({ requiredTests: {}, stagesByPath: [], relianceScope: "all", rag: "red" })).toEqual([
      { path: "requiredTests", message: "Required tests must be a list of rules, each a market role, a path and its tests" },
      { path: "stagesByPath", message: "Evidence stages must be listed by path (SIT, QT)" },
      { path: "relianceScope", message: "The reliance scope must be given per reliance type (partial, combined)" },
      { path: "rag", message: "The readiness RAG rules must be a record (whenBlocked, whenOutstanding, whenNothingRequired)" },
    ]);
    expect(check({ requiredTests: ["SUP", { role: "SUP", programmeTestCaseIds: "QT-001", testCaseIds: 5, note: "x" }] })).toEqual([
      { path: "requiredTests[0]", message: "Each rule needs a market role and the tests it requires" },
      { path: "requiredTests[1].note", message: '"note" is not part of a rule (role, path, programmeTestCaseIds, testCaseIds)' },
      { path: "requiredTests[1].programmeTestCaseIds", message: "Programme test ids must be a list such as QT-093; SITNFT-T2-020" },
      { path: "requiredTests[1].testCaseIds", message: "Work item ids must be a list of test case ids such as 1234" },
      { path: "requiredTests[1]", message: "The rule for SUP on both paths lists no tests: add programme test ids or work item ids, or remove the rule" },
    ]);
  });

  it("keeps the usable parts of a document with problems, normalised", () => {
    const { usable } = checkQualificationRequirements(
      {
        requiredTests: [
          { role: "sup", path: "QT", programmeTestCaseIds: ["qt-001", "QT-9"] },
          { role: "XYZ", programmeTestCaseIds: ["QT-002"] },
          { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-003"] },
        ],
        stagesByPath: { SIT: [], QT: ["qt"] },
        rag: { whenBlocked: "amber", whenOutstanding: "blue" },
      },
      catalogues,
    );
    expect(usable).toEqual({ requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001"] }], stagesByPath: { QT: ["QT"] }, rag: { whenBlocked: "amber" } });
  });

  it("knows the roles of the catalogues in force", () => {
    const withExtra = resolveCatalogues({ roles: { add: [{ code: "MSA", name: "Metering Service (Advanced)", kind: "participant" }] } });
    const doc = { requiredTests: [{ role: "MSA", testCaseIds: [1] }] };
    expect(check(doc)).toEqual([{ path: "requiredTests[0].role", message: 'Unknown market role "MSA"' }]);
    expect(validateQualificationRequirements(doc, withExtra)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const participantRoles = catalogues.roles.filter((r) => r.kind === "participant").map((r) => r.code);
const programmeId = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map((n) => `QT-${String(n).padStart(3, "0")}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 999 })).map(([t, n]) => `SITNFT-T${t}-${String(n).padStart(3, "0")}`),
);
const ruleArb = fc.record({
  role: fc.constantFrom(...participantRoles),
  path: fc.constantFrom<("SIT" | "QT" | undefined)[]>("SIT", "QT", undefined),
  programme: fc.uniqueArray(programmeId, { maxLength: 6 }),
  workItems: fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 4 }),
});
/** Valid documents: one rule per role and path, each with at least one test. */
const validDocument = fc.uniqueArray(ruleArb, { selector: (r) => `${r.role}|${r.path ?? ""}`, maxLength: 8 }).map((rules): QualificationRequirements => ({
  requiredTests: rules
    .filter((r) => r.programme.length + r.workItems.length > 0)
    .map((r) => ({
      role: r.role,
      ...(r.path ? { path: r.path } : {}),
      ...(r.programme.length > 0 ? { programmeTestCaseIds: r.programme } : {}),
      ...(r.workItems.length > 0 ? { testCaseIds: r.workItems } : {}),
    })),
}));

function exportTable(rules: readonly RequiredTestRule[]): ImportTable {
  const rows = requiredTestExportRows(rules);
  const headers = REQUIRED_TEST_COLUMNS.map((c) => c.heading);
  return { headers, rows: rows.map((values, i) => ({ row: i + 2, values })) };
}

describe("qualification requirements: properties", () => {
  it("never throws, whatever it is given, and every problem has a path and a sentence", () => {
    fc.assert(
      fc.property(fc.anything(), fc.record({ requiredTests: fc.array(fc.anything(), { maxLength: 4 }), stagesByPath: fc.anything(), relianceScope: fc.anything(), rag: fc.anything() }), (a, b) => {
        for (const input of [a, b]) {
          const result = checkQualificationRequirements(input, catalogues);
          for (const p of result.problems) {
            expect(typeof p.path).toBe("string");
            expect(p.message.length).toBeGreaterThan(10);
          }
          // What it keeps always passes.
          expect(check(result.usable)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("accepts valid documents as they are", () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        expect(check(doc)).toEqual([]);
        expect(checkQualificationRequirements(doc, catalogues).usable).toEqual(doc);
      }),
    );
  });

  it("finds an unknown role, a malformed id or a duplicate rule slipped into a valid document, at that rule", () => {
    fc.assert(
      fc.property(
        validDocument.filter((d) => d.requiredTests.length > 0),
        fc.nat(),
        fc.constantFrom("role", "id", "duplicate"),
        fc.constantFrom("XYZ", "SMS", "DIP", ""),
        fc.constantFrom("QT-12", "QT093X", "IF-033", "SITFUNC-T1-001", "BP009"),
        (doc, pick, fault, badRole, badId) => {
          const index = pick % doc.requiredTests.length;
          const rules = doc.requiredTests.map((r) => ({ ...r }));
          if (fault === "role") rules[index] = { ...rules[index], role: badRole };
          else if (fault === "id") rules[index] = { ...rules[index], programmeTestCaseIds: [...(rules[index].programmeTestCaseIds ?? []), badId] };
          else rules.push({ ...rules[index] });
          const at = fault === "duplicate" ? rules.length - 1 : index;
          const problems = check({ requiredTests: rules });
          expect(problems.length).toBeGreaterThan(0);
          const field = fault === "role" ? `requiredTests[${at}].role` : fault === "id" ? `requiredTests[${at}].programmeTestCaseIds` : `requiredTests[${at}]`;
          expect(problems.every((p) => p.path === field)).toBe(true);
          // The bad rule's other tests are not lost to the hub, except the duplicate's.
          const usable = checkQualificationRequirements({ requiredTests: rules }, catalogues).usable;
          expect(countRequiredTests(usable.requiredTests)).toBe(countRequiredTests(doc.requiredTests) - (fault === "role" ? countRequiredTests([doc.requiredTests[index]]) : 0));
        },
      ),
    );
  });

  it("exports rows that read back to the same rules", () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        const read = readRequiredTestRows(exportTable(doc.requiredTests), catalogues);
        expect(read.problems).toEqual([]);
        expect(read.rules).toEqual(doc.requiredTests);
      }),
    );
  });

  it("merging adds each test once, and replacing leaves exactly the file's tests", () => {
    fc.assert(
      fc.property(validDocument, validDocument, (a, b) => {
        const key = (t: { role: string; path?: string; test: string }) => `${t.role}|${t.path ?? ""}|${t.test}`;
        const added = mergeRequiredTests(a.requiredTests, b.requiredTests, "add");
        const union = new Set([...requiredTestsOf(a.requiredTests), ...requiredTestsOf(b.requiredTests)].map(key));
        expect(new Set(requiredTestsOf(added.requiredTests).map(key))).toEqual(union);
        expect(requiredTestsOf(added.requiredTests)).toHaveLength(union.size);
        expect(check({ requiredTests: added.requiredTests })).toEqual([]);
        expect(added.added + added.unchanged).toBe(requiredTestsOf(b.requiredTests).length);
        // Adding the same file again changes nothing.
        expect(mergeRequiredTests(added.requiredTests, b.requiredTests, "add").added).toBe(0);

        const replaced = mergeRequiredTests(a.requiredTests, b.requiredTests, "replace");
        expect(new Set(requiredTestsOf(replaced.requiredTests).map(key))).toEqual(new Set(requiredTestsOf(b.requiredTests).map(key)));
      }),
    );
  });
});

describe("qualification requirements: spreadsheet rows", () => {
  const headers = ["Role", "Path", "Test Id"];

  it("reads one row per role, path and test, grouping them into rules and reporting each bad row at its column", () => {
    const read = readRequiredTestRows(
      table(headers, [
        ["SUP", "QT", "QT-001"],
        ["sup", "qt", "qt-002"],
        ["SUP", "", "#1234"],
        ["SUP", "Both", "1250"],
        ["XYZ", "QT", "QT-003"],
        ["MS", "UIT", "QT-004"],
        ["MS", "SIT", "QT-93"],
        ["MS", "SIT", ""],
        ["SUP", "QT", "QT-001"],
        ["DIP", "SIT", "SITNFT-T2-020"],
        ["MS", "SIT", "SIT-NFT-T2-020"],
      ]),
      catalogues,
    );
    expect(read.rowsRead).toBe(11);
    expect(read.rules).toEqual([
      { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002"] },
      { role: "SUP", testCaseIds: [1234, 1250] },
      { role: "MS", path: "SIT", programmeTestCaseIds: ["SITNFT-T2-020"] },
    ]);
    expect(read.problems).toEqual([
      { row: 6, column: "Role", reason: 'Unknown market role "XYZ"' },
      { row: 7, column: "Path", reason: 'Path "UIT" is not SIT or QT; leave it blank (or write Both) for both paths' },
      { row: 8, column: "Test Id", reason: '"QT-93": QT needs three digits, as in QT-093; got 2' },
      { row: 9, column: "Test Id", reason: "Give the required test: a programme test id such as QT-093, or a work item id such as #1234" },
      { row: 10, column: "", reason: "QT-001 for SUP on the QT path is already in row 2" },
      { row: 11, column: "Role", reason: "DIP (Data Integration Platform) is a central system role: participants do not qualify in it" },
    ]);
  });

  it("stops at the headings when a required column is missing", () => {
    const read = readRequiredTestRows(table(["Role", "Path"], [["SUP", "QT"]]), catalogues);
    expect(read.rules).toEqual([]);
    expect(read.problems).toEqual([{ row: 1, column: "Test Id", reason: 'The file has no "Test Id" column' }]);
  });

  it("writes Both for a rule of both paths and # before a work item id", () => {
    expect(requiredTestExportRows([{ role: "SUP", programmeTestCaseIds: ["QT-001"], testCaseIds: [12] }])).toEqual([
      { Role: "SUP", Path: "Both", "Test Id": "QT-001" },
      { Role: "SUP", Path: "Both", "Test Id": "#12" },
    ]);
  });
});

describe("qualification requirements in the hub's view", () => {
  const participants: Participant[] = [
    { mpid: "ALWB", organisation: "Alwick Energy", roles: ["SUP"], path: "QT", reliance: "none" },
    { mpid: "QTSU", organisation: "Quay Supply", roles: ["SUP"], path: "QT", reliance: "combined", reliesOn: ["ALWB"] },
  ];
  const testCases: TestCaseRecord[] = [
    { id: 1, title: "a", programmeTestCaseId: "QT-001", stage: "QT", role: "SUP", participant: "ALWB", requirementIds: [] },
    { id: 2, title: "b", programmeTestCaseId: "QT-002", stage: "QT", role: "SUP", participant: "QTSU", requirementIds: [] },
  ];
  const points: TestPointRecord[] = [
    { id: 10, testCaseId: 1, planId: 1, suiteId: 1, stage: "QT", role: "SUP", participant: "ALWB", outcome: "passed", lastRunDate: "2025-03-01T10:00:00Z" },
    { id: 11, testCaseId: 2, planId: 1, suiteId: 1, stage: "QT", role: "SUP", participant: "QTSU", outcome: "passed", lastRunDate: "2025-03-01T10:00:00Z" },
  ];

  it("takes configured required tests, with reliance, instead of the planned ones", () => {
    const config = checkQualificationRequirements({ requiredTests: [{ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002"] }] }, catalogues).usable;
    const view = qualificationView({ participants, testCases, points, defects: [], asOf: "2025-03-31", config });
    expect(view.requiredTestsSource).toBe("configured");
    expect(view.rows.map((r) => [r.mpid, r.required, r.evidenced, r.reliedUpon, r.outstanding])).toEqual([
      ["ALWB", 2, 1, 0, 1],
      ["QTSU", 2, 1, 1, 0],
    ]);
    expect(view.messages).toEqual([]);
    const unknown = qualificationView({ participants, testCases, points, defects: [], asOf: "2025-03-31", config: { requiredTests: [{ role: "SUP", programmeTestCaseIds: ["QT-001", "QT-404"] }] } });
    expect(unknown.messages).toEqual(["No test case has programme id QT-404 for role SUP (required of ALWB, QTSU)."]);
    const planned = qualificationView({ participants, testCases, points, defects: [], asOf: "2025-03-31", config: { requiredTests: [] } });
    expect(planned.requiredTestsSource).toBe("planned");
    expect(planned.rows.every((r) => r.reliedUpon === 0)).toBe(true);
  });
});
