// Dashboard widgets benchmark: npx tsx tests/bench/widgets.bench.ts [10k] [50k] [50k-200k]
// For each widget, on the local host with stores of about 10,000 and 50,000 work items, and 50,000
// with about 216,000 test points (the hub benchmark's cached stores):
// - in headless Chromium, the dashboard with only that widget (2 x 2, configured): the time from
//   opening the dashboard until the widget shows its figures, and the requests the widget's frame
//   sent (REST and Analytics, not its scripts);
// - in Node, the widget's loader on a fresh connection through Analytics (what a frame does) and
//   through the REST fallback: requests and time to the figures;
// then the size of each widget's script and of the shared chunks it loads, from dist/.
// Analytics targets, the same at every size: at most 3 aggregate queries for a widget's figures;
// 6 for exit criteria, whose requirement coverage takes four (the stage's requirements, links, test
// cases and points by test case and outcome), each read in pages of up to 10,000 rows.

import "./nodeHost";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { connectToServer, patAuthorization } from "../../src/ado/clients";
import { restDataSource } from "../../src/ado/dataSources";
import { widgetData } from "../../src/ado/widgetData";
import type { WidgetData } from "../../src/ado/widgetData";
import { loadDefects } from "../../src/contributions/widgets/defects-by-severity/figures";
import { loadExitCriteria } from "../../src/contributions/widgets/exit-criteria/figures";
import { loadReadiness } from "../../src/contributions/widgets/participant-readiness/figures";
import { loadStageProgress } from "../../src/contributions/widgets/stage-progress/figures";
import { parseWidgetSettings, WidgetKind } from "../../src/domain/widgetSettings";
import { launchBrowser } from "../e2e/support/browser";
import { BENCH_ANCHOR, BENCH_PAT, BENCH_SIZES, BenchHost, BenchSize, ROOT, startBenchHost, storedPoints } from "./benchHost";
import { describeKinds, requestKind } from "./requestKinds";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildExtension = require(path.join(__dirname, "..", "e2e", "support", "build-extension.js")) as () => Promise<void>;

const only = process.argv.slice(2);
const n = (x: number) => Math.round(x).toLocaleString("en-GB");
const FIGURES_TIMEOUT_MS = 5 * 60_000;
const AGGREGATE_TARGETS: Readonly<Record<WidgetKind, number>> = { "stage-progress": 3, "defects-by-severity": 3, "exit-criteria": 6, "participant-readiness": 3 };
const DASHBOARD = "_apis/ExtensionManagement/InstalledExtensions/devhost/dashboards/Data/Scopes/Default/Current/Collections/dashboards/Documents";

interface BenchWidget {
  kind: WidgetKind;
  settings: Record<string, unknown>;
  load(data: WidgetData, settings: ReturnType<typeof parseWidgetSettings>["settings"]): Promise<unknown>;
}

const WIDGETS: BenchWidget[] = [
  { kind: "stage-progress", settings: { stage: "SIT-FUNC" }, load: (d, s) => loadStageProgress(d, s, { mode: "detail" }) },
  { kind: "defects-by-severity", settings: { stage: "SIT-FUNC" }, load: loadDefects },
  { kind: "exit-criteria", settings: { stage: "SIT-FUNC" }, load: loadExitCriteria },
  { kind: "participant-readiness", settings: { path: "SIT" }, load: loadReadiness },
];



interface Measured {
  ms: number;
  requests: number;
  kinds: Record<string, number>;
  /** Distinct Analytics queries (their pages counted once); Node only. */
  queries?: number;
}

/** The loader on a fresh connection (nothing cached: work item types, the plan-to-stage mapping and documents are read too). */
async function inNode(host: BenchHost, widget: BenchWidget, source: "analytics" | "rest"): Promise<Measured> {
  const kinds: Record<string, number> = {};
  const queries = new Set<string>();
  let requests = 0;
  const counting = ((input: string | URL | Request, init?: RequestInit) => {
    requests++;
    const kind = requestKind(String(input)) ?? "other";
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    // A query's further pages carry a $skiptoken: count the query once.
    if (kind === "odata") queries.add(decodeURIComponent(String(input)).replace(/[?&]\$skiptoken=[^&]*/i, ""));
    return fetch(input, init);
  }) as typeof fetch;
  const connection = connectToServer({
    serviceRoot: `${host.url}/${host.organization}/`,
    projectName: host.project,
    authorization: patAuthorization(BENCH_PAT),
    extension: { publisherId: "mhhs-local", extensionId: "mhhs-test-management" },
    fetch: counting,
  });
  const data = widgetData(connection, { source: source === "rest" ? restDataSource(connection) : undefined, today: () => BENCH_ANCHOR });
  const settings = parseWidgetSettings(widget.kind, JSON.stringify({ version: 1, ...widget.settings })).settings;
  const started = performance.now();
  await widget.load(data, settings);
  return { ms: performance.now() - started, requests, kinds, queries: queries.size };
}

