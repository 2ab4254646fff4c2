/**
 * Builds dictionaries/science.yaml (the `science` pack) and dictionaries/science-report.md from the
 * export of the Problematic Paper Screener kept in the repo (data/pps/, CC BY 4.0; see
 * data/pps/SOURCE.md). Reads nothing outside the repo.
 *
 *   npm run build:science                 (writes dictionaries/)
 *   npx tsx scripts/build-science/main.ts --out DIR   (writes DIR/science.yaml, DIR/science-report.md)
 *
 * Each export row is a search query (`tortured_phrase`), a correct term or a note for people
 * (`expected_phrase`) and a paper count (`num_papers`). The query is parsed (query.ts) and
 * translated (translate.ts):
 *   - the first quoted phrase is the spun form; a top-level OR gives several spun forms;
 *   - `AND "y"` → document_has, `AND ("a" OR "b")` → document_has_any, `NOT "z"` → document_lacks;
 *   - `"spun context"~N` → spun + near/within, or a contiguous spun form when the words align with
 *     the correct term, or detect-only when no safe replacement exists.
 * tortured-phrases.json (a cleaned but mis-split copy) is used only for a cross-check in the report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "./build.js";
import { DATA_DIR } from "./wordlists.js";

const ROOT = join(DATA_DIR, "..");

function main(argv: string[]): void {
  let out = join(ROOT, "dictionaries");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out" && argv[i + 1]) out = argv[++i];
    else {
      console.error("usage: npx tsx scripts/build-science/main.ts [--out DIR]");
      process.exit(2);
    }
  }
  const pps = join(DATA_DIR, "pps");
  const { yaml, report, stats } = build(join(pps, "pps-export.csv"), join(pps, "tortured-phrases.json"));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "science.yaml"), yaml);
  writeFileSync(join(out, "science-report.md"), report);
  console.log(
    `science.yaml: ${stats.entries.length} entries (${stats.entries.filter((e) => !e.detect).length} replacing); ` +
      `rows ${stats.rowsIn} = ${stats.replacingRows} replacing + ${stats.detectRows} detect + ` +
      `${stats.merged.length} merged + ${stats.drops.length} dropped`,
  );
  if (stats.warnings.length > 0) console.log(`${stats.warnings.length} warnings (see the report)`);
}

main(process.argv.slice(2));
