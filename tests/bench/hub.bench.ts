// Programme hub benchmark: npx tsx tests/bench/hub.bench.ts [10k] [50k] [50k-200k]
// Opens the built MHHS Programme hub in headless Chromium on the local host, on stores seeded with
// about 10,000 and 50,000 work items (and the seed's test plans, about two test points per work
// item), and 50,000 work items with twice the points per test case (the seed's point scale 2, about
// 216,000 test points), once reading through Analytics and once through the REST API (Analytics
// switched off), and prints the time until every part is loaded and the overview is drawn, the
// requests the hub sent, the test points it loaded, and how long the other pivots take to draw from
// the loaded data, then a summary of every case. The host runs in a child
// process, so its SQLite work never holds up the measuring; the browser's clock is set to the
// seed's "today" so the trend covers the seeded history.

import "./nodeHost";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../e2e/support/browser";
import { BENCH_ANCHOR, BENCH_SIZES, BenchHostProcess, BenchSize, startBenchHostProcess } from "./benchHost";
import { requestKind } from "./requestKinds";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildExtension = require(path.join(__dirname, "..", "e2e", "support", "build-extension.js")) as () => Promise<void>;

const HUB = 'iframe[data-contribution="mhhs-local.mhhs-test-management.programme-hub"]';
const LOAD_TIMEOUT_MS = 10 * 60_000;
/** Past this the trend is reported as still loading. */
const TREND_TIMEOUT_MS = 3 * 60_000;
const only = process.argv.slice(2);
const n = (x: number) => Math.round(x).toLocaleString("en-GB");


interface HubRun {
  loadMs: number;
  /** Undefined when the trend was still loading after TREND_TIMEOUT_MS. */
  trendMs?: number;
  /** Requests sent by the time every part was loaded and the overview drawn. */
  requestsAtLoad: number;
  requests: number;
  kinds: Record<string, number>;
  parts: string;
  /** Test points the hub loaded, from its parts line. */
  points?: number;
  pivots: { name: string; ms: number }[];
  source: string;
}

async function openHub(browser: Browser, host: BenchHostProcess): Promise<HubRun> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  await context.clock.setFixedTime(new Date(`${BENCH_ANCHOR}T12:00:00Z`));
  const page: Page = await context.newPage();
  const kinds: Record<string, number> = {};
  let requests = 0;
  page.on("request", (request) => {
    const kind = requestKind(request.url());
    if (!kind) return;
    requests++;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  });
  const started = performance.now();
  await page.goto(`${host.url}/#/hub/programme-hub?stage=&pivot=overview`);
  const hub = page.frameLocator(HUB);
  await hub.locator('[data-loaded="true"] [data-stage]').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  const loadMs = performance.now() - started;
  const requestsAtLoad = requests;
  const trendMs = await hub
    .locator('[data-section="trend"] canvas')
    .waitFor({ timeout: TREND_TIMEOUT_MS })
    .then(
      () => performance.now() - started,
      () => undefined,
    );
  const parts = (await hub.locator("[data-parts]").getAttribute("data-parts")) ?? "";
  const loadedPoints = /Test points ([\d,]+) in/.exec(parts)?.[1];
  const source = /read through [^·]*/.exec((await hub.getByText(/read through/).first().textContent()) ?? "")?.[0] ?? "";
  const pivots: { name: string; ms: number }[] = [];
  for (const [name, marker] of [
    ["Traceability (RTTM)", '[data-pivot="traceability"]'],
    ["Defects", '[data-pivot="defects"]'],
    ["Participants and qualification", '[data-pivot="participants"]'],
    ["Environments", '[data-pivot="environments"]'],
  ] as const) {
    const t = performance.now();
    await hub.getByRole("tab", { name }).click();
    await hub.locator(marker).waitFor({ timeout: LOAD_TIMEOUT_MS });
    pivots.push({ name, ms: performance.now() - t });
  }
  await context.close();
  return { loadMs, trendMs, requestsAtLoad, requests, kinds, parts, points: loadedPoints === undefined ? undefined : Number(loadedPoints.replace(/,/g, "")), pivots, source };
}

function print(label: string, run: HubRun): void {
  const kinds = Object.entries(run.kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ");
  console.log(`  ${label.padEnd(10)} (${run.source.trim()})`);
  const trend = run.trendMs === undefined ? `trend still loading after ${n(TREND_TIMEOUT_MS / 1000)} s` : `trend drawn at ${n(run.trendMs)} ms`;
  console.log(`  ${"".padEnd(10)} every part loaded and the overview drawn in ${n(run.loadMs)} ms after ${n(run.requestsAtLoad)} requests; ${trend}`);
  console.log(`  ${"".padEnd(10)} ${n(run.requests)} requests in all: ${kinds}`);
  if (run.parts) console.log(`  ${"".padEnd(10)} ${run.parts}`);
  console.log(`  ${"".padEnd(10)} test points loaded: ${run.points === undefined ? "none reported" : n(run.points)}`);
  console.log(`  ${"".padEnd(10)} pivots drawn from the loaded data: ${run.pivots.map((p) => `${p.name} ${n(p.ms)} ms`).join(", ")}`);
}

interface SummaryRow {
  size: BenchSize;
  source: string;
  workItems: number;
  storedPoints: number;
  run: HubRun;
}
const summary: SummaryRow[] = [];

async function benchmark(browser: Browser, size: BenchSize): Promise<void> {
  const pointScale = size.pointScale ?? 1;
  for (const [mode, name] of [
    ["on", "Analytics"],
    ["off", "REST"],
  ] as const) {
    const started = performance.now();
    const host = await startBenchHostProcess(size.scale, mode, pointScale);
    try {
      if (mode === "on") {
        const options = `scale ${size.scale}${pointScale === 1 ? "" : `, point scale ${pointScale}`}`;
        console.log(`\n${size.description} (${options}): ${n(host.workItems)} work items and ${n(host.testPoints)} test points in the store; ${host.seeded} (host ready in ${n((performance.now() - started) / 1000)} s)`);
        // A first opening warms the server's caches.
        await openHub(browser, host);
      }
      const run = await openHub(browser, host);
      print(name, run);
      summary.push({ size, source: name, workItems: host.workItems, storedPoints: host.testPoints, run });
    } finally {
      await host.stop();
    }
  }
}

function printSummary(): void {
  if (summary.length === 0) return;
  console.log("\nSummary: hub load (every part loaded and the overview drawn)");
  console.log(`  ${"case".padEnd(10)}${"source".padEnd(11)}${"work items".padStart(12)}${"points stored".padStart(15)}${"points loaded".padStart(15)}${"load ms".padStart(10)}${"requests".padStart(10)}`);
  for (const row of summary) {
    console.log(
      `  ${row.size.label.padEnd(10)}${row.source.padEnd(11)}${n(row.workItems).padStart(12)}${n(row.storedPoints).padStart(15)}${(row.run.points === undefined ? "-" : n(row.run.points)).padStart(15)}${n(row.run.loadMs).padStart(10)}${n(row.run.requestsAtLoad).padStart(10)}`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`Programme hub benchmark (node ${process.version}, headless Chromium): building the extension…`);
  await buildExtension();
  const browser = await launchBrowser();
  try {
    for (const size of BENCH_SIZES) {
      if (only.length && !only.includes(size.label)) continue;
      await benchmark(browser.browser, size);
    }
  } finally {
    await browser.close();
  }
  printSummary();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
