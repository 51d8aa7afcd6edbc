// Qualification requirements end to end, in headless Chromium on devhost: an admin imports required
// tests per market role and path in MHHS set-up (the dry run names an unknown role and a malformed
// test id, and nothing is stored until Save), a malformed id typed in the editor keeps Save off and
// the stored document as it was; then the programme hub's participants pivot says the configured
// tests are in force and shows, for every participant, the required, evidenced and relied-upon
// counts that the domain computes from the same seed read over REST in Node.

import "../../src/ado/node";
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { CONFIG_COLLECTION, MHHS_EXTENSION } from "../../devhost/seed";
import { AdoConnection } from "../../src/ado/clients";
import { ConfigStore, QUALIFICATION_REQUIREMENTS } from "../../src/ado/configStore";
import { restDataSource } from "../../src/ado/dataSources";
import { loadHubConfiguration } from "../../src/contributions/hubs/programme/configuration";
import type { DefectRecord, TestCaseRecord, TestPointRecord } from "../../src/domain/model";
import { QUALIFICATION_HEADINGS, qualificationView } from "../../src/domain/qualification";
import { requiredTestExportRows } from "../../src/domain/qualificationRequirements";
import { sampleQualificationRequirements } from "../../devhost/seed/programme";
import { connectToDevhost } from "../support/devhostConnection";
import { launchBrowser } from "./support/browser";
import { E2eHost, startE2eHost } from "./support/devhost";

const ADMIN = "mhhs-local.mhhs-test-management.admin-hub";
const PROGRAMME = 'iframe[data-contribution="mhhs-local.mhhs-test-management.programme-hub"]';
const SAVE = "Save qualification requirements";
const today = () => new Date().toISOString().slice(0, 10);

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}

/** The rows of a CSV the hub exported (no quoted line breaks in these figures). */
function readCsv(text: string): string[][] {
  return text
    .replace(/^\ufeff/, "")
    .trim()
    .split("\r\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cell += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ",") {
          cells.push(cell);
          cell = "";
        } else cell += ch;
      }
      cells.push(cell);
      return cells;
    });
}

