import type { Browser, FrameLocator, Page } from "playwright-core";
import { TESTER_USER } from "../../devhost/catalogue/users";
import { FRESH_PROJECT } from "../../devhost/seed";
import { launchBrowser } from "./support/browser";
import { startE2eHost, E2eHost } from "./support/devhost";
import { restClient } from "./support/rest";

const HUB = "mhhs-local.mhhs-test-management.admin-hub";
const GROUP = (name: string) => `mhhs-local.mhhs-test-management.${name}`;
const PROCESSES = "_apis/work/processes";

interface ProcessType {
  name: string;
  referenceName: string;
  customization: string | number;
}

// The admin's path on a project the extension has never touched: "Fresh Project" is on the system
// Agile process, without the MHHS fields on its types (the organization has the fields already,
// from the seeded programme's process, as an organization with another MHHS project would).
describe("MHHS set-up hub: process set-up (headless Chromium)", () => {
  let host: E2eHost;
  let rest: ReturnType<typeof restClient>;
  let browser: { browser: Browser; close(): Promise<void> };
  let createdProcessId: string;

  beforeAll(async () => {
    host = await startE2eHost();
    rest = restClient(host);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  async function openHub(query: Record<string, string>): Promise<{ page: Page; hub: FrameLocator }> {
    const page = await browser.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(host.page(`?${new URLSearchParams(query)}#/hub/${HUB}`));
    const hub = page.frameLocator(`iframe[data-contribution="${HUB}"]`);
    await hub.getByRole("heading", { name: "Process set-up" }).waitFor();
    return { page, hub };
  }

  async function freshProcess(): Promise<{ id: string; types: ProcessType[] }> {
    const project = host.store.projects.find(FRESH_PROJECT)!;
    const types = await rest.call<{ value: ProcessType[] }>(`${PROCESSES}/${project.processId}/workItemTypes`);
    return { id: project.processId, types: types.value };
  }

  async function typeFields(processId: string, typeRef: string): Promise<string[]> {
    return (await rest.call<{ value: Array<{ referenceName: string }> }>(`${PROCESSES}/${processId}/workItemTypes/${typeRef}/fields`)).value.map((f) => f.referenceName);
  }

  it("on the system process, explains it cannot be changed and creates an inherited process to move the project to", async () => {
    const { page, hub } = await openHub({ project: FRESH_PROJECT });
    await hub.getByText('Fresh Project uses the system process "Agile".').waitFor();
    await hub.getByText(/This project uses the system process "Agile", which cannot be changed/).waitFor();
    expect(await hub.getByRole("button", { name: /^Apply \d+ changes$/ }).getAttribute("aria-disabled")).toBe("true");

    expect(await hub.getByLabel("Name of the new process").inputValue()).toBe("MHHS Agile Fresh Project");
    await hub.getByRole("button", { name: "Create the inherited process" }).click();
    await hub.getByText(/The inherited process "MHHS Agile Fresh Project" was created from Agile/).waitFor();
    await hub.getByText('Next to "Fresh Project", open the … menu and choose "Change process".').waitFor();

    const processes = await rest.call<{ value: Array<{ name: string; typeId: string; customizationType: string }> }>(PROCESSES);
    const created = processes.value.find((p) => p.name === "MHHS Agile Fresh Project")!;
    expect(created.customizationType).toBe("inherited");
    createdProcessId = created.typeId;
    // What the admin does next in Organization settings → Process → Agile → Projects → Change process.
    host.store.projects.changeProcess(host.store.projects.find(FRESH_PROJECT)!.id, createdProcessId);
    await page.close();
  });

  it("a user without Edit process is told which permission is missing, and nothing changes", async () => {
    const { page, hub } = await openHub({ project: FRESH_PROJECT, user: TESTER_USER.id });
    await hub.getByText('Fresh Project uses the inherited process "MHHS Agile Fresh Project", inherited from Agile.').waitFor();
    const apply = hub.getByRole("button", { name: /^Apply \d+ changes$/ });
    await apply.click();
    const message = hub.getByRole("alert").filter({ hasText: 'You do not have the "Edit process" permission on this process' });
    await message.waitFor();
    expect(await message.textContent()).toMatch(/Project Collection Administrators have it.*Nothing was changed\./);
    expect(await hub.locator('[data-status="done"]').count()).toBe(0);

    const process = await freshProcess();
    expect(process.id).toBe(createdProcessId);
    expect(process.types.filter((t) => t.customization === "inherited" || t.customization === 2)).toEqual([]);
    expect(await typeFields(process.id, "Microsoft.VSTS.WorkItemTypes.Bug")).not.toContain("Custom.MhhsTestStage");
    await page.close();
  });

  it("the admin sees what is missing, applies it step by step, and applying again has nothing to do", async () => {
    const { page, hub } = await openHub({ project: FRESH_PROJECT });
    const types = hub.getByRole("table", { name: "MHHS fields and groups per work item type" });
    await types.locator('tr[data-type="Bug"]', { hasText: "0 of 11" }).waitFor();
    await hub.getByRole("list", { name: "Changes to Bug" }).getByText("Add Test Stage to Bug").waitFor();
    const apply = hub.getByRole("button", { name: /^Apply \d+ changes$/ });
    const label = (await apply.textContent()) ?? "";
    const count = Number(/Apply (\d+) changes/.exec(label)?.[1]);
    expect(count).toBeGreaterThan(30);
    await apply.click();
    await hub.getByText(`All ${count} changes were applied. The check below shows the process as it is now.`).waitFor({ timeout: 60_000 });
    expect(await hub.locator('[data-status="done"]').count()).toBe(count);
    await hub.getByText("Everything is in place").waitFor();
    for (const name of ["User Story", "Test Case", "Bug"]) {
      expect(await types.locator(`tr[data-type="${name}"]`).textContent()).toMatch(/(\d+) of \1Shown$/);
    }

    const process = await freshProcess();
    const bug = process.types.find((t) => t.name === "Bug")!;
    expect(bug.referenceName).toBe("MHHSAgileFreshProject.Bug");
    expect(await typeFields(process.id, bug.referenceName)).toEqual(expect.arrayContaining(["Custom.MhhsTestStage", "Custom.MhhsWorkOffPlan", "Custom.MhhsEnvironment"]));
    const layout = await rest.call<{ pages: Array<{ sections: Array<{ groups: Array<{ visible: boolean; contribution?: { contributionId: string } }> }> }> }>(
      `${PROCESSES}/${process.id}/workItemTypes/${bug.referenceName}/layout`,
    );
    const groups = layout.pages.flatMap((p) => p.sections.flatMap((s) => s.groups)).filter((g) => g.contribution);
    expect(groups.map((g) => [g.contribution!.contributionId, g.visible])).toEqual([
      [GROUP("defect-group"), true],
      [GROUP("requirement-group"), false],
      [GROUP("test-case-group"), false],
    ]);

    // Checking again finds nothing: there is no Apply to press, and the process is as it was.
    await page.reload();
    const again = page.frameLocator(`iframe[data-contribution="${HUB}"]`);
    await again.getByText("Everything is in place").waitFor();
    expect(await again.getByRole("button", { name: /^Apply/ }).count()).toBe(0);
    expect((await freshProcess()).types.map((t) => [t.name, t.referenceName])).toEqual(process.types.map((t) => [t.name, t.referenceName]));

    // The form of a new Bug in the project shows the MHHS defect group, and not the others.
    await page.goto(host.page(`?${new URLSearchParams({ project: FRESH_PROJECT })}#/workitems/new/Bug`));
    await page.locator(`[data-contribution-box="defect-group"], [data-contribution-box="${GROUP("defect-group")}"]`).first().waitFor();
    expect(await page.locator('[data-contribution-box*="requirement-group"], [data-contribution-box*="test-case-group"]').count()).toBe(0);
    await page.close();
  });
});
