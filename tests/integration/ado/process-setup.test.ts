// Process set-up (src/ado/processSetup.ts) against the local host over loopback: an organization
// that has never seen the extension (no MHHS fields or picklists), a project on a system process,
// an inherited process created through the API, the plan applied and planned again; a user without
// "Edit process" / "Create process" is refused with the permission named and nothing changes.

import "../../../src/ado/node";
import { TESTER_USER } from "../../../devhost/catalogue/users";
import type { DevhostHandle } from "../../../devhost/server";
import { AdoConnection, patAuthorization } from "../../../src/ado/clients";
import { defaultPicklistLists, MHHS_FIELDS } from "../../../src/ado/fields";
import { createInheritedProcess, desiredProcessSetup, executeSetupSteps, readProcessSetup, StepProgress } from "../../../src/ado/processSetup";
import { planProcessSetup } from "../../../src/domain/processPlan";
import { connectToDevhost } from "../../support/devhostConnection";
import { PROJECT, startTestHost } from "../devhost/host";

const EXTENSION = { publisherId: "mhhs-local", extensionId: "mhhs-test-management" };
const DESIRED = desiredProcessSetup(defaultPicklistLists(), EXTENSION);
const FIELD_COUNT = Object.keys(MHHS_FIELDS).length;

describe("process set-up against devhost", () => {
  let host: DevhostHandle;
  let admin: AdoConnection;
  let tester: AdoConnection;

  const connect = (authorization: string) => connectToDevhost(host, { projectName: PROJECT, authorization, extension: EXTENSION, retry: { maxAttempts: 1 } }).connection;

  beforeAll(async () => {
    // Not seeded: the organization has only the system processes and the default project on Agile.
    host = await startTestHost();
    admin = connect(patAuthorization(host.pat));
    tester = connect(`Bearer ${host.issueAccessToken(TESTER_USER.id)}`);
  });
  afterAll(() => host?.close());

  it("finds the system process, says it cannot be changed, and refuses a new process to a user without Create process", async () => {
    const reading = await readProcessSetup(admin, DESIRED);
    expect(reading.state.process).toMatchObject({ name: "Agile", kind: "system" });
    const plan = planProcessSetup(DESIRED, reading.state);
    expect(plan.canApply).toBe(false);
    expect(plan.blockers[0]).toMatch(/system process "Agile".*cannot be changed/);
    expect(plan.steps.filter((s) => s.kind === "createField")).toHaveLength(FIELD_COUNT);

    const refused = createInheritedProcess(tester, { id: reading.state.process.id, name: "Agile" }, "MHHS Agile");
    await expect(refused).rejects.toMatchObject({ permission: "Create process", message: expect.stringMatching(/"Create process".*Project Collection Administrators/) });
    expect(host.store.processes.findByName("MHHS Agile")).toBeUndefined();
  });

  it("creates the inherited process, then a user without Edit process changes nothing", async () => {
    const before = await readProcessSetup(admin, DESIRED);
    const created = await createInheritedProcess(admin, { id: before.state.process.id, name: "Agile" }, "MHHS Agile");
    expect(created.name).toBe("MHHS Agile");
    // What an admin does in Organization settings → Process → Agile → Projects → Change process.
    host.store.projects.changeProcess(host.store.projects.find(PROJECT)!.id, created.id);

    const reading = await readProcessSetup(tester, DESIRED);
    expect(reading.state.process).toMatchObject({ name: "MHHS Agile", kind: "inherited", parentName: "Agile" });
    const plan = planProcessSetup(DESIRED, reading.state);
    expect(plan.canApply).toBe(true);

    const progress: StepProgress[] = [];
    const run = await executeSetupSteps(tester, reading.state, plan.steps, (p) => progress.push(p));
    expect(run.done).toHaveLength(0);
    expect(run.failed).toMatchObject({ permission: "Edit process", message: expect.stringMatching(/"Edit process".*Project Collection Administrators/) });
    expect(run.notRun).toHaveLength(plan.steps.length - 1);
    expect(progress.filter((p) => p.status === "notRun")).toHaveLength(plan.steps.length - 1);

    const after = planProcessSetup(DESIRED, (await readProcessSetup(admin, DESIRED)).state);
    expect(after.steps.map((s) => s.id)).toEqual(plan.steps.map((s) => s.id));
  });

  it("applies every step for the admin, and planning again finds nothing to do", async () => {
    const reading = await readProcessSetup(admin, DESIRED);
    const plan = planProcessSetup(DESIRED, reading.state);
    const kinds = plan.steps.reduce<Record<string, number>>((counts, step) => ({ ...counts, [step.kind]: (counts[step.kind] ?? 0) + 1 }), {});
    expect(kinds).toMatchObject({ createPicklist: 6, createField: FIELD_COUNT, deriveType: 3, addFormGroup: 9 });
    // "Requirement Type" is the CMMI system field's name, so the MHHS field takes a prefixed one.
    expect(plan.steps).toContainEqual(expect.objectContaining({ kind: "createField", referenceName: "Custom.MhhsRequirementType", name: "MHHS Requirement Type" }));

    const run = await executeSetupSteps(admin, reading.state, plan.steps);
    expect(run.failed).toBeUndefined();
    expect(run.done.length + run.skipped.length).toBe(plan.steps.length);

    const again = await readProcessSetup(admin, DESIRED);
    const replan = planProcessSetup(DESIRED, again.state);
    expect(replan.steps).toEqual([]);
    expect(replan.warnings).toEqual([]);
    expect(replan.types.map((t) => [t.typeName, t.fieldsPresent === t.fieldsWanted, t.groupShown, t.strayGroups])).toEqual([
      ["User Story", true, true, 0],
      ["Test Case", true, true, 0],
      ["Bug", true, true, 0],
    ]);
    expect(again.state.types.bug?.customisation).toBe("inherited");
  });

  it("adds missing picklist values and shows a hidden group again", async () => {
    const reading = await readProcessSetup(admin, DESIRED);
    const lists = defaultPicklistLists();
    const withNewStage = desiredProcessSetup({ ...lists, stages: [...lists.stages, { code: "SIT-EXTRA", name: "SIT extra", phase: "SIT", order: 75 }] }, EXTENSION);
    const bug = reading.state.types.bug!;
    const defectGroup = bug.groups.find((g) => g.contributionId?.endsWith(".defect-group"))!;
    await executeSetupSteps(admin, reading.state, [
      {
        kind: "setFormGroupVisibility",
        id: "hide",
        title: "hide",
        reason: "test",
        category: "bug",
        typeName: "Bug",
        contributionId: defectGroup.contributionId!,
        label: defectGroup.label,
        groupId: defectGroup.id,
        pageId: defectGroup.pageId,
        sectionId: defectGroup.sectionId,
        visible: false,
      },
    ]);

    const plan = planProcessSetup(withNewStage, (await readProcessSetup(admin, withNewStage)).state);
    expect(plan.steps.map((s) => s.kind).sort()).toEqual(["addPicklistItems", "setFormGroupVisibility"]);
    const run = await executeSetupSteps(admin, (await readProcessSetup(admin, withNewStage)).state, plan.steps);
    expect(run.failed).toBeUndefined();
    expect(planProcessSetup(withNewStage, (await readProcessSetup(admin, withNewStage)).state).steps).toEqual([]);
  });
});
