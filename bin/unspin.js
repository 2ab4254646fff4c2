#!/usr/bin/env node
// Thin launcher: runs the compiled CLI (dist/, built by `npm install` / `npm run build`).
// CommonJS (bin/package.json), like the bundle it loads: the quickest start for a pipe.
"use strict";
const { existsSync } = require("node:fs");
const path = require("node:path");

const cli = path.join(__dirname, "..", "dist", "cli.cjs");
if (!existsSync(cli)) {
  process.stderr.write("unspin: not built yet; run `npm install` (or `npm run build`) in the unspin folder\n");
  process.exit(2);
}
require(cli).run();
