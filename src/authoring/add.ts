/**
 * `dict add`: one new entry, validated by the real loader and tested against the engine with the
 * rest of the target file loaded, appended as text (every other byte kept), written atomically.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeUserFile } from "../io/atomic.js";
import { buildDictionary } from "../dictionary/build.js";
import { testEntry, testPack } from "./dicttest.js";
import { conditionSignature, sameRestoration } from "../dictionary/conflicts.js";
import { UnspinError } from "../errors.js";
import { readPack } from "../dictionary/loader.js";
import type { PackSource } from "../dictionary/loader.js";
import { PACKS_DIR, readPackText } from "../dictionary/packs.js";
import { yaml } from "../dictionary/yaml-lazy.js";
import { phraseKeys } from "../text/tokenizer.js";
import type { Entry } from "../types.js";
import { exampleSentence, restoreIn } from "./example.js";
import { DEFAULT_STYLE, appendEntryText, detectStyle, renderEntry, scalar } from "./yamltext.js";
import type { EntryDraft } from "./yamltext.js";

export interface AddRequest {
  spun: string;
  original: string;
  /** Absolute path of the pack file (created when missing). */
  file: string;
  /** Where paths are shown relative to. */
  cwd: string;
  example?: string;
  allows?: string[];
  before?: string;
  after?: string;
  exact?: boolean;
  /** Called with the temp file after it is written and verified, before the rename (test seam). */
  beforeRename?: (tempPath: string) => void;
}

