/**
 * Entries shadowed by longer ones. A conditioned entry whose `before`/`after` words, together with
 * its spun form, always contain the spun form of a longer unconditioned entry can never win: the
 * longer match is always there too, and the longest match wins. That is proven (an error) when no
 * other entry can take the longer match's extra tokens first; otherwise it is a warning.
 */
import type { CompiledConditions, WordItem } from "../../types.js";
import { byForm, describe, matchableKeys } from "./model.js";
import type { Finding, LintEntry } from "./model.js";

const MAX_CONTEXTS = 256;

/** The token sequences an item guarantees next to the match ([] when it is a shape: unknown). */
function itemSeqs(item: WordItem): string[][] {
  if (item.type === "seq") return [item.keys];
  if (item.type === "class") return item.seqs;
  return [[]];
}

function sideSeqs(items: WordItem[] | undefined): string[][] {
  return items ? items.flatMap(itemSeqs) : [[]];
}

/** Contexts (before, after) one condition map guarantees, or undefined when there are too many. */
function contexts(c: CompiledConditions): [string[], string[]][] | undefined {
  const before = sideSeqs(c.before);
  const after = sideSeqs(c.after);
  if (before.length * after.length > MAX_CONTEXTS) return undefined;
  return before.flatMap((b) => after.map((a): [string[], string[]] => [b, a]));
}

/** Does a proper prefix of the sequence equal a proper suffix (so two matches can overlap)? */
function selfOverlaps(keys: string[]): boolean {
  for (let n = 1; n < keys.length; n++) {
    if (keys.slice(0, n).join(" ") === keys.slice(keys.length - n).join(" ")) return true;
  }
  return false;
}

interface Cover {
  longer: LintEntry;
  /** Tokens of the longer match outside the shadowed one. */
  extra: string[];
}

function cover(
  seq: string[],
  from: number,
  to: number,
  self: LintEntry,
  always: Map<string, LintEntry[]>,
): Cover | undefined {
  const span = to - from;
  for (let len = seq.length; len > span; len--) {
    for (let i = Math.max(0, from - len + 1); i < to && i + len <= seq.length; i++) {
      if (i + len <= from) continue;
      const window = seq.slice(i, i + len);
      const hit = always.get(window.join(" "))?.find((le) => le !== self);
      if (hit) return { longer: hit, extra: [...seq.slice(i, from), ...seq.slice(to, i + len)] };
    }
  }
  return undefined;
}

export function shadowed(entries: readonly LintEntry[]): Finding[] {
  const always = byForm(entries, (le) => le.always);
  const users = new Map<string, Set<LintEntry>>();
  for (const le of entries) {
    for (const k of matchableKeys(le)) {
      let s = users.get(k);
      if (!s) users.set(k, (s = new Set()));
      s.add(le);
    }
  }
  const findings: Finding[] = [];
  for (const s of entries) {
    if (s.entry.when.length === 0 || s.entry.inflect) continue;
    const covers: Cover[] = [];
    let all = true;
    for (const form of s.forms) {
      for (const c of s.entry.when) {
        const ctxs = contexts(c);
        if (!ctxs) {
          all = false;
          break;
        }
        for (const [b, a] of ctxs) {
          const hit = cover([...b, ...form, ...a], b.length, b.length + form.length, s, always);
          if (!hit) {
            all = false;
            break;
          }
          covers.push(hit);
        }
        if (!all) break;
      }
      if (!all) break;
    }
    if (!all || covers.length === 0) continue;
    const rival = covers.flatMap((cv) =>
      cv.extra.flatMap((k) => [...(users.get(k) ?? [])].filter((le) => le !== s && le !== cv.longer)),
    )[0];
    const overlapping = covers.find((cv) => selfOverlaps(cv.longer.forms.find((f) => f.length > 0) ?? []));
    const proven = !rival && !overlapping;
    const first = covers[0].longer;
    findings.push({
      pos: s.entry.pos,
      severity: proven ? "error" : "warning",
      rule: "shadowed",
      message:
        `shadowed: wherever its conditions hold, the longer ${describe(first)} also matches and wins` +
        (proven
          ? ", so it can never fire"
          : `, unless ${rival ? describe(rival) : "an overlapping match"} takes that match first`),
    });
  }
  return findings;
}
