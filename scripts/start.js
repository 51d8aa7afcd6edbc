#!/usr/bin/env node
// npm start: builds the extension (the webpack cache makes a second start quick), then serves it
// in devhost with a seeded sample programme. Arguments pass through: npm start -- --port 8123.
const { spawnSync, spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
console.log("Building the extension…");
const build = spawnSync(process.execPath, [path.join(root, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"], {
  cwd: root,
  stdio: "inherit",
});
if (build.status !== 0) {
  console.error("The build failed; devhost was not started.");
  process.exit(build.status || 1);
}
const devhost = spawn(process.execPath, ["--import", "tsx", path.join(root, "devhost", "cli.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => devhost.kill(signal));
devhost.on("exit", (code, signal) => process.exit(signal ? 1 : code ?? 0));
