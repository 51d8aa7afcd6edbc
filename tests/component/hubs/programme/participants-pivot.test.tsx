// The participants and qualification pivot: path, reliance, MDR choice, required tests against
// evidence, blocking defects and readiness RAG per participant; details and export.
import * as React from "react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ParticipantsPivot, REQUIREMENTS_PLACE } from "../../../../src/contributions/hubs/programme/ParticipantsPivot";
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

  it("says the planned tests are in force when none are configured, and where to configure them", () => {
    setup();
    const source = document.querySelector("[data-required-tests-source]") as HTMLElement;
    expect(source.getAttribute("data-required-tests-source")).toBe("planned");
    expect(source.textContent).toContain(`To set the programme's required tests per market role and path: ${REQUIREMENTS_PLACE}.`);
  });

  it("judges the configured required tests, with what is relied upon, and says they are in force", () => {
    const config = {
      requiredTests: [
        { role: "SUP", path: "QT" as const, testCaseIds: [10, 12] },
        { role: "SUP", path: "SIT" as const, testCaseIds: [10, 13] },
      ],
    };
    const view = { ...qualificationView({ participants, testCases, points, defects, asOf: TODAY, config }), configuredRules: 2 };
    render(<ParticipantsPivot view={view} scope="All stages" today={TODAY} onOpen={jest.fn()} />);
    const source = document.querySelector("[data-required-tests-source]") as HTMLElement;
    expect(source.getAttribute("data-required-tests-source")).toBe("configured");
    expect(source.textContent).toContain("Required tests: as configured in the qualification requirements (2 rules by market role and path");
    expect(screen.queryByText(/No required tests are configured/)).toBeNull();
    // QTSU (QT, partial reliance on ALWB): ALWB passed test case 10, QTSU has not run 12.
    expect(cells("QTSU")).toEqual(["QTSU", "Quay Supply", "SUP", "QT", "Partial on ALWB", "", "2", "0", "1", "0", "1", "1", "Red"]);
    expect(cells("ALWB").slice(6, 11)).toEqual(["2", "2", "0", "0", "0"]);
    expect(cells("LDSA").slice(6, 11)).toEqual(["0", "0", "0", "0", "0"]);
    fireEvent.click(within(table()).getByText("Quay Supply"));
    const required = within(screen.getByRole("region", { name: "Participant QTSU" })).getByRole("grid", { name: "Required tests of QTSU" });
    expect(Array.from(required.querySelectorAll("[data-status]")).map((r) => r.getAttribute("data-status"))).toEqual(["reliedUpon", "outstanding"]);
    expect(required.textContent).toContain("ALWB");
  });

  it("shows a failed read of the qualification requirements as a message, with the planned tests meanwhile", () => {
    const view = { ...qualificationView({ participants, testCases, points, defects, asOf: TODAY }), requirementsFailure: "Azure DevOps returned 500" };
    render(<ParticipantsPivot view={view} scope="All stages" today={TODAY} onOpen={jest.fn()} />);
    expect(
      screen.getByText(
        "The qualification requirements could not be read (Azure DevOps returned 500), so each participant's required tests are the test cases planned for it until they can be. Reload the hub to try again.",
      ),
    ).toBeTruthy();
    expect(table()).toBeTruthy();
    // Also when no participant is in scope.
    const empty = { ...qualificationView({ participants, testCases, points, defects, asOf: TODAY, filter: { participant: "ZZZZ" } }), requirementsFailure: "timeout" };
    render(<ParticipantsPivot view={empty} scope="All stages" today={TODAY} onOpen={jest.fn()} />);
    expect(screen.getByText(/could not be read \(timeout\)/)).toBeTruthy();
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
