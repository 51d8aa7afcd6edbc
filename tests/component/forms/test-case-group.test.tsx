import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createFormEvents, FormEvents } from "../../../src/ado/formEvents";
import type { TestCasePlacement } from "../../../src/contributions/forms/shared/programme";
import { TestCaseGroup } from "../../../src/contributions/forms/test-case/TestCaseGroup";
import { fakeForm } from "./fakeForm";
import { BAD_CHECK_DIGIT_MPAN, programme, VALID_MPAN } from "./programmeFixture";

const F = {
  testCaseId: "Custom.MhhsTestCaseId",
  stage: "Custom.MhhsTestStage",
  cycle: "Custom.MhhsTestCycle",
  role: "Custom.MhhsMarketRole",
  participant: "Custom.MhhsParticipant",
  nftCategory: "Custom.MhhsNftCategory",
  references: "Custom.MhhsDesignReferences",
  mpans: "Custom.MhhsTestMpans",
};

const EXISTING: Record<string, unknown> = {
  [F.testCaseId]: "SITNFT-T2-020",
  [F.stage]: "SIT-NFT",
  [F.cycle]: "C1",
  [F.role]: "SUP",
  [F.participant]: "ABCD",
  [F.nftCategory]: "Resilience",
  [F.references]: "IF-041; PUB-041",
  [F.mpans]: VALID_MPAN,
};

const PLACEMENTS: TestCasePlacement[] = [
  { pointId: 1, planId: 10, planName: "SIT NFT Theme 2", suiteId: 11, suiteName: "Resilience", configuration: "SIT-A", stage: "SIT-NFT", cycle: "C1", outcome: "passed", lastRunDate: "2024-03-04T11:00:00Z" },
  { pointId: 2, planId: 20, planName: "SIT Regression", suiteId: 21, suiteName: "NFT re-run", stage: "SIT-REG", outcome: "notRun" },
];

interface Setup {
  values?: Record<string, unknown>;
  loaded?: { id: number; isNew: boolean; isReadOnly: boolean };
  loadPlacements?: (id: number) => Promise<TestCasePlacement[]>;
}

function setup(options: Setup = {}) {
  const events: FormEvents = createFormEvents();
  const fake = fakeForm(options.values ?? EXISTING, { events });
  events.listener.onLoaded(options.loaded ?? { id: 501, isNew: false, isReadOnly: false });
  const loadPlacements = jest.fn(options.loadPlacements ?? (async () => PLACEMENTS));
  const utils = render(<TestCaseGroup form={fake.form} events={events} loadContext={async () => programme()} loadPlacements={loadPlacements} />);
  return { ...fake, events, loadPlacements, ...utils };
}

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function problemsOf(fieldName: string): HTMLElement | null {
  return document.querySelector(`[data-field="${fieldName}"] .mhhs-problems`);
}

async function ready(): Promise<void> {
  await screen.findByLabelText("Programme Test Case Id");
}

