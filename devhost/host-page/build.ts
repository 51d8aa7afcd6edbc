import { buildSync } from "esbuild";
import path from "path";

/** Bundles the host page's script; quick enough (well under a second) to run at every start. */
export function buildHostPage(outFile = path.join(__dirname, "build", "host.js")): string {
  buildSync({
    entryPoints: [path.join(__dirname, "src", "main.ts")],
    bundle: true,
    format: "iife",
    target: "es2020",
    sourcemap: "inline",
    outfile: outFile,
    logLevel: "error",
  });
  return outFile;
}

if (require.main === module) {
  console.log(`Built ${path.relative(process.cwd(), buildHostPage())}`);
}
