// The four dashboard widgets in devhost, in headless Chromium, over the seeded programme: add each
// to the dashboard, configure it with a live preview, compare its figures with figures computed
// by the domain from the same seed read over REST in Node, change the configuration (preview,
// then widget), resize, switch theme, open the programme hub, and see the error state when the
// server fails.

import "../../src/ado/node";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { ConfigStore, EXIT_CRITERIA, PARTICIPANT_REGISTER, QUALIFICATION_REQUIREMENTS, SLA_TARGETS } from "../../src/ado/configStore";
import { restDataSource } from "../../src/ado/dataSources";
import type { ProgrammeDataSource } from "../../src/ado/dataSources";
import { round1, UNASSIGNED } from "../../src/domain/groupKeys";
import { readinessFromQualification } from "../../src/domain/countFigures";
import { qualificationView } from "../../src/domain/qualification";
import { DEFAULT_STAGES_BY_PATH } from "../../src/domain/readiness";
import { DefectRulesInput, resolveDefectRules, summariseDefects } from "../../src/domain/defects";
import { computeExitMetricsByStage, evaluateExitCriteria, exitCriteriaForStage } from "../../src/domain/exitCriteria";
import type { DefectRecord, RequirementRecord, TestCaseRecord, TestPointRecord } from "../../src/domain/model";
import { summariseProgress } from "../../src/domain/progress";
import { connectToDevhost } from "../support/devhostConnection";
import { launchBrowser } from "./support/browser";
import { E2eHost, startE2eHost } from "./support/devhost";

const EXTENSION = "mhhs-local.mhhs-test-management";
const STAGE = "SIT-FUNC";
const rate = (value: number | null) => (value === null ? "–" : `${round1(value)}%`);
const today = () => new Date().toISOString().slice(0, 10);