describe("qualification requirements: set in MHHS set-up, judged in the programme hub (headless Chromium)", () => {
  let host: E2eHost;
  let browser: { browser: Browser; close(): Promise<void> };
  let connection: AdoConnection;
  let downloads: string;
  let data: { testCases: TestCaseRecord[]; points: TestPointRecord[]; defects: DefectRecord[] };

  beforeAll(async () => {
    host = await startE2eHost();
    connection = connectToDevhost(host).connection;
    const rest = restDataSource(connection);
    const [testCases, points, defects] = await Promise.all([rest.testCases(), rest.testPoints(), rest.defects()]);
    data = { testCases, points, defects };
    // The seed gives the sample programme a document; this admin starts without one.
    host.store.extensionData.delete({ ...MHHS_EXTENSION, scopeType: "Default", scopeValue: "Current", collection: CONFIG_COLLECTION }, QUALIFICATION_REQUIREMENTS.id);
    browser = await launchBrowser();
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), "mhhs-qualification-"));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
  });

  const stored = () => new ConfigStore(connection.documents).load(QUALIFICATION_REQUIREMENTS);

  async function openAdmin(): Promise<{ page: Page; hub: FrameLocator }> {
    const page = await browser.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(host.page(`#/hub/${ADMIN}`));
    const hub = page.frameLocator(`iframe[data-contribution="${ADMIN}"]`);
    await hub.getByRole("tab", { name: "Qualification requirements" }).click();
    await hub.getByRole("heading", { name: "Qualification requirements" }).waitFor();
    return { page, hub };
  }

  async function upload(hub: FrameLocator, name: string, lines: readonly (readonly string[])[]): Promise<void> {
    await hub.getByLabel("Spreadsheet (.csv or .xlsx)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(lines.map(csvLine).join("\n")) });
  }

  it("imports required tests with a dry run that names the bad rows, refuses a malformed id, and the pivot shows what the domain computes", async () => {
    const register = (await loadHubConfiguration(connection)).participants;
    // Required tests as an admin would list them: for some roles and both paths, tests of the parties others rely on.
    const sample = sampleQualificationRequirements(
      data.testCases.map((tc) => ({ id: tc.id, title: tc.title, programmeId: tc.programmeTestCaseId, stage: tc.stage ?? "", role: tc.role ?? "", participant: tc.participant ?? "", cycle: "", priority: 2, mpans: [], references: [] })),
      register,
    );
    const rows = requiredTestExportRows(sample.requiredTests).map((r) => [r.Role, r.Path, r["Test Id"]]);
    expect(rows.length).toBeGreaterThan(10);
    expect((await stored()).exists).toBe(false);

    // --- MHHS set-up: the import's dry run, then apply and save ---
    const { page, hub } = await openAdmin();
    await hub.getByText("No required tests yet").waitFor();
    await upload(hub, "required-tests.csv", [["Role", "Path", "Test Id"], ...rows, ["XYZ", "QT", "QT-001"], ["SUP", "QT", "QT-93"]]);
    const total = rows.length + 2;
    await hub.getByText(`${total} rows read: ${rows.length} tests to add, 0 already required; 2 with problems.`).waitFor();
    const report = await hub
      .getByRole("table", { name: "Rows with problems" })
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)));
    expect(report).toEqual([
      [String(total), "Role", 'Unknown market role "XYZ"'],
      [String(total + 1), "Test Id", '"QT-93": QT needs three digits, as in QT-093; got 2'],
    ]);
    expect((await stored()).exists).toBe(false);
    await hub.getByRole("button", { name: `Apply ${rows.length} valid rows` }).click();
    await hub.locator('tr[data-rule="SUP|QT"]').waitFor();
    expect((await stored()).exists).toBe(false);
    await hub.getByRole("button", { name: SAVE }).click();
    await hub.getByText(/^Saved at/).waitFor();
    const saved = await stored();
    expect(saved.data).toEqual({ requiredTests: sample.requiredTests });
    expect(saved.savedBy).toBe("Alex Admin");

    // --- a malformed id typed in the editor: said at the field, Save stays off, nothing stored ---
    await hub.locator('tr[data-rule="SUP|QT"]').click();
    const ids = hub.locator('[data-field="programmeTestCaseIds"] input');
    await ids.fill(`${await ids.inputValue()}; QT-93`);
    await hub.locator('[data-field="programmeTestCaseIds"]').getByText('"QT-93": QT needs three digits, as in QT-093; got 2').waitFor();
    expect(await hub.getByRole("button", { name: SAVE }).getAttribute("aria-disabled")).toBe("true");
    // Another file with an unknown role: the dry run names it, and cancelling leaves everything as it was.
    await upload(hub, "more.csv", [["Role", "Path", "Test Id"], ["SUPPLIER", "QT", "QT-001"]]);
    await hub.getByText("1 row read: 0 tests to add, 0 already required; 1 with problems.").waitFor();
    await hub.getByRole("table", { name: "Rows with problems" }).getByText('Unknown market role "SUPPLIER"').waitFor();
    await hub.getByRole("button", { name: "Cancel" }).click();
    await hub.getByRole("button", { name: "Discard changes" }).click();
    await hub.getByText(/^Saved by Alex Admin/).waitFor();
    const after = await stored();
    expect(after.etag).toBe(saved.etag);
    expect(after.data).toEqual(saved.data);
    await page.close();

    // --- the programme hub: configured tests in force, figures as the domain computes them ---
    const configuration = await loadHubConfiguration(connection);
    expect(configuration.problems).toEqual([]);
    const expected = qualificationView({
      participants: configuration.participants,
      testCases: data.testCases,
      points: data.points,
      defects: data.defects,
      asOf: today(),
      config: { ...configuration.qualification, defectRules: configuration.defectRules },
    });
    expect(expected.requiredTestsSource).toBe("configured");
    const relying = expected.rows.filter((r) => r.reliedUpon > 0);
    expect(relying.length).toBeGreaterThan(0);

    const programme = await browser.browser.newPage({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
    await programme.goto(host.page("#/hub/programme-hub?stage=&cycle=&role=&participant=&path=&pivot=participants"));
    const pivot = programme.frameLocator(PROGRAMME);
    await pivot.locator('[data-loaded="true"]').waitFor({ timeout: 45_000 });
    const source = pivot.locator("[data-required-tests-source]");
    expect(await source.getAttribute("data-required-tests-source")).toBe("configured");
    expect(await source.textContent()).toContain(`Required tests: as configured in the qualification requirements (${sample.requiredTests.length} rules`);
    expect(await pivot.locator('[data-figure="participants"]').textContent()).toContain(String(expected.rows.length));

    // In a narrow window the participants table scrolls inside its own box; the page and its text keep the frame's width.
    await programme.setViewportSize({ width: 1000, height: 1100 });
    const widths = await source.evaluate((note) => {
      const body = document.querySelector(".mhhs-programme-body") as HTMLElement;
      const table = document.querySelector(".mhhs-item-table-scroll") as HTMLElement;
      return { page: body.scrollWidth - body.clientWidth, noteRight: note.getBoundingClientRect().right, frame: document.documentElement.clientWidth, table: table.scrollWidth - table.clientWidth };
    });
    expect(widths.page).toBe(0);
    expect(widths.noteRight).toBeLessThanOrEqual(widths.frame);
    expect(widths.table).toBeGreaterThan(0);
    await programme.setViewportSize({ width: 1500, height: 1100 });

    // Every participant's figures, as the pivot exports them.
    const [download] = await Promise.all([programme.waitForEvent("download"), pivot.getByRole("button", { name: "Export participants and qualification as CSV" }).click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const [headings, ...shown] = readCsv(fs.readFileSync(file, "utf8"));
    expect(headings).toEqual([...QUALIFICATION_HEADINGS]);
    const pick = ["MPID", "Required Tests", "Evidenced", "Relied Upon", "Failed", "Outstanding", "Not Applicable", "Readiness"].map((h) => headings.indexOf(h));
    const rags = { green: "Green", amber: "Amber", red: "Red" } as const;
    expect(shown.map((cells) => pick.map((i) => cells[i]))).toEqual(
      expected.rows.map((r) => [r.mpid, r.required, r.evidenced, r.reliedUpon, r.failed, r.outstanding, r.notApplicable].map(String).concat(rags[r.rag])),
    );

    // And on screen, for a participant that relies on another's tests.
    const one = relying[0];
    await programme.goto(host.page(`#/hub/programme-hub?stage=&cycle=&role=&participant=${one.mpid}&path=&pivot=participants`));
    const narrowed = programme.frameLocator(PROGRAMME);
    await narrowed.locator('[data-loaded="true"]').waitFor({ timeout: 45_000 });
    const grid = narrowed.getByRole("grid", { name: "Participants and their readiness" });
    const cells = await grid
      .getByRole("row")
      .filter({ hasText: one.organisation })
      .locator(".mhhs-cell")
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(cells.slice(0, 1).concat(cells.slice(6, 11))).toEqual([one.mpid, ...[one.required, one.evidenced, one.reliedUpon, one.failed, one.outstanding].map(String)]);
    await grid.getByText(one.organisation).click();
    const details = narrowed.getByRole("region", { name: `Participant ${one.mpid}` });
    await details.getByText(`${one.evidenced + one.reliedUpon} of ${one.required} required tests evidenced (${one.evidenced} by ${one.mpid}, ${one.reliedUpon} relied upon).`).waitFor();
    await programme.close();
  });
});
