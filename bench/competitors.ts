/**
 * The same entries for the other tools: prh (YAML rules, one regex per rule), GNU sed (one
 * `s/spun/original/gI` per entry) and perl (one big alternation plus a hash lookup), and the
 * number of replacements each makes (a sanity check that they all do roughly the same work).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchDict, DictEntry } from "./dicts.js";
import type { Command } from "./run.js";

export type Tool = "prh" | "sed" | "perl";

/** Longest spun form first: what the alternation and the sed script need for longest-match-wins. */
function longestFirst(entries: readonly DictEntry[]): DictEntry[] {
  return entries
    .slice()
    .sort((a, b) => b.spun.length - a.spun.length || (a.spun < b.spun ? -1 : a.spun > b.spun ? 1 : 0));
}

const words = (spun: string): string[] => spun.split(/\s+/).filter((w) => w !== "");

// ---- sed -------------------------------------------------------------------------------------

/** A BRE literal (GNU sed): backslash the characters special in a basic regex, and the delimiter. */
export function sedPattern(spun: string): string {
  return words(spun)
    .map((w) => w.replace(/[\\.*[\]^$/]/g, "\\$&"))
    .join("[[:space:]]\\+");
}

/** A literal sed replacement: `\`, `&`, the delimiter and newlines escaped. */
export function sedReplacement(original: string): string {
  return original.replace(/[\\&/]/g, "\\$&").replace(/\n/g, "\\n");
}

export const MARK = "\u0001";

/** One `s/\bspun\b/original/gI` per entry, longest first; `mark` prefixes each replacement (counting run). */
export function sedScript(entries: readonly DictEntry[], mark = ""): string {
  return longestFirst(entries)
    .map((e) => `s/\\b${sedPattern(e.spun)}\\b/${mark}${sedReplacement(e.original)}/gI\n`)
    .join("");
}

// ---- perl ------------------------------------------------------------------------------------

/** spun<TAB>original lines for bench/alternation.pl. */
export function perlMap(entries: readonly DictEntry[]): string {
  return entries.map((e) => `${e.spun.replace(/[\t\n]/g, " ")}\t${e.original.replace(/[\t\n]/g, " ")}\n`).join("");
}

// ---- prh -------------------------------------------------------------------------------------

/** A JavaScript regex source for a literal (valid under the u flag, which prh always adds). */
function jsLiteral(w: string): string {
  return w.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** prh's rule file: `expected` plus a `/\bspun\b/i` pattern per entry (whitespace runs as \s+). */
export function prhRules(entries: readonly DictEntry[]): string {
  const lines = ["version: 1", "rules:"];
  for (const e of entries) {
    const pattern = `/\\b${words(e.spun).map(jsLiteral).join("\\s+")}\\b/i`;
    lines.push(`  - expected: ${JSON.stringify(e.original)}`, `    pattern: ${JSON.stringify(pattern)}`);
  }
  return `${lines.join("\n")}\n`;
}

// ---- commands --------------------------------------------------------------------------------

export function competitorCommand(tool: Tool, dict: BenchDict, input: string, cacheDir: string, root: string): Command {
  const base = path.join(cacheDir, `synth-${dict.size}`);
  switch (tool) {
    case "prh": {
      const rules = `${base}.prh.yml`;
      writeFileSync(rules, prhRules(dict.entries));
      return {
        label: `prh ${dict.label}`,
        cmd: process.execPath,
        args: [path.join(root, "bench", "prh-run.mjs"), rules, input],
      };
    }
    case "sed": {
      const script = `${base}.sed`;
      writeFileSync(script, sedScript(dict.entries));
      return { label: `sed ${dict.label}`, cmd: "sed", args: ["-f", script, input], env: { LC_ALL: "C.UTF-8" } };
    }
    case "perl": {
      const map = `${base}.tsv`;
      writeFileSync(map, perlMap(dict.entries));
      return {
        label: `perl ${dict.label}`,
        cmd: "perl",
        args: [path.join(root, "bench", "alternation.pl"), map, input],
      };
    }
  }
}

/** Replacements sed makes: the same script with a marker before each replacement, markers counted. */
export function sedCount(dict: BenchDict, input: string, cacheDir: string): number | null {
  const script = path.join(cacheDir, `synth-${dict.size}.count.sed`);
  writeFileSync(script, sedScript(dict.entries, MARK));
  const r = spawnSync("sed", ["-f", script, input], {
    env: { ...process.env, LC_ALL: "C.UTF-8" },
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.status !== 0 || !r.stdout) return null;
  let n = 0;
  for (const b of r.stdout) if (b === 1) n++;
  return n;
}

interface JsonReport {
  files: { edits: { detect?: boolean }[] }[];
}

/** Restorations unspin makes (`--format json`, findings left out); `args` load the dictionary. */
export function unspinCount(
  bin: string,
  args: readonly string[],
  input: string,
  env: NodeJS.ProcessEnv,
): number | null {
  const r = spawnSync(process.execPath, [bin, ...args, "--format", "json", "--no-findings", input], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 2 * 1024 * 1024 * 1024,
  });
  if (r.status !== 0) return null;
  const report = JSON.parse(r.stdout) as JsonReport;
  return report.files.reduce((n, f) => n + f.edits.filter((e) => !e.detect).length, 0);
}
