/**
 * Entries with one spun form (the same token keys), by the rule the compiler applies
 * (dictionary/build.ts, with dictionary/conflicts.ts; LintEntry.signature is its conditionSignature):
 * - across packs, the last pack naming a spun form owns it: its entries override every entry of an
 *   earlier pack with that form, whatever the conditions ("override", a note; the same restoration
 *   under the same conditions is a "duplicate" warning: the earlier copy is never used);
 * - within a pack, the same restoration under the same conditions is a "duplicate" error; another
 *   original under the same conditions is an alternative reading the context chooses
 *   ("alternatives", a note); a conditioned copy of an unconditioned entry is "redundant".
 * Each entry is reported once per rule.
 */
import { sameRestoration } from "../../dictionary/conflicts.js";
import { byForm, describe } from "./model.js";
import type { Finding, LintEntry } from "./model.js";

function describeAs(le: LintEntry, form: string): string {
  return `'${form}' → '${le.entry.original}' (${le.entry.pos.file}:${le.entry.pos.line})`;
}

/** Two entries of one pack with the spun form `form`, b after a. */
function samePack(a: LintEntry, b: LintEntry, form: string): Finding | undefined {
  const sameOriginal = sameRestoration(a.entry, b.entry);
  if (a.signature === b.signature) {
    if (!sameOriginal) return undefined; // alternatives: reported per group
    return { pos: b.entry.pos, severity: "error", rule: "duplicate", message: `duplicate of ${describe(a)}` };
  }
  if (sameOriginal && a.always !== b.always) {
    const [general, special] = a.always ? [a, b] : [b, a];
    return {
      pos: special.entry.pos,
      severity: "warning",
      rule: "redundant",
      message: `redundant: ${describe(general)} already restores '${form}' the same way without conditions`,
    };
  }
  return undefined;
}

export function clashes(entries: readonly LintEntry[]): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const once = (f: Finding): void => {
    const key = `${f.rule}\0${f.pos.file}\0${f.pos.line}\0${f.pos.col}`;
    if (reported.has(key)) return;
    reported.add(key);
    findings.push(f);
  };
  for (const [form, group] of byForm(entries)) {
    // the packs naming this form, in load order; the last one owns it
    const packs = [...new Set(group.map((le) => le.pack))];
    const owner = packs[packs.length - 1];
    const owned = group.filter((le) => le.pack === owner);
    for (const earlier of group) {
      if (earlier.pack === owner) continue;
      const later = owned.find((le) => le.signature === earlier.signature && sameRestoration(le.entry, earlier.entry));
      if (later) {
        once({
          pos: later.entry.pos,
          severity: "warning",
          rule: "duplicate",
          message:
            `duplicate of ${describeAs(earlier, form)}; ` +
            "this later pack's copy is the one used, the earlier one can go",
        });
        continue;
      }
      // an unconditioned later entry restoring the same words changes nothing the earlier one did
      if (owned.some((le) => le.always && sameRestoration(le.entry, earlier.entry))) continue;
      const by = owned[0];
      const narrower = owned.every((le) => !le.always);
      once({
        pos: by.entry.pos,
        severity: "info",
        rule: "override",
        message:
          `${describeAs(by, form)} overrides ${describeAs(earlier, form)}` +
          (narrower ? "; the earlier entry is not used for it even where this pack's conditions do not hold" : ""),
      });
    }
    // within the owning pack (and within each earlier pack, for its own sake): duplicates,
    // redundant copies and alternatives
    for (const pack of packs) {
      const mine = group.filter((le) => le.pack === pack);
      for (let j = 1; j < mine.length; j++) {
        for (let i = 0; i < j; i++) {
          const f = samePack(mine[i], mine[j], form);
          if (f) once(f);
        }
      }
      // alternatives: entries with the same conditions and different originals
      const bySignature = new Map<string, LintEntry[]>();
      for (const le of mine) {
        const list = bySignature.get(le.signature);
        if (list) list.push(le);
        else bySignature.set(le.signature, [le]);
      }
      for (const list of bySignature.values()) {
        const distinct = list.filter((le, i) => list.findIndex((o) => sameRestoration(o.entry, le.entry)) === i);
        if (distinct.length < 2) continue;
        once({
          pos: distinct[1].entry.pos,
          severity: "info",
          rule: "alternatives",
          message: `alternatives: the context chooses: ${distinct.map((le) => describeAs(le, form)).join(", ")}`,
        });
      }
    }
  }
  return findings;
}
