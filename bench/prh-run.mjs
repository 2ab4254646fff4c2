// prh through its API, exactly as its CLI's --stdout does (read, makeChangeSet, applyChangeSets),
// plus the number of replacements on stderr for the bench's sanity check.
// Usage: node bench/prh-run.mjs RULES.yml FILE > restored
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prh = require("prh");
const [rules, file] = process.argv.slice(2);
const content = readFileSync(file, "utf8");
const changeSet = prh.fromYAMLFilePath(rules).makeChangeSet(file, content);
process.stdout.write(changeSet.applyChangeSets(content));
process.stderr.write(`replacements: ${changeSet.diffs.filter((d) => d.newText != null).length}\n`);
