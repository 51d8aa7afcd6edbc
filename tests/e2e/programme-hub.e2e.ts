// The programme hub in devhost, in headless Chromium, over the seeded programme: the overview's
// figures for a stage equal those the domain computes from the same seed read over REST in Node;
// filters change the figures, stay in the address through a reload and are remembered for the
// user; the RTTM export downloads as XLSX (read back with exceljs) listing every requirement of
// the filter; a defect opened from the table shows in the work item form.

import "../../src/ado/node";
import ExcelJS from "exceljs";
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { restDataSource } from "../../src/ado/dataSources";
import { loadHubConfiguration } from "../../src/contributions/hubs/programme/configuration";
import type { HubConfiguration } from "../../src/contributions/hubs/programme/programmeServices";
import { round1 } from "../../src/domain/groupKeys";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../src/domain/model";
import { StageReport, stageReports, ProgrammeFilter } from "../../src/domain/stageReport";
import { traceabilityView } from "../../src/domain/traceability";
import { connectToDevhost } from "../support/devhostConnection";
import { launchBrowser } from "./support/browser";
import { E2eHost, startE2eHost } from "./support/devhost";

const HUB = 'iframe[data-contribution="mhhs-local.mhhs-test-management.programme-hub"]';
const today = () => new Date().toISOString().slice(0, 10);
const count = (n: number) => n.toLocaleString("en-GB");
const rate = (x: number | null) => (x === null ? "–" : `${round1(x)}%`);

/** Polls until the value read equals the one wanted (or the time is up, then fails showing the last value). */
async function eventually<T>(read: () => Promise<T>, wanted: T, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(wanted) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toEqual(wanted);
}

