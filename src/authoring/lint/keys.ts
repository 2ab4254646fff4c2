/** Old condition names: `before` still loads, but `preceded_by` says what it means (info). */
import type { PackSource } from "../../dictionary/loader.js";
import type { Finding } from "./model.js";

export function oldConditionNames(pack: PackSource): Finding[] {
  return (pack.oldKeys ?? []).map((k) => ({
    pos: k.pos,
    severity: "info",
    message: `\`${k.from}\` is the old name of \`${k.to}\` (it still loads; the new name reads right)`,
    rule: "old-key",
  }));
}
