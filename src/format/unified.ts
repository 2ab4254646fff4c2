/** `--format unified`: a standard unified diff that `patch` and `git apply` accept. */
import { createTwoFilesPatch } from "diff";
import type { FileResult } from "./types.js";

export function formatUnified(results: readonly FileResult[]): string {
  return results
    .filter((r) => r.text !== r.input)
    .map((r) => {
      const name = r.name === "-" ? "stdin" : r.name;
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, r.input, r.text, undefined, undefined, { context: 3 });
    })
    .map((p) => p.replace(/^=+\n/, ""))
    .join("");
}
