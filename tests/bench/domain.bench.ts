// Domain aggregation benchmark: npx tsx tests/bench/domain.bench.ts
// Times coverage, progress (stage x role x participant + daily trend), defect ageing
// (severity x role x age) and exit-criteria evaluation at 10k, 50k and 100k work items
// (2 test points per work item). Each size is warmed up once, then the median of 3 runs is shown.

import { analyseCoverage } from "../../src/domain/coverage";
import { summariseDefects } from "../../src/domain/defects";
import { computeExitMetricsByStage, evaluateExitCriteria, exitCriteriaForStage } from "../../src/domain/exitCriteria";
import { groupProgress, progressTrend } from "../../src/domain/progress";
import { DEFAULT_STAGES } from "../../src/domain/catalogues";
import { SyntheticProgramme, generateProgramme } from "./synthetic";

const SIZES = [10_000, 50_000, 100_000];
const RUNS = 3;
const TARGET_MS = 1000;

type Step = "coverage" | "progress" | "defects" | "exit";
const STEPS: Step[] = ["coverage", "progress", "defects", "exit"];

let sink = 0; // keeps results alive so nothing is optimised away

function runStep(step: Step, p: SyntheticProgramme): void {
  switch (step) {
    case "coverage": {
      const r = analyseCoverage({ requirements: p.requirements, testCases: p.testCases, points: p.points, defects: p.defects });
      sink += r.rollup.length;
      break;
    }
    case "progress": {
      const g = groupProgress(p.points, ["stage", "role", "participant"]);
      const t = progressTrend({ points: p.points, history: p.history, from: p.from, to: p.to, defects: p.defects });
      sink += g.rows.length + t.days.length;
      break;
    }
    case "defects": {
      const s = summariseDefects(p.defects, { asOf: p.asOf, stageEndDates: p.stageEndDates });
      sink += s.ageing.length;
      break;
    }
    case "exit": {
      const stages = DEFAULT_STAGES.map((s) => s.code);
      const metrics = computeExitMetricsByStage(
        { points: p.points, defects: p.defects, requirements: p.requirements, testCases: p.testCases, asOf: p.asOf, stageEndDates: p.stageEndDates },
        stages,
      );
      for (const s of stages) sink += evaluateExitCriteria(exitCriteriaForStage(s), metrics[s]).results.length;
      break;
    }
  }
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const pad = (s: string, n: number) => s.padStart(n);
const ms = (x: number) => x.toFixed(1);

console.log(`Domain aggregation benchmark (node ${process.version}, median of ${RUNS} runs after one warm-up)`);
console.log(
  [pad("work items", 10), pad("points", 8), pad("history", 8), ...STEPS.map((s) => pad(`${s} ms`, 12)), pad("total ms", 10), pad("items/s", 12)].join(" "),
);

let total100k: number | null = null;
for (const size of SIZES) {
  const p = generateProgramme({ workItems: size, seed: 20231030 });
  for (const s of STEPS) runStep(s, p); // warm-up
  const perStep: Record<Step, number> = { coverage: 0, progress: 0, defects: 0, exit: 0 };
  const totals: number[] = [];
  const samples: Record<Step, number[]> = { coverage: [], progress: [], defects: [], exit: [] };
  for (let r = 0; r < RUNS; r++) {
    let t = 0;
    for (const s of STEPS) {
      const d = time(() => runStep(s, p));
      samples[s].push(d);
      t += d;
    }
    totals.push(t);
  }
  for (const s of STEPS) perStep[s] = median(samples[s]);
  const total = median(totals);
  const items = size + p.points.length;
  console.log(
    [
      pad(String(size), 10),
      pad(String(p.points.length), 8),
      pad(String(p.history.length), 8),
      ...STEPS.map((s) => pad(ms(perStep[s]), 12)),
      pad(ms(total), 10),
      pad(Math.round(items / (total / 1000)).toLocaleString("en-GB"), 12),
    ].join(" "),
  );
  if (size === 100_000) total100k = total;
}

if (total100k !== null) {
  const met = total100k < TARGET_MS;
  console.log(
    `100k work items + 200k test points: ${ms(total100k)} ms for all four aggregations against a ${TARGET_MS} ms target: target ${met ? "met" : "not met"}.`,
  );
}
if (sink < 0) console.log(sink);
