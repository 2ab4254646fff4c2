/**
 * Inflected spun forms listed by hand: an entry that lists both "credit score card" and "credit score
 * cards" (or "pleads responsible" beside "pleaded responsible") has one original, so one of those forms
 * restores to the wrong number or tense ("credit score cards" → "credit card"). The engine inflects the
 * last word both ways (`inflect`); a form that differs in another word needs an entry of its own.
 */
import { sameLemma } from "../../text/inflect.js";
import type { Finding, LintEntry } from "./model.js";

/** Where two forms differ, when they differ in one word only and both are forms of one word there. */
function inflectedPair(a: readonly string[], b: readonly string[]): number | undefined {
  if (a.length !== b.length) return undefined;
  const differ = a.flatMap((w, i) => (w === b[i] ? [] : [i]));
  if (differ.length !== 1) return undefined;
  const i = differ[0];
  return sameLemma(a[i], b[i]) ? i : undefined;
}

export function inflectedForms(entries: readonly LintEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const le of entries) {
    const { forms } = le;
    for (let j = 1; j < forms.length; j++) {
      for (let k = 0; k < j; k++) {
        const at = inflectedPair(forms[k], forms[j]);
        if (at === undefined) continue;
        const how =
          at === forms[j].length - 1
            ? "list one and set `inflect`, which writes the same inflection on the original"
            : "give each its own entry";
        findings.push({
          pos: le.entry.pos,
          severity: "warning",
          rule: "inflected-form",
          message:
            `entry ${le.entry.id} lists '${le.entry.spun[k]}' and '${le.entry.spun[j]}' for the one original ` +
            `'${le.entry.original}': one of them restores to the wrong form; ${how}`,
        });
      }
    }
  }
  return findings;
}
