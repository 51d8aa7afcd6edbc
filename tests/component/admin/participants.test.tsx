import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { PARTICIPANT_REGISTER } from "../../../src/ado/configStore";
import { ParticipantsTab } from "../../../src/contributions/hubs/admin/ParticipantsTab";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { Participant } from "../../../src/domain/model";
import { csvFile, fakeServices } from "./fakeServices";

const CATALOGUES = resolveCatalogues();
const REGISTER: Participant[] = [
  { mpid: "AAAA", organisation: "Alpha Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "BBBB", organisation: "Beta Metering", roles: ["MS"], path: "QT", reliance: "none" },
];

async function setup(register: Participant[] = REGISTER) {
  const services = fakeServices();
  // Stored as another build or another user left it, without the editor's checks.
  await services.documents.set("mhhs-configuration", { id: PARTICIPANT_REGISTER.id, schemaVersion: 1, data: { participants: register }, savedBy: "Morgan Manager" });
  render(<ParticipantsTab services={services} catalogues={CATALOGUES} />);
  await screen.findByRole("table", { name: "Participants" });
  return services;
}

function row(mpid: string): HTMLElement {
  return document.querySelector(`tr[data-mpid="${mpid}"]`) as HTMLElement;
}

function field(name: string): HTMLElement {
  return document.querySelector(`[data-field="${name}"]`) as HTMLElement;
}

function input(name: string): HTMLInputElement {
  return field(name).querySelector("input, textarea") as HTMLInputElement;
}

describe("participant register editor", () => {
  it("lists the register with who saved it, and shows a problem at the field as it is typed", async () => {
    await setup();
    expect(screen.getByText(/Saved by Morgan Manager/)).toBeTruthy();
    fireEvent.click(row("AAAA"));
    fireEvent.change(input("mpid"), { target: { value: "AB" } });
    await waitFor(() => expect(field("mpid").textContent).toContain("MPID must be 4 characters; found 2"));
    expect(input("mpid").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByRole("button", { name: "Save participant register" }) as HTMLButtonElement).getAttribute("aria-disabled")).toBe("true");

    fireEvent.change(input("mpid"), { target: { value: "bbbb" } });
    await waitFor(() => expect(field("mpid").textContent).toContain("MPID BBBB is also used in row 2"));
    fireEvent.change(input("mpid"), { target: { value: "abcd" } });
    await waitFor(() => expect(field("mpid").textContent).not.toMatch(/must be|also used/));
    expect(input("mpid").value).toBe("ABCD");
  });

  it("asks a Smart Data Service for its MDR choice, at that field", async () => {
    await setup([{ mpid: "SDS1", organisation: "Smart Data", roles: ["SDS"], path: "QT", reliance: "none" }]);
    fireEvent.click(row("SDS1"));
    await waitFor(() => expect(field("mdrChoice").textContent).toMatch(/A Smart Data Service must say how it collects half-hourly data/));
  });

  it("refuses a stale save with a message, keeps the editor's change, and reloads with both changes", async () => {
    const services = await setup();
    fireEvent.click(row("BBBB"));
    fireEvent.change(input("organisation"), { target: { value: "Beta Metering (mine)" } });

    // Someone else saves meanwhile, changing another participant.
    const other = services.other();
    const stored = await other.load(PARTICIPANT_REGISTER);
    await other.save(PARTICIPANT_REGISTER, { participants: [{ ...REGISTER[0], organisation: "Alpha Energy (theirs)" }, REGISTER[1]] }, stored.etag, { savedBy: "Morgan Manager" });

    fireEvent.click(screen.getByRole("button", { name: "Save participant register" }));
    await screen.findByText(/The participant register was changed by someone else \(Morgan Manager\) since you opened it. Your changes were not saved/);
    expect(input("organisation").value).toBe("Beta Metering (mine)");
    const afterRefusal = await other.load(PARTICIPANT_REGISTER);
    expect(afterRefusal.data.participants[1].organisation).toBe("Beta Metering");

    fireEvent.click(screen.getByRole("button", { name: "Reload, keeping my changes" }));
    await screen.findByText(/Reloaded the version saved by Morgan Manager, with your changes on top/);
    expect(within(row("AAAA")).getByText("Alpha Energy (theirs)")).toBeTruthy();
    expect(within(row("BBBB")).getByText("Beta Metering (mine)")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Save participant register" }));
    await screen.findByText(/^Saved at/);
    const saved = await other.load(PARTICIPANT_REGISTER);
    expect(saved.data.participants.map((p) => p.organisation)).toEqual(["Alpha Energy (theirs)", "Beta Metering (mine)"]);
    expect(saved.savedBy).toBe("Alex Admin");
  });

  it("imports a CSV: a dry run reports the bad rows by row and column, then apply and save", async () => {
    const services = await setup();
    const csv = ["MPID,Organisation,Roles,Path,Reliance", "CCCC,Gamma,SUP,SIT,none", "DD,Delta,SUP,SIT,none", "AAAA,Alpha Energy Ltd,SUP,SIT,none", "EEEE,Epsilon,SMS,QT,none"].join("\n");
    const fileInput = screen.getByLabelText("Spreadsheet (.csv or .xlsx)");
    await act(async () => {
      fireEvent.change(fileInput, { target: { files: [csvFile("participants.csv", csv)] } });
    });
    await screen.findByText(/4 rows read: 1 new, 1 changed, 0 unchanged; 2 with problems/);
    const report = screen.getByRole("table", { name: "Rows with problems" });
    const cells = within(report)
      .getAllByRole("row")
      .slice(1)
      .map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent));
    expect(cells).toEqual([
      ["3", "MPID", "MPID must be 4 characters; found 2"],
      ["5", "Roles", 'Role "SMS" is ambiguous in MHHS papers: use MS for the Metering Service or SDS for the Smart Data Service'],
    ]);
    expect((await services.other().load(PARTICIPANT_REGISTER)).data.participants).toHaveLength(2);

    fireEvent.click(screen.getByRole("button", { name: "Apply 2 valid rows" }));
    await waitFor(() => expect(row("CCCC")).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Save participant register" }));
    await screen.findByText(/^Saved at/);
    const saved = await services.other().load(PARTICIPANT_REGISTER);
    expect(saved.data.participants.map((p) => `${p.mpid} ${p.organisation}`)).toEqual(["AAAA Alpha Energy Ltd", "BBBB Beta Metering", "CCCC Gamma"]);
  });

  it("shows a load failure with a way to try again", async () => {
    const services = fakeServices({ loadConfig: jest.fn().mockRejectedValueOnce(new Error("Azure DevOps returned 500")) });
    render(<ParticipantsTab services={services} catalogues={CATALOGUES} />);
    await screen.findByText("Participant register could not be loaded: Azure DevOps returned 500");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
