// The RTTM import (src/ado/requirementImport.ts) against the seeded local host: a dry run, the
// writes under throttling, links to existing test cases by programme test case id, and a second
// run of the same rows that creates nothing and adds no link twice.

import "../../../src/ado/node";
import type { DevhostHandle } from "../../../devhost/server";
import { AdoConnection } from "../../../src/ado/clients";
import { FIELD } from "../../../src/ado/fields";
import { planRequirementImport, RequirementImportProgress, runRequirementImport } from "../../../src/ado/requirementImport";
import { contains, eq, isNotEmpty, select, WiqlMacro } from "../../../src/ado/wiql";
import { LINK_TYPES, queryIds, readWorkItems } from "../../../src/ado/workItems";
import type { RttmRequirement } from "../../../src/domain/rttm";
import { connectToDevhost } from "../../support/devhostConnection";
import { PROJECT, startTestHost } from "../devhost/host";

describe("requirement import against devhost", () => {
  let host: DevhostHandle;
  let connection: AdoConnection;
  let testCaseIds: { id: number; programmeId: string }[];
  let rows: RttmRequirement[];

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.02, faults: true });
    connection = connectToDevhost(host, { projectName: PROJECT, parallelism: 3, retry: { baseDelayMs: 5, maxDelayMs: 20 } }).connection;
    const ids = await queryIds(connection, select(FIELD.id).where(eq(FIELD.teamProject, WiqlMacro.project)).where(isNotEmpty(FIELD.testCaseId)));
    const read = await readWorkItems(connection, ids.slice(0, 3), [FIELD.testCaseId]);
    testCaseIds = read.items.map((item) => ({ id: item.id, programmeId: String(item.fields[FIELD.testCaseId]) }));
    rows = Array.from({ length: 12 }, (_v, i) => ({
      row: i + 2,
      requirementId: `RTTM-IMP-${String(i + 1).padStart(3, "0")}`,
      title: `Imported requirement ${i + 1}`,
      requirementType: i % 2 ? "Functional" : "Migration",
      roles: ["SUP", "LDSO"],
      stages: ["SIT-FUNC", "QT"],
      designReferences: "IF-031; PUB-031",
      testCaseIds: i === 0 ? [testCaseIds[0].programmeId, testCaseIds[1].programmeId, "NO-SUCH-001"] : i === 1 ? [testCaseIds[2].programmeId.toLowerCase()] : [],
    }));
  });
  afterAll(() => host?.close());

  const imported = async () => {
    // The seeded requirements carry ids of their own; only this test's rows are counted.
    const ids = await queryIds(connection, select(FIELD.id).where(eq(FIELD.teamProject, WiqlMacro.project)).where(contains(FIELD.requirementId, "RTTM-IMP-")));
    return (await readWorkItems(connection, ids, [FIELD.requirementId], { expandRelations: true })).items;
  };

  it("creates each requirement once with its fields and Tested By links, through throttling", async () => {
    const plan = await planRequirementImport(connection, rows);
    expect(plan.requirementType).toBe("User Story");
    expect(plan.counts).toEqual({ create: 12, update: 0, unchanged: 0 });
    expect(plan.rows[0].unknownTestCases).toEqual(["NO-SUCH-001"]);
    expect(plan.rows[0].linksToAdd).toEqual([testCaseIds[0].id, testCaseIds[1].id]);
    expect(plan.rows[1].linksToAdd).toEqual([testCaseIds[2].id]);

    // The first four creates are refused with 429; the transport waits as told and sends them again.
    await fetch(`${host.url}/_devhost/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ route: "_apis/wit/workItems/(\\$|%24)", method: "POST", kind: "status", status: 429, retryAfter: 0, times: 4 }),
    });
    const progress: RequirementImportProgress[] = [];
    const run = await runRequirementImport(connection, plan, (p) => progress.push(p));
    expect(run.progress).toMatchObject({ finished: 12, total: 12, created: 12, failed: 0 });
    expect(progress[progress.length - 1].finished).toBe(12);
    // Each refusal was used up (a rule leaves the list when its times run out).
    expect(await (await fetch(`${host.url}/_devhost/faults`)).json()).toEqual([]);

    const items = await imported();
    expect(items.map((item) => item.fields[FIELD.requirementId]).sort()).toEqual(rows.map((r) => r.requirementId));
    const first = items.find((item) => item.fields[FIELD.requirementId] === "RTTM-IMP-001")!;
    expect((first.relations ?? []).filter((r) => r.rel === LINK_TYPES.testedBy)).toHaveLength(2);
    const read = await readWorkItems(connection, [first.id], [FIELD.title, FIELD.requirementType, FIELD.roles, FIELD.marketRole, FIELD.stagesInScope, FIELD.testStage, FIELD.designReferences]);
    expect(read.items[0].fields).toMatchObject({
      [FIELD.title]: "Imported requirement 1",
      [FIELD.requirementType]: "Migration",
      [FIELD.roles]: "SUP; LDSO",
      [FIELD.marketRole]: "SUP",
      [FIELD.stagesInScope]: "SIT-FUNC; QT",
      [FIELD.testStage]: "SIT-FUNC",
      [FIELD.designReferences]: "IF-031; PUB-031",
    });
  });

  it("run again, changes nothing; a changed row updates its requirement in place", async () => {
    const again = await planRequirementImport(connection, rows);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 12 });
    const run = await runRequirementImport(connection, again);
    expect(run.progress).toMatchObject({ created: 0, updated: 0, unchanged: 12 });

    const changed = rows.map((row, i) => (i === 2 ? { ...row, title: "Renamed", testCaseIds: [testCaseIds[0].programmeId] } : row));
    const plan = await planRequirementImport(connection, changed);
    expect(plan.counts).toEqual({ create: 0, update: 1, unchanged: 11 });
    expect(plan.rows[2].fields).toEqual({ [FIELD.title]: "Renamed" });
    await runRequirementImport(connection, plan);

    const items = await imported();
    expect(items).toHaveLength(12);
    const third = items.find((item) => item.fields[FIELD.requirementId] === "RTTM-IMP-003")!;
    expect((third.relations ?? []).filter((r) => r.rel === LINK_TYPES.testedBy)).toHaveLength(1);
  });
});
