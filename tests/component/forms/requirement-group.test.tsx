import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createFormEvents, FormEvents } from "../../../src/ado/formEvents";
import { RequirementGroup } from "../../../src/contributions/forms/requirement/RequirementGroup";
import type { CoverageRequest, RequirementCoverageData } from "../../../src/contributions/forms/shared/programme";
import { fakeForm, workItemUrl } from "./fakeForm";
import { programme } from "./programmeFixture";

const F = {
  type: "Custom.MhhsRequirementType",
  roles: "Custom.MhhsRoles",
  stages: "Custom.MhhsStagesInScope",
  references: "Custom.MhhsDesignReferences",
  release: "Custom.MhhsDesignRelease",
  stage: "Custom.MhhsTestStage",
  role: "Custom.MhhsMarketRole",
};

const TESTED_BY = "Microsoft.VSTS.Common.TestedBy-Forward";

const EXISTING: Record<string, unknown> = {
  [F.type]: "Functional",
  [F.roles]: "SUP; LDSO",
  [F.stages]: "SIT-FUNC; QT",
  [F.references]: "IF-033; PUB-033; BP002",
  [F.release]: "IR8.5",
};

const COVERAGE: RequirementCoverageData = {
  testCases: [
    { id: 501, title: "Supplier appoints a data service", programmeTestCaseId: "QT-093", stage: "SIT-FUNC", role: "SUP", requirementIds: [300] },
    { id: 502, title: "Registration service publishes IF-033", stage: "SIT-FUNC", role: "LDSO", participant: "LDS1", requirementIds: [300] },
  ],
  points: [
    { id: 1, testCaseId: 501, planId: 10, suiteId: 11, stage: "SIT-FUNC", participant: "ABCD", outcome: "failed", lastRunDate: "2024-03-01T10:00:00Z" },
    { id: 2, testCaseId: 501, planId: 12, suiteId: 13, stage: "SIT-FUNC", participant: "ABCD", outcome: "passed", lastRunDate: "2024-03-08T10:00:00Z" },
    { id: 3, testCaseId: 501, planId: 14, suiteId: 15, stage: "QT", participant: "ABEX", outcome: "blocked", lastRunDate: "2024-03-05T10:00:00Z" },
    { id: 4, testCaseId: 502, planId: 10, suiteId: 11, stage: "SIT-FUNC", participant: "LDS1", outcome: "notRun" },
  ],
  defects: [
    { id: 900, title: "IF-033 rejected", state: "Active", severity: "2 - High", createdDate: "2024-03-01", testCaseIds: [501] },
    { id: 901, title: "Typo in publication", state: "Active", severity: "4 - Low", createdDate: "2024-03-02", testCaseIds: [502] },
    { id: 902, title: "Old timeout", state: "Closed", severity: "1 - Critical", createdDate: "2024-02-01", testCaseIds: [501] },
  ],
};

interface Setup {
  values?: Record<string, unknown>;
  loaded?: { id: number; isNew: boolean; isReadOnly: boolean };
  relations?: Array<{ rel: string; url: string }>;
  loadCoverage?: (request: CoverageRequest) => Promise<RequirementCoverageData>;
  createLinkedTestCase?: (prefill: Record<string, string>) => Promise<number | undefined>;
}

function setup(options: Setup = {}) {
  const events: FormEvents = createFormEvents();
  const fake = fakeForm(options.values ?? EXISTING, {
    events,
    relations: options.relations ?? [
      { rel: TESTED_BY, url: workItemUrl(502) },
      { rel: TESTED_BY, url: workItemUrl(501) },
      { rel: "System.LinkTypes.Hierarchy-Reverse", url: workItemUrl(7) },
    ],
  });
  events.listener.onLoaded(options.loaded ?? { id: 300, isNew: false, isReadOnly: false });
  const loadCoverage = jest.fn(options.loadCoverage ?? (async () => COVERAGE));
  const utils = render(
    <RequirementGroup
      form={fake.form}
      events={events}
      loadContext={async () => programme()}
      loadCoverage={loadCoverage}
      createLinkedTestCase={options.createLinkedTestCase}
    />,
  );
  return { ...fake, events, loadCoverage, ...utils };
}

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function dropdown(label: string): HTMLInputElement {
  return screen.getByRole("button", { name: label }) as HTMLInputElement;
}

