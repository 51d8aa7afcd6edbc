import ExcelJS from "exceljs";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { TESTER_USER } from "../../devhost/catalogue/users";
import { launchBrowser } from "./support/browser";
import { startE2eHost, E2eHost } from "./support/devhost";
import { restClient } from "./support/rest";

const HUB = "mhhs-local.mhhs-test-management.admin-hub";
const DOCUMENTS = "_apis/ExtensionManagement/InstalledExtensions/mhhs-local/mhhs-test-management/Data/Scopes/Default/Current/Collections/mhhs-configuration/Documents";

interface Register {
  data: { participants: Array<{ mpid: string; organisation: string }> };
  savedBy?: string;
}

async function participantWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Participants");
  sheet.addRow(["MPID", "Organisation", "Roles", "Path", "Reliance", "MDR Choice", "Relies On"]);
  for (let i = 0; i < 500; i++) {
    const mpid = `Z${String(i).padStart(3, "0")}`;
    if (i === 41) sheet.addRow(["Z41", "Short MPID Ltd", "SUP", "SIT", "none", "", ""]);
    else if (i === 250) sheet.addRow([mpid, "Unknown Role Ltd", "SUP; XYZ", "QT", "none", "", ""]);
    else if (i === 499) sheet.addRow([mpid, "Smart Data Ltd", "SDS", "QT", "none", "", ""]);
    else sheet.addRow([mpid, `Participant ${i} Ltd`, i % 3 === 0 ? "SUP; LDSO" : "MS", i % 2 ? "SIT" : "QT", "none", "", ""]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("MHHS set-up hub: programme configuration (headless Chromium)", () => {
  let host: E2eHost;
  let rest: ReturnType<typeof restClient>;
  let browser: { browser: Browser; close(): Promise<void> };

  beforeAll(async () => {
    host = await startE2eHost();
    rest = restClient(host);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  async function openTab(tab: string, query: Record<string, string> = {}): Promise<{ page: Page; hub: FrameLocator }> {
    const page = await browser.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const search = new URLSearchParams(query).toString();
    await page.goto(host.page(`${search ? `?${search}` : ""}#/hub/${HUB}`));
    const hub = page.frameLocator(`iframe[data-contribution="${HUB}"]`);
    await hub.getByRole("tab", { name: tab }).click();
    return { page, hub };
  }

  const register = () => rest.call<Register>(`${DOCUMENTS}/participant-register`);

  it("imports 500 participants from XLSX and reports exactly the 3 bad rows", async () => {
    const before = (await register()).data.participants.length;
    const { page, hub } = await openTab("Participants");
    await hub.getByRole("table", { name: "Participants" }).waitFor();
    await hub.getByLabel("Spreadsheet (.csv or .xlsx)").setInputFiles({
      name: "participants.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await participantWorkbook(),
    });
    await hub.getByText("500 rows read: 497 new, 0 changed, 0 unchanged; 3 with problems.").waitFor({ timeout: 30_000 });
    const report = hub.getByRole("table", { name: "Rows with problems" });
    const rows = await report.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)));
    expect(rows).toEqual([
      ["43", "MPID", "MPID must be 4 characters; found 3"],
      ["252", "Roles", 'Unknown market role "XYZ"'],
      ["501", "MDR Choice", expect.stringMatching(/^A Smart Data Service must say how it collects half-hourly data/)],
    ]);
    expect((await register()).data.participants).toHaveLength(before);

    await hub.getByRole("button", { name: "Apply 497 valid rows" }).click();
    await hub.getByRole("button", { name: "Save participant register" }).click();
    await hub.getByText(/^Saved at/).waitFor();
    const saved = await register();
    expect(saved.data.participants).toHaveLength(before + 497);
    expect(saved.data.participants.filter((p) => ["Z41", "Z250", "Z499"].includes(p.mpid))).toEqual([]);
    expect(saved.savedBy).toBe("Alex Admin");
    await page.close();
  });

  it("two editors of the register: the second is told, keeps what they typed, and saves both changes", async () => {
    const participants = (await register()).data.participants;
    const [first, second] = [participants[0], participants[1]];
    const a = await openTab("Participants");
    const b = await openTab("Participants", { user: TESTER_USER.id });

    const edit = async (hub: FrameLocator, mpid: string, organisation: string) => {
      await hub.locator(`tr[data-mpid="${mpid}"]`).click();
      await hub.locator('[data-field="organisation"] input').fill(organisation);
    };
    await edit(a.hub, first.mpid, `${first.organisation} (edited by Alex)`);
    await edit(b.hub, second.mpid, `${second.organisation} (edited by Terry)`);

    await a.hub.getByRole("button", { name: "Save participant register" }).click();
    await a.hub.getByText(/^Saved at/).waitFor();

    await b.hub.getByRole("button", { name: "Save participant register" }).click();
    await b.hub.getByText(/The participant register was changed by someone else \(Alex Admin\) since you opened it. Your changes were not saved/).waitFor();
    expect(await b.hub.locator('[data-field="organisation"] input').inputValue()).toBe(`${second.organisation} (edited by Terry)`);
    expect((await register()).data.participants[1].organisation).toBe(second.organisation);

    await b.hub.getByRole("button", { name: "Reload, keeping my changes" }).click();
    await b.hub.getByText(/Reloaded the version saved by Alex Admin, with your changes on top/).waitFor();
    await b.hub.locator(`tr[data-mpid="${first.mpid}"]`, { hasText: "(edited by Alex)" }).waitFor();
    await b.hub.locator(`tr[data-mpid="${second.mpid}"]`, { hasText: "(edited by Terry)" }).waitFor();
    await b.hub.getByRole("button", { name: "Save participant register" }).click();
    await b.hub.getByText(/^Saved at/).waitFor();

    const saved = await register();
    expect(saved.data.participants[0].organisation).toBe(`${first.organisation} (edited by Alex)`);
    expect(saved.data.participants[1].organisation).toBe(`${second.organisation} (edited by Terry)`);
    expect(saved.savedBy).toBe("Terry Tester");
    await a.page.close();
    await b.page.close();
  });

  it("imports an RTTM twice: each requirement is created once, the second run only updates what changed", async () => {
    const testCaseIds = await rest.wiqlIds("SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Test Case' AND [Custom.MhhsTestCaseId] <> '' ORDER BY [System.Id]");
    const programmeIds = await Promise.all(testCaseIds.slice(0, 2).map(async (id) => String((await rest.workItem(id)).fields["Custom.MhhsTestCaseId"])));
    const rttm = (renamed: boolean) =>
      [
        "Requirement Id,Title,Requirement Type,Roles,Stages In Scope,Design References,Test Cases",
        `E2E-REQ-001,Supplier sends the appointment request,Functional,SUP,SIT-FUNC; QT,IF-031; PUB-031,${programmeIds[0]}; ${programmeIds[1]}`,
        `E2E-REQ-002,${renamed ? "LDSO confirms the appointment (renamed)" : "LDSO confirms the appointment"},Functional,LDSO,SIT-FUNC,IF-033,${programmeIds[0]}`,
        "E2E-REQ-003,Migration of a metering point,Migration,SUP; MS,SIT-MIG,BP002,",
        "E2E-REQ-004,Outage of 72 hours is survived,Non-Functional,SUP,SIT-NFT,,",
        "E2E-REQ-005,Service desk runbook,Operational,DIP,SIT-OPS,,NO-SUCH-TEST",
      ].join("\n");
    const { page, hub } = await openTab("Requirement import");
    const upload = (renamed: boolean) =>
      hub.getByLabel("Spreadsheet (.csv or .xlsx)").setInputFiles({ name: "rttm.csv", mimeType: "text/csv", buffer: Buffer.from(rttm(renamed)) });

    await upload(false);
    await hub.getByText("5 rows read: 5 new requirements to create (as User Story), 0 to update, 0 unchanged; 3 Tested By links to add; 0 rows with problems.").waitFor();
    await hub.getByRole("table", { name: "Test cases not found" }).getByText("NO-SUCH-TEST").waitFor();
    await hub.getByRole("button", { name: "Import 5 requirements" }).click();
    await hub.getByText("Finished: 5 of 5 rows; 5 created, 0 updated, 0 unchanged, 0 failed.").waitFor();

    await upload(true);
    await hub.getByText("5 rows read: 0 new requirements to create (as User Story), 1 to update, 4 unchanged; 0 Tested By links to add; 0 rows with problems.").waitFor();
    await hub.getByRole("button", { name: "Import 1 requirement" }).click();
    await hub.getByText("Finished: 5 of 5 rows; 0 created, 1 updated, 4 unchanged, 0 failed.").waitFor();

    const ids = await rest.wiqlIds("SELECT [System.Id] FROM WorkItems WHERE [Custom.MhhsRequirementId] CONTAINS 'E2E-REQ-' ORDER BY [System.Id]");
    const items = await Promise.all(ids.map((id) => rest.workItem(id)));
    expect(items.map((item) => item.fields["Custom.MhhsRequirementId"]).sort()).toEqual(["E2E-REQ-001", "E2E-REQ-002", "E2E-REQ-003", "E2E-REQ-004", "E2E-REQ-005"]);
    const renamed = items.find((item) => item.fields["Custom.MhhsRequirementId"] === "E2E-REQ-002")!;
    expect(renamed.fields["System.Title"]).toBe("LDSO confirms the appointment (renamed)");
    const first = items.find((item) => item.fields["Custom.MhhsRequirementId"] === "E2E-REQ-001")!;
    expect((first.relations ?? []).filter((r) => r.rel === "Microsoft.VSTS.Common.TestedBy-Forward")).toHaveLength(2);
    await page.close();
  });
});
