/**
 * `unspin completion bash|zsh`: a shell completion script made from the program itself (its
 * commands and options) and the installed packs, so it never goes stale.
 *   bash: eval "$(unspin completion bash)"   (or save it to ~/.local/share/bash-completion/completions/unspin)
 *   zsh:  eval "$(unspin completion zsh)"    (after compinit; or save it as _unspin on $fpath)
 */
import type { Command } from "commander";
import { Argument } from "commander";
import { UnspinError } from "../../errors.js";
import type { Io } from "../../io/io.js";
import { builtinPacks } from "../../dictionary/packs.js";

/** Words quoted for a zsh _values list. */
const quoted = (words: readonly string[]): string => words.map((w) => `'${w}'`).join(" ");

function optionsOf(cmd: Command): string[] {
  const out: string[] = [];
  for (const o of cmd.options) {
    if (o.hidden) continue;
    if (o.short) out.push(o.short);
    if (o.long) out.push(o.long);
  }
  return out.concat("--help");
}

function choicesOf(cmd: Command, long: string): string[] {
  return cmd.options.find((o) => o.long === long)?.argChoices ?? [];
}

function bash(program: Command, packs: string[]): string {
  const subs = program.commands.map((c) => c.name());
  const cases = program.commands
    .map((c) => {
      const nested = c.commands.map((n) => n.name());
      const words = [...nested, ...optionsOf(c)].join(" ");
      return `    ${c.name()}) words="${words}" ;;`;
    })
    .join("\n");
  return `# bash completion for unspin: eval "$(unspin completion bash)"
_unspin() {
  local cur prev words cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -d|--dict) COMPREPLY=($(compgen -W "${packs.join(" ")}" -- "$cur") $(compgen -f -- "$cur")); return ;;
    -f|--format) COMPREPLY=($(compgen -W "${choicesOf(program, "--format").join(" ")}" -- "$cur")); return ;;
    --markup) COMPREPLY=($(compgen -W "${choicesOf(program, "--markup").join(" ")}" -- "$cur")); return ;;
    --document) COMPREPLY=($(compgen -W "${choicesOf(program, "--document").join(" ")}" -- "$cur")); return ;;
  esac
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${subs.join("|")}) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd" in
${cases}
    *) words="${subs.join(" ")} help ${optionsOf(program).join(" ")}" ;;
  esac
  if [[ "$cur" == -* || -n "$cmd" ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$words" -- "$cur") $(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _unspin unspin
`;
}

function zsh(program: Command, packs: string[]): string {
  const subs = program.commands.map((c) => `'${c.name()}:${(c.description() || c.name()).replace(/'/g, "")}'`);
  const opts = program.options
    .filter((o) => !o.hidden)
    .map((o) => {
      const names = [o.short, o.long].filter(Boolean) as string[];
      const desc = o.description.replace(/[[\]':]/g, "");
      const spec = names.length > 1 ? `{${names.join(",")}}` : names[0];
      let arg = "";
      if (o.long === "--dict") arg = `:pack:(${packs.join(" ")})`;
      else if (o.argChoices) arg = `:value:(${o.argChoices.join(" ")})`;
      else if (o.required || o.optional) arg = ":value:";
      return `    '${spec.startsWith("{") ? `(${names.join(" ")})'${spec}'` : spec}[${desc}]${arg}'`;
    })
    .join(" \\\n");
  const subcases = program.commands
    .map((c) => `      ${c.name()}) _values 'word' ${quoted([...c.commands.map((n) => n.name()), ...optionsOf(c)])} ;;`)
    .join("\n");
  return `#compdef unspin
# zsh completion for unspin: eval "$(unspin completion zsh)" (after compinit)
_unspin() {
  local -a commands
  commands=(${subs.join(" ")} 'help:show help')
  if (( CURRENT == 2 )) && [[ "$words[2]" != -* ]]; then
    _describe 'command' commands
    _files
    return
  fi
  case "$words[2]" in
${subcases}
    *) _arguments -s \\
${opts} \\
    '*:file:_files' ;;
  esac
}
compdef _unspin unspin
`;
}

export function registerCompletion(program: Command, io: Io): void {
  program
    .command("completion")
    .description("print a shell completion script (bash or zsh)")
    .addArgument(new Argument("<shell>", "bash or zsh").choices(["bash", "zsh"]))
    .addHelpText(
      "after",
      `
Install:
  bash: eval "$(unspin completion bash)"    in ~/.bashrc
  zsh:  eval "$(unspin completion zsh)"     in ~/.zshrc, after compinit`,
    )
    .action((shell: string) => {
      let packs: string[] = [];
      try {
        packs = builtinPacks();
      } catch {
        // no packs folder: complete without pack names
      }
      if (shell === "bash") io.stdout(bash(program, packs));
      else if (shell === "zsh") io.stdout(zsh(program, packs));
      else throw new UnspinError("usage", `completion: unknown shell '${shell}' (bash or zsh)`);
    });
}
