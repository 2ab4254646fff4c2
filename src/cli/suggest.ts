/**
 * Top-level words checked before commander sees them: `unspin help [command]`, and a mistyped
 * command name told apart from an input file ("did you mean …?").
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { UnspinError } from "../errors.js";
import type { Io } from "../io/io.js";

/**
 * The first word, checked before commander sees it: `unspin help [command]` is --help; a word that
 * is not a command and not an existing file, but close to a command's name, is a typo, not an
 * input (`unspin explian x`: did you mean explain?).
 */
export function topLevel(argv: string[], program: Command, io: Io): string[] {
  const first = argv[0];
  if (first === undefined || first.startsWith("-")) return argv;
  const names = program.commands.map((c) => c.name());
  if (names.includes(first) || existsSync(path.resolve(io.cwd, first))) return argv;
  if (first === "help") {
    const sub = argv[1];
    if (sub !== undefined && names.includes(sub)) return [sub, "--help"];
    if (sub !== undefined && !sub.startsWith("-"))
      throw new UnspinError("usage", `unknown command '${sub}'${suggestion(sub, names)}`);
    return ["--help"];
  }
  // only a bare word can be a mistyped command: a path or a glob ("dic*", "a.txt") is an input
  const near = /^[a-z][a-z-]*$/i.test(first) ? closest(first, [...names, "help"]) : undefined;
  if (near) throw new UnspinError("usage", `unknown command '${first}' (did you mean ${near}?)`);
  return argv;
}

function suggestion(word: string, names: readonly string[]): string {
  const near = closest(word, names);
  return near ? ` (did you mean ${near}?)` : "";
}

/** The name at the smallest edit distance from `word`, if it is close (≤ 2, and less than half the word). */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const n of names) {
    const d = distance(word.toLowerCase(), n);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return bestD <= Math.min(2, Math.floor(word.length / 2)) ? best : undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts once. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** Run the CLI; returns the exit code. */
