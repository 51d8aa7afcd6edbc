#!/usr/bin/env node
// Runs every benchmark under tests/bench (files named *.bench.ts) in its own process, one
// after the other so they do not compete for the two cores; each prints its own figures.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const benchDir = path.join(root, "tests", "bench");
const only = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(benchDir, file)], { stdio: "inherit", cwd: root });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