async function putDashboard(host: BenchHost, widget: BenchWidget): Promise<void> {
  const body = {
    id: "default",
    __etag: -1,
    widgets: [
      {
        id: `bench-${widget.kind}`,
        contributionId: widget.kind,
        name: widget.kind,
        size: { rowSpan: 2, columnSpan: 2 },
        customSettings: { data: JSON.stringify({ version: 1, ...widget.settings }), version: { major: 1, minor: 0, patch: 0 } },
      },
    ],
  };
  const response = await fetch(`${host.url}/${host.organization}/${DASHBOARD}`, {
    method: "PUT",
    headers: { Accept: "application/json;api-version=7.1", "Content-Type": "application/json", Authorization: patAuthorization(BENCH_PAT) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The dashboard could not be saved: ${response.status} ${await response.text()}`);
}

/** The dashboard with the one widget, in the browser: time until its figures show, and its frame's requests. */
async function inBrowser(browser: Browser, host: BenchHost, widget: BenchWidget): Promise<Measured> {
  await putDashboard(host, widget);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.clock.setFixedTime(new Date(`${BENCH_ANCHOR}T12:00:00Z`));
  const page = await context.newPage();
  const kinds: Record<string, number> = {};
  let requests = 0;
  page.on("request", (request) => {
    const kind = requestKind(request.url());
    if (!kind || !request.frame().url().includes(`/dist/${widget.kind}.html`)) return;
    requests++;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  });
  const started = performance.now();
  await page.goto(`${host.url}/#/dashboards`);
  const frame = page.frameLocator(`.widget-cell iframe[data-contribution="mhhs-local.mhhs-test-management.${widget.kind}"]`);
  await frame.locator('.mhhs-widget[data-state="figures"], .mhhs-widget[data-state="failed"]').waitFor({ timeout: FIGURES_TIMEOUT_MS });
  const ms = performance.now() - started;
  const state = await frame.locator(".mhhs-widget").getAttribute("data-state");
  if (state !== "figures") throw new Error(`${widget.kind} failed: ${await frame.getByRole("alert").textContent()}`);
  await context.close();
  return { ms, requests, kinds };
}

/** A script and the shared chunks its page loads, from the built html. */
function bundle(name: string): { entry: number; chunks: { file: string; size: number }[] } | undefined {
  const dist = path.join(ROOT, "dist");
  const html = path.join(dist, `${name}.html`);
  if (!fs.existsSync(html)) return undefined;
  const scripts = [...fs.readFileSync(html, "utf8").matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => path.basename(m[1]));
  const size = (file: string) => fs.statSync(path.join(dist, file)).size;
  return { entry: size(`${name}.js`), chunks: scripts.filter((s) => s !== `${name}.js`).map((file) => ({ file, size: size(file) })) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function benchmark(browser: Browser, size: BenchSize): Promise<void> {
  const pointScale = size.pointScale ?? 1;
  const host = await startBenchHost(size.scale, "on", pointScale);
  try {
    const options = `scale ${size.scale}${pointScale === 1 ? "" : `, point scale ${pointScale}`}`;
    console.log(`\n${size.description} (${options}): ${n(host.store.workItems.count())} work items and ${n(storedPoints(host))} test points in the store; ${host.seeded}`);
    // Warms the server's caches and the browser's script cache.
    await inBrowser(browser, host, WIDGETS[0]);
    console.log("In the browser the frame's documents are read by the host page (extension data service), so they are not counted there; Node counts everything from a fresh connection.");
    console.log(`${"".padEnd(24)}${"browser (Analytics)".padStart(26)}${"Node, Analytics".padStart(22)}${"Node, REST fallback".padStart(24)}`);
    console.log(`${"".padEnd(24)}${"requests".padStart(12)}${"ms to figures".padStart(14)}${"requests".padStart(10)}${"ms".padStart(12)}${"requests".padStart(12)}${"ms".padStart(12)}`);
    for (const widget of WIDGETS) {
      const shown = await inBrowser(browser, host, widget);
      const analytics = await inNode(host, widget, "analytics");
      const rest = await inNode(host, widget, "rest");
      const aggregates = analytics.queries ?? 0;
      const pages = analytics.kinds.odata ?? 0;
      console.log(
        `${widget.kind.padEnd(24)}${n(shown.requests).padStart(12)}${n(shown.ms).padStart(14)}${n(analytics.requests).padStart(10)}${n(analytics.ms).padStart(12)}${n(rest.requests).padStart(12)}${n(rest.ms).padStart(12)}`,
      );
      const target = AGGREGATE_TARGETS[widget.kind];
      console.log(`${"".padEnd(26)}aggregate queries ${aggregates} (${pages} pages of up to 10,000 rows), target <= ${target} queries: ${aggregates <= target ? "ok" : "MISSED"}`);
      console.log(`${"".padEnd(26)}browser frame: ${describeKinds(shown.kinds)}`);
      console.log(`${"".padEnd(26)}Node, Analytics: ${describeKinds(analytics.kinds)}`);
      console.log(`${"".padEnd(26)}Node, REST: ${describeKinds(rest.kinds)}`);
    }
  } finally {
    await host.close();
  }
}

function printBundles(): void {
  console.log("\nBundles (minified, from dist/):");
  for (const widget of WIDGETS) {
    for (const name of [widget.kind, `${widget.kind}-configuration`]) {
      const sizes = bundle(name);
      if (!sizes) {
        console.log(`  ${name}: not built`);
        continue;
      }
      const total = sizes.entry + sizes.chunks.reduce((s, c) => s + c.size, 0);
      console.log(`  ${`${name}.js`.padEnd(42)}${kb(sizes.entry).padStart(10)}   with ${sizes.chunks.map((c) => `${c.file} ${kb(c.size)}`).join(", ")}: ${kb(total)}`);
    }
  }
}

async function main(): Promise<void> {
  console.log(`Dashboard widgets benchmark (node ${process.version}, headless Chromium; the host runs in this process): building the extension…`);
  await buildExtension();
  printBundles();
  const browser = await launchBrowser();
  try {
    for (const size of BENCH_SIZES) {
      if (only.length && !only.includes(size.label)) continue;
      await benchmark(browser.browser, size);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
