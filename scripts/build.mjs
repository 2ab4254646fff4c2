// Build: the CLI (and the --jobs worker) as CommonJS bundles in dist/: one file starts faster than
// ~40 modules, and CommonJS loads Node's built-in modules without the ES-module facades that cost
// start-up time in pipes. yaml stays outside the bundle and loads on first use. The library API
// (src/index.ts) is also built, as an ES module, with its type declarations in dist/types (tsc
// --emitDeclarationOnly, tsconfig.types.json; package.json `types`). Type checking is tsc's job
// (npm run typecheck).
// Usage: node scripts/build.mjs [--outdir DIR]   (default dist/)
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const at = process.argv.indexOf("--outdir");
const outdir = at > 0 ? process.argv[at + 1] : "dist";

rmSync(outdir, { recursive: true, force: true }); // no stale files of an earlier build

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  external: ["yaml"],
  minify: true,
  logLevel: "warning",
};
// the CLI bundles run through vm.Script (bin/unspin.js, for V8's code cache), where import() is not allowed: require instead
const noDynamicImport = { supported: { "dynamic-import": false } };

// src/text/parsers.ts (HTML, Markdown, globs) is a bundle of its own, loaded by the CLI on first use
const lazyParsers = {
  name: "lazy-parsers",
  setup(b) {
    b.onResolve({ filter: /(^|\/)parsers\.js$/ }, (args) =>
      args.importer.includes(`${"src"}`) ? { path: new URL("parsers-lazy.cjs", import.meta.url).pathname } : undefined,
    );
  },
};

await build({
  ...common,
  entryPoints: { parsers: "src/text/parsers.ts" },
  outdir,
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  define: { "import.meta.url": "__unspinUrl" },
  banner: { js: "var __unspinUrl=require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  ...noDynamicImport,
  plugins: [lazyParsers],
  // named: the bundles are dist/cli.cjs and dist/worker.cjs, whatever folders the sources sit in
  entryPoints: { cli: "src/cli/cli.ts", worker: "src/run/worker.ts" },
  outdir,
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // the sources are ES modules: give each bundle its own file's URL for import.meta.url
  define: { "import.meta.url": "__unspinUrl" },
  banner: { js: "var __unspinUrl=require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outdir,
  format: "esm",
  splitting: true,
  chunkNames: "chunk-[hash]",
  banner: {
    js: "import { createRequire as __unspinRequire } from 'node:module'; const require = __unspinRequire(import.meta.url);",
  },
});

// the library's declarations: only where TypeScript is installed (a clone; not an installed package)
let tsc;
try {
  const pkg = createRequire(import.meta.url).resolve("typescript/package.json");
  tsc = join(dirname(pkg), "bin", "tsc");
} catch {
  tsc = undefined;
}
if (tsc && existsSync(tsc) && existsSync("tsconfig.types.json"))
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.types.json", "--outDir", `${outdir}/types`], {
    stdio: "inherit",
  });
