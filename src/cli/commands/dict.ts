/** `unspin dict …`: commands for dictionary authors. The work is loaded only when one runs (dict-actions.ts). */
import type { Command } from "commander";
import type { Io, SetExit } from "../../io/io.js";
import type { PackListOptions } from "../config.js";
import type { AddOpts } from "./dict-actions.js";

const actions = () => import("./dict-actions.js");

/**
 * The pack options of a command that loads the run's packs: its own -d/--dict, --no-default-packs
 * and --no-config, together with the same options given before the command name.
 */
export function packOptions(cmd: Command): PackListOptions {
  const out: PackListOptions = { dict: [], defaultPacks: true, config: true };
  for (let c: Command | null = cmd; c; c = c.parent) {
    const o = c.opts<{ dict?: string[]; defaultPacks?: boolean; config?: boolean }>();
    out.dict = [...(o.dict ?? []), ...out.dict];
    if (o.defaultPacks === false) out.defaultPacks = false;
    if (o.config === false) out.config = false;
  }
  return out;
}

/** Give a command the options that choose the run's packs (see packOptions). */
export function withPackOptions(cmd: Command): Command {
  return cmd
    .option("-d, --dict <name|path>", "add a built-in pack by name or a dictionary file (repeatable)", collect, [])
    .option("--no-default-packs", "do not load the default pack (news); use only --dict")
    .option("--no-config", "ignore .unspinrc.yaml");
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerDict(program: Command, io: Io, setExit: SetExit): void {
  const dict = program.command("dict").description("work with dictionaries: add, test, lint, import, list");
  dict
    .command("add")
    .description("add an entry to a dictionary file, tested before it is written")
    .argument("<spun>", "the spun words, as the spinner wrote them")
    .argument("<original>", "the words they replaced")
    .option(
      "--to <file|pack>",
      "the dictionary file (created if missing) or built-in pack (default: the first of `dictionaries` in " +
        ".unspinrc.yaml)",
    )
    .option("--example <sentence>", "a spun sentence holding the spun words (default: one is made)")
    .option("--allow <sentence>", "a clean sentence the entry must leave alone (repeatable)", collect, [])
    .option("--before <word>", "restore only where this word stands right before the spun words")
    .option("--after <word>", "restore only where this word stands right after the spun words")
    .option("--exact", "write the original exactly as given, whatever the case of the text (case: exact)")
    .action(async (spun: string, original: string, opts: AddOpts, cmd: Command) => {
      setExit((await actions()).runAdd(spun, original, opts, io, packOptions(cmd).config !== false));
    });
  const checked = "pack names or files (default: every built-in pack, then --dict and .unspinrc.yaml's dictionaries)";
  withPackOptions(dict.command("test"))
    .description("run every entry's examples and allows; exit 1 on any failure")
    .argument("[pack...]", checked)
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .action(async (packs: string[], opts: { color?: boolean }, cmd: Command) => {
      setExit((await actions()).runDictTest(packs, packOptions(cmd), io, opts.color));
    });
  withPackOptions(dict.command("lint"))
    .description("find duplicates, conflicts, cycles, shadowed entries and impossible conditions; exit 1 on an error")
    .argument("[pack...]", checked)
    .action(async (packs: string[], _opts: object, cmd: Command) => {
      setExit((await actions()).runLint(packs, packOptions(cmd), io));
    });
  dict
    .command("import")
    .description("turn a spinner's thesaurus (key|alt1|alt2 lines, original first) into reversal entries")
    .argument("<thesaurus>", "the thesaurus file")
    .option("--out <file>", "write the new pack here (default: standard output); an existing file only with --force")
    .option("--force", "replace the --out file if it exists")
    .action(async (thesaurus: string, opts: { out?: string; force?: boolean }) => {
      setExit((await actions()).runImport(thesaurus, opts.out, io, opts.force === true));
    });
  withPackOptions(dict.command("list"))
    .description("list entries (id, spun → original, file:line) of the packs a run loads")
    .argument("[pack...]", "pack names or files (default: the packs a run loads: --dict, .unspinrc.yaml)")
    .option("--grep <text>", "only entries whose id, spun form, original or note contains the text")
    .action(async (packs: string[], opts: { grep?: string }, cmd: Command) => {
      setExit((await actions()).runList(packs, opts.grep, packOptions(cmd), io));
    });
}
