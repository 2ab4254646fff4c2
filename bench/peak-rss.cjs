// Fallback for machines without GNU time: preloaded into a Node child (NODE_OPTIONS=--require),
// writes the child's peak RSS in KB and its user and system CPU seconds to $UNSPIN_BENCH_RSS_FILE when it exits.
"use strict";
const file = process.env.UNSPIN_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    require("node:fs").writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
