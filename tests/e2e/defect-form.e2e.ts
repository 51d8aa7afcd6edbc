import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchBrowser } from "./support/browser";
import { startE2eHost, E2eHost } from "./support/devhost";
import { restClient } from "./support/rest";

const MPANS = "Custom.MhhsTestMpans";
const REFERENCES = "Custom.MhhsDesignReferences";
const CYCLE = "Custom.MhhsTestCycle";

describe("defect form in devhost (headless Chromium)", () => {
  let host: E2eHost;
  let rest: ReturnType<typeof restClient>;
  let browser: { browser: Browser; close(): Promise<void> };
  let bugIds: number[];

  beforeAll(async () => {
    host = await startE2eHost();
    rest = restClient(host);
    browser = await launchBrowser();
    bugIds = await rest.wiqlIds("SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Bug' AND [System.State] = 'Active' ORDER BY [System.Id]");
    expect(bugIds.length).toBeGreaterThan(2);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  async function openBug(id: number): Promise<{ page: Page; group: FrameLocator }> {
    const page = await browser.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(host.page(`#/workitems/${id}`));
    const group = page.frameLocator('iframe[data-contribution="mhhs-local.mhhs-test-management.defect-group"]');
    await group.getByRole("textbox", { name: "Test MPANs" }).waitFor();
    return { page, group };
  }

  it("blocks the save while an MPAN or a design reference is wrong, and saves once they are fixed", async () => {
    const id = bugIds[0];
    const before = await rest.workItem(id);
    const { page, group } = await openBug(id);

    await group.getByRole("textbox", { name: "Test MPANs" }).fill("1800021679843");
    await group.getByRole("textbox", { name: "Design References" }).fill("IF-033; XYZ-9");
    await group.locator(`[data-field="${MPANS}"]`, { hasText: "check digit should be 8" }).waitFor();
    await group.locator(`[data-field="${REFERENCES}"]`, { hasText: "XYZ-9" }).waitFor();
    await page.locator('.form-messages [data-kind="blocking-error"]').waitFor();

    await page.click("#form-save");
    await page.locator('.form-messages [data-kind="save-error"]', { hasText: "Cannot save" }).waitFor();
    const untouched = await rest.workItem(id);
    expect(untouched.rev).toBe(before.rev);
    expect(untouched.fields[MPANS]).toBe(before.fields[MPANS]);

    await group.getByRole("textbox", { name: "Test MPANs" }).fill("1800021679848");
    await group.getByRole("textbox", { name: "Design References" }).fill("IF-033; BP009");
    await page.locator('.form-messages [data-kind="blocking-error"]').waitFor({ state: "detached" });
    expect(await group.locator(`[data-field="${MPANS}"] [role="alert"]`).count()).toBe(0);

    await page.click("#form-save");
    await page.locator('.form-messages [data-kind="saved"]').waitFor();
    const saved = await rest.workItem(id);
    expect(saved.rev).toBe(before.rev + 1);
    expect(saved.fields[MPANS]).toBe("1800021679848");
    expect(saved.fields[REFERENCES]).toBe("IF-033; BP009");
    await page.close();
  });

  it("tells the second editor about the conflict and keeps what they typed", async () => {
    const id = bugIds[1];
    const { page, group } = await openBug(id);
    await rest.update(id, { "System.Title": "Changed by someone else meanwhile" });

    await group.getByRole("textbox", { name: "Test Cycle" }).fill("Cycle 3");
    await page.click("#form-save");
    await page.locator('.form-messages [data-kind="save-error"]', { hasText: "Someone else changed this work item" }).waitFor();
    expect(await group.getByRole("textbox", { name: "Test Cycle" }).inputValue()).toBe("Cycle 3");

    const stored = await rest.workItem(id);
    expect(stored.fields["System.Title"]).toBe("Changed by someone else meanwhile");
    expect(stored.fields[CYCLE]).not.toBe("Cycle 3");
    await page.close();
  });
});
