// A local host on a seeded store for benchmarks. Seeded stores are kept in
// .cache/bench-devhost/scale-<scale> with the fingerprint of the seed's code, the same folders and
// fingerprints rest.bench.ts uses, so whichever benchmark runs first seeds them for the other; a store
// seeded with a point scale above 1 is kept apart, in scale-<scale>-points-<pointScale>, with the
// point scale in its fingerprint.
// Run as a script (`node --import tsx tests/bench/benchHost.ts <scale> <on|off> [pointScale]`) it serves the
// store in a process of its own, with Analytics on or off, and prints its address: a benchmark that
// measures from another process must not share its event loop with the server's SQLite work.

import "./nodeHost";
import { ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AnalyticsMode } from "../../devhost/odata/routes";
import { DevhostHandle, startDevhost } from "../../devhost/server";
import { seedIfEmpty } from "../../devhost/seed";

export const ROOT = path.resolve(__dirname, "..", "..");
export const BENCH_CACHE = path.join(ROOT, ".cache", "bench-devhost");
/** The programme's "today" of the benchmark stores. */
export const BENCH_ANCHOR = "2025-03-31";
export const BENCH_PAT = "benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbe";

export interface BenchSize {
  /** What to pass on the command line to run only this size. */
  label: string;
  /** How the size is introduced in the output. */
  description: string;
  scale: number;
  /** The seed's point scale (test points per test case, as a multiple of the programme's own); 1 when absent. */
  pointScale?: number;
}

/**
 * Scales that give about 10,000 and 50,000 work items with the seed's test plans and suites (about
 * 19,000 and 108,000 test points), and the 50,000 with each test case on twice the configurations
 * (about 216,000 test points).
 */
export const BENCH_SIZES: readonly BenchSize[] = [
  { label: "10k", description: "~10k work items", scale: 1.58 },
  { label: "50k", description: "~50k work items", scale: 8.85 },
  { label: "50k-200k", description: "~50k work items and ~200k test points", scale: 8.85, pointScale: 2 },
];

/** The cache folder of a store: scale-<scale>, or scale-<scale>-points-<pointScale> above point scale 1. */
export function benchStoreDir(scale: number, pointScale = 1): string {
  return path.join(BENCH_CACHE, pointScale === 1 ? `scale-${scale}` : `scale-${scale}-points-${pointScale}`);
}

/** The seed options and the seed's code; at point scale 1 the same as rest.bench.ts computes. */
export function seedFingerprint(scale: number, pointScale = 1): string {
  const hash = crypto.createHash("sha256").update(`${scale}:${BENCH_ANCHOR}${pointScale === 1 ? "" : `:points-${pointScale}`}`);
  for (const folder of ["devhost/seed", "devhost/store", "devhost/catalogue"]) {
    for (const file of fs.readdirSync(path.join(ROOT, folder)).sort()) hash.update(file).update(fs.readFileSync(path.join(ROOT, folder, file)));
  }
  return hash.digest("hex");
}

export interface BenchHost extends DevhostHandle {
  /** What seeding did, or that the cached store was reused. */
  seeded: string;
}

/** The host on the cached store of a scale and point scale, in this process, seeding it first when the cache is missing or stale. */
export async function startBenchHost(scale: number, analytics: AnalyticsMode = "on", pointScale = 1): Promise<BenchHost> {
  const dir = benchStoreDir(scale, pointScale);
  const marker = path.join(dir, "bench.json");
  const expected = seedFingerprint(scale, pointScale);
  const valid = fs.existsSync(marker) && JSON.parse(fs.readFileSync(marker, "utf8")).fingerprint === expected;
  fs.mkdirSync(dir, { recursive: true });
  let seeded = `reused the seeded store in .cache/bench-devhost/${path.basename(dir)}`;
  const handle = await startDevhost({
    port: 0,
    dataDir: dir,
    reset: !valid,
    quiet: true,
    pat: BENCH_PAT,
    analytics,
    seed: (store) => {
      const result = seedIfEmpty(store, { scale, pointScale, anchor: new Date(`${BENCH_ANCHOR}T00:00:00Z`) });
      if (result) seeded = `seeded ${result.workItems.toLocaleString("en-GB")} work items and ${result.testPoints.toLocaleString("en-GB")} test points in ${(result.milliseconds / 1000).toFixed(1)} s`;
    },
  });
  fs.writeFileSync(marker, JSON.stringify({ scale, ...(pointScale === 1 ? {} : { pointScale }), anchor: BENCH_ANCHOR, fingerprint: expected }));
  return { ...handle, seeded };
}

/** The test points in a host's store. */
export function storedPoints(host: DevhostHandle): number {
  return (host.store.db.prepare("SELECT COUNT(*) AS n FROM test_points").get() as { n: number }).n;
}

export interface BenchHostProcess {
  url: string;
  seeded: string;
  workItems: number;
  testPoints: number;
  stop(): Promise<void>;
}

/** The host in a child process (see the top of this file). */
export async function startBenchHostProcess(scale: number, analytics: AnalyticsMode, pointScale = 1): Promise<BenchHostProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", __filename, String(scale), analytics, String(pointScale)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const started = await new Promise<{ url: string; seeded: string; workItems: number; testPoints: number }>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^ready (.*)$/m.exec(output);
      if (line) resolve(JSON.parse(line[1]));
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`The benchmark host stopped (${code}):\n${output}`)));
  });
  return {
    ...started,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

if (require.main === module) {
  const [scale, analytics, pointScale] = process.argv.slice(2);
  startBenchHost(Number(scale), analytics === "off" ? "off" : "on", pointScale ? Number(pointScale) : 1).then(
    (host) => {
      console.log(`ready ${JSON.stringify({ url: host.url, seeded: host.seeded, workItems: host.store.workItems.count(), testPoints: storedPoints(host) })}`);
      process.once("SIGTERM", () => void host.close().then(() => process.exit(0)));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
