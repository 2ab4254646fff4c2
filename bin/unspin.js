#!/usr/bin/env node
// Thin launcher: runs the compiled CLI (dist/, built by `npm install` / `npm run build`).
// CommonJS (bin/package.json), like the bundle it loads: the quickest start for a pipe.
//
// The bundle is compiled through vm.Script with V8's code cache: the bytecode of every function the
// first run compiled is kept in unspin's cache folder (the pack cache's, src/dictionary/cache-dir.ts: same rules,
// same UNSPIN_NO_CACHE), so later runs skip parsing and compiling it (about 10 ms of each start
// and 15 ms of a 1 MB run, measured by bench/). The cache file names the bundle's size, mtime and
// inode and the Node version; anything else, or a file V8 rejects, means a plain compile and a new
// cache file, written atomically (temp file + rename). A cache that cannot be read or written is
// skipped silently: it only ever costs speed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const cli = path.join(__dirname, "..", "dist", "cli.cjs");
let source;
try {
  source = fs.readFileSync(cli, "utf8");
} catch {
  process.stderr.write("unspin: not built yet; run `npm install` (or `npm run build`) in the unspin folder\n");
  process.exit(2);
}
load(cli, source).run();

/** The code cache's file for this bundle, or undefined when caching is off (see src/dictionary/cache-dir.ts cacheDir). */
function codeCacheFile(env) {
  if (env.UNSPIN_NO_CACHE && env.UNSPIN_NO_CACHE !== "0") return undefined;
  const dir =
    env.UNSPIN_CACHE_DIR ||
    path.join(env.XDG_CACHE_HOME || path.join(require("node:os").homedir(), ".cache"), "unspin");
  let h = 0x811c9dc5; // FNV-1a of the bundle's path: one cache file per installed copy
  for (let i = 0; i < cli.length; i++) h = Math.imul(h ^ cli.charCodeAt(i), 0x01000193);
  return path.join(dir, `code-${(h >>> 0).toString(16)}.v8`);
}

/** Compile and run the CommonJS bundle `file` (with the code cache when there is one); its exports. */
function load(file, text) {
  const vm = require("node:vm");
  const { createRequire } = require("node:module");
  const where = codeCacheFile(process.env);
  let key = "";
  let cachedData;
  if (where) {
    try {
      const st = fs.statSync(file);
      key = `unspin-code-cache 1 ${process.version} ${st.size} ${st.mtimeMs} ${st.ino}\n`;
      const buf = fs.readFileSync(where);
      if (buf.toString("latin1", 0, key.length) === key) cachedData = buf.subarray(key.length);
    } catch {
      // no cache yet, or unreadable: compile from source
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  // written at exit, so the cache holds the functions this run compiled as well
  if (where && key && (!cachedData || script.cachedDataRejected)) process.once("exit", () => save(where, key, script));
  return mod.exports;
}

function save(where, key, script) {
  const tmp = `${where}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(where), { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(key, "latin1"), script.createCachedData()]));
    fs.renameSync(tmp, where);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}
