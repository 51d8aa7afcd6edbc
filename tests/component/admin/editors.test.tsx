import "../../../src/ado/node";
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ENVIRONMENTS_PLAN, EXIT_CRITERIA, PICKLIST_OVERRIDES, PLAN_STAGE_MAPPING, SLA_TARGETS } from "../../../src/ado/configStore";
import { AdminHub } from "../../../src/contributions/hubs/admin/AdminHub";
import { EnvironmentsTab } from "../../../src/contributions/hubs/admin/EnvironmentsTab";
import { criterionFieldOf, ExitCriteriaTab } from "../../../src/contributions/hubs/admin/ExitCriteriaTab";
import { PicklistsTab } from "../../../src/contributions/hubs/admin/PicklistsTab";
import { PlanStagesTab } from "../../../src/contributions/hubs/admin/PlanStagesTab";
import { RequirementImportTab } from "../../../src/contributions/hubs/admin/RequirementImportTab";
import { SlaTargetsTab } from "../../../src/contributions/hubs/admin/SlaTargetsTab";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { DefectRecord } from "../../../src/domain/model";
import { csvFile, fakeServices } from "./fakeServices";

const CATALOGUES = resolveCatalogues();

function field(name: string): HTMLElement {
  return document.querySelector(`[data-field="${name}"]`) as HTMLElement;
}

function input(name: string): HTMLInputElement {
  return field(name).querySelector("input, textarea") as HTMLInputElement;
}

function saveButton(title: string): HTMLElement {
  return screen.getByRole("button", { name: `Save ${title}` });
}

const openDefect = (id: number, severity: string): DefectRecord => ({
  id,
  title: `Defect ${id}`,
  state: "Active",
  severity,
  stage: "PIT",
  createdDate: "2024-01-02T10:00:00Z",
  testCaseIds: [],
});

