import "../../src/ado/node";
import { restDataSource } from "../../src/ado/dataSources";
import { OUTCOME_LABELS, dayOf } from "../../src/ui/OutcomeText";
import { connectToDevhost } from "../support/devhostConnection";
import { restClient } from "./support/rest";
import { useHostAndBrowser } from "./support/session";

describe("test case form in devhost (headless Chromium)", () => {
  const e2e = useHostAndBrowser();

  it("creates a new test case with a programme id and MPANs, refusing a malformed id first", async () => {
    const rest = restClient(e2e.host);
    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(e2e.host.page("#/workitems/new/Test%20Case"));
    const group = page.frameLocator('iframe[data-contribution="mhhs-local.mhhs-test-management.test-case-group"]');
    const testCaseId = group.getByRole("textbox", { name: "Test Case Id" });
    await testCaseId.waitFor();

    await page.fill("#field-System-Title", "QT-093 appointment of a new Metering Service");
    await testCaseId.fill("QT-93");
    await page.locator('.form-messages [data-kind="blocking-error"]', { hasText: "Test Case Id" }).waitFor();

    await testCaseId.fill("qt-093");
    await testCaseId.blur();
    await group.getByRole("textbox", { name: "Test Case Id", exact: false }).and(group.locator('[value="QT-093"]')).waitFor();
    await group.getByRole("textbox", { name: "Test MPANs" }).fill("1800021679848\n2200000000014");
    await group.getByText("2 valid MPANs").waitFor();
    await page.locator('.form-messages [data-kind="blocking-error"]').waitFor({ state: "detached" });

    await page.click("#form-save");
    const saved = page.locator('.form-messages [data-kind="saved"]');
    await saved.waitFor();
    const id = Number(/Saved work item (\d+)/.exec((await saved.textContent()) ?? "")?.[1]);
    expect(id).toBeGreaterThan(0);

    const stored = await rest.workItem(id);
    expect(stored.fields["System.WorkItemType"]).toBe("Test Case");
    expect(stored.fields["System.Title"]).toBe("QT-093 appointment of a new Metering Service");
    expect(stored.fields["Custom.MhhsTestCaseId"]).toBe("QT-093");
    expect(stored.fields["Custom.MhhsTestMpans"]).toBe("1800021679848\n2200000000014");
    await page.close();
  });

  it("lists an existing test case's test points as the REST data has them, stage and cycle from the plan-to-stage mapping", async () => {
    const connection = connectToDevhost(e2e.host).connection;
    const points = await restDataSource(connection).testPoints();
    const perTestCase = new Map<number, typeof points>();
    for (const point of points) perTestCase.set(point.testCaseId, [...(perTestCase.get(point.testCaseId) ?? []), point]);
    // A test case in more than one plan, with at least one result.
    const [testCaseId, own] = [...perTestCase].find(([, list]) => new Set(list.map((p) => p.planId)).size > 1 && list.some((p) => p.outcome !== "notRun"))!;
    const expected = own.map((p) => [[p.stage, p.cycle].filter(Boolean).join(" ") || "–", p.configuration ?? "–", OUTCOME_LABELS[p.outcome], dayOf(p.lastRunDate)]);

    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(e2e.host.page(`#/workitems/${testCaseId}`));
    const group = page.frameLocator('iframe[data-contribution="mhhs-local.mhhs-test-management.test-case-group"]');
    const table = group.getByRole("table", { name: "Test plans and suites with latest outcomes" });
    await table.waitFor();
    const shown = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => (cell.textContent ?? "").trim())));
    expect(shown.map(([, , stage, configuration, outcome, lastRun]) => [stage, configuration, outcome, lastRun])).toEqual(expected);
    expect(shown.every(([plan, suite]) => plan !== "" && suite !== "")).toBe(true);
    await page.close();
  });
});
