/** `dict list`: the entries of a dictionary, optionally those mentioning some text. */
import type { Dictionary } from "../dictionary/build.js";
import type { Entry } from "../types.js";

export function listEntries(dict: Dictionary, grep?: string): Entry[] {
  const needle = grep?.toLowerCase();
  if (!needle) return dict.entries;
  return dict.entries.filter((e) =>
    [e.id, e.original, e.note ?? "", ...e.spun].some((s) => s.toLowerCase().includes(needle)),
  );
}

export function formatEntry(e: Entry): string {
  const flags = [e.detect ? "detect" : "", e.when.length ? "when" : "", e.inflect ? `inflect ${e.inflect}` : ""].filter(
    Boolean,
  );
  const shown = flags.length ? ` (${flags.join(", ")})` : "";
  return `${e.id}\t${e.spun.join(" | ")} → ${e.original}${shown}\t${e.pos.file}:${e.pos.line}`;
}
