/**
 * The input arguments as files: a directory is walked recursively for text-like files, a glob the
 * shell did not expand (quoted, or on a shell that does not) is expanded here. The order is
 * deterministic: arguments in the order given, the files of one directory or glob sorted by path.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { globSync, isDynamicPattern } from "../text/parsers.js";

/**
 * Extensions of the files a directory walk takes: plain text, Markdown, HTML, reStructuredText.
 * XML is left out on purpose: it is mostly data and configuration, where a "restored" word is a
 * broken key; name an XML file explicitly to restore it as text.
 */
export const TEXT_EXTENSIONS = [".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".rst"] as const;
const TEXT_EXT = new Set<string>(TEXT_EXTENSIONS);

/** Folders a walk never enters (besides hidden ones, whose name starts with a dot). */
const SKIPPED = new Set(["node_modules"]);

function isTextLike(name: string): boolean {
  return TEXT_EXT.has(path.extname(name).toLowerCase());
}

/** Text-like files under `dir`, sorted by path (byte order of the names, so stable across locales). */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // an unreadable folder inside a walk is skipped, as find and grep -r report and go on
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      let dirLike = e.isDirectory();
      let fileLike = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(p);
          // symlinked folders are not followed (no cycles); symlinked files are taken
          dirLike = false;
          fileLike = st.isFile();
        } catch {
          continue;
        }
      }
      if (dirLike) {
        if (!SKIPPED.has(e.name)) visit(p);
      } else if (fileLike && isTextLike(e.name)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/**
 * The files of the arguments: "-" stays; an existing directory becomes its text-like files; a
 * name that does not exist but is a glob becomes its matches (sorted); anything else stays as it
 * is (and is reported when read: "no such file"). A glob that matches nothing stays too.
 */
export function expandInputs(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (a === "-") {
      out.push(a);
      continue;
    }
    let st: import("node:fs").Stats | undefined;
    try {
      st = statSync(path.resolve(cwd, a));
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const base = path.resolve(cwd, a);
      const found = walk(base);
      // names as the user gave the folder: `unspin drafts` lists drafts/a.txt
      for (const f of found) out.push(path.join(a, path.relative(base, f)));
      // a folder with nothing to restore stays, and is refused when read (one error line, exit 2)
      if (found.length === 0) out.push(a);
      continue;
    }
    if (!st && isDynamicPattern(a)) {
      const found = globSync(a, { cwd, onlyFiles: true, dot: false, expandDirectories: false, absolute: false });
      if (found.length) {
        found.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const abs = path.isAbsolute(a);
        for (const f of found) out.push(abs ? path.resolve(cwd, f) : f);
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