function problemsOf(fieldName: string): HTMLElement | null {
  return document.querySelector(`[data-field="${fieldName}"] .mhhs-problems`);
}

async function ready(): Promise<void> {
  await screen.findByLabelText("Design Release");
}

function coverageRows(): string[][] {
  const table = screen.getByRole("table", { name: "Linked test cases and their latest outcomes" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent ?? ""));
}

describe("MHHS requirement group", () => {
  it("shows the requirement's type, roles, stages in scope, design references and release", async () => {
    const { lastError } = setup();
    await ready();
    expect(dropdown("Requirement Type").value).toBe("Functional");
    expect(dropdown("Market Roles").value).toBe("SUP, LDSO");
    expect(dropdown("Stages In Scope").value).toBe("SIT-FUNC, QT");
    expect(input("Design Release").value).toBe("IR8.5");
    const chips = screen.getByLabelText("Design References as read");
    expect(within(chips).getAllByRole("listitem").map((chip) => chip.textContent)).toEqual(["IF-033", "PUB-033", "BP002"]);
    await waitFor(() => expect(lastError()).toBeNull());
  });

  it("flags a bad design reference, a bad release and an unknown role code, and clears once fixed", async () => {
    const { events, values, lastError } = setup();
    await ready();
    fireEvent.change(input("Design References"), { target: { value: "IF-033; BPX-1" } });
    fireEvent.change(input("Design Release"), { target: { value: "IR8" } });
    values[F.roles] = "SUP; SMS";
    act(() => {
      events.listener.onFieldChanged({ id: 300, changedFields: { [F.roles]: "SUP; SMS" } });
    });
    await waitFor(() => expect(problemsOf(F.roles)?.textContent).toMatch(/SMS: is not a market role in the programme's list/));
    expect(problemsOf(F.references)?.textContent).toMatch(/BPX-1/);
    expect(problemsOf(F.release)?.textContent).toMatch(/IR8/);
    await waitFor(() => expect(lastError()).toMatch(/^Market Roles: SMS: is not a market role in the programme's list \(and 2 more\)$/));

    fireEvent.change(input("Design References"), { target: { value: "IF-033; BP002" } });
    fireEvent.change(input("Design Release"), { target: { value: "IR8.8" } });
    values[F.roles] = "SUP";
    act(() => {
      events.listener.onFieldChanged({ id: 300, changedFields: { [F.roles]: "SUP" } });
    });
    await waitFor(() => expect(lastError()).toBeNull());
    expect(document.querySelectorAll(".mhhs-problems")).toHaveLength(0);
  });

  it("writes a chosen role into the multi-value field in the catalogue's order", async () => {
    const { values, raw } = setup();
    await ready();
    fireEvent.click(dropdown("Market Roles"));
    fireEvent.click(await screen.findByRole("option", { name: /REGS – Registration Service/ }));
    await waitFor(() => expect(values[F.roles]).toBe("SUP; LDSO; REGS"));
    fireEvent.click(screen.getByRole("option", { name: /SUP – Supplier/ }));
    await waitFor(() => expect(values[F.roles]).toBe("LDSO; REGS"));
    expect(raw.setFieldValue).toHaveBeenCalledWith(F.roles, "SUP; LDSO; REGS");
  });

  it("writes typed text through and follows changes made elsewhere on the form", async () => {
    const { raw, events, values } = setup();
    await ready();
    fireEvent.change(input("Design Release"), { target: { value: "DIN-0123" } });
    expect(raw.setFieldValue).toHaveBeenCalledWith(F.release, "DIN-0123");

    values[F.type] = "Migration";
    act(() => {
      events.listener.onFieldChanged({ id: 300, changedFields: { [F.type]: "Migration" } });
    });
    await waitFor(() => expect(dropdown("Requirement Type").value).toBe("Migration"));
  });

  it("shows each linked test case's latest outcome per stage and participant, and open defects by severity", async () => {
    const { loadCoverage } = setup();
    await ready();
    await screen.findByRole("table", { name: "Linked test cases and their latest outcomes" });
    expect(loadCoverage).toHaveBeenCalledWith(expect.objectContaining({ requirementId: 300, testCaseIds: [501, 502] }));
    expect(coverageRows()).toEqual([
      ["501 QT-093: Supplier appoints a data service", "QT", "ABEX", "Blocked", "2024-03-05"],
      ["", "SIT-FUNC", "ABCD", "Passed", "2024-03-08"],
      ["502: Registration service publishes IF-033", "SIT-FUNC", "LDS1", "Not run", "–"],
    ]);
    expect(screen.getByText("Failing")).toBeTruthy();
    expect(screen.getByLabelText("Open defects by severity").textContent).toBe(
      "Open defects: 1 - Critical: 0, 2 - High: 1, 3 - Medium: 0, 4 - Low: 1",
    );
  });

  it("says when the coverage cannot be loaded, and loads it on retry", async () => {
    let attempt = 0;
    setup({
      loadCoverage: async () => {
        attempt++;
        if (attempt === 1) throw new Error("Test points could not be read (HTTP 503)");
        return COVERAGE;
      },
    });
    await screen.findByText("The coverage could not be loaded: Test points could not be read (HTTP 503)");
    expect(screen.queryByRole("table")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByRole("table", { name: "Linked test cases and their latest outcomes" });
  });

  it("creates a prefilled test case, links it, and shows it in the coverage", async () => {
    const created: Record<string, string>[] = [];
    const holder: { fake?: ReturnType<typeof fakeForm> } = {};
    const createLinkedTestCase = jest.fn(async (prefill: Record<string, string>) => {
      created.push(prefill);
      await holder.fake!.form.addWorkItemRelations([{ rel: TESTED_BY, url: workItemUrl(503), attributes: {} }]);
      return 503;
    });
    const result = setup({ createLinkedTestCase });
    holder.fake = result;
    await ready();
    await screen.findByRole("table");
    fireEvent.click(screen.getByRole("button", { name: "New linked test case" }));
    await screen.findByText("Test case 503 created and linked: save the requirement to keep the link.");
    expect(created).toEqual([{ [F.stage]: "SIT-FUNC", [F.role]: "SUP", [F.references]: "IF-033; PUB-033; BP002" }]);
    await waitFor(() => expect(result.loadCoverage).toHaveBeenLastCalledWith(expect.objectContaining({ testCaseIds: [501, 502, 503] })));
  });

  it("says so when no test case was created, and when creating one fails", async () => {
    const createLinkedTestCase = jest.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error("dialog closed by the host"));
    setup({ createLinkedTestCase });
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "New linked test case" }));
    await screen.findByText("No test case was created, so nothing was linked.");
    fireEvent.click(screen.getByRole("button", { name: "New linked test case" }));
    await screen.findByText("Could not create and link a test case: dialog closed by the host");
  });

  it("disables its inputs and the create action on a read-only form", async () => {
    setup({ loaded: { id: 300, isNew: false, isReadOnly: true }, createLinkedTestCase: jest.fn() });
    await ready();
    expect(input("Design Release").readOnly).toBe(true);
    expect(dropdown("Market Roles").getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByRole("button", { name: "New linked test case" }).getAttribute("aria-disabled")).toBe("true");
  });

  it("starts a new requirement empty and uncovered, without asking for coverage", async () => {
    const { loadCoverage, lastError } = setup({ values: {}, loaded: { id: 0, isNew: true, isReadOnly: false }, relations: [], createLinkedTestCase: jest.fn() });
    await ready();
    expect(input("Design Release").value).toBe("");
    expect(screen.getByText("Not covered: no test case is linked.")).toBeTruthy();
    expect(loadCoverage).not.toHaveBeenCalled();
    await waitFor(() => expect(lastError()).toBeNull());
  });
});