describe("MHHS test case group", () => {
  it("shows the test case's values", async () => {
    const { lastError } = setup();
    await ready();
    expect(input("Programme Test Case Id").value).toBe("SITNFT-T2-020");
    expect(input("Test Cycle").value).toBe("C1");
    expect(input("Participant").value).toBe("ABCD");
    expect((screen.getByRole("button", { name: "NFT Category" }) as HTMLInputElement).value).toBe("Resilience – Resilience and failover");
    expect((screen.getByRole("button", { name: "Test Stage" }) as HTMLInputElement).value).toBe("SIT-NFT – SIT Non-Functional");
    expect(within(screen.getByLabelText("Design References as read")).getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByText("1 valid MPAN")).toBeTruthy();
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("validates the programme test case id against the programme's formats", async () => {
    const { lastError, raw } = setup();
    await ready();
    const id = input("Programme Test Case Id");

    fireEvent.change(id, { target: { value: "QT-93" } });
    await waitFor(() => expect(problemsOf(F.testCaseId)?.textContent).toMatch(/QT-93: QT needs three digits, as in QT-093; got 2/));
    await waitFor(() => expect(lastError()).toBe("Programme Test Case Id: QT-93: QT needs three digits, as in QT-093; got 2"));
    expect(id.getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(id, { target: { value: "IF-033" } });
    await waitFor(() => expect(problemsOf(F.testCaseId)?.textContent).toMatch(/IF-033 is an interface reference, not a test case id/));

    fireEvent.change(id, { target: { value: "qt-093" } });
    await waitFor(() => expect(lastError()).toBeNull());
    expect(problemsOf(F.testCaseId)).toBeNull();
    expect(screen.getByText("Read as QT-093.")).toBeTruthy();
    expect(raw.setFieldValue).toHaveBeenLastCalledWith(F.testCaseId, "qt-093");

    fireEvent.change(id, { target: { value: "" } });
    await waitFor(() => expect(screen.queryByText(/Read as/)).toBeNull());
    expect(lastError()).toBeNull();
  });

  it("flags a bad MPAN and a bad design reference, blocks the save and clears once fixed", async () => {
    const { lastError } = setup();
    await ready();
    fireEvent.change(input("Test MPANs"), { target: { value: BAD_CHECK_DIGIT_MPAN } });
    fireEvent.change(input("Design References"), { target: { value: "IF-041; PUB41" } });
    await waitFor(() => expect(lastError()).toBe("Design References: PUB41: PUB needs three digits, as in PUB-033; got 2 (and 1 more)"));
    expect(problemsOf(F.mpans)?.textContent).toMatch(/check digit should be 8/);

    fireEvent.change(input("Test MPANs"), { target: { value: VALID_MPAN } });
    fireEvent.change(input("Design References"), { target: { value: "IF-041; PUB-041" } });
    await waitFor(() => expect(lastError()).toBeNull());
    expect(document.querySelectorAll(".mhhs-problems")).toHaveLength(0);
  });

  it("writes typed text through and follows changes made elsewhere", async () => {
    const { raw, events, values } = setup();
    await ready();
    fireEvent.change(input("Test Cycle"), { target: { value: "C2" } });
    expect(raw.setFieldValue).toHaveBeenCalledWith(F.cycle, "C2");
    values[F.testCaseId] = "QT-101";
    act(() => {
      events.listener.onFieldChanged({ id: 501, changedFields: { [F.testCaseId]: "QT-101" } });
    });
    await waitFor(() => expect(input("Programme Test Case Id").value).toBe("QT-101"));
    expect(input("Test Cycle").value).toBe("C2");
  });

  it("rejects a participant that is not in the register and suggests registered ones", async () => {
    const { lastError } = setup();
    await ready();
    fireEvent.change(input("Participant"), { target: { value: "ABCE" } });
    await waitFor(() => expect(lastError()).toMatch(/^Participant: ABCE: is not in the participant register/));
    fireEvent.change(input("Participant"), { target: { value: "abe" } });
    const options = within(await screen.findByRole("listbox", { name: "Participants" })).getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["ABEX · Abex Metering (MS)"]);
    fireEvent.keyDown(input("Participant"), { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    await waitFor(() => expect(lastError()).toMatch(/^Participant: abe: MPID must be 4 characters/));
  });

  it("stores a typed MPID in capitals once the field is left", async () => {
    const { values } = setup();
    await ready();
    fireEvent.change(input("Participant"), { target: { value: "ldS1" } });
    await waitFor(() => expect(values[F.participant]).toBe("ldS1"));
    fireEvent.blur(input("Participant"));
    await waitFor(() => expect(values[F.participant]).toBe("LDS1"));
    expect(input("Participant").value).toBe("LDS1");
  });

  it("lists the plans and suites the test case is in, with latest outcomes", async () => {
    const { loadPlacements } = setup();
    const table = await screen.findByRole("table", { name: "Test plans and suites with latest outcomes" });
    expect(loadPlacements).toHaveBeenCalledWith(501);
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["SIT NFT Theme 2", "Resilience", "SIT-NFT C1", "SIT-A", "Passed", "2024-03-04"],
      ["SIT Regression", "NFT re-run", "SIT-REG", "–", "Not run", "–"],
    ]);
  });

  it("says when the plans cannot be loaded, and retries", async () => {
    const loadPlacements = jest.fn().mockRejectedValueOnce(new Error("HTTP 500")).mockResolvedValueOnce([]);
    setup({ loadPlacements });
    await screen.findByText("The test plans could not be loaded: HTTP 500");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByText("Not in any test plan or suite yet.");
  });

  it("disables inputs on a read-only form", async () => {
    setup({ loaded: { id: 501, isNew: false, isReadOnly: true } });
    await ready();
    expect(input("Programme Test Case Id").readOnly).toBe(true);
    expect(input("Test MPANs").readOnly).toBe(true);
    expect((screen.getByRole("button", { name: "Test Stage" }) as HTMLInputElement).getAttribute("aria-disabled")).toBe("true");
  });

  it("starts a new test case empty, without asking for its plans", async () => {
    const { loadPlacements, lastError } = setup({ values: {}, loaded: { id: 0, isNew: true, isReadOnly: false } });
    await ready();
    expect(input("Programme Test Case Id").value).toBe("");
    expect(screen.getByText(/Save the test case, then add it to a suite/)).toBeTruthy();
    expect(loadPlacements).not.toHaveBeenCalled();
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("loads the plans once a new test case is saved", async () => {
    const { events, loadPlacements } = setup({ values: {}, loaded: { id: 0, isNew: true, isReadOnly: false } });
    await ready();
    act(() => {
      events.listener.onSaved({ id: 777 });
    });
    await screen.findByRole("table");
    expect(loadPlacements).toHaveBeenCalledWith(777);
  });
});
