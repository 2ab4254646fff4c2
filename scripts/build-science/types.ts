/**
 * The build's own shapes: a row of the PPS export, the `when` map as written in YAML, and an entry
 * being built. The entry's written fields are those of the engine's `Entry` (src/types.ts, through
 * the library API); the rest is bookkeeping that is never written.
 */
import type { Entry as EngineEntry, Example } from "../../src/index.js";

/** One row of the PPS export (`line` is the CSV line, header = 1). */
export interface Row {
  line: number;
  query: string;
  expected: string;
  papers: number;
}

/** A `when` map as written in a pack (the engine only holds the compiled form). */
export interface When {
  document_has?: string[];
  document_has_any?: string[];
  document_lacks?: string[];
  /** Acts where the pack judges the document spun; else reported (see gate in entries.ts). */
  document_spun?: true;
  near?: string[];
  not_near?: string[];
  within?: number;
}

export type ExamplePair = Pick<Example, "in" | "out">;

export interface Entry extends Pick<EngineEntry, "spun" | "original" | "detect" | "exactCase" | "note"> {
  id?: string;
  inflect: boolean;
  /** Written as `ambiguous: true` (the unseen findings: no weight in the spinner score). */
  ambiguous?: boolean;
  weight: number;
  when: When;
  /** A second alternative of `when`: the document shows other signs of spinning (see relax). */
  relaxed?: When;
  examples: ExamplePair[];
  allows: string[];
  /** Bookkeeping, not written. */
  rows: Row[];
  detectReason?: string;
}

export type Outcome = { kind: "entry"; entries: Entry[] } | { kind: "dropped"; reason: string; detail: string };

export interface Drop {
  reason: string;
  row: Row;
  detail: string;
}

export function hasDocumentCondition(when: When): boolean {
  return (when.document_has?.length ?? 0) + (when.document_has_any?.length ?? 0) > 0;
}

/** The comparison form of a phrase: lower case, straight apostrophes, single spaces. */
export function key(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ").trim();
}

export function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}
