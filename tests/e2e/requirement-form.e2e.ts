import "../../src/ado/node";
import { restDataSource } from "../../src/ado/dataSources";
import { coverageView } from "../../src/contributions/forms/requirement/coverageView";
import { OUTCOME_LABELS, dayOf } from "../../src/ui/OutcomeText";
import { connectToDevhost } from "../support/devhostConnection";
import { restClient } from "./support/rest";
import { useHostAndBrowser } from "./support/session";

const TESTED_BY = "Microsoft.VSTS.Common.TestedBy-Forward";

// The requirement form's coverage panel against what the REST API says for the same seed:
// the same linked test cases, and for each its latest outcome per stage and participant.
describe("requirement coverage panel in devhost (headless Chromium)", () => {
  const e2e = useHostAndBrowser();

  it("shows the linked test cases and their latest outcomes as the REST data has them", async () => {
    const rest = restClient(e2e.host);
    const requirementIds = await rest.wiqlIds(
      "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'User Story' ORDER BY [System.Id]",
    );
    let requirement: Awaited<ReturnType<typeof rest.workItem>> | undefined;
    for (const id of requirementIds.slice(0, 50)) {
      const candidate = await rest.workItem(id);
      if ((candidate.relations ?? []).filter((r) => r.rel === TESTED_BY).length >= 2) {
        requirement = candidate;
        break;
      }
    }
    expect(requirement).toBeDefined();
    const linked = requirement!.relations!.filter((r) => r.rel === TESTED_BY).map((r) => Number(/(\d+)$/.exec(r.url)![1]));

    const connection = connectToDevhost(e2e.host).connection;
    const source = restDataSource(connection);
    const [testCases, points] = await Promise.all([source.testCases(), source.testPoints()]);
    const expected = coverageView(
      { id: requirement!.id, type: "", roles: [], stages: [], testCaseIds: linked },
      { testCases: testCases.filter((t) => linked.includes(t.id)), points: points.filter((p) => linked.includes(p.testCaseId)), defects: [] },
    );
    const expectedRows = expected.testCases.flatMap((testCase) =>
      testCase.latest.map((row) => [String(testCase.id), row.stage, row.participant, OUTCOME_LABELS[row.outcome], dayOf(row.lastRunDate)]),
    );
    expect(expectedRows.length).toBeGreaterThan(0);

    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1200 } });
    await page.goto(e2e.host.page(`#/workitems/${requirement!.id}`));
    const group = page.frameLocator('iframe[data-contribution="mhhs-local.mhhs-test-management.requirement-group"]');
    const table = group.getByRole("table", { name: "Linked test cases and their latest outcomes" });
    await table.waitFor();
    const shown = await table.locator("tbody tr").evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => (cell.textContent ?? "").trim())),
    );
    let currentTestCase = "";
    const shownRows = shown.map(([name, stage, participant, outcome, lastRun]) => {
      if (name) currentTestCase = /^(\d+)/.exec(name)?.[1] ?? name;
      return [currentTestCase, stage, participant, outcome, lastRun];
    });
    expect(shownRows).toEqual(expectedRows);
    await page.close();
  });
});
