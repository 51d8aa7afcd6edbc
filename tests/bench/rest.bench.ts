// REST benchmark: npx tsx tests/bench/rest.bench.ts [10k] [50k]
// Starts the local host in a child process (its own core) on a store seeded with ~10,000 and
// ~50,000 work items (and the seed's proportional test plans, points and runs), then measures, for
// each data source, the requests and the time to load what each widget shows and what the
// programme hub loads in full, and for the REST trend its runs and results requests and its basis
// (the exact history within its budget of requests, else the points' latest results). Each
// measurement starts from a fresh connection, so what a source reads before its first query (work
// item types, the plan-to-stage mapping) is counted too.
// Seeded stores are kept in .cache/bench-devhost and reused while the seed's code is unchanged.

import "./nodeHost";
import { ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectToServer, patAuthorization } from "../../src/ado/clients";
import { analyticsDataSource, ProgrammeDataSource, restDataSource } from "../../src/ado/dataSources";
import type { DailyTrend } from "../../src/ado/dataSources";
import { DEFAULT_TREND_RUN_BUDGET } from "../../src/ado/dataSources/rest";
import { DEFAULT_CLOSED_STATES } from "../../src/domain/model";
import { requestKind } from "./requestKinds";

const ROOT = path.resolve(__dirname, "..", "..");
const CACHE = path.join(ROOT, ".cache", "bench-devhost");
const ANCHOR = "2025-03-31";
const PAT = "benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbe";
const SIZES = [
  { label: "10k", scale: 1.58 },
  { label: "50k", scale: 8.85 },
];
const WIDGET_REQUEST_TARGET = 3;
const ANALYTICS_PAGE = 10_000;
const BATCH = 200;
/** Distinct Analytics queries of a hub load (work items x3, links x3, points, points counted, snapshot). */
const HUB_QUERIES = 9;