describe("programme hub (headless Chromium on devhost)", () => {
  let host: E2eHost;
  let browser: { browser: Browser; close(): Promise<void> };
  let downloads: string;
  let data: { requirements: RequirementRecord[]; testCases: TestCaseRecord[]; points: TestPointRecord[]; defects: DefectRecord[]; configuration: HubConfiguration };

  beforeAll(async () => {
    host = await startE2eHost();
    const connection = connectToDevhost(host).connection;
    const rest = restDataSource(connection);
    const [requirements, testCases, points, defects, configuration] = await Promise.all([
      rest.requirements(),
      rest.testCases(),
      rest.testPoints(),
      rest.defects(),
      loadHubConfiguration(connection),
    ]);
    data = { requirements, testCases, points, defects, configuration };
    browser = await launchBrowser();
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), "mhhs-hub-downloads-"));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
  });

  function expected(filter: ProgrammeFilter): StageReport[] {
    const c = data.configuration;
    return stageReports({
      stages: c.catalogues.stages,
      points: data.points,
      defects: data.defects,
      requirements: data.requirements,
      testCases: data.testCases,
      filter,
      asOf: today(),
      defectRules: c.defectRules,
      stageEndDates: c.stageEndDates,
      exitCriteria: c.exitCriteria,
    });
  }

  function shownFigures(report: StageReport): Record<string, string> {
    const p = report.progress;
    const d = report.openDefects;
    return {
      planned: count(p.planned),
      run: count(p.run),
      passed: count(p.passed),
      failed: count(p.failed),
      blocked: count(p.blocked),
      notRun: count(p.notRun),
      executionRate: rate(p.executionRate),
      passRate: rate(p.passRate),
      "open-critical": count(d["1 - Critical"]),
      "open-high": count(d["2 - High"]),
      "open-medium": count(d["3 - Medium"]),
      "open-low": count(d["4 - Low"]),
      openDefects: count(d.total),
    };
  }

  async function openHub(route: string): Promise<{ page: Page; hub: FrameLocator }> {
    const page = await browser.browser.newPage({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
    await page.goto(host.page(`#/hub/programme-hub${route}`));
    const hub = page.frameLocator(HUB);
    await hub.locator('[data-loaded="true"]').waitFor({ timeout: 45_000 });
    return { page, hub };
  }

  async function figuresOn(hub: FrameLocator, stage: string): Promise<Record<string, string>> {
    const card = hub.locator(`[data-stage="${stage}"]`);
    await card.waitFor();
    const names = await card.locator("[data-figure]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-figure") ?? "", e.textContent ?? ""]));
    return Object.fromEntries(names);
  }

  async function stagesShown(hub: FrameLocator): Promise<string[]> {
    return hub.locator("[data-stage]").evaluateAll((els) => els.map((e) => e.getAttribute("data-stage") ?? ""));
  }

  async function choose(hub: FrameLocator, label: string, option: string): Promise<void> {
    await hub.getByRole("button", { name: label, exact: true }).click();
    await hub.getByRole("option", { name: option }).click();
  }

  it("shows for a stage the figures the domain computes from REST data of the same seed", async () => {
    const { page, hub } = await openHub("?stage=SIT-FUNC&pivot=overview");
    const [report] = expected({ stage: "SIT-FUNC" });
    expect(report.progress.planned).toBeGreaterThan(100);
    expect(await stagesShown(hub)).toEqual(["SIT-FUNC"]);
    expect(await figuresOn(hub, "SIT-FUNC")).toEqual(shownFigures(report));
    const criteria = await hub
      .locator('[data-stage="SIT-FUNC"] [data-criterion]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-criterion"), e.getAttribute("data-rag")]));
    expect(criteria).toEqual(report.exit.results.map((r) => [r.id, r.rag]));
    await page.close();
  });

  it("changes the figures with the filters, keeps them through a reload, and remembers them for the user", async () => {
    // An empty filter in the address means all, whatever the user last looked at.
    const { page, hub } = await openHub("?stage=&pivot=overview");
    const all = expected({});
    expect(await stagesShown(hub)).toEqual(all.map((r) => r.stage));
    expect(await figuresOn(hub, "SIT-MIG")).toEqual(shownFigures(all.find((r) => r.stage === "SIT-MIG")!));

    await choose(hub, "Stage", "SIT-MIG — SIT Migration");
    await hub.locator("[data-stage]").nth(1).waitFor({ state: "detached" });
    await choose(hub, "Role", "SUP — Supplier");
    const [migSup] = expected({ stage: "SIT-MIG", role: "SUP" });
    await eventually(async () => (await figuresOn(hub, "SIT-MIG")).planned, count(migSup.progress.planned));
    expect(migSup.progress.planned).toBeLessThan(all.find((r) => r.stage === "SIT-MIG")!.progress.planned);
    expect(await figuresOn(hub, "SIT-MIG")).toEqual(shownFigures(migSup));
    await eventually(() => page.evaluate(() => location.hash), "#/hub/programme-hub?stage=SIT-MIG&pivot=overview&role=SUP");

    // Filters are remembered once they settle (a moment after the last change).
    await page.waitForTimeout(1000);
    await page.reload();
    const reloaded = page.frameLocator(HUB);
    await reloaded.locator('[data-loaded="true"]').waitFor({ timeout: 45_000 });
    expect(await stagesShown(reloaded)).toEqual(["SIT-MIG"]);
    expect(await figuresOn(reloaded, "SIT-MIG")).toEqual(shownFigures(migSup));
    expect(await reloaded.getByRole("button", { name: "Role", exact: true }).inputValue()).toBe("SUP — Supplier");
    await page.close();

    // Without filters in the address, the hub opens as this user left it.
    const again = await openHub("");
    expect(await stagesShown(again.hub)).toEqual(["SIT-MIG"]);
    expect(await figuresOn(again.hub, "SIT-MIG")).toEqual(shownFigures(migSup));
    await eventually(async () => /stage=SIT-MIG/.test(await again.page.evaluate(() => location.hash)), true);
    await choose(again.hub, "Stage", "All stages");
    await choose(again.hub, "Role", "All roles");
    await eventually(() => stagesShown(again.hub), all.map((r) => r.stage));
    await again.page.waitForTimeout(1000);
    await again.page.close();
  });

  it("exports the RTTM as an XLSX workbook that lists every requirement of the filter", async () => {
    const { page, hub } = await openHub("?stage=SIT-FUNC&role=LDSO&pivot=traceability");
    const view = traceabilityView({ requirements: data.requirements, testCases: data.testCases, points: data.points, defects: data.defects, filter: { stage: "SIT-FUNC", role: "LDSO" } });
    expect(view.rows.length).toBeGreaterThan(5);
    const [download] = await Promise.all([page.waitForEvent("download"), hub.getByRole("button", { name: "Export RTTM as XLSX" }).click()]);
    expect(download.suggestedFilename()).toBe(`RTTM SIT-FUNC LDSO ${today()}.xlsx`);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("RTTM")!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headings).toEqual(["Requirement Id", "Title", "Requirement Type", "Roles", "Stage", "Test Case Ids", "Latest Outcomes", "Defects", "Coverage Status", "Work Item Id"]);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headings.map((h, i) => [String(h), row.getCell(i + 1).value])));
    });
    expect(rows.map((r) => r["Work Item Id"]).sort((a, b) => Number(a) - Number(b))).toEqual(view.rows.map((r) => r.id));
    const first = view.rows[0];
    const exported = rows.find((r) => r["Work Item Id"] === first.id)!;
    expect(exported.Title).toBe(first.title);
    expect(exported.Stage).toBe("SIT-FUNC");
    expect(String(exported.Roles)).toContain("LDSO");
    expect(workbook.getWorksheet("Gaps")).toBeDefined();
    await page.close();
  });

  it("opens a defect from the defects table in the work item form with the MHHS defect group", async () => {
    const { page, hub } = await openHub("?stage=SIT-FUNC&pivot=defects");
    const table = hub.getByRole("grid", { name: "Open defects" });
    const link = table.getByRole("link").first();
    const id = Number(await link.textContent());
    const open = data.defects.find((d) => d.id === id);
    expect(open?.stage).toBe("SIT-FUNC");
    await link.click();
    await eventually(() => page.evaluate(() => location.hash), `#/workitems/${id}`);
    await page.locator(`.form-page[data-work-item-id="${id}"]`).waitFor();
    expect(await page.locator(".form-title").textContent()).toContain(`Bug ${id}: ${open!.title}`);
    const group = page.frameLocator('iframe[data-contribution="mhhs-local.mhhs-test-management.defect-group"]');
    await group.getByRole("textbox", { name: "Test MPANs" }).waitFor();
    await page.close();
  });
});
