/** The work behind `unspin dict …` (loaded only when such a command runs; see dict.ts). */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Io } from "../../io/io.js";
import { makeChalk } from "../../io/io.js";
import { UnspinError, fsError, isUnspinError } from "../../errors.js";
import { decodeUtf8 } from "../../io/input.js";
import type { ExitCode } from "../../errors.js";
import { testPack } from "../../authoring/dicttest.js";
import { builtinPacks, isBuiltin, loadDictionary, readPackFile, resolvePack } from "../../dictionary/packs.js";
import { findConfig, packList, readConfig } from "../config.js";
import type { PackListOptions } from "../config.js";
import { writeUserFile } from "../../io/atomic.js";
import { addEntry, displayPath } from "../../authoring/add.js";
import { importSummary, importThesaurus } from "../../authoring/import.js";
import { formatFinding, lintFiles, summaryLine } from "../../authoring/lint.js";
import { formatEntry, listEntries } from "../../authoring/list.js";

/**
 * The packs `dict test` and `dict lint` check when none is named: every built-in pack, then the
 * user's own dictionaries of a run (.unspinrc.yaml's `dictionaries`, every --dict); with
 * --no-default-packs, only the latter.
 */
function checkedPacks(targets: string[], options: PackListOptions, cwd: string): string[] {
  if (targets.length) return targets;
  const run = packList(options, cwd);
  const own = run.filter((p) => !isBuiltin(resolvePack(p, cwd)));
  const list = options.defaultPacks ? [...builtinPacks(), ...own] : run;
  const seen = new Set<string>();
  return list.filter((p) => {
    const file = resolvePack(p, cwd);
    if (seen.has(file)) return false;
    seen.add(file);
    return true;
  });
}

export function runDictTest(targets: string[], options: PackListOptions, io: Io, color: boolean | undefined): ExitCode {
  const chalk = makeChalk(io, color);
  const files = checkedPacks(targets, options, io.cwd).map((t) => resolvePack(t, io.cwd));
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const result = testPack(readPackFile(file, io.cwd));
    passed += result.passed;
    failed += result.failures.length;
    for (const f of result.failures) {
      io.stdout(
        `${chalk.red("✗")} ${f.entry.id} ${chalk.dim(`(${f.entry.pos.file}:${f.entry.pos.line})`)} ${f.kind} at ` +
          `${f.pos.file}:${f.pos.line}: ${f.reason}\n`,
      );
      io.stdout(`    input:    ${f.input}\n    expected: ${f.expected}\n    got:      ${f.got}\n`);
    }
    io.stdout(
      `${result.failures.length ? chalk.red("✗") : chalk.green("✓")} ${result.pack} (${result.file}): ` +
        `${result.passed} passed, ${result.failures.length} failed\n`,
    );
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

function addTarget(to: string | undefined, io: Io, useConfig: boolean): string {
  if (to !== undefined) {
    const file = /^[a-z0-9][a-z0-9-]*$/i.test(to) ? resolvePack(to, io.cwd) : path.resolve(io.cwd, to);
    if (isBuiltin(file)) {
      throw new UnspinError(
        "usage",
        `--to ${to}: that is a pack shipped with unspin, which an update replaces; ` +
          "add the entry to a file of your own (--to my.yaml): it overrides the built-in packs for that spun form",
      );
    }
    return file;
  }
  const file = useConfig ? findConfig(io.cwd) : undefined;
  const first = file ? readConfig(file).dictionaries[0] : undefined;
  if (first === undefined)
    throw new UnspinError("usage", "say where to add the entry: --to FILE (or list `dictionaries` in .unspinrc.yaml)");
  return first;
}

export interface AddOpts {
  to?: string;
  example?: string;
  allow: string[];
  before?: string;
  after?: string;
  exact?: boolean;
}

export function runAdd(spun: string, original: string, opts: AddOpts, io: Io, useConfig: boolean): ExitCode {
  const failBeforeRename = io.env.UNSPIN_TEST_FAIL_BEFORE_RENAME === "1";
  const r = addEntry({
    spun,
    original,
    file: addTarget(opts.to, io, useConfig),
    cwd: io.cwd,
    example: opts.example,
    allows: opts.allow.length ? opts.allow : undefined,
    before: opts.before,
    after: opts.after,
    exact: opts.exact,
    beforeRename: failBeforeRename
      ? () => {
          throw new UnspinError("not-writable", "simulated failure before rename (UNSPIN_TEST_FAIL_BEFORE_RENAME=1)");
        }
      : undefined,
  });
  if (r.generated) io.stderr(`unspin: no --example given; made one: "${r.generated.in}" → "${r.generated.out}"\n`);
  io.stdout(
    `added '${spun}' → '${original}' as ${r.id} at ${r.file}:${r.line}${r.created ? " (new pack file)" : ""}\n`,
  );
  return 0;
}

export function runLint(targets: string[], options: PackListOptions, io: Io): ExitCode {
  const files = checkedPacks(targets, options, io.cwd).map((t) => {
    const file = resolvePack(t, io.cwd);
    return { path: file, shown: displayPath(file, io.cwd) };
  });
  const report = lintFiles(files);
  for (const f of report.findings) io.stdout(`${formatFinding(f)}\n`);
  io.stdout(`${summaryLine(report)}\n`);
  return report.findings.some((f) => f.severity === "error") ? 1 : 0;
}

export function runImport(thesaurus: string, out: string | undefined, io: Io, force = false): ExitCode {
  if (out !== undefined && !force && existsSync(path.resolve(io.cwd, out))) {
    throw new UnspinError(
      "usage",
      `${out} exists: dict import never overwrites a file (--force to replace it, or another --out)`,
    );
  }
  let text: string;
  try {
    text = decodeUtf8(readFileSync(path.resolve(io.cwd, thesaurus)), thesaurus);
  } catch (err) {
    throw isUnspinError(err) ? err : fsError(err, "read", thesaurus);
  }
  const outFile = path.resolve(io.cwd, out ?? "imported.yaml");
  const r = importThesaurus(text, path.basename(thesaurus), outFile);
  const report = out === undefined ? io.stderr : io.stdout;
  if (out === undefined) io.stdout(r.yaml);
  else writeUserFile(outFile, displayPath(outFile, io.cwd), r.yaml);
  for (const line of importSummary(r)) report(`${line}\n`);
  if (out !== undefined) report(`wrote ${displayPath(outFile, io.cwd)}\n`);
  return 0;
}

export function runList(packs: string[], grep: string | undefined, options: PackListOptions, io: Io): ExitCode {
  const d = loadDictionary(packs.length ? packs : packList(options, io.cwd), io.cwd);
  const rows = listEntries(d, grep);
  for (const e of rows) io.stdout(`${formatEntry(e)}\n`);
  io.stderr(`${rows.length} of ${d.entries.length} entries\n`);
  return 0;
}
