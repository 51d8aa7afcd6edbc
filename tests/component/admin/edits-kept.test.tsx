// What the user typed or chose survives a save under way, an import applied after edits, a failed
// apply; a register that could not be read is said, not taken for an empty one.

import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ENVIRONMENTS_PLAN, PARTICIPANT_REGISTER, QUALIFICATION_REQUIREMENTS } from "../../../src/ado/configStore";
import type { AdminServices } from "../../../src/contributions/hubs/admin/adminServices";
import { EnvironmentsTab } from "../../../src/contributions/hubs/admin/EnvironmentsTab";
import { ImportPanel } from "../../../src/contributions/hubs/admin/ImportPanel";
import { ParticipantsTab } from "../../../src/contributions/hubs/admin/ParticipantsTab";
import { QualificationRequirementsTab } from "../../../src/contributions/hubs/admin/QualificationRequirementsTab";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { Participant } from "../../../src/domain/model";
import { csvFile, fakeServices } from "./fakeServices";

const CATALOGUES = resolveCatalogues();
const REGISTER: Participant[] = [
  { mpid: "AAAA", organisation: "Alpha Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "BBBB", organisation: "Beta Metering", roles: ["MS"], path: "QT", reliance: "none" },
];

function row(mpid: string): HTMLElement {
  return document.querySelector(`tr[data-mpid="${mpid}"]`) as HTMLElement;
}

function input(name: string): HTMLInputElement {
  return document.querySelector(`[data-field="${name}"]`)?.querySelector("input, textarea") as HTMLInputElement;
}

async function registerTab(overrides: Partial<AdminServices> = {}) {
  const services = fakeServices(overrides);
  await services.documents.set("mhhs-configuration", { id: PARTICIPANT_REGISTER.id, schemaVersion: 1, data: { participants: REGISTER } });
  render(<ParticipantsTab services={services} catalogues={CATALOGUES} />);
  await screen.findByRole("table", { name: "Participants" });
  return services;
}

describe("the admin editors keep what the user typed", () => {
  it("keeps an edit typed while a save is under way, unsaved, over the saved version", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const services = fakeServices();
    const save = services.saveConfig;
    services.saveConfig = async (kind, data, etag, catalogues) => {
      await gate;
      return save(kind, data, etag, catalogues);
    };
    await services.documents.set("mhhs-configuration", { id: PARTICIPANT_REGISTER.id, schemaVersion: 1, data: { participants: REGISTER } });
    render(<ParticipantsTab services={services} catalogues={CATALOGUES} />);
    await screen.findByRole("table", { name: "Participants" });

    fireEvent.click(row("AAAA"));
    fireEvent.change(input("organisation"), { target: { value: "Alpha One" } });
    fireEvent.click(screen.getByRole("button", { name: "Save participant register" }));
    await screen.findByText("Saving…");
    fireEvent.change(input("organisation"), { target: { value: "Alpha Two" } });
    await act(async () => {
      release();
      await gate;
    });

    await screen.findByText(/what you changed since is not saved yet/);
    expect(input("organisation").value).toBe("Alpha Two");
    expect(screen.getByText("Unsaved changes")).toBeTruthy();
    const stored = await services.other().load(PARTICIPANT_REGISTER);
    expect(stored.data.participants[0].organisation).toBe("Alpha One");
  });

  it("applies an import to the register as it is when applied, keeping an edit made after the dry run", async () => {
    await registerTab();
    const csv = ["MPID,Organisation,Roles,Path,Reliance", "CCCC,Gamma,SUP,SIT,none"].join("\n");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Spreadsheet (.csv or .xlsx)"), { target: { files: [csvFile("participants.csv", csv)] } });
    });
    await screen.findByText(/1 row read: 1 new/);

    fireEvent.click(row("BBBB"));
    fireEvent.change(input("organisation"), { target: { value: "Beta Metering (edited)" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply 1 valid row" }));

    await waitFor(() => expect(row("CCCC")).toBeTruthy());
    expect(within(row("BBBB")).getByText("Beta Metering (edited)")).toBeTruthy();
  });

  it("keeps the dry run when applying fails, says why, and applies on a second try", async () => {
    const apply = jest.fn().mockRejectedValueOnce(new Error("Azure DevOps returned 503")).mockResolvedValueOnce(undefined);
    render(
      <ImportPanel
        title="Import things"
        hint="Any file."
        dryRun={() => ({ summary: "2 things to add.", problems: [], canApply: true, applyLabel: "Apply 2 things", apply })}
      />,
    );
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Spreadsheet (.csv or .xlsx)"), { target: { files: [csvFile("things.csv", "A\n1\n2")] } });
    });
    await screen.findByText("2 things to add.");

    fireEvent.click(screen.getByRole("button", { name: "Apply 2 things" }));
    await screen.findByText("Not applied: Azure DevOps returned 503");
    expect(screen.getByText("2 things to add.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Apply 2 things" }));
    await screen.findByText("Applied:");
    expect(apply).toHaveBeenCalledTimes(2);
    expect(screen.queryByText(/Not applied/)).toBeNull();
  });
});

