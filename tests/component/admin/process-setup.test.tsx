import "../../../src/ado/node";
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { defaultPicklistLists } from "../../../src/ado/fields";
import type { ProcessReading, SetupRun, StepProgress } from "../../../src/ado/processSetup";
import { desiredProcessSetup } from "../../../src/ado/processSetup";
import { ProcessSetupTab } from "../../../src/contributions/hubs/admin/ProcessSetupTab";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import { planProcessSetup, ProcessState, SetupStep, simulateSetupSteps } from "../../../src/domain/processPlan";
import { fakeServices } from "./fakeServices";

const CATALOGUES = resolveCatalogues();
const DESIRED = desiredProcessSetup(defaultPicklistLists(), { publisherId: "mhhs-local", extensionId: "mhhs-test-management" });
const PAGE = { id: "details", label: "Details", isCustom: true, sectionIds: ["Section1", "Section2", "Section3"] };

function state(kind: "system" | "inherited"): ProcessState {
  const type = (name: string, ref: string) => ({ name, referenceName: ref, customisation: "system" as const, fields: ["System.Title"], pages: [PAGE], groups: [] });
  return {
    process: kind === "system" ? { id: "agile", name: "Agile", kind } : { id: "p1", name: "MHHS Agile", kind, parentId: "agile", parentName: "Agile" },
    fields: [],
    picklists: [],
    types: { requirement: type("User Story", "UserStory"), testCase: type("Test Case", "TestCase"), bug: type("Bug", "Bug") },
  };
}

function reading(s: ProcessState): ProcessReading {
  return { state: s, projectName: "Fresh Project", processNames: ["Agile", "Scrum", "MHHS Agile"] };
}

function servicesFor(initial: ProcessState, apply?: (steps: readonly SetupStep[], onProgress: (p: StepProgress) => void) => Promise<SetupRun>) {
  let current = initial;
  const services = fakeServices({
    checkProcess: jest.fn(async () => ({ reading: reading(current), desired: DESIRED, plan: planProcessSetup(DESIRED, current) })),
    applyProcessSteps: jest.fn(async (_state, steps: readonly SetupStep[], onProgress: (p: StepProgress) => void) => {
      if (apply) return apply(steps, onProgress);
      steps.forEach((step, index) => onProgress({ index, total: steps.length, step, status: "done" }));
      current = simulateSetupSteps(current, steps);
      return { done: steps.slice(), skipped: [], notRun: [] };
    }),
  });
  return services;
}

describe("process set-up tab", () => {
  it("lists what is missing per type, applies it with each step's result, and then has nothing to apply", async () => {
    const services = servicesFor(state("inherited"));
    render(<ProcessSetupTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText('Fresh Project uses the inherited process "MHHS Agile", inherited from Agile.');
    const types = screen.getByRole("table", { name: "MHHS fields and groups per work item type" });
    expect(within(types).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "CategoryWork item typeMHHS fieldsMHHS group on the form",
      "RequirementUser Story0 of 8Not shown",
      "Test CaseTest Case0 of 8Not shown",
      "BugBug0 of 11Not shown",
    ]);
    expect(screen.getByRole("list", { name: "Changes to Bug" }).textContent).toContain("Add Defect Category to Bug");

    fireEvent.click(screen.getByRole("button", { name: "Apply 62 changes" }));
    await screen.findByText("All 62 changes were applied. The check below shows the process as it is now.");
    expect(document.querySelectorAll('[data-status="done"]')).toHaveLength(62);
    await screen.findByText("Everything is in place");
    expect(screen.queryByRole("button", { name: /^Apply/ })).toBeNull();
  });

  it("names the missing permission, says nothing was changed, and lists what was not done", async () => {
    const services = servicesFor(state("inherited"), async (steps, onProgress) => {
      const message = 'You do not have the "Edit process" permission on this process, which adding fields, picklists and form groups needs.';
      onProgress({ index: 0, total: steps.length, step: steps[0], status: "failed", note: message });
      steps.slice(1).forEach((step, i) => onProgress({ index: i + 1, total: steps.length, step, status: "notRun" }));
      return { done: [], skipped: [], notRun: steps.slice(1), failed: { step: steps[0], message, permission: "Edit process" } };
    });
    render(<ProcessSetupTab services={services} catalogues={CATALOGUES} />);
    fireEvent.click(await screen.findByRole("button", { name: "Apply 62 changes" }));
    const message = await screen.findByText(/Stopped at "Create the picklist "MHHS Test Stage"/);
    expect(message.textContent).toMatch(/"Edit process" permission.*Nothing was changed. 61 changes were not made; applying again carries on from there./);
    expect(document.querySelectorAll('[data-status="notRun"]')).toHaveLength(61);
  });

  it("on a system process, explains, creates the inherited process and says how to move the project to it", async () => {
    const services = servicesFor(state("system"));
    render(<ProcessSetupTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText(/This project uses the system process "Agile", which cannot be changed/);
    expect((screen.getByRole("button", { name: "Apply 62 changes" }) as HTMLElement).getAttribute("aria-disabled")).toBe("true");
    const name = screen.getByLabelText("Name of the new process") as HTMLInputElement;
    expect(name.value).toBe("MHHS Agile Fresh Project");
    fireEvent.change(name, { target: { value: "MHHS Agile" } });
    await screen.findByText('There is already a process named "MHHS Agile"');
    fireEvent.change(name, { target: { value: "Programme Agile" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create the inherited process" }));
    });
    expect(services.createInheritedProcess).toHaveBeenCalledWith({ id: "agile", name: "Agile" }, "Programme Agile");
    await screen.findByText(/The inherited process "Programme Agile" was created from Agile/);
    const steps = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(steps).toContain('Next to "Fresh Project", open the … menu and choose "Change process".');
    expect(steps).toContain('Choose "Programme Agile" and save. Work items keep their data and history.');
  });

  it("shows why a new process could not be created", async () => {
    const services = servicesFor(state("system"));
    (services.createInheritedProcess as jest.Mock).mockRejectedValueOnce(new Error('You do not have the "Create process" permission of the organization'));
    render(<ProcessSetupTab services={services} catalogues={CATALOGUES} />);
    fireEvent.change(await screen.findByLabelText("Name of the new process"), { target: { value: "Programme Agile" } });
    fireEvent.click(screen.getByRole("button", { name: "Create the inherited process" }));
    await screen.findByText(/"Create process" permission/);
  });

  it("shows a failed check with a way to try again", async () => {
    const services = fakeServices({ checkProcess: jest.fn().mockRejectedValueOnce(new Error("Azure DevOps returned 503")) });
    render(<ProcessSetupTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText("The process could not be checked: Azure DevOps returned 503");
    (services.checkProcess as jest.Mock).mockImplementation(async () => ({ reading: reading(state("inherited")), desired: DESIRED, plan: planProcessSetup(DESIRED, state("inherited")) }));
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getByText(/uses the inherited process/)).toBeTruthy());
  });
});
