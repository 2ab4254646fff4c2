/** A dictionary of one pack `t` from its entries' YAML lines (the `pack: t` / `entries:` header added). */
import { type Dictionary, buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";

export function toyDictionary(entries: string): Dictionary {
  return buildDictionary([readPack("t.yaml", `pack: t\nentries:\n${entries}`)]);
}