describe("editors that read the participant register", () => {
  function registerFails(services: AdminServices): AdminServices["loadConfig"] {
    const load = services.loadConfig;
    return ((kind, catalogues) => (kind.id === PARTICIPANT_REGISTER.id ? Promise.reject(new Error("Azure DevOps returned 500")) : load(kind, catalogues))) as AdminServices["loadConfig"];
  }

  it("qualification requirements: says the register could not be read instead of counting no participants", async () => {
    const services = fakeServices();
    services.loadConfig = registerFails(services);
    await services.documents.set("mhhs-configuration", { id: QUALIFICATION_REQUIREMENTS.id, schemaVersion: 1, data: { requiredTests: [{ role: "SUP", path: "SIT", programmeTestCaseIds: ["QT-093"] }] } });
    render(<QualificationRequirementsTab services={services} catalogues={CATALOGUES} />);

    await screen.findByText(/The participant register could not be read \(Azure DevOps returned 500\), so how many participants each rule applies to is not known/);
    const rule = document.querySelector('tr[data-rule="SUP|SIT"]') as HTMLElement;
    expect(Array.from(rule.querySelectorAll("td")).map((td) => td.textContent)[3]).toBe("–");
    fireEvent.click(rule);
    expect(document.querySelector('[data-field="path"]')?.textContent).toContain("The participant register is not read");
  });

  it("environments plan: says the allocations' MPIDs are not checked when the register could not be read", async () => {
    const services = fakeServices();
    services.loadConfig = registerFails(services);
    await services.documents.set("mhhs-configuration", { id: ENVIRONMENTS_PLAN.id, schemaVersion: 1, data: { environments: [{ code: "ENV1" }], limits: {}, allocations: [] } });
    render(<EnvironmentsTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText(/The participant register could not be read \(Azure DevOps returned 500\), so the allocations' MPIDs are not checked against it/);
  });

  it("says nothing about the register when it is read", async () => {
    const services = fakeServices();
    await services.documents.set("mhhs-configuration", { id: PARTICIPANT_REGISTER.id, schemaVersion: 1, data: { participants: REGISTER } });
    await services.documents.set("mhhs-configuration", { id: QUALIFICATION_REQUIREMENTS.id, schemaVersion: 1, data: { requiredTests: [{ role: "SUP", path: "SIT", programmeTestCaseIds: ["QT-093"] }] } });
    render(<QualificationRequirementsTab services={services} catalogues={CATALOGUES} />);
    const rule = await waitFor(() => {
      const found = document.querySelector('tr[data-rule="SUP|SIT"]') as HTMLElement;
      expect(Array.from(found.querySelectorAll("td")).map((td) => td.textContent)[3]).toBe("1");
      return found;
    });
    expect(rule).toBeTruthy();
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });
});
