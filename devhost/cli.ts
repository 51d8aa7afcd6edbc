// npx tsx devhost/cli.ts [--port 8123] [--data DIR] [--reset] [--scale 1] [--point-scale 1] [--anchor YYYY-MM-DD] [--faults]
// Environment: DEVHOST_PORT, DEVHOST_DATA, DEVHOST_PAT, DEVHOST_FAULTS=1, DEVHOST_SCALE, DEVHOST_POINT_SCALE, DEVHOST_ANCHOR.
import path from "node:path";
import { seedIfEmpty } from "./seed";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, PortInUseError, startDevhost } from "./server";

export interface CliOptions {
  port: number;
  dataDir: string;
  reset: boolean;
  scale: number;
  /** Multiplies each test case's test points (whole number; see SeedOptions.pointScale). */
  pointScale: number;
  faults: boolean;
  pat?: string;
  /** The seed's "today" (UTC midnight); the current day when absent. */
  anchor?: Date;
}

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const options: CliOptions = {
    port: env.DEVHOST_PORT ? Number(env.DEVHOST_PORT) : DEFAULT_PORT,
    dataDir: env.DEVHOST_DATA ? path.resolve(env.DEVHOST_DATA) : DEFAULT_DATA_DIR,
    reset: false,
    scale: env.DEVHOST_SCALE ? Number(env.DEVHOST_SCALE) : 1,
    pointScale: env.DEVHOST_POINT_SCALE ? Number(env.DEVHOST_POINT_SCALE) : 1,
    faults: env.DEVHOST_FAULTS === "1",
    pat: env.DEVHOST_PAT || undefined,
    anchor: env.DEVHOST_ANCHOR ? parseAnchor(env.DEVHOST_ANCHOR) : undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === "--port") options.port = Number(value());
    else if (argument === "--data") options.dataDir = path.resolve(value());
    else if (argument === "--scale") options.scale = Number(value());
    else if (argument === "--point-scale") options.pointScale = Number(value());
    else if (argument === "--reset") options.reset = true;
    else if (argument === "--faults") options.faults = true;
    else if (argument === "--anchor") options.anchor = parseAnchor(value());
    else throw new Error(`Unknown argument ${argument}. Usage: devhost [--port 8080] [--data DIR] [--reset] [--scale 1] [--point-scale 1] [--anchor YYYY-MM-DD] [--faults]`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`Invalid port ${options.port}`);
  if (!(options.scale > 0)) throw new Error(`Invalid scale ${options.scale}`);
  if (!Number.isInteger(options.pointScale) || options.pointScale < 1) throw new Error(`Invalid point scale ${options.pointScale}: a whole number of 1 or more`);
  return options;
}

function parseAnchor(text: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new Error(`Invalid anchor date ${text}: use YYYY-MM-DD`);
  return new Date(`${text}T00:00:00Z`);
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  try {
    const handle = await startDevhost({
      port: options.port,
      dataDir: options.dataDir,
      reset: options.reset,
      pat: options.pat,
      faults: options.faults,
      seed: (store) => {
        const seeded = seedIfEmpty(store, { scale: options.scale, pointScale: options.pointScale, anchor: options.anchor });
        if (seeded) {
          console.log(
            `Seeded ${seeded.workItems} work items, ${seeded.testPlans} test plans, ${seeded.testPoints} test points, ${seeded.testRuns} runs and ${seeded.testResults} results (scale ${options.scale}${options.pointScale === 1 ? "" : `, point scale ${options.pointScale}`}) in ${seeded.milliseconds} ms.`,
          );
        }
      },
    });
    const stop = () => void handle.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (error) {
    console.error(error instanceof PortInUseError ? error.message : `The local host could not start: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
