/** `unspin dict …`: commands for dictionary authors. */
import type { Command } from "commander";
import type { Io, SetExit } from "../io.js";
import { makeChalk } from "../io.js";
import type { ExitCode } from "../errors.js";
import { testPack } from "../dicttest.js";
import { builtinPacks, readPackFile, resolvePack } from "../packs.js";

function runDictTest(targets: string[], io: Io, color: boolean | undefined): ExitCode {
  const chalk = makeChalk(io, color);
  const files = (targets.length ? targets : builtinTargets()).map((t) => resolvePack(t, io.cwd));
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const result = testPack(readPackFile(file, io.cwd));
    passed += result.passed;
    failed += result.failures.length;
    for (const f of result.failures) {
      io.stdout(`${chalk.red("✗")} ${f.entry.id} ${chalk.dim(`${f.pos.file}:${f.pos.line}:${f.pos.col}`)} ${f.kind}: ${f.reason}\n`);
      io.stdout(`    input:    ${f.input}\n    expected: ${f.expected}\n    got:      ${f.got}\n`);
    }
    io.stdout(`${result.failures.length ? chalk.red("✗") : chalk.green("✓")} ${result.pack} (${result.file}): ${result.passed} passed, ${result.failures.length} failed\n`);
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

function builtinTargets(): string[] {
  return builtinPacks();
}

export function registerDict(program: Command, io: Io, setExit: SetExit): void {
  const dict = program.command("dict").description("work with dictionaries: test");
  dict
    .command("test")
    .description("run every entry's examples and allows; exit 1 on any failure")
    .argument("[pack...]", "pack names or files (default: every built-in pack)")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .action((packs: string[], opts: { color?: boolean }) => {
      setExit(runDictTest(packs, io, opts.color));
    });
}
