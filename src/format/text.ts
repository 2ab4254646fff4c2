/** `--format text`: only the restored text, byte for byte where nothing was restored. */
import type { FileResult } from "./types.js";

export function formatText(results: readonly FileResult[]): string {
  return results.map((r) => r.text).join("");
}
