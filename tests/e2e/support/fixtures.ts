import { buildSync } from "esbuild";
import fs from "fs";
import os from "os";
import path from "path";

/** Builds a fixture contribution into a temporary extension root: dist/<name>.html + .js. */
export function buildFixtureExtension(name: string): { root: string; manifestPath: string; dispose(): void } {
  const source = path.join(__dirname, "..", "fixtures", name);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `mhhs-fixture-${name}-`));
  const dist = path.join(root, "dist");
  fs.mkdirSync(dist);
  for (const entry of fs.readdirSync(source).filter((f) => f.endsWith(".ts"))) {
    const base = entry.replace(/\.ts$/, "");
    buildSync({ entryPoints: [path.join(source, entry)], bundle: true, format: "iife", target: "es2020", outfile: path.join(dist, `${base}.js`), logLevel: "error" });
    fs.writeFileSync(path.join(dist, `${base}.html`), `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${base}.js" defer></script></head><body></body></html>`);
  }
  const manifestPath = path.join(root, "vss-extension.json");
  fs.copyFileSync(path.join(source, "vss-extension.json"), manifestPath);
  return { root, manifestPath, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
