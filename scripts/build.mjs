// Build: one ES module bundle for the CLI (and one for --jobs workers) in dist/. A bundle starts
// faster than ~40 separate modules (start-up matters in pipes); yaml stays outside it and
// loads on first use. Type checking is tsc's job (npm run typecheck).
// Usage: node scripts/build.mjs [--outdir DIR]   (default dist/)
import { rmSync } from "node:fs";
import { build } from "esbuild";

const at = process.argv.indexOf("--outdir");
const outdir = at > 0 ? process.argv[at + 1] : "dist";

rmSync(outdir, { recursive: true, force: true }); // no stale chunks of an earlier build

await build({
  entryPoints: ["src/cli.ts", "src/worker.ts", "src/index.ts"],
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: "chunk-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["yaml"],
  // commander is CommonJS: give the bundle a require()
  banner: { js: "import { createRequire as __unspinRequire } from 'node:module'; const require = __unspinRequire(import.meta.url);" },
  minify: true, // less to parse at every start
  logLevel: "warning",
});
