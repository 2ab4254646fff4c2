/**
 * Formats for CI and editors, one report per edit:
 * - `sarif`: SARIF 2.1.0 (GitHub code scanning and other SARIF viewers); columns are UTF-16 code
 *   units, SARIF's default `columnKind`.
 * - `github`: GitHub Actions workflow commands (`::warning file=…::…`), shown on the pull request.
 * - `compact`: `file:line:col: spun → original [entry]`, the gcc / eslint-compact shape editors
 *   jump from.
 * Lines and columns are 1-based; a column counts UTF-16 code units, as the edits' do.
 */
import path from "node:path";
import type { Edit } from "../types.js";
import type { FileResult } from "./types.js";

/**
 * The name a report gives an input: as given, except an absolute path inside `cwd`, which is made
 * relative to it (GitHub and SARIF viewers place a file by its path from the repository's root).
 */
function shown(r: FileResult, cwd?: string): string {
  if (r.name === "-") return "<stdin>";
  if (cwd && path.isAbsolute(r.name)) {
    const rel = path.relative(cwd, r.name);
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) return rel.split(path.sep).join("/");
  }
  return r.name;
}

/** 1-based line and column of the end of an edit (exclusive end, as SARIF's endColumn is). */
export function endOf(input: string, e: Edit): { line: number; col: number } {
  let line = e.line;
  let lineStart = e.start - (e.col - 1);
  for (let i = input.indexOf("\n", e.start); i !== -1 && i < e.end; i = input.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: e.end - lineStart + 1 };
}

function what(e: Edit): string {
  return e.detect ? `'${e.spun}' may be spun: '${e.replacement}'?` : `'${e.spun}' → '${e.replacement}'`;
}

function entryName(e: Edit): string {
  return e.entry.pack ? `${e.entry.pack}:${e.entry.id}` : e.entry.id;
}

/** GitHub's workflow commands: `%`, CR and LF escaped in the message, also `:` and `,` in properties. */
function ghData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(results: readonly FileResult[], cwd?: string): string {
  const out: string[] = [];
  for (const r of results) {
    for (const e of r.edits) {
      const end = endOf(r.input, e);
      const props = [`file=${ghProp(shown(r, cwd))}`, `line=${e.line}`, `col=${e.col}`];
      if (end.line !== e.line) props.push(`endLine=${end.line}`);
      props.push(`endColumn=${end.col}`, `title=${ghProp(`unspin ${entryName(e)}`)}`);
      out.push(`::${e.detect ? "notice" : "warning"} ${props.join(",")}::${ghData(`${what(e)} (${entryName(e)})`)}\n`);
    }
  }
  return out.join("");
}

export function formatCompact(results: readonly FileResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    for (const e of r.edits) {
      const spun = e.spun.replace(/\s+/g, " ");
      const arrow = e.detect ? `${spun} → ${e.replacement}? (finding)` : `${spun} → ${e.replacement}`;
      out.push(`${shown(r)}:${e.line}:${e.col}: ${arrow} [${entryName(e)}]\n`);
    }
  }
  return out.join("");
}

/** A file name as a SARIF artifact URI: relative names stay relative (to the run's folder), escaped. */
function artifactUri(name: string): string {
  if (name === "<stdin>") return "stdin";
  if (name.startsWith("/")) return `file://${encodeURI(name)}`;
  return encodeURI(name.replace(/\\/g, "/"));
}

/** `version`: unspin's, for the tool's driver. */
export function formatSarif(results: readonly FileResult[], version: string, cwd?: string): string {
  const rules: { id: string; shortDescription: { text: string }; properties: Record<string, unknown> }[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: unknown[] = [];
  for (const r of results) {
    for (const e of r.edits) {
      const id = entryName(e);
      let index = ruleIndex.get(id);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(id, index);
        rules.push({
          id,
          shortDescription: { text: `spun form of '${e.replacement}' (dictionary entry ${id})` },
          properties: { pack: e.entry.pack, source: `${e.entry.file}:${e.entry.line}` },
        });
      }
      const end = endOf(r.input, e);
      sarifResults.push({
        ruleId: id,
        ruleIndex: index,
        level: e.detect ? "note" : "warning",
        message: { text: what(e) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(shown(r, cwd)) },
              region: { startLine: e.line, startColumn: e.col, endLine: end.line, endColumn: end.col },
            },
          },
        ],
        ...(e.detect
          ? {}
          : {
              fixes: [
                {
                  description: { text: `restore '${e.replacement}'` },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: artifactUri(shown(r, cwd)) },
                      replacements: [
                        {
                          deletedRegion: {
                            startLine: e.line,
                            startColumn: e.col,
                            endLine: end.line,
                            endColumn: end.col,
                          },
                          insertedContent: { text: e.replacement },
                        },
                      ],
                    },
                  ],
                },
              ],
            }),
      });
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "unspin",
            version,
            informationUri: "https://www.npmjs.com/package/unspin",
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