describe("exit criteria editor", () => {
  it("shows each rule's RAG against the stage's current data and updates it live as a rule is edited", async () => {
    const services = fakeServices({ loadExitPreview: jest.fn(async () => ({ points: [], defects: [openDefect(1, "1 - Critical"), openDefect(2, "1 - Critical")], notes: ["Preview note."] })) });
    render(<ExitCriteriaTab services={services} catalogues={CATALOGUES} />);
    const critical = await screen.findByText("No open Critical defects");
    const row = critical.closest("tr") as HTMLElement;
    await waitFor(() => expect(within(row).getByText("RED")).toBeTruthy());
    expect(row.textContent).toContain("Open defects of severity 1 - Critical: 2 (ids 1, 2)");
    expect(services.loadExitPreview).toHaveBeenCalledWith("PIT", expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(screen.getByText("Preview note.")).toBeTruthy();

    fireEvent.click(row);
    fireEvent.change(input("value"), { target: { value: "2" } });
    await waitFor(() => expect(within(document.querySelector('tr[data-criterion="no-critical"]') as HTMLElement).getByText("GREEN")).toBeTruthy());
    expect(screen.getByText("PIT has its own criteria.")).toBeTruthy();

    fireEvent.change(input("value"), { target: { value: "lots" } });
    await waitFor(() => expect(field("value").textContent).toContain('the target "lots" is not a number'));
    expect(saveButton("exit criteria").getAttribute("aria-disabled")).toBe("true");
    fireEvent.change(input("value"), { target: { value: "0" } });
    fireEvent.change(input("amber"), { target: { value: "-1" } });
    await waitFor(() => expect(field("amber").textContent).toContain('the amber tolerance "-1" must be a number, 0 or more'));
    fireEvent.change(input("amber"), { target: { value: "1" } });
    await waitFor(() => expect(saveButton("exit criteria").getAttribute("aria-disabled")).toBeNull());
    fireEvent.click(saveButton("exit criteria"));
    await screen.findByText(/^Saved at/);
    const stored = await services.other().load(EXIT_CRITERIA);
    expect(stored.data.byStage.PIT.find((c) => c.id === "no-critical")).toMatchObject({ value: 0, amber: 1 });
  });

  it("keeps the retest rule for coverage with the criteria, and leaves it out when every run counts", async () => {
    const services = fakeServices({ loadExitPreview: jest.fn(async () => ({ points: [], defects: [], notes: [] })) });
    render(<ExitCriteriaTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText("No open Critical defects");
    const retests = "Retests, for requirement coverage (every stage)";
    fireEvent.click(screen.getByRole("button", { name: retests }));
    fireEvent.click(await screen.findByRole("option", { name: /A later run of the same test/ }));
    await waitFor(() => expect(saveButton("exit criteria").getAttribute("aria-disabled")).toBeNull());
    fireEvent.click(saveButton("exit criteria"));
    await screen.findByText(/^Saved at/);
    expect((await services.other().load(EXIT_CRITERIA)).data.retests).toBe("supersede");

    fireEvent.click(screen.getByRole("button", { name: retests }));
    fireEvent.click(await screen.findByRole("option", { name: /Every run counts/ }));
    await waitFor(() => expect(saveButton("exit criteria").getAttribute("aria-disabled")).toBeNull());
    fireEvent.click(saveButton("exit criteria"));
    await waitFor(async () => expect((await services.other().load(EXIT_CRITERIA)).data).not.toHaveProperty("retests"));
  });

  it("routes the validator's sentences to their fields", () => {
    expect(criterionFieldOf('Criterion "x": the target "a" is not a number.')).toBe("value");
    expect(criterionFieldOf('Criterion "x": unknown metric "m"; use one of a, b.')).toBe("metric");
    expect(criterionFieldOf('Criterion "x": unknown comparison "~"; use one of >=.')).toBe("op");
    expect(criterionFieldOf('Criterion "x": a severity applies only to defect metrics, not to Pass rate.')).toBe("severity");
    expect(criterionFieldOf("Criterion 2 has no id.")).toBe("id");
  });
});

describe("environments plan editor", () => {
  it("checks an allocation at its fields, including the participant register", async () => {
    const services = fakeServices();
    render(<EnvironmentsTab services={services} catalogues={CATALOGUES} />);
    fireEvent.click(await screen.findByRole("button", { name: "Add allocation" }));
    fireEvent.change(input("participant"), { target: { value: "zz" } });
    fireEvent.change(input("from"), { target: { value: "2024-03-01" } });
    fireEvent.change(input("to"), { target: { value: "2024-02-01" } });
    await waitFor(() => expect(field("participant").textContent).toContain("MPID must be 4 characters; found 2"));
    expect(field("to").textContent).toContain("The allocation ends (2024-02-01) before it starts (2024-03-01).");
    fireEvent.change(input("participant"), { target: { value: "abcd" } });
    fireEvent.change(input("to"), { target: { value: "2024-04-01" } });
    await waitFor(() => expect(field("to").textContent).not.toContain("before it starts"));
    fireEvent.change(input("limits.overall"), { target: { value: "0" } });
    await waitFor(() => expect(field("limits.overall").textContent).toContain("The overall limit must be a whole number of environments, 1 or more"));
    fireEvent.change(input("limits.overall"), { target: { value: "1" } });
    await waitFor(() => expect(saveButton("environments plan").getAttribute("aria-disabled")).toBeNull());
    fireEvent.click(saveButton("environments plan"));
    await screen.findByText(/^Saved at/);
    const stored = await services.other().load(ENVIRONMENTS_PLAN);
    expect(stored.data.allocations).toEqual([{ participant: "ABCD", environment: "PIT", stage: "PIT", from: "2024-03-01", to: "2024-04-01" }]);
    expect(stored.data.limits).toEqual({ overall: 1 });
  });

  it("imports allocations from a CSV after a dry run", async () => {
    const services = fakeServices();
    render(<EnvironmentsTab services={services} catalogues={CATALOGUES} />);
    const csv = "Participant,Environment,Stage,From,To\nABCD,SIT-A,SIT-FUNC,2024-01-01,2024-02-01\nEFGH,SIT-Z,SIT-FUNC,2024-01-01,2024-02-01\n";
    await act(async () => {
      fireEvent.change(await screen.findByLabelText("Spreadsheet (.csv or .xlsx)"), { target: { files: [csvFile("plan.csv", csv)] } });
    });
    await screen.findByText("1 allocation to apply; 1 row with problems.");
    expect(screen.getByRole("table", { name: "Rows with problems" }).textContent).toContain('Environment "SIT-Z" is not in the environments plan.');
    fireEvent.click(screen.getByRole("button", { name: "Apply to the plan" }));
    await waitFor(() => expect(screen.getByRole("table", { name: "Allocations" }).textContent).toContain("SIT-A"));
  });
});

describe("SLA targets editor", () => {
  it("shows the domain's message at the field and saves numbers", async () => {
    const services = fakeServices();
    render(<SlaTargetsTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText("Resolution targets (working days)");
    fireEvent.change(input("sla.1 - Critical"), { target: { value: "soon" } });
    await waitFor(() => expect(field("sla.1 - Critical").textContent).toContain('SLA target for 1 - Critical must be a number of working days (0 or more), not "soon".'));
    fireEvent.change(input("sla.1 - Critical"), { target: { value: "1" } });
    fireEvent.change(input("bankHolidays"), { target: { value: "2024-12-25; 26/12/2024" } });
    await waitFor(() => expect(field("bankHolidays").textContent).toContain('Bank holiday "26/12/2024" is not an ISO date'));
    fireEvent.change(input("bankHolidays"), { target: { value: "2024-12-25; 2024-12-26" } });
    await waitFor(() => expect(saveButton("sla targets and defect rules").getAttribute("aria-disabled")).toBeNull());
    fireEvent.click(saveButton("sla targets and defect rules"));
    await screen.findByText(/^Saved at/);
    const stored = await services.other().load(SLA_TARGETS);
    expect(stored.data.slaWorkingDays).toMatchObject({ "1 - Critical": 1 });
    expect(stored.data.bankHolidays).toEqual(["2024-12-25", "2024-12-26"]);
  });
});

describe("test plans → stages editor", () => {
  it("offers the project's plans and reports a plan mapped twice at its field", async () => {
    const services = fakeServices({ listTestPlans: jest.fn(async () => [{ id: 7, name: "SIT Functional C1" }]) });
    render(<PlanStagesTab services={services} catalogues={CATALOGUES} />);
    fireEvent.click(await screen.findByRole("button", { name: "Map SIT Functional C1 (7)" }));
    fireEvent.click(screen.getByRole("button", { name: "Add mapping" }));
    fireEvent.change(screen.getByLabelText("Plan id of mapping 2"), { target: { value: "7" } });
    await screen.findByText("Test plan 7 is already mapped in row 1");
    expect(screen.getAllByText("Choose the stage the plan tests").length).toBeGreaterThan(0);
  });

  it("lets plan ids be typed when the plans cannot be listed", async () => {
    const services = fakeServices({ listTestPlans: jest.fn().mockRejectedValue(new Error("404")) });
    render(<PlanStagesTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText("The project's test plans could not be listed (404); enter plan ids by hand.");
    expect(screen.getByRole("button", { name: "Add mapping" })).toBeTruthy();
    expect((await services.other().load(PLAN_STAGE_MAPPING)).exists).toBe(false);
  });
});

describe("picklists editor", () => {
  it("adds a stage, refusing a code already in the list, and tells the hub so the new lists apply", async () => {
    const services = fakeServices();
    const onSaved = jest.fn();
    render(<PicklistsTab services={services} catalogues={CATALOGUES} onSaved={onSaved} />);
    fireEvent.change(await screen.findByLabelText("Code"), { target: { value: "SIT-FUNC" } });
    await screen.findByText("SIT-FUNC is already in the list");
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "SIT-CUT" } });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "SIT Cutover" } });
    fireEvent.change(screen.getByLabelText("Order (where it sorts)"), { target: { value: "75" } });
    fireEvent.click(screen.getByRole("button", { name: "Add value" }));
    await waitFor(() => expect(document.querySelector('tr[data-code="SIT-CUT"][data-status="added"]')).toBeTruthy());
    fireEvent.click(saveButton("picklists"));
    await screen.findByText(/^Saved at/);
    expect(onSaved).toHaveBeenCalled();
    expect((await services.other().load(PICKLIST_OVERRIDES)).data).toEqual({ stages: { add: [{ code: "SIT-CUT", name: "SIT Cutover", phase: "SIT", order: 75 }] } });
  });
});

