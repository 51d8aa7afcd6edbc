// The participants and qualification pivot: path, reliance, MDR choice, required tests against
// evidence, blocking defects and readiness RAG per participant; details and export.
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ParticipantsPivot } from "../../../../src/contributions/hubs/programme/ParticipantsPivot";
import { qualificationView } from "../../../../src/domain/qualification";
import * as spreadsheet from "../../../../src/ui/export/spreadsheet";
import { blobText, defects, participants, points, testCases, TODAY, withoutCanvas } from "./fixture";

withoutCanvas();

function setup(filter = {}) {
  const view = qualificationView({ participants, testCases, points, defects, asOf: TODAY, filter });
  const onOpen = jest.fn();
  render(<ParticipantsPivot view={view} scope="All stages" today={TODAY} onOpen={onOpen} />);
  return { view, onOpen };
}

function table(): HTMLElement {
  return screen.getByRole("grid", { name: "Participants and their readiness" });
}

function cells(mpid: string): (string | null)[] {
  const row = within(table())
    .getAllByRole("row")
    .find((r) => r.querySelector(".mhhs-cell")?.textContent === mpid) as HTMLElement;
  return Array.from(row.querySelectorAll(".mhhs-cell")).map((c) => c.textContent);
}

describe("participants pivot", () => {
  afterEach(() => jest.restoreAllMocks());

  it("shows each participant's path, reliance, MDR choice, evidence against required tests and readiness", () => {
    setup();
    expect(document.querySelector('[data-figure="participants"]')?.textContent).toBe("4");
    expect(cells("ALWB")).toEqual(["ALWB", "Alwick Energy", "SUP", "SIT", "None", "", "2", "2", "0", "0", "0", "1", "Red"]);
    expect(cells("QTSU")).toEqual(["QTSU", "Quay Supply", "SUP", "QT", "Partial on ALWB", "", "1", "0", "0", "0", "1", "1", "Red"]);
    expect(cells("SDSX")).toEqual(["SDSX", "Smart Data Co", "SDS", "QT", "None", "Supplier via DCC", "0", "0", "0", "0", "0", "0", "Amber"]);
    expect(screen.getByText(/No required tests are configured/)).toBeTruthy();
  });

  it("shows why a participant is not ready, with its required tests and blocking defects", () => {
    const { onOpen } = setup();
    fireEvent.click(within(table()).getByText("Alwick Energy"));
    const details = screen.getByRole("region", { name: "Participant ALWB" });
    expect(within(details).getByText(/1 open exit-blocking defect\(s\): 900/)).toBeTruthy();
    const required = within(details).getByRole("grid", { name: "Required tests of ALWB" });
    expect(Array.from(required.querySelectorAll("[data-status]")).map((r) => r.getAttribute("data-status"))).toEqual(["evidenced", "evidenced"]);
    fireEvent.click(within(required).getByRole("link", { name: "Open test case 13" }));
    fireEvent.click(within(details).getByRole("link", { name: "Open defect 900" }));
    expect(onOpen.mock.calls.map((c) => c[0])).toEqual([13, 900]);
  });

  it("narrows to a role", () => {
    setup({ role: "SUP" });
    expect(within(table()).getAllByRole("row")).toHaveLength(3);
  });

  it("says so when no participant is in scope", () => {
    setup({ participant: "ZZZZ" });
    expect(screen.getByText("No participants in scope")).toBeTruthy();
  });

  it("exports the participants as CSV", async () => {
    const saved: { blob: Blob; name: string }[] = [];
    jest.spyOn(spreadsheet, "downloadBlob").mockImplementation((blob, name) => void saved.push({ blob, name }));
    setup();
    fireEvent.click(screen.getByRole("button", { name: "Export participants and qualification as CSV" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const lines = (await blobText(saved[0].blob)).replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lines[0]).toBe("MPID,Organisation,Roles,Path,Reliance,Relies On,MDR Choice,Required Tests,Evidenced,Relied Upon,Failed,Outstanding,Not Applicable,Blocking Defects,Readiness,Reasons");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^ALWB,Alwick Energy,SUP,SIT,none,,,2,2,0,0,0,0,900,Red,/);
  });
});