const only = process.argv.slice(2);
const day = (offset: number) => new Date(Date.parse(`${ANCHOR}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The host

function fingerprint(scale: number): string {
  const hash = crypto.createHash("sha256").update(`${scale}:${ANCHOR}`);
  for (const folder of ["devhost/seed", "devhost/store", "devhost/catalogue"]) {
    for (const file of fs.readdirSync(path.join(ROOT, folder)).sort()) hash.update(file).update(fs.readFileSync(path.join(ROOT, folder, file)));
  }
  return hash.digest("hex");
}

interface Host {
  url: string;
  seeded: string;
  stop(): Promise<void>;
}

async function startHost(scale: number): Promise<Host> {
  const dir = path.join(CACHE, `scale-${scale}`);
  const marker = path.join(dir, "bench.json");
  const expected = fingerprint(scale);
  const valid = fs.existsSync(marker) && JSON.parse(fs.readFileSync(marker, "utf8")).fingerprint === expected;
  fs.mkdirSync(dir, { recursive: true });
  const args = ["--import", "tsx", path.join(ROOT, "devhost", "cli.ts"), "--port", "0", "--data", dir, "--scale", String(scale), "--anchor", ANCHOR];
  if (!valid) args.push("--reset");
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, DEVHOST_PAT: PAT, DEVHOST_FAULTS: "" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`The local host stopped (${code}):\n${output}`)));
  });
  fs.writeFileSync(marker, JSON.stringify({ scale, anchor: ANCHOR, fingerprint: expected }));
  const seeded = /Seeded .*/.exec(output)?.[0] ?? "reused the seeded store in .cache/bench-devhost";
  return {
    url,
    seeded,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Measured<T> {
  result: T;
  ms: number;
  requests: number;
  /** Requests by kind: odata, wiql, batch, testplan, runs, results, other. */
  kinds: Record<string, number>;
  /** Requests that got no answer (and were sent again by the transport); not in `requests`. */
  dropped: number;
}


async function measure<T>(host: Host, make: (connection: ReturnType<typeof connectToServer>) => ProgrammeDataSource, run: (source: ProgrammeDataSource) => Promise<T>): Promise<Measured<T>> {
  const kinds: Record<string, number> = {};
  let requests = 0;
  let dropped = 0;
  const counting = (async (input: string | URL | Request, init?: RequestInit) => {
    try {
      const response = await fetch(input, init);
      requests++;
      const kind = response.ok ? (requestKind(String(input)) ?? "other") : `failed ${response.status}`;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      return response;
    } catch (error) {
      // A kept-alive connection the host closed while idle: the transport sends the request again.
      dropped++;
      throw error;
    }
  }) as typeof fetch;
  const connection = connectToServer({
    serviceRoot: `${host.url}/mhhs/`,
    projectName: "MHHS Programme",
    authorization: patAuthorization(PAT),
    extension: { publisherId: "mhhs-local", extensionId: "mhhs-test-management" },
    fetch: counting,
  });
  const source = make(connection);
  const started = performance.now();
  const result = await run(source);
  return { result, ms: performance.now() - started, requests, kinds, dropped };
}

const WIDGETS: { name: string; run: (source: ProgrammeDataSource) => Promise<unknown>; trend?: boolean }[] = [
  { name: "widget: points by stage x outcome", run: (s) => s.countTestPoints({ by: ["stage", "outcome"] }) },
  { name: "widget: open defects by severity x role", run: (s) => s.countWorkItems({ subject: "defects", by: ["severity", "role"], filter: { excludeStates: DEFAULT_CLOSED_STATES } }) },
  { name: "widget: SIT-FUNC trend, 28 days", run: (s) => s.dailyOutcomes({ from: day(-27), to: day(0), filter: { stage: "SIT-FUNC" } }), trend: true },
];

async function hubLoad(source: ProgrammeDataSource) {
  const [requirements, testCases, defects, points, trend] = await Promise.all([
    source.requirements(),
    source.testCases(),
    source.defects(),
    source.testPoints(),
    source.dailyOutcomes({ from: day(-69), to: day(0) }),
  ]);
  return { requirements, testCases, defects, points, trend };
}

// ---------------------------------------------------------------------------------------------
// Printing

const n = (x: number) => Math.round(x).toLocaleString("en-GB");
const cell = (text: string, width: number) => text.padStart(width);
const mark = (ok: boolean) => (ok ? "ok" : "MISSED");

/** The REST trend's cost and basis: only the trend reads test runs and their results. */
function trendLine(rest: Measured<unknown>, trend: DailyTrend): string {
  const results = rest.kinds.results ?? 0;
  return (
    `  REST trend: ${n((rest.kinds.runs ?? 0) + results)} requests (${n(rest.kinds.runs ?? 0)} runs lists, ${n(results)} results, budget ${n(DEFAULT_TREND_RUN_BUDGET)}: ${mark(results <= DEFAULT_TREND_RUN_BUDGET)}), ` +
    `basis ${trend.basis}${trend.note ? `\n    note: ${trend.note}` : ""}`
  );
}

function row(name: string, analytics: Measured<unknown>, rest: Measured<unknown>, note = ""): string {
  const dropped = analytics.dropped + rest.dropped;
  const failed = [analytics, rest].flatMap((m) => Object.entries(m.kinds).filter(([kind]) => kind.startsWith("failed")).map(([kind, count]) => `${count} ${kind}`));
  const notes = [note, dropped ? `${dropped} dropped connection(s) sent again` : "", ...failed].filter(Boolean).join("; ");
  return [name.padEnd(42), cell(n(analytics.requests), 9), cell(n(analytics.ms), 9), cell(n(rest.requests), 11), cell(n(rest.ms), 10), notes ? `  ${notes}` : ""].join("");
}

async function benchmark(label: string, scale: number): Promise<void> {
  const host = await startHost(scale);
  try {
    const warm = await measure(host, analyticsDataSource, (s) => s.countWorkItems({ subject: "testCases", by: [] }));
    await measure(host, restDataSource, (s) => s.countWorkItems({ subject: "testCases", by: [] }));
    console.log(`\n${label}: ${host.seeded}`);
    console.log(`${"".padEnd(42)}${cell("Analytics", 18)}${cell("REST (WIQL, batches, Test APIs)", 33)}`);
    console.log(`${"".padEnd(42)}${cell("requests", 9)}${cell("ms", 9)}${cell("requests", 11)}${cell("ms", 10)}`);
    for (const widget of WIDGETS) {
      const a = await measure(host, analyticsDataSource, widget.run);
      const r = await measure(host, restDataSource, widget.run);
      console.log(row(widget.name, a, r, `target <= ${WIDGET_REQUEST_TARGET} requests (Analytics): ${mark(a.requests <= WIDGET_REQUEST_TARGET)}`));
      if (widget.trend) console.log(trendLine(r, r.result as DailyTrend));
    }
    const a = await measure(host, analyticsDataSource, hubLoad);
    const r = await measure(host, restDataSource, hubLoad);
    console.log(row("hub: full load", a, r));
    console.log(trendLine(r, r.result.trend));

    const { requirements, testCases, defects, points } = a.result;
    const workItems = requirements.length + testCases.length + defects.length;
    const links = requirements.reduce((s, x) => s + x.testCaseIds.length, 0) + defects.reduce((s, x) => s + x.testCaseIds.length + (x.requirementIds?.length ?? 0), 0);
    const rows = workItems + points.length + links;
    const pageBound = Math.ceil(rows / ANALYTICS_PAGE) + HUB_QUERIES;
    const batches = r.kinds.batch ?? 0;
    console.log(
      `  read: ${n(workItems)} work items, ${n(links)} links, ${n(points.length)} test points (${n(warm.result.total)} test cases counted in ${warm.requests} requests)`,
    );
    console.log(
      `  Analytics: ${n(a.kinds.odata ?? 0)} pages, target <= ceil(${n(rows)} rows / ${n(ANALYTICS_PAGE)}) + ${HUB_QUERIES} queries = ${pageBound}: ${mark((a.kinds.odata ?? 0) <= pageBound)}` +
        `; besides: ${n(a.requests - (a.kinds.odata ?? 0))} REST requests (types, mapping, work-off plans by WIQL and batches)`,
    );
    console.log(
      `  REST: ${n(batches)} work item batches (ceil(${n(workItems)} / ${BATCH}) = ${n(Math.ceil(workItems / BATCH))}, per category and for the points' test cases), ${n(r.kinds.wiql ?? 0)} WIQL, ` +
        `${n(r.kinds.testplan ?? 0)} Test Plans pages, ${n((r.kinds.runs ?? 0) + (r.kinds.results ?? 0))} runs and results requests`,
    );
    const records = ({ trend: _trend, ...rest }: typeof a.result) => JSON.stringify(rest);
    const same = records(a.result) === records(r.result);
    const { trend } = r.result;
    const sameTrend =
      trend.basis === "history"
        ? JSON.stringify(a.result.trend) === JSON.stringify(trend)
          ? "the same trend"
          : "a DIFFERENT trend"
        : `REST's trend from the latest results, ${JSON.stringify(a.result.trend.days.at(-1)) === JSON.stringify(trend.days.at(-1)) ? "ending on the same day" : "ending on a DIFFERENT day"}`;
    console.log(`  both sources loaded the same records: ${same ? "yes" : "NO"}; ${sameTrend}`);
  } finally {
    await host.stop();
  }
}

async function main(): Promise<void> {
  console.log(`REST benchmark (node ${process.version}): the local host in a child process, ${ANCHOR} as the programme's today`);
  console.log("requests = answered requests (a request sent again after a dropped connection counts once); ms = wall time for the whole load");
  for (const size of SIZES) {
    if (only.length && !only.includes(size.label)) continue;
    await benchmark(`~${size.label} work items (scale ${size.scale})`, size.scale);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