describe("requirement import", () => {
  it("shows the dry run, then imports with a progress bar and the outcome", async () => {
    const plan = {
      requirementType: "User Story",
      counts: { create: 1, update: 0, unchanged: 0 },
      rows: [
        {
          requirement: { row: 2, requirementId: "R-1", title: "T", requirementType: "Functional", roles: ["SUP"], stages: ["QT"], designReferences: "", testCaseIds: ["QT-001", "QT-999"] },
          action: "create" as const,
          fields: { "System.Title": "T" },
          linksToAdd: [42],
          unknownTestCases: ["QT-999"],
        },
      ],
    };
    const services = fakeServices({
      planRequirementImport: jest.fn(async () => plan),
      runRequirementImport: jest.fn(async (_plan, onProgress) => {
        onProgress({ finished: 1, total: 1, created: 1, updated: 0, unchanged: 0, failed: 0 });
        return { outcomes: [{ row: 2, requirementId: "R-1", action: "create" as const, status: "done" as const, workItemId: 900 }], progress: { finished: 1, total: 1, created: 1, updated: 0, unchanged: 0, failed: 0 } };
      }),
    });
    render(<RequirementImportTab services={services} catalogues={CATALOGUES} />);
    const csv = "Requirement Id,Title,Requirement Type,Roles,Stages In Scope,Test Cases\nR-1,T,Functional,SUP,QT,QT-001;QT-999\nR-2,Bad,Functional,SUP,NOWHERE,\n";
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Spreadsheet (.csv or .xlsx)"), { target: { files: [csvFile("rttm.csv", csv)] } });
    });
    await screen.findByText("2 rows read: 1 new requirement to create (as User Story), 0 to update, 0 unchanged; 1 Tested By link to add; 1 row with problems.");
    expect(services.planRequirementImport).toHaveBeenCalledWith([expect.objectContaining({ requirementId: "R-1", testCaseIds: ["QT-001", "QT-999"] })]);
    expect(screen.getByRole("table", { name: "Test cases not found" }).textContent).toContain("QT-999");
    expect(screen.getByRole("table", { name: "Rows with problems" }).textContent).toContain('Unknown test stage "NOWHERE"');
    fireEvent.click(screen.getByRole("button", { name: "Import 1 requirement" }));
    await screen.findByText("Finished: 1 of 1 rows; 1 created, 0 updated, 0 unchanged, 0 failed.");
    expect(screen.getByRole("progressbar")).toBeTruthy();
  });
});

describe("admin hub", () => {
  it("shows the tabs and switches between them", async () => {
    const services = fakeServices();
    render(<AdminHub services={services} initialTab="sla" />);
    await screen.findByText("Resolution targets (working days)");
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual([
      "Process set-up",
      "Participants",
      "Environments",
      "Exit criteria",
      "Qualification requirements",
      "Test plans → stages",
      "SLA targets",
      "Picklists",
      "Requirement import",
    ]);
    fireEvent.click(screen.getByRole("tab", { name: "Participants" }));
    await screen.findByText("No participants yet");
    fireEvent.click(screen.getByRole("tab", { name: "Qualification requirements" }));
    await screen.findByText("No required tests yet");
  });
});
