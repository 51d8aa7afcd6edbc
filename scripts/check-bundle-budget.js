#!/usr/bin/env node
// Holds the built scripts to bundle-budget.json; prints every size so growth is visible.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const { budgets, defaultEntryBudget } = JSON.parse(fs.readFileSync(path.join(root, "bundle-budget.json"), "utf8"));
if (!fs.existsSync(dist)) {
  console.error('No dist/ to check: run "npm run build" first.');
  process.exit(1);
}
const scripts = fs.readdirSync(dist).filter((f) => f.endsWith(".js")).sort();
let over = 0;
for (const file of scripts) {
  const size = fs.statSync(path.join(dist, file)).size;
  const budget = budgets[file] ?? defaultEntryBudget;
  const verdict = size > budget ? "OVER BUDGET" : "ok";
  if (size > budget) over++;
  console.log(`${file.padEnd(32)} ${(size / 1024).toFixed(1).padStart(8)} KB  budget ${(budget / 1024).toFixed(0).padStart(5)} KB  ${verdict}`);
}
if (over) {
  console.error(`${over} script(s) over budget.`);
  process.exit(1);
}