/** Reads until the value passes the check (frames re-render while they load), then returns it; fails with the last value read. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw new Error(`Still not as expected after ${timeoutMs} ms; last read: ${JSON.stringify(last)}${failure ? ` (${String(failure)})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const eventually = <T>(read: () => Promise<T>, expected: T, timeoutMs?: number) => until(read, (value) => value === expected, timeoutMs);


describe("dashboard widgets (headless Chromium on devhost)", () => {
  let host: E2eHost;
  let browser: { browser: Browser; close(): Promise<void> };
  let page: Page;
  let rest: ProgrammeDataSource;
  let store: ConfigStore;
  let points: TestPointRecord[];
  let defects: DefectRecord[];
  let requirements: RequirementRecord[];
  let testCases: TestCaseRecord[];
  let rules: DefectRulesInput;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    host = await startE2eHost();
    const connection = connectToDevhost(host).connection;
    rest = restDataSource(connection);
    store = new ConfigStore(connection.documents);
    [points, defects, requirements, testCases, rules] = await Promise.all([
      rest.testPoints(),
      rest.defects(),
      rest.requirements(),
      rest.testCases(),
      store.load(SLA_TARGETS).then((l) => l.data),
    ]);
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport: { width: 1500, height: 1100 } });
    page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => consoleLines.push(`page error: ${error.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  afterEach(async () => {
    await fetch(`${host.url}/_devhost/faults`, { method: "DELETE" });
  });

  const widget = (name: string): FrameLocator => page.frameLocator(`.widget-cell iframe[data-contribution="${EXTENSION}.${name}"]`);
  const configuration = (name: string): FrameLocator => page.frameLocator(`dialog iframe[data-contribution="${EXTENSION}.${name}-configuration"]`);
  const preview = (): FrameLocator => page.frameLocator("dialog .preview-frame iframe");
  const figure = (frame: FrameLocator, name: string) => frame.locator(`[data-figure="${name}"]`).first();

  async function addWidget(name: string): Promise<void> {
    // A fresh page: no dialog left open by an earlier step.
    await page.goto("about:blank");
    await page.goto(host.page("#/dashboards"));
    // The dashboard has loaded once it shows its widgets or says it has none.
    await page.locator("#dashboard-empty, .widget-cell").first().waitFor();
    // One widget on the dashboard at a time, so the cell's menu is the widget's.
    for (let left = await page.locator(".widget-cell").count(); left > 0; left--) {
      await page.locator(".widget-remove").first().click();
      await until(() => page.locator(".widget-cell").count(), (n) => n === left - 1);
    }
    await page.locator("#dashboard-empty").waitFor();
    await page.selectOption("#widget-catalog", name);
    await page.click("#widget-add");
    await widget(name).locator('.mhhs-widget[data-state="unconfigured"]').waitFor();
  }

  /** Opens the configuration dialog and waits for the configuration frame to draw its form. */
  async function configure(name: string): Promise<FrameLocator> {
    await page.click(".widget-configure");
    const frame = configuration(name);
    try {
      await frame.getByLabel("Stage").waitFor({ timeout: 20_000 });
    } catch (error) {
      const status = await page.locator("dialog .configuration-status").textContent().catch(() => "");
      const body = await frame.locator("body").innerHTML({ timeout: 2000 }).catch((e) => String(e));
      throw new Error(`The configuration of ${name} did not draw: status "${status}", frame body ${body.slice(0, 500)}; console: ${consoleLines.slice(-10).join(" | ")}`, { cause: error });
    }
    return frame;
  }

  async function settled(frame: FrameLocator, size?: string): Promise<void> {
    const selector = size ? `.mhhs-widget[data-size="${size}"]` : ".mhhs-widget";
    await frame.locator(`${selector}[data-state="figures"], ${selector}[data-state="failed"]`).waitFor({ timeout: 30_000 });
    expect(await frame.locator(selector).getAttribute("data-state")).toBe("figures");
  }

  /** The frame draws within its cell: nothing scrolls sideways. */
  async function fitsItsCell(frame: FrameLocator): Promise<void> {
    const overflow = await frame.locator("body").evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  }

  async function resize(frameName: string, size: string): Promise<void> {
    await page.selectOption(".widget-size", size);
    await settled(widget(frameName), size);
    await fitsItsCell(widget(frameName));
  }

  /** Switches the host's theme and returns the frame's background variable before and after. */
  async function switchTheme(frame: FrameLocator): Promise<[string, string]> {
    const read = () => frame.locator("body").evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--background-color").trim());
    const before = await read();
    await page.click("#theme-toggle");
    await until(read, (value) => value !== before, 10_000);
    const after = await read();
    await page.click("#theme-toggle");
    await eventually(read, before, 10_000);
    return [before, after];
  }

  async function failsVisibly(name: string): Promise<void> {
    const response = await fetch(`${host.url}/_devhost/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ route: "/_odata/|/_apis/wit/wiql", kind: "status", status: 500 }) });
    expect(response.status).toBe(201);
    await page.reload();
    const frame = widget(name);
    await frame.locator('.mhhs-widget[data-state="failed"]').waitFor({ timeout: 45_000 });
    const alert = await frame.getByRole("alert").textContent();
    expect(alert).toMatch(/^The figures could not be loaded: .+/);
    expect(await frame.getByRole("button", { name: "Try again" }).isVisible()).toBe(true);
  }

  it("stage progress: rates of a stage, then of a role, as bars by role, in both themes, with the error state", async () => {
    await addWidget("stage-progress");
    await configure("stage-progress");
    await configuration("stage-progress").getByLabel("Stage").selectOption(STAGE);
    const all = summariseProgress(points, { stage: STAGE });
    await eventually(() => figure(preview(), "execution-rate").textContent(), rate(all.executionRate), 30_000);
    expect(await figure(preview(), "pass-rate").textContent()).toBe(rate(all.passRate));
    expect(await widget("stage-progress").locator(".mhhs-widget").getAttribute("data-state")).toBe("unconfigured");

    await configuration("stage-progress").getByLabel("Market role").selectOption("SUP");
    const suppliers = summariseProgress(points, { stage: STAGE, role: "SUP" });
    expect(suppliers.executionRate).not.toBe(all.executionRate);
    await eventually(() => figure(preview(), "execution-rate").textContent(), rate(suppliers.executionRate), 30_000);
    await page.click("#configuration-save");
    await settled(widget("stage-progress"), "1x1");
    expect(await figure(widget("stage-progress"), "execution-rate").textContent()).toBe(rate(suppliers.executionRate));
    expect(await figure(widget("stage-progress"), "pass-rate").textContent()).toBe(rate(suppliers.passRate));
    await fitsItsCell(widget("stage-progress"));

    await configure("stage-progress");
    await configuration("stage-progress").getByLabel("Market role").selectOption("");
    await page.click("#configuration-save");
    await resize("stage-progress", "3x2");
    const frame = widget("stage-progress");
    const rows = await frame.locator("table.mhhs-visually-hidden tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const roles = [...new Set(points.filter((p) => p.stage === STAGE).map((p) => p.role ?? UNASSIGNED))].sort();
    // The roles that fit, least executed first; the footnote says how many there are.
    const byRole = roles.map((role) => ({ role, figures: summariseProgress(points.filter((p) => p.stage === STAGE && (p.role ?? UNASSIGNED) === role)) }));
    const leastExecuted = byRole.sort((a, b) => (a.figures.executionRate ?? -1) - (b.figures.executionRate ?? -1)).slice(0, rows.length);
    expect(rows).toEqual(leastExecuted.map(({ role, figures }) => [role, rate(figures.executionRate ?? 0), rate(figures.passRate ?? 0)]));
    if (rows.length < roles.length) expect(await frame.getByText(`The ${rows.length} least executed of ${roles.length} roles; all in the programme hub.`).isVisible()).toBe(true);
    expect(await frame.locator("canvas").getAttribute("aria-label")).toMatch(/^Execution and pass rate by role\. /);

    const chartBefore = await frame.locator(".mhhs-bar-chart").getAttribute("data-theme-version");
    const [light, dark] = await switchTheme(frame);
    expect([light, dark]).toEqual(["rgba(255, 255, 255, 1)", "rgba(30, 30, 30, 1)"]);
    expect(Number(await frame.locator(".mhhs-bar-chart").getAttribute("data-theme-version"))).toBeGreaterThan(Number(chartBefore));

    await frame.getByRole("button", { name: `${STAGE} progress` }).click();
    await eventually(() => page.evaluate(() => location.hash), `#/hub/programme-hub?stage=${STAGE}&cycle=&role=&participant=&pivot=overview`);
    await page.locator(`iframe[data-contribution="${EXTENSION}.programme-hub"]`).waitFor({ state: "attached" });

    await addWidget("stage-progress");
    await configure("stage-progress");
    await configuration("stage-progress").getByLabel("Stage").selectOption(STAGE);
    await page.click("#configuration-save");
    await settled(widget("stage-progress"));
    await failsVisibly("stage-progress");
  });

  it("defects by severity and role: open defects and SLA breaches of a stage, then only exit-blocking ones", async () => {
    const asOf = today();
    const summary = summariseDefects(defects, { asOf, rules, filter: { stage: STAGE } });
    await addWidget("defects-by-severity");
    await configure("defects-by-severity");
    await configuration("defects-by-severity").getByLabel("Stage").selectOption(STAGE);
    await eventually(() => figure(preview(), "open").textContent(), summary.open.toLocaleString("en-GB"), 30_000);
    expect(await figure(preview(), "breached").textContent()).toBe(String(summary.breaches.length));

    await configuration("defects-by-severity").getByLabel("Only exit-blocking defects").check();
    await eventually(() => figure(preview(), "open").textContent(), String(summary.exitBlocking.length), 30_000);
    await page.click("#configuration-save");
    await settled(widget("defects-by-severity"), "1x1");
    expect(await figure(widget("defects-by-severity"), "open").textContent()).toBe(String(summary.exitBlocking.length));
    expect(await figure(widget("defects-by-severity"), "breached").textContent()).toBe(String(summary.exitBlocking.filter((d) => d.slaBreached).length));

    await resize("defects-by-severity", "3x3");
    const frame = widget("defects-by-severity");
    const grid = await frame.locator("table.mhhs-grid-table tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
    const blockingSeverities = resolveDefectRules(rules).exitBlockingSeverities;
    const expectedTotals = blockingSeverities.map((severity) => {
      const open = summary.exitBlocking.filter((d) => d.severity === severity);
      const breached = open.filter((d) => d.slaBreached).length;
      return breached > 0 ? `${open.length}⚠${breached}, ${breached} past SLA` : String(open.length);
    });
    expect(grid[grid.length - 1].slice(1, -1)).toEqual(expectedTotals);
    for (const row of grid.slice(1, -1)) {
      const role = row[0] === "No role" ? undefined : row[0];
      const inRole = summary.exitBlocking.filter((d) => (d.defect.role ?? undefined) === role);
      expect(Number(row[row.length - 1].split("⚠")[0])).toBe(inRole.length);
    }
    expect(await frame.getByRole("table").getAttribute("aria-label")).toBe("Open exit-blocking defects by market role and severity, with those past their SLA");

    const [light, dark] = await switchTheme(frame);
    expect(light).not.toBe(dark);
    const breachColour = await frame.locator("body").evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--status-error-foreground").trim());
    expect(breachColour).toBe("rgba(205, 74, 69, 1)");

    await frame.getByRole("button", { name: `${STAGE} open exit-blocking defects` }).click();
    await eventually(() => page.evaluate(() => location.hash), `#/hub/programme-hub?stage=${STAGE}&cycle=&role=&participant=&pivot=defects`);
    await page.goto(host.page("#/dashboards"));
    await failsVisibly("defects-by-severity");
  });

  it("exit criteria: every criterion's RAG and figure for a stage (coverage and work-off plans too), as the domain judges it from REST data", async () => {
    const asOf = today();
    const criteria = exitCriteriaForStage(STAGE, (await store.load(EXIT_CRITERIA)).data.byStage);
    const metrics = computeExitMetricsByStage({ points, defects, requirements, testCases, asOf, defectRules: rules }, [STAGE])[STAGE];
    const evaluation = evaluateExitCriteria(criteria, metrics);
    expect(criteria.map((c) => c.metric)).toEqual(expect.arrayContaining(["requirementsCovered", "openDefectsWithoutWorkOffPlan"]));
    await addWidget("exit-criteria");
    await configure("exit-criteria");
    await configuration("exit-criteria").getByLabel("Stage").selectOption(STAGE);
    await configuration("exit-criteria").getByLabel("Title").fill("Functional exit");
    await preview().getByRole("heading", { name: "Functional exit" }).waitFor({ timeout: 30_000 });
    await page.click("#configuration-save");
    await settled(widget("exit-criteria"), "1x1");
    await resize("exit-criteria", "2x3");
    const frame = widget("exit-criteria");
    const shown = await frame.locator("li[data-criterion]").evaluateAll((items) =>
      items.map((li) => ({ id: li.getAttribute("data-criterion"), rag: li.querySelector("[data-rag]")?.getAttribute("data-rag"), actual: li.querySelector('[data-figure="actual"]')?.textContent })),
    );
    expect(shown.length).toBeGreaterThanOrEqual(Math.min(evaluation.results.length, 5));
    for (const item of shown) {
      const expected = evaluation.results.find((r) => r.id === item.id);
      if (!expected) throw new Error(`The widget shows criterion ${item.id}, which the stage does not have`);
      expect(item.rag).toBe(expected.rag);
      expect(item.actual).toBe(expected.actual === null ? "–" : /Rate$|requirements/.test(String(expected.metric)) ? `${round1(expected.actual)}%` : String(round1(expected.actual)));
    }
    await fitsItsCell(frame);
    const [light, dark] = await switchTheme(frame);
    expect(light).not.toBe(dark);
    await frame.getByRole("button", { name: "Functional exit" }).click();
    await eventually(() => page.evaluate(() => location.hash), `#/hub/programme-hub?stage=${STAGE}&cycle=&role=&participant=&pivot=exit`);
    await page.goto(host.page("#/dashboards"));
    await failsVisibly("exit-criteria");
  });

  it("participant readiness: participants of the SIT path by RAG, then of Qualification Testing, with the top blockers, as the hub judges the configured required tests", async () => {
    const participants = (await store.load(PARTICIPANT_REGISTER)).data.participants;
    const requirements = (await store.load(QUALIFICATION_REQUIREMENTS)).data;
    expect(requirements.requiredTests.length).toBeGreaterThan(0);
    // The hub's participants pivot from REST data: the widget must give every participant the same RAG.
    const hub = qualificationView({ participants, testCases, points, defects, asOf: today(), config: { ...requirements, defectRules: resolveDefectRules(rules) } });
    const expected = (path: "SIT" | "QT") => readinessFromQualification(hub.rows, path, requirements.stagesByPath?.[path] ?? DEFAULT_STAGES_BY_PATH[path]);
    const sit = expected("SIT");
    const qt = expected("QT");
    await addWidget("participant-readiness");
    await configure("participant-readiness");
    await configuration("participant-readiness").getByLabel("Path").selectOption("SIT");
    await eventually(() => figure(preview(), "ready").textContent(), String(sit.byRag.green), 30_000);
    await configuration("participant-readiness").getByLabel("Path").selectOption("QT");
    await eventually(() => figure(preview(), "ready").textContent(), String(qt.byRag.green), 30_000);
    await page.click("#configuration-save");
    await settled(widget("participant-readiness"), "1x1");
    await resize("participant-readiness", "2x3");
    const frame = widget("participant-readiness");
    const badges = await frame.locator('[data-figure="by-rag"] [data-rag]').evaluateAll((items) => items.map((b) => b.getAttribute("aria-label")));
    expect(badges).toEqual([`Red: ${qt.byRag.red} red`, `Amber: ${qt.byRag.amber} amber`, `Green: ${qt.byRag.green} green`]);
    const blockers = await frame.locator("li[data-participant]").evaluateAll((items) => items.map((li) => li.getAttribute("data-participant")));
    expect(blockers).toEqual(qt.topBlockers.slice(0, blockers.length).map((p) => p.mpid));
    expect(await frame.locator("table.mhhs-visually-hidden caption").textContent()).toBe("Qualification Testing participants by readiness");
    await fitsItsCell(frame);
    const [light, dark] = await switchTheme(frame);
    expect(light).not.toBe(dark);
    await frame.getByRole("button", { name: "Qualification Testing readiness" }).click();
    await eventually(() => page.evaluate(() => location.hash), "#/hub/programme-hub?stage=&cycle=&role=&participant=&path=QT&pivot=participants");
    await page.goto(host.page("#/dashboards"));
    await failsVisibly("participant-readiness");
  });
});
