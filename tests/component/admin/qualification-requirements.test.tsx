// The qualification requirements editor: required tests per market role and path, checked by the
// domain as they are typed; import and export of one row per role, path and test; the stale-save
// merge by role and path; a document from a newer build shown read-only.
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { PARTICIPANT_REGISTER, QUALIFICATION_REQUIREMENTS } from "../../../src/ado/configStore";
import { QualificationRequirementsTab } from "../../../src/contributions/hubs/admin/QualificationRequirementsTab";
import { configEntryKey } from "../../../src/contributions/hubs/admin/useConfigDocument";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { Participant } from "../../../src/domain/model";
import type { QualificationRequirements } from "../../../src/domain/qualificationRequirements";
import * as spreadsheet from "../../../src/ui/export/spreadsheet";
import { csvFile, fakeServices } from "./fakeServices";

const CATALOGUES = resolveCatalogues();
const SAVE = "Save qualification requirements";
const REGISTER: Participant[] = [
  { mpid: "AAAA", organisation: "Alpha Energy", roles: ["SUP"], path: "QT", reliance: "none" },
  { mpid: "BBBB", organisation: "Beta Supply", roles: ["SUP", "MS"], path: "QT", reliance: "combined", reliesOn: ["AAAA"] },
  { mpid: "CCCC", organisation: "Gamma Metering", roles: ["MS"], path: "SIT", reliance: "none" },
];
const STORED: QualificationRequirements = {
  requiredTests: [
    { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002"] },
    { role: "MS", testCaseIds: [1234] },
  ],
};

async function setup(stored: unknown = STORED, schemaVersion = 1) {
  // null: no document stored.
  const services = fakeServices();
  await services.documents.set("mhhs-configuration", { id: PARTICIPANT_REGISTER.id, schemaVersion: 1, data: { participants: REGISTER } });
  if (stored !== null) await services.documents.set("mhhs-configuration", { id: QUALIFICATION_REQUIREMENTS.id, schemaVersion, data: stored, savedBy: "Morgan Manager" });
  render(<QualificationRequirementsTab services={services} catalogues={CATALOGUES} />);
  await screen.findByRole("heading", { name: "Qualification requirements" });
  return services;
}

function rule(key: string): HTMLElement {
  return document.querySelector(`tr[data-rule="${key}"]`) as HTMLElement;
}

function field(name: string): HTMLElement {
  return document.querySelector(`[data-field="${name}"]`) as HTMLElement;
}

function input(name: string): HTMLInputElement {
  return field(name).querySelector("input, textarea") as HTMLInputElement;
}

function saveDisabled(): boolean {
  return screen.getByRole("button", { name: SAVE }).getAttribute("aria-disabled") === "true";
}

describe("qualification requirements editor", () => {
  it("says that nothing is required yet and that the hub then takes the planned tests", async () => {
    await setup(null);
    expect(screen.getByText("No required tests yet")).toBeTruthy();
    expect(screen.getByText("No required tests: the programme hub uses each participant's planned tests.")).toBeTruthy();
    expect(screen.getByText("Not saved yet: the defaults are shown")).toBeTruthy();
  });

  it("lists the rules with the participants they apply to, shows a malformed id at its field, and saves when it is fixed", async () => {
    const services = await setup();
    await waitFor(() => expect(within(rule("SUP|QT")).getAllByRole("cell")[3].textContent).toBe("2"));
    expect(within(rule("SUP|QT")).getAllByRole("cell")[2].textContent).toBe("2 QT-001, QT-002");
    expect(within(rule("MS|")).getAllByRole("cell")[1].textContent).toBe("Both");
    expect(within(rule("MS|")).getAllByRole("cell")[3].textContent).toBe("2");

    fireEvent.click(rule("SUP|QT"));
    fireEvent.change(input("programmeTestCaseIds"), { target: { value: "QT-001; QT-002; QT-93; IF-033" } });
    await waitFor(() => expect(field("programmeTestCaseIds").textContent).toContain('"QT-93": QT needs three digits, as in QT-093; got 2'));
    expect(field("programmeTestCaseIds").textContent).toContain('"IF-033": IF-033 is an interface reference, not a test case id');
    expect(within(rule("SUP|QT")).getAllByRole("cell")[4].textContent).toContain("QT-93");
    expect(saveDisabled()).toBe(true);
    expect(document.querySelector(".mhhs-problems-block")?.textContent).toContain('requiredTests row 1 › programmeTestCaseIds: "QT-93"');
    expect((await services.other().load(QUALIFICATION_REQUIREMENTS)).data).toEqual(STORED);

    fireEvent.change(input("programmeTestCaseIds"), { target: { value: "QT-001; QT-002; QT-093" } });
    await waitFor(() => expect(saveDisabled()).toBe(false));
    fireEvent.change(input("testCaseIds"), { target: { value: "#77" } });
    fireEvent.click(screen.getByRole("button", { name: SAVE }));
    await screen.findByText(/^Saved at/);
    const saved = await services.other().load(QUALIFICATION_REQUIREMENTS);
    expect(saved.data.requiredTests[0]).toEqual({ role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002", "QT-093"], testCaseIds: [77] });
    expect(saved.savedBy).toBe("Alex Admin");
  });

  it("adds a rule that says what it still needs, and removes it", async () => {
    await setup();
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    await waitFor(() => expect(field("role").textContent).toContain("Choose the market role the tests are required for"));
    expect(screen.getByRole("group", { name: "Rule for (new) on both paths" }).textContent).toContain("lists no tests");
    expect(saveDisabled()).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Remove rule" }));
    await waitFor(() => expect(screen.queryByRole("group", { name: /Rule for/ })).toBeNull());
    // Back to what is stored: nothing to save.
    expect(screen.getByText(/^Saved by Morgan Manager/)).toBeTruthy();
    expect(saveDisabled()).toBe(true);
  });

  it("imports one row per role, path and test: unknown roles and malformed ids are reported by row, the rest applied and saved", async () => {
    const services = await setup();
    const csv = ["Role,Path,Test Id", "SUP,QT,QT-002", "SUP,QT,QT-003", "XYZ,QT,QT-004", "MS,SIT,QT-93", "MS,,#1250", "SDS,Both,QT-010"].join("\n");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Spreadsheet (.csv or .xlsx)"), { target: { files: [csvFile("required.csv", csv)] } });
    });
    await screen.findByText("6 rows read: 3 tests to add, 1 already required; 2 with problems.");
    const report = screen.getByRole("table", { name: "Rows with problems" });
    const cells = within(report)
      .getAllByRole("row")
      .slice(1)
      .map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent));
    expect(cells).toEqual([
      ["4", "Role", 'Unknown market role "XYZ"'],
      ["5", "Test Id", '"QT-93": QT needs three digits, as in QT-093; got 2'],
    ]);
    expect((await services.other().load(QUALIFICATION_REQUIREMENTS)).data).toEqual(STORED);

    fireEvent.click(screen.getByRole("button", { name: "Apply 4 valid rows" }));
    await waitFor(() => expect(rule("SDS|")).toBeTruthy());
    expect((await services.other().load(QUALIFICATION_REQUIREMENTS)).data).toEqual(STORED);
    fireEvent.click(screen.getByRole("button", { name: SAVE }));
    await screen.findByText(/^Saved at/);
    expect((await services.other().load(QUALIFICATION_REQUIREMENTS)).data.requiredTests).toEqual([
      { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002", "QT-003"] },
      { role: "MS", testCaseIds: [1234, 1250] },
      { role: "SDS", programmeTestCaseIds: ["QT-010"] },
    ]);
  });

  it("exports the rules as rows the import reads back", async () => {
    const saved: { blob: Blob; name: string }[] = [];
    jest.spyOn(spreadsheet, "downloadBlob").mockImplementation((blob, name) => void saved.push({ blob, name }));
    await setup();
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].name).toBe("required-tests.csv");
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0].blob);
    });
    expect(text.replace(/^\ufeff/, "").trim().split("\r\n")).toEqual(["Role,Path,Test Id", "SUP,QT,QT-001", "SUP,QT,QT-002", "MS,Both,#1234"]);
    jest.restoreAllMocks();
  });

  it("checks the evidence stages, the reliance scope and the RAG rules as they are changed", async () => {
    const services = await setup({ ...STORED, stagesByPath: { QT: ["QT", "E2E-SANDBOX"] }, relianceScope: { partial: ["QT-001"] } });
    expect(field("stagesByPath.QT").textContent).toContain("Set for this project.");
    expect(field("stagesByPath.SIT").textContent).toContain("The default.");
    fireEvent.change(input("relianceScope.partial"), { target: { value: "QT-001; #x" } });
    await waitFor(() => expect(field("relianceScope.partial").textContent).toContain('"#x" is not a work item id such as #1234'));
    fireEvent.change(input("relianceScope.partial"), { target: { value: "" } });
    await waitFor(() => expect(field("relianceScope.partial").textContent).toContain("The partial reliance scope lists no tests"));
    fireEvent.change(input("relianceScope.partial"), { target: { value: "QT-001; #77" } });
    const useDefault = screen.getAllByRole("button", { name: "Use the default" });
    fireEvent.click(useDefault[1]);
    await waitFor(() => expect(saveDisabled()).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: SAVE }));
    await screen.findByText(/^Saved at/);
    const saved = (await services.other().load(QUALIFICATION_REQUIREMENTS)).data;
    expect(saved.stagesByPath).toBeUndefined();
    expect(saved.relianceScope).toEqual({ partial: ["QT-001", "#77"] });
  });

  it("refuses a stale save, then lays the editor's rule over the other's by role and path", async () => {
    const services = await setup();
    fireEvent.click(rule("SUP|QT"));
    fireEvent.change(input("programmeTestCaseIds"), { target: { value: "QT-001; QT-002; QT-005" } });

    const other = services.other();
    const stored = await other.load(QUALIFICATION_REQUIREMENTS);
    await other.save(QUALIFICATION_REQUIREMENTS, { requiredTests: [...STORED.requiredTests, { role: "SDS", path: "QT", programmeTestCaseIds: ["QT-009"] }] }, stored.etag, { savedBy: "Morgan Manager" });

    fireEvent.click(screen.getByRole("button", { name: SAVE }));
    await screen.findByText(/The qualification requirements document was changed by someone else \(Morgan Manager\) since you opened it/);
    fireEvent.click(screen.getByRole("button", { name: "Reload, keeping my changes" }));
    await screen.findByText(/Reloaded the version saved by Morgan Manager, with your changes on top/);
    expect(rule("SDS|QT")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: SAVE }));
    await screen.findByText(/^Saved at/);
    expect((await other.load(QUALIFICATION_REQUIREMENTS)).data.requiredTests).toEqual([
      { role: "SUP", path: "QT", programmeTestCaseIds: ["QT-001", "QT-002", "QT-005"] },
      { role: "MS", testCaseIds: [1234] },
      { role: "SDS", path: "QT", programmeTestCaseIds: ["QT-009"] },
    ]);
  });

  it("matches rules by role and path when merging", () => {
    expect(configEntryKey("requiredTests", { role: " sup ", path: "QT", programmeTestCaseIds: [] })).toBe("rule:SUP|QT");
    expect(configEntryKey("requiredTests", { role: "MS", testCaseIds: [1] })).toBe("rule:MS|");
  });

  it("shows a document saved by a newer build read-only", async () => {
    await setup(STORED, 2);
    expect(screen.getByText(/was saved by a newer version of the extension \(schema 2\); update the extension before changing it/)).toBeTruthy();
    fireEvent.click(rule("SUP|QT"));
    fireEvent.change(input("programmeTestCaseIds"), { target: { value: "QT-001" } });
    await waitFor(() => expect(screen.getByText("Unsaved changes")).toBeTruthy());
    expect(saveDisabled()).toBe(true);
  });
});
