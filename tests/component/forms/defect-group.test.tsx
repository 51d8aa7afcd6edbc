import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createFormEvents, FormEvents } from "../../../src/ado/formEvents";
import { DefectGroup } from "../../../src/contributions/forms/defect/DefectGroup";
import type { DefectFormContext, WorkItemSummary } from "../../../src/contributions/forms/shared/programme";
import { fakeForm, workItemUrl } from "./fakeForm";
import { AS_OF, BAD_CHECK_DIGIT_MPAN, programme, VALID_MPAN } from "./programmeFixture";

const F = {
  stage: "Custom.MhhsTestStage",
  cycle: "Custom.MhhsTestCycle",
  role: "Custom.MhhsMarketRole",
  participant: "Custom.MhhsParticipant",
  environment: "Custom.MhhsEnvironment",
  category: "Custom.MhhsDefectCategory",
  foundIn: "Custom.MhhsDesignRelease",
  fixedIn: "Custom.MhhsFixedInRelease",
  references: "Custom.MhhsDesignReferences",
  mpans: "Custom.MhhsTestMpans",
  workOffPlan: "Custom.MhhsWorkOffPlan",
  severity: "Microsoft.VSTS.Common.Severity",
  state: "System.State",
  created: "System.CreatedDate",
};

const EXISTING: Record<string, unknown> = {
  [F.stage]: "SIT-FUNC",
  [F.cycle]: "C2",
  [F.role]: "SUP",
  [F.participant]: "ABCD",
  [F.environment]: "SIT-B",
  [F.category]: "Participant Code",
  [F.foundIn]: "IR8.5",
  [F.fixedIn]: "",
  [F.references]: "IF-033; PUB-033; BP009",
  [F.mpans]: VALID_MPAN,
  [F.workOffPlan]: "<p>Fix in drop 4 &amp; retest</p>",
  [F.severity]: "3 - Medium",
  [F.state]: "Active",
  // A Friday: seven working days before AS_OF.
  [F.created]: new Date("2024-03-01T09:30:00Z"),
};

interface Setup {
  values?: Record<string, unknown>;
  context?: Partial<DefectFormContext>;
  loaded?: { id: number; isNew: boolean; isReadOnly: boolean };
  relations?: Array<{ rel: string; url: string; attributes?: Record<string, unknown> }>;
  describeWorkItems?: (ids: number[]) => Promise<WorkItemSummary[]>;
  loadContext?: () => Promise<DefectFormContext>;
}

function setup(options: Setup = {}) {
  const events: FormEvents = createFormEvents();
  const fake = fakeForm(options.values ?? EXISTING, { events, relations: options.relations });
  events.listener.onLoaded(options.loaded ?? { id: 101, isNew: false, isReadOnly: false });
  const loadContext = jest.fn(options.loadContext ?? (async () => programme(options.context)));
  const utils = render(
    <DefectGroup form={fake.form} events={events} loadContext={loadContext} describeWorkItems={options.describeWorkItems} />,
  );
  return { ...fake, events, loadContext, ...utils };
}

function input(label: string | RegExp): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function problemsOf(fieldName: string): HTMLElement | null {
  return document.querySelector(`[data-field="${fieldName}"] .mhhs-problems`);
}

async function ready(): Promise<void> {
  await screen.findByLabelText("Test Cycle");
}

