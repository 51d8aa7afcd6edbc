import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./support/browser";
import { startE2eHost, E2eHost } from "./support/devhost";
import { buildFixtureExtension } from "./support/fixtures";

// The host's dashboard with a fixture widget: add, configure with a live preview, resize,
// remove, and all of it kept across a reload.
describe("devhost dashboard (fixture widget in headless Chromium)", () => {
  let host: E2eHost;
  let fixture: ReturnType<typeof buildFixtureExtension>;
  let browser: { browser: Browser; close(): Promise<void> };
  let page: Page;
  const widgetFrame = () => page.frameLocator('.widget-cell iframe[data-contribution="mhhs-local.sdk-probe.probe-widget"]');

  beforeAll(async () => {
    fixture = buildFixtureExtension("sdk-probe");
    host = await startE2eHost({ extension: { manifestPath: fixture.manifestPath, root: fixture.root }, seed: false });
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    fixture?.dispose();
  });

  it("adds, configures, resizes and removes a widget, and keeps the dashboard", async () => {
    await page.goto(host.page("#/dashboards"));
    await page.locator("#dashboard-empty").waitFor();
    await page.selectOption("#widget-catalog", "probe-widget");
    await page.click("#widget-add");
    await widgetFrame().locator("#greeting", { hasText: "unconfigured" }).waitFor();
    expect(await widgetFrame().locator("#size").textContent()).toBe("2x1");

    await page.click(".widget-configure");
    const configuration = page.frameLocator('dialog iframe[data-contribution="mhhs-local.sdk-probe.probe-widget-configuration"]');
    const preview = page.frameLocator('dialog .preview-frame iframe');
    await configuration.getByLabel("Greeting").fill("Hello SIT");
    await preview.locator("#greeting", { hasText: "Hello SIT" }).waitFor();
    expect(await preview.locator("#how").textContent()).toBe("reload");
    expect(await widgetFrame().locator("#greeting").textContent()).toBe("unconfigured");
    await page.click("#configuration-save");
    await widgetFrame().locator("#greeting", { hasText: "Hello SIT" }).waitFor();

    await page.selectOption(".widget-size", "3x2");
    await widgetFrame().locator("#size", { hasText: "3x2" }).waitFor();

    await page.reload();
    await widgetFrame().locator("#greeting", { hasText: "Hello SIT" }).waitFor();
    expect(await widgetFrame().locator("#size").textContent()).toBe("3x2");

    await page.click(".widget-remove");
    await page.locator(".widget-cell").waitFor({ state: "detached" });
    await page.reload();
    await page.locator("#dashboard-empty").waitFor();
    expect(await page.locator(".widget-cell").count()).toBe(0);
  });
});
