#!/usr/bin/env node
// Packages the built extension into out/ (outside the manifest's files, so an old .vsix never
// ends up inside a new one). MHHS_PUBLISHER and MHHS_VERSION override the manifest's values.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "vss-extension.json"), "utf8"));
const entries = require(path.join(root, "src/contributions/entries.json"));

const missing = entries.map((e) => `dist/${e.name}.html`).filter((f) => !fs.existsSync(path.join(root, f)));
if (missing.length > 0) {
  console.error(`Nothing to package yet: ${missing.join(", ")} missing. Run "npm run build" first.`);
  process.exit(1);
}

const publisher = process.env.MHHS_PUBLISHER || manifest.publisher;
const version = process.env.MHHS_VERSION || manifest.version;
if (!/^[a-z0-9][a-z0-9-]*$/i.test(publisher)) {
  console.error(`MHHS_PUBLISHER "${publisher}" is not a valid publisher id (letters, digits and hyphens).`);
  process.exit(1);
}
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error(`MHHS_VERSION "${version}" is not a version of the form major.minor.patch.`);
  process.exit(1);
}

const outDir = path.join(root, "out");
fs.mkdirSync(outDir, { recursive: true });
const tfx = path.join(root, "node_modules", ".bin", "tfx");
const result = spawnSync(
  tfx,
  [
    "extension", "create",
    "--root", root,
    "--manifest-globs", "vss-extension.json",
    "--output-path", outDir,
    "--publisher", publisher,
    "--override", JSON.stringify({ version }),
    "--no-prompt",
    "--no-color",
  ],
  { encoding: "utf8", env: { ...process.env, TFX_TRACE: "" } },
);
const output = `${result.stdout || ""}${result.stderr || ""}`;
process.stdout.write(output);
if (result.status !== 0) process.exit(result.status || 1);
if (/warn/i.test(output)) {
  console.error("tfx reported warnings: the package must build without any.");
  process.exit(1);
}
const vsix = path.join(outDir, `${publisher}.${manifest.id}-${version}.vsix`);
if (!fs.existsSync(vsix)) {
  console.error(`tfx finished but ${path.relative(root, vsix)} is missing.`);
  process.exit(1);
}
console.log(`Packaged ${path.relative(root, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
