import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./support/browser";
import { startE2eHost, E2eHost } from "./support/devhost";
import { buildFixtureExtension } from "./support/fixtures";

// The real azure-devops-extension-sdk and REST client, in a frame of the host page, over the
// host's XDM channel, against devhost's REST API and SQLite store.
describe("host protocol (sdk-probe fixture in headless Chromium)", () => {
  let host: E2eHost;
  let fixture: ReturnType<typeof buildFixtureExtension>;
  let browser: { browser: Browser; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    fixture = buildFixtureExtension("sdk-probe");
    host = await startE2eHost({ extension: { manifestPath: fixture.manifestPath, root: fixture.root }, seed: false });
    browser = await launchBrowser();
    page = await browser.browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    fixture?.dispose();
  });

  it("completes the handshake, gets services, calls REST with its token, keeps extension data with etags and follows theme changes", async () => {
    await page.goto(host.page("?theme=light#/hub/sdk-probe-hub"));
    const frame = page.frameLocator('iframe[data-contribution="mhhs-local.sdk-probe.sdk-probe-hub"]');

    await frame.locator("#contribution").waitFor();
    expect(await frame.locator("#contribution").textContent()).toBe("mhhs-local.sdk-probe.sdk-probe-hub");
    expect(await frame.locator("#extension").textContent()).toBe("mhhs-local.sdk-probe");
    expect(await frame.locator("#user").textContent()).toMatch(/@/);

    await frame.locator("#project").waitFor();
    expect(await frame.locator("#project").textContent()).toBe("MHHS Programme");
    expect(await frame.locator("#token").textContent()).toBe("issued");

    await frame.locator("#types").waitFor();
    const types = (await frame.locator("#types").textContent())!.split(",");
    expect(types).toEqual(expect.arrayContaining(["Bug", "Test Case", "User Story"]));
    expect(await frame.locator("#error").count()).toBe(0);

    await frame.locator("#userValue").waitFor();
    expect(await frame.locator("#etags").textContent()).toBe("1,2");
    expect(await frame.locator("#stale").textContent()).toBe("400 InvalidDocumentVersionException");
    expect(await frame.locator("#stored").textContent()).toBe("2");
    expect(await frame.locator("#userValue").textContent()).toBe("hello");

    await frame.locator("#theme").waitFor();
    expect(await frame.locator("#theme").textContent()).toBe("rgba(255, 255, 255, 1)");
    await page.click("#theme-toggle");
    await frame.locator("#theme", { hasText: "rgba(30, 30, 30, 1)" }).waitFor();
  });

  it("refuses REST calls without a credential and with a forged token", async () => {
    const bare = await fetch(`${host.url}/${host.organization}/_apis/projects`, { headers: { Accept: "application/json;api-version=7.1" } });
    expect(bare.status).toBe(401);
    const forged = await fetch(`${host.url}/${host.organization}/_apis/projects`, {
      headers: { Accept: "application/json;api-version=7.1", Authorization: "Bearer not-a-token" },
    });
    expect(forged.status).toBe(401);
  });
});