describe("MHHS defect group", () => {
  it("shows the defect's values, with design references as chips and the work-off plan as text", async () => {
    const { lastError } = setup();
    await ready();
    expect(input("Test Cycle").value).toBe("C2");
    expect(input("Participant").value).toBe("ABCD");
    expect(screen.getByText("Alpha Energy")).toBeTruthy();
    expect(input("Found In Release").value).toBe("IR8.5");
    expect(input("Test MPANs").value).toBe(VALID_MPAN);
    expect(screen.getByText("1 valid MPAN")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Test Stage" }) as HTMLInputElement).value).toBe("SIT-FUNC – SIT Functional");
    expect((screen.getByRole("button", { name: "Environment" }) as HTMLInputElement).value).toBe("SIT-B – SIT environment B");
    const chips = screen.getByLabelText("Design References as read");
    expect(within(chips).getAllByRole("listitem").map((chip) => chip.textContent)).toEqual(["IF-033", "PUB-033", "BP009"]);
    expect(input("Work-off Plan").value).toBe("Fix in drop 4 & retest");
    expect(document.querySelectorAll(".mhhs-problems")).toHaveLength(0);
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("flags a bad MPAN and a bad design reference, blocks the save, and clears the moment both are fixed", async () => {
    const { values, lastError, raw } = setup();
    await ready();

    fireEvent.change(input("Test MPANs"), { target: { value: `${VALID_MPAN}\n${BAD_CHECK_DIGIT_MPAN}` } });
    fireEvent.change(input("Design References"), { target: { value: "IF-033; IF33; BP009" } });

    await waitFor(() => expect(problemsOf(F.mpans)?.textContent).toMatch(/1800021679843: MPAN core check digit should be 8, not 3/));
    expect(problemsOf(F.references)?.textContent).toMatch(/IF33: IF needs three digits/);
    expect(input("Test MPANs").getAttribute("aria-invalid")).toBe("true");
    const describedBy = input("Test MPANs").getAttribute("aria-describedby");
    expect(document.getElementById(describedBy ?? "")?.textContent).toMatch(/check digit should be 8/);
    expect(Array.from(document.querySelectorAll(".mhhs-chip-bad")).map((chip) => chip.textContent)).toEqual(["IF33"]);
    await waitFor(() => expect(lastError()).toBe("Design References: IF33: IF needs three digits, as in IF-033; got 2 (and 1 more)"));
    expect(values[F.mpans]).toBe(`${VALID_MPAN}\n${BAD_CHECK_DIGIT_MPAN}`);

    fireEvent.change(input("Design References"), { target: { value: "IF-033; IF-035; BP009" } });
    await waitFor(() => expect(lastError()).toMatch(/^Test MPANs: 1800021679843/));
    expect(problemsOf(F.references)).toBeNull();

    fireEvent.change(input("Test MPANs"), { target: { value: VALID_MPAN } });
    await waitFor(() => expect(lastError()).toBeNull());
    expect(document.querySelectorAll(".mhhs-problems")).toHaveLength(0);
    expect(raw.clearError).toHaveBeenCalled();
  });

  it("checks both design releases: found in and fixed in take one IR, DIN or CR", async () => {
    const { lastError } = setup();
    await ready();
    fireEvent.change(input("Fixed In Release"), { target: { value: "BP009" } });
    await waitFor(() => expect(problemsOf(F.fixedIn)?.textContent).toMatch(/BP009 is a business process, not a design release/));
    await waitFor(() => expect(lastError()).toMatch(/^Fixed In Release: BP009/));
    fireEvent.change(input("Fixed In Release"), { target: { value: "DIN-0123" } });
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("writes what is typed through to the form", async () => {
    const { raw, values } = setup();
    await ready();
    fireEvent.change(input("Test Cycle"), { target: { value: "C3" } });
    expect(raw.setFieldValue).toHaveBeenCalledWith(F.cycle, "C3");
    await waitFor(() => expect(values[F.cycle]).toBe("C3"));
    expect(input("Test Cycle").value).toBe("C3");

    fireEvent.change(input("Work-off Plan"), { target: { value: "Fix <b> tag\nRetest in C3" } });
    expect(raw.setFieldValue).toHaveBeenLastCalledWith(F.workOffPlan, "Fix &lt;b&gt; tag<br>Retest in C3");
    expect(input("Work-off Plan").value).toBe("Fix <b> tag\nRetest in C3");
  });

  it("follows changes made elsewhere on the form, including the severity that decides exit blocking", async () => {
    const { events, values } = setup();
    await ready();
    expect(screen.getByText(/Does not block the stage's exit/)).toBeTruthy();

    values[F.references] = "IF-041";
    values[F.severity] = "1 - Critical";
    act(() => {
      events.listener.onFieldChanged({ id: 101, changedFields: { [F.references]: "IF-041", [F.severity]: "1 - Critical" } });
    });
    await waitFor(() => expect(input("Design References").value).toBe("IF-041"));
    expect(screen.getByText("Blocks the exit of SIT-FUNC.")).toBeTruthy();
  });

  it("disables every input on a read-only form", async () => {
    setup({ loaded: { id: 101, isNew: false, isReadOnly: true } });
    await ready();
    expect(input("Test Cycle").readOnly).toBe(true);
    expect(input("Participant").readOnly).toBe(true);
    expect(input("Work-off Plan").readOnly).toBe(true);
    expect((screen.getByRole("button", { name: "Environment" }) as HTMLInputElement).getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByText("This work item is read-only.")).toBeTruthy();
  });

  it("starts a new defect empty, with its age counting from the save", async () => {
    const { lastError, raw } = setup({ values: { [F.severity]: "2 - High", [F.state]: "New" }, loaded: { id: 0, isNew: true, isReadOnly: false } });
    await ready();
    expect(input("Test Cycle").value).toBe("");
    expect(screen.getByText("New defect: its age counts from when it is saved; SLA for 2 - High: 5 working days.")).toBeTruthy();
    expect(screen.getByText("No linked test case or test result.")).toBeTruthy();
    await waitFor(() => expect(lastError()).toBeNull());
    expect(raw.setFieldValue).not.toHaveBeenCalled();
  });

  it("suggests participants as you type and rejects an MPID that is not in the register", async () => {
    const { raw, values, lastError } = setup({ values: { ...EXISTING, [F.participant]: "" } });
    await ready();
    const participant = input("Participant");
    fireEvent.change(participant, { target: { value: "ab" } });
    const list = await screen.findByRole("listbox", { name: "Participants" });
    expect(within(list).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "ABCD · Alpha Energy (SUP)",
      "ABEX · Abex Metering (MS)",
    ]);
    expect(participant.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(participant, { key: "ArrowDown" });
    expect(participant.getAttribute("aria-activedescendant")).toBe(within(list).getAllByRole("option")[1].id);
    fireEvent.keyDown(participant, { key: "Enter" });
    await waitFor(() => expect(values[F.participant]).toBe("ABEX"));
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByText("Abex Metering: not registered as SUP (acts as MS)")).toBeTruthy();

    fireEvent.change(participant, { target: { value: "ZZZZ" } });
    await waitFor(() => expect(problemsOf(F.participant)?.textContent).toMatch(/ZZZZ: is not in the participant register/));
    await waitFor(() => expect(lastError()).toMatch(/^Participant: ZZZZ: is not in the participant register/));
    expect(raw.setFieldValue).toHaveBeenLastCalledWith(F.participant, "ZZZZ");

    fireEvent.change(participant, { target: { value: "LD" } });
    fireEvent.mouseDown(await screen.findByRole("option", { name: "LDS1 · Northern Distribution (LDSO)" }));
    await waitFor(() => expect(lastError()).toBeNull());
    expect(values[F.participant]).toBe("LDS1");
  });

  it("offers first the environments the plan gives the participant in the stage, then the others", async () => {
    const { values } = setup({ values: { ...EXISTING, [F.environment]: "" } });
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Environment" }));
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual([
      "SIT-B – SIT environment B",
      "DIP-UIT – DIP UIT",
      "PIT – Participant's own PIT environment",
      "SIT-A – SIT environment A",
      "QTF – Qualification Test Framework",
      "DIP-PROD – DIP Production",
      "E2E-SANDBOX – E2E Sandbox",
    ]);
    expect(screen.getByText("Allocated to ABCD in SIT-FUNC")).toBeTruthy();
    expect(screen.getByText("Other environments")).toBeTruthy();
    fireEvent.click(options[3]);
    await waitFor(() => expect(values[F.environment]).toBe("SIT-A"));
    expect(screen.getByText("SIT-A is not allocated to ABCD in SIT-FUNC by the environments plan.")).toBeTruthy();
  });

  it("changes the environment order when the participant changes", async () => {
    const { events, values } = setup();
    await ready();
    values[F.participant] = "LDS1";
    act(() => {
      events.listener.onFieldChanged({ id: 101, changedFields: { [F.participant]: "LDS1" } });
    });
    await waitFor(() => expect(input("Participant").value).toBe("LDS1"));
    fireEvent.click(screen.getByRole("button", { name: "Environment" }));
    const options = await screen.findAllByRole("option");
    expect(options[0].textContent).toBe("SIT-A – SIT environment A");
    expect(options.map((option) => option.textContent)).toContain("SIT-B – SIT environment B");
    expect(screen.getByText("Allocated to LDS1 in SIT-FUNC")).toBeTruthy();
    expect(screen.getByText("SIT-B is not allocated to LDS1 in SIT-FUNC by the environments plan.")).toBeTruthy();
  });

  it("requires a work-off plan for an exit-blocking defect near its stage's end, and blocks the save until one is written", async () => {
    const { lastError, values } = setup({ values: { ...EXISTING, [F.severity]: "2 - High", [F.workOffPlan]: "" } });
    await ready();
    const because = "an open 2 - High defect blocks the exit of SIT-FUNC, which is planned to end on 2024-03-19";
    await waitFor(() => expect(problemsOf(F.workOffPlan)?.textContent).toMatch(new RegExp(`a work-off plan is required: ${because}`)));
    expect(screen.getByText("(required field)")).toBeTruthy();
    await waitFor(() => expect(lastError()).toMatch(/^Work-off Plan: a work-off plan is required: an open 2 - High defect blocks the exit of SIT-FUNC/));

    expect(input(/^Work-off Plan/).getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(input(/^Work-off Plan/), { target: { value: "Participant fix in drop 5, agreed with the programme on 12 March" } });
    await waitFor(() => expect(lastError()).toBeNull());
    expect(problemsOf(F.workOffPlan)).toBeNull();
    expect(screen.getByText(new RegExp(`Required because ${because}`))).toBeTruthy();
    expect(values[F.workOffPlan]).toBe("Participant fix in drop 5, agreed with the programme on 12 March");
  });

  it("does not require a work-off plan while the stage's end is far off", async () => {
    const { lastError } = setup({ values: { ...EXISTING, [F.stage]: "SIT-MIG", [F.severity]: "1 - Critical", [F.workOffPlan]: "" } });
    await ready();
    await waitFor(() => expect(lastError()).toBeNull());
    expect(screen.getByText("Blocks the exit of SIT-MIG.")).toBeTruthy();
    expect(screen.getByText("Needed to leave a stage with this defect open.")).toBeTruthy();
  });

  it("shows the age against the SLA for its severity, and whether it blocks the stage's exit", async () => {
    setup({ values: { ...EXISTING, [F.severity]: "2 - High" } });
    await ready();
    const standing = screen.getByLabelText("Defect standing");
    expect(within(standing).getByText("Open for 7 working days; SLA for 2 - High: 5 working days: breached by 2 working days.").className).toBe(
      "mhhs-tone-bad",
    );
    expect(within(standing).getByText("Blocks the exit of SIT-FUNC.")).toBeTruthy();
  });

  it("shows a defect within its SLA, and a closed one against its closed date", async () => {
    const { events, values } = setup({ values: { ...EXISTING, [F.severity]: "4 - Low" } });
    await ready();
    expect(screen.getByText("Open for 7 working days; SLA for 4 - Low: 20 working days: 13 working days left.")).toBeTruthy();
    values[F.state] = "Closed";
    values["Microsoft.VSTS.Common.ClosedDate"] = "2024-03-05T10:00:00Z";
    act(() => {
      events.listener.onSaved({ id: 101 });
    });
    await screen.findByText("Closed after 2 working days; SLA for 4 - Low: 20 working days: met.");
    expect(screen.getByText("Closed: does not block the stage's exit.")).toBeTruthy();
    expect(AS_OF).toBe("2024-03-12");
  });

  it("shows the test case and the test result the defect was raised from", async () => {
    const describeWorkItems = jest.fn(async (ids: number[]) =>
      ids.map((id) => ({ id, title: id === 42 ? "Appointment outcome via IF-035" : "Release notes", type: id === 42 ? "Test Case" : "Task" })),
    );
    setup({
      describeWorkItems,
      relations: [
        { rel: "Microsoft.VSTS.Common.TestedBy-Forward", url: workItemUrl(42) },
        { rel: "System.LinkTypes.Related", url: workItemUrl(77) },
        { rel: "ArtifactLink", url: "vstfs:///TestManagement/TcmResult/7.100001", attributes: { name: "Test Result" } },
      ],
    });
    await screen.findByText("Test Case 42: Appointment outcome via IF-035; Test result 100001 of run 7");
    expect(describeWorkItems).toHaveBeenCalledWith([42, 77]);
  });

  it("keeps text the form refuses, blocks the save, and lets the user write it again", async () => {
    const { raw, lastError, values } = setup();
    await ready();
    raw.setFieldValue.mockResolvedValueOnce(false);
    fireEvent.change(input("Test Cycle"), { target: { value: "C4" } });
    await screen.findByText("The form did not accept the new value of Custom.MhhsTestCycle; your text is kept here.");
    expect(input("Test Cycle").value).toBe("C4");
    await waitFor(() => expect(lastError()).toBe("Test Cycle: your text has not reached the form, so saving now would drop it"));

    fireEvent.click(screen.getByRole("button", { name: "Write it again" }));
    await waitFor(() => expect(values[F.cycle]).toBe("C4"));
    await waitFor(() => expect(lastError()).toBeNull());
    expect(screen.queryByText(/your text is kept here/)).toBeNull();
  });

  it("never overwrites held-back text with a change made elsewhere: both are kept until the user chooses", async () => {
    const { raw, events, values, lastError } = setup();
    await ready();
    raw.setFieldValue.mockRejectedValueOnce(new Error("the form is busy"));
    fireEvent.change(input("Test Cycle"), { target: { value: "C4" } });
    await screen.findByText("Could not update Custom.MhhsTestCycle: the form is busy; your text is kept here.");

    values[F.cycle] = "Batch 2";
    act(() => {
      events.listener.onFieldChanged({ id: 101, changedFields: { [F.cycle]: "Batch 2" } });
    });
    await screen.findByText(/changed elsewhere on the form to "Batch 2" while your text here had not reached the form/);
    expect(input("Test Cycle").value).toBe("C4");
    expect(lastError()).toMatch(/^Test Cycle: your text has not reached the form/);

    fireEvent.click(screen.getByRole("button", { name: "Use the form's value" }));
    await waitFor(() => expect(input("Test Cycle").value).toBe("Batch 2"));
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("keeps typed values after a failed save and through a refresh of the form", async () => {
    const { events, values, lastError } = setup();
    await ready();
    fireEvent.change(input("Test Cycle"), { target: { value: "C3" } });
    await waitFor(() => expect(values[F.cycle]).toBe("C3"));
    act(() => {
      events.listener.onRefreshed({ id: 101 });
    });
    await waitFor(() => expect(input("Test Cycle").value).toBe("C3"));
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("says when the programme configuration cannot be loaded, keeps working with the built-in lists, and retries", async () => {
    let attempt = 0;
    const loadContext = jest.fn(async () => {
      attempt++;
      if (attempt === 1) throw new Error("extension data service unavailable");
      return programme();
    });
    const { lastError } = setup({ loadContext, values: { ...EXISTING, [F.participant]: "ZZZZ" } });
    await screen.findByText(/The programme configuration could not be loaded \(extension data service unavailable\)/);
    expect(screen.getByText("The participant register could not be read: only the MPID's form is checked.")).toBeTruthy();
    await waitFor(() => expect(lastError()).toBeNull());

    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(problemsOf(F.participant)?.textContent).toMatch(/ZZZZ: is not in the participant register/));
    await waitFor(() => expect(lastError()).toMatch(/^Participant: ZZZZ/));
  });
});
