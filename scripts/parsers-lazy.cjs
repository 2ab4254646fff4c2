// Stands in for src/text/parsers.ts inside dist/cli.cjs and dist/worker.cjs (scripts/build.mjs):
// the parsers' bundle, dist/parsers.cjs beside them, is required on the first use of one of its
// exports, so runs on plain text never load it. esbuild reads an import's bindings at each use,
// through these getters.
"use strict";
let loaded;
const load = () => {
  loaded ??= require(require("node:path").join(__dirname, "parsers.cjs"));
  return loaded;
};
module.exports = {
  get Parser() {
    return load().Parser;
  },
  get fromMarkdown() {
    return load().fromMarkdown;
  },
  get globSync() {
    return load().globSync;
  },
  get isDynamicPattern() {
    return load().isDynamicPattern;
  },
};