export interface AddResult {
  file: string;
  created: boolean;
  id: string;
  line: number;
  /** Set when no example was given and one was made from the phrase. */
  generated?: { in: string; out: string };
  /**
   * Entries of the file with the same spun form, the same conditions and another original: the new
   * entry is an alternative reading of theirs (the context chooses), described as
   * `'spun' → 'original' (id, file:line)`.
   */
  alternatives: string[];
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** The first lines of a new pack file: the schema reference and the pack name. */
export function newPackHeader(file: string, name = packNameFor(file), description?: string): string {
  let schema = path.relative(path.dirname(file), path.join(PACKS_DIR, "schema.json")).split(path.sep).join("/");
  if (!schema.startsWith(".")) schema = `./${schema}`;
  const desc = description === undefined ? "" : `description: ${scalar(description)}\n`;
  return `# yaml-language-server: $schema=${schema}\npack: ${name}\n${desc}entries:\n`;
}

/** A pack name from a file name: "My Terms.yaml" → "my-terms". */
export function packNameFor(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.ya?ml$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return base || "my-dictionary";
}

function where(e: Entry): string {
  return `'${e.spun.join("' / '")}' → '${e.original}' (${e.id}, ${e.pos.file}:${e.pos.line})`;
}

/**
 * Refuse a new entry that repeats an existing one with the same spun form (the same restoration
 * under the same conditions, or under any conditions when the existing entry has none). Another
 * original is an alternative reading, as the compiler takes it (dictionary/build.ts): allowed, the
 * context chooses; those entries are returned, to be named to the user.
 */
export function checkClash(existing: readonly Entry[], added: Entry): Entry[] {
  const keys = new Set(added.spun.map((s) => phraseKeys(s).join(" ")));
  const alternatives: Entry[] = [];
  for (const e of existing) {
    if (!e.spun.some((s) => keys.has(phraseKeys(s).join(" ")))) continue;
    const sameOriginal = sameRestoration(e, added);
    const sameConditions = conditionSignature(e) === conditionSignature(added);
    if (sameOriginal && (sameConditions || e.when.length === 0)) {
      throw new UnspinError("usage", `duplicate: ${where(e)} already restores this`);
    }
    if (!sameOriginal && sameConditions) alternatives.push(e);
  }
  return alternatives;
}

function uniqueId(base: string, taken: Set<string>): string | undefined {
  if (!taken.has(base)) return undefined;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function failureText(kind: string, input: string, expected: string, got: string, reason: string): string {
  return `${kind}: ${reason}\n  input:    ${input}\n  expected: ${expected}\n  got:      ${got}`;
}

/** Build, validate, test and write the entry. Throws UnspinError (file untouched) on any problem. */
export function addEntry(req: AddRequest): AddResult {
  const shown = displayPath(req.file, req.cwd);
  const created = !existsSync(req.file);
  const source = created ? "" : readPackText(req.file, shown);
  // a file of comments only (or empty) gets a pack header after its text
  const blank = !created && yaml().parseDocument(source).contents === null;
  const before: PackSource | undefined =
    created || blank ? undefined : readPack(shown, source, { requireExamples: false });
  const ctx = { before: req.before, after: req.after };
  let generated: { in: string; out: string } | undefined;
  let example: { in: string; out: string };
  if (req.example !== undefined) {
    const out = restoreIn(req.example, req.spun, req.original, req.exact === true);
    if (out === undefined) throw new UnspinError("usage", `the example does not contain '${req.spun}': ${req.example}`);
    example = { in: req.example, out };
  } else {
    const input = exampleSentence(req.spun, undefined, ctx);
    example = generated = { in: input, out: restoreIn(input, req.spun, req.original, req.exact === true) ?? input };
  }
  const taken = new Set(before?.entries.map((e) => e.id) ?? []);
  const draft: EntryDraft = {
    id: uniqueId(req.spun.toLowerCase().trim().replace(/\s+/g, "-"), taken),
    spun: req.spun,
    original: req.original,
    exact: req.exact,
    when:
      req.before !== undefined || req.after !== undefined
        ? {
            before: req.before === undefined ? undefined : [req.before],
            after: req.after === undefined ? undefined : [req.after],
          }
        : undefined,
    examples: [example],
    allows: req.allows,
  };
  const fresh = newPackHeader(req.file) + renderEntry(draft, DEFAULT_STYLE);
  const lineEnd = source === "" || source.endsWith("\n") ? "" : "\n";
  const next = created
    ? fresh
    : blank
      ? `${source}${lineEnd}${fresh}`
      : appendEntryText(source, renderEntry(draft, detectStyle(source)));

  const pack = readPack(shown, next, { requireExamples: false });
  const added = pack.entries[pack.entries.length - 1];
  if (!added || added.spun[0] !== req.spun || added.original !== req.original) {
    throw new Error("the written entry did not read back as given; file left unchanged");
  }
  const alternatives = checkClash(pack.entries.slice(0, -1), added).map(where);
  const dict = buildDictionary([pack]);
  const own = testEntry(dict, dict.entries[dict.entries.length - 1]);
  if (own.failures.length > 0) {
    const f = own.failures[0];
    throw new UnspinError(
      "rejected",
      `the new entry fails its own ${failureText(f.kind, f.input, f.expected, f.got, f.reason)}\nfile left unchanged`,
    );
  }
  if (before) {
    const was = new Set(testPack(before).failures.map((f) => `${f.pos.line}:${f.kind}:${f.input}`));
    const broken = testPack(pack).failures.filter(
      (f) => f.entry !== dict.entries[dict.entries.length - 1] && !was.has(`${f.pos.line}:${f.kind}:${f.input}`),
    );
    if (broken.length > 0) {
      const f = broken[0];
      throw new UnspinError(
        "rejected",
        `the new entry breaks ${f.entry.id} (${f.pos.file}:${f.pos.line}): ` +
          `${failureText(f.kind, f.input, f.expected, f.got, f.reason)}\nfile left unchanged`,
      );
    }
  }
  writeUserFile(req.file, shown, next, {
    beforeRename: (temp) => {
      const written = readFileSync(temp, "utf8");
      if (written !== next) throw new Error("the temp file differs from what was written; file left unchanged");
      readPack(shown, written);
      req.beforeRename?.(temp);
    },
  });
  return { file: shown, created, id: added.id, line: added.pos.line, generated, alternatives };
}
