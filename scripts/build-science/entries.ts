/**
 * The set of entries as a whole: duplicates merged or dropped, chains followed, order and ids, and
 * the relaxed second alternative of `AND "correct term"` rows, and the gate on plausible forms.
 */
import { phraseKeys } from "../../src/index.js";
import { plural } from "./inflection.js";
import { type Drop, type Entry, hasDocumentCondition, key, type When } from "./types.js";
import { COMMON_WORDS, ORDINARY_PHRASES } from "./wordlists.js";

export function entryKey(e: Entry): string {
  return `${e.spun.map(key).sort().join("|")}#${JSON.stringify(e.when)}`;
}

/** Same spun form and conditions: keep the most papers; merge rows with the same original. */
export function dedupe(entries: Entry[], drops: Drop[], merged: Drop[]): Entry[] {
  const byKey = new Map<string, Entry>();
  const sorted = [...entries].sort((a, b) => b.weight - a.weight);
  for (const e of sorted) {
    const k = entryKey(e);
    const kept = byKey.get(k);
    if (!kept) {
      byKey.set(k, e);
    } else if (key(kept.original) === key(e.original) && kept.detect === e.detect) {
      kept.rows.push(...e.rows);
      for (const r of e.rows)
        merged.push({ reason: "duplicate with the same original", row: r, detail: `"${e.spun[0]}" → ${e.original}` });
    } else {
      for (const r of e.rows) {
        drops.push({
          reason: "duplicate spun form with another original (fewer papers)",
          row: r,
          detail: `"${e.spun[0]}" → ${e.original} (kept → ${kept.original})`,
        });
      }
    }
  }
  return [...byKey.values()];
}

/**
 * A conditional entry whose spun form and original equal those of an unconditional entry adds
 * nothing (the unconditional one acts first): merge its rows into that entry.
 */
export function mergeIntoUnconditional(entries: Entry[], merged: Drop[]): Entry[] {
  const plain = new Map<string, Entry>();
  for (const e of entries) {
    if (!e.detect && Object.keys(e.when).length === 0) for (const s of e.spun) plain.set(key(s), e);
  }
  return entries.filter((e) => {
    if (e.detect || Object.keys(e.when).length === 0 || e.spun.length !== 1) return true;
    const p = plain.get(key(e.spun[0]));
    if (!p || key(p.original) !== key(e.original)) return true;
    p.rows.push(...e.rows);
    p.weight = Math.max(p.weight, e.weight);
    for (const r of e.rows) {
      merged.push({
        reason: "conditional duplicate of an unconditional entry",
        row: r,
        detail: `"${e.spun[0]}" → ${e.original}`,
      });
    }
    return false;
  });
}

/**
 * Some PPS rows give a tortured phrase as the expected text ('congested trees' → 'choice trees',
 * itself the plural of the fingerprint 'choice tree' → 'decision tree'). Restoring such an entry
 * would leave text that a second run changes again: follow the chain to its end instead.
 */
export function resolveChains(entries: Entry[], warnings: string[]): void {
  const to = new Map<string, string>();
  for (const e of entries) {
    if (e.detect || Object.keys(e.when).length > 0) continue;
    for (const s of e.spun) {
      to.set(key(s), e.original);
      if (e.inflect) to.set(key(plural(s)), plural(e.original));
    }
  }
  for (const e of entries) {
    if (e.detect) continue;
    const seen = new Set<string>([key(e.original)]);
    let next = to.get(key(e.original));
    while (next !== undefined && !seen.has(key(next))) {
      warnings.push(`chain: "${e.spun[0]}" → "${e.original}" is itself spun; restored to "${next}"`);
      e.note = `${e.note ? `${e.note}; ` : ""}the PPS expected text "${e.original}" is itself a fingerprint`;
      e.original = next;
      seen.add(key(next));
      next = to.get(key(next));
    }
  }
}

export function conditionCount(w: When): number {
  return Object.entries(w)
    .filter(([k]) => k !== "within")
    .reduce((n, [, v]) => n + (Array.isArray(v) ? v.length : 0), 0);
}

/**
 * By weight, descending. Entries sharing a spun form are kept together at the place of the
 * heaviest, the most specific (most conditions) first, since the first whose conditions hold wins.
 */
export function order(entries: Entry[]): Entry[] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const k = e.spun.map(key).sort().join("|");
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const list = [...groups.values()].map((g) =>
    g.sort((a, b) => conditionCount(b.when) - conditionCount(a.when) || b.weight - a.weight),
  );
  list.sort(
    (a, b) =>
      Math.max(...b.map((e) => e.weight)) - Math.max(...a.map((e) => e.weight)) ||
      key(a[0].spun[0]).localeCompare(key(b[0].spun[0])),
  );
  return list.flat();
}

/** README: the default id is the first spun form lower-cased with spaces → "-"; make it unique. */
export function assignIds(entries: Entry[]): void {
  const seen = new Map<string, number>();
  for (const e of entries) {
    const base = e.spun[0].toLowerCase().replace(/\s+/g, "-");
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) e.id = `${base}-${n}`;
  }
}

/** A row of the form `"spun" AND "correct term"`: the context is the original itself. */
export function contextIsOriginal(e: Entry): boolean {
  const has = e.when.document_has ?? [];
  return has.length === 1 && !e.when.document_has_any && key(has[0]) === key(e.original);
}

/**
 * PPS adds `AND "correct term"` so that a search of millions of papers only hits papers that also
 * use the correct term. A fully spun paper no longer holds the correct term, so the strict
 * condition would miss it. Each replacing entry of such a row therefore gets a second
 * alternative: `document_spun`, the science pack judges the document spun from all its hits (the
 * engine's evidence step); where it does not, the match is reported as a finding. NOT conditions
 * stay in both alternatives. Rows whose context is a field word (AND "fault", AND neural) and spun
 * forms that are ordinary English (ORDINARY_PHRASES, COMMON_WORDS) keep the strict condition only.
 */
export function relax(entries: Entry[]): void {
  for (const e of entries) {
    if (e.detect || !hasDocumentCondition(e.when) || e.when.near || e.when.not_near) continue;
    if (!contextIsOriginal(e) || e.spun.some((sp) => ORDINARY_PHRASES.has(key(sp)) || COMMON_WORDS.has(key(sp))))
      continue;
    e.relaxed = { document_spun: true };
    if (e.when.document_lacks) e.relaxed.document_lacks = e.when.document_lacks;
  }
}

/** Each word of a spun form this common (per million words of edited English) makes it plausible English. */
export const PLAUSIBLE_PER_MILLION = 20;

/**
 * An unconditioned entry whose spun form reads as plausible English — two or more words, each
 * common in edited English (the context model's counts: "choice tree", "test arrangement") — is also
 * a real phrase of some paper (a paper about choice trees, beams in a test arrangement): it acts
 * only where the science pack judges the document spun (`document_spun`), and is reported elsewhere.
 * A rare word makes the form plainly tortured ("bosom malignant", "irregular woodland"): it acts
 * anywhere, as before. Returns how many entries were gated.
 */
export function gatePlausible(entries: Entry[], perMillion: (word: string) => number): number {
  let gated = 0;
  for (const e of entries) {
    if (e.detect || Object.keys(e.when).length > 0) continue;
    const plausible = e.spun.some((s) => {
      const words = phraseKeys(s);
      return words.length >= 2 && words.every((w) => perMillion(w) >= PLAUSIBLE_PER_MILLION);
    });
    if (!plausible) continue;
    e.when = { document_spun: true };
    gated++;
  }
  return gated;
}
