/** `--format unified`: a standard unified diff that `patch` and `git apply` accept. */
import { createRequire } from "node:module";
import type { FileResult } from "./types.js";

// loaded on first use, to keep it off the start-up path of the other formats
type DiffModule = typeof import("diff");
const diffLib = (): DiffModule => createRequire(import.meta.url)("diff") as DiffModule;

export function formatUnified(results: readonly FileResult[]): string {
  return results
    .filter((r) => r.text !== r.input)
    .map((r) => {
      const name = r.name === "-" ? "stdin" : r.name;
      return diffLib().createTwoFilesPatch(`a/${name}`, `b/${name}`, r.input, r.text, undefined, undefined, { context: 3 });
    })
    .map((p) => p.replace(/^=+\n/, ""))
    .join("");
}
