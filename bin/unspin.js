#!/usr/bin/env node
// Thin launcher: runs the compiled CLI (dist/, built by `npm install` / `npm run build`).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("unspin: not built yet; run `npm install` (or `npm run build`) in the unspin folder\n");
  process.exit(2);
}
const { run } = await import(cli.href);
await run();
