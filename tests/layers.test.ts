/**
 * The layering of src/ (see each folder's README.md): a module imports only from its own folder,
 * from the folders its layer may use, and from the shared files at the top of src/ (errors.ts,
 * types.ts). Nothing imports the library API (index.ts). A lower layer never imports a higher one:
 *
 *   text, io  <  dictionary  <  engine  <  run, eval, authoring  <  cli   (format: text only)
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Each layer (a folder of src/) and the layers it may import from, besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  text: [],
  io: [],
  dictionary: ["text", "io"],
  engine: ["text", "dictionary"],
  format: ["text"],
  run: ["text", "io", "dictionary", "engine", "format"],
  eval: ["text", "io", "dictionary", "engine"],
  authoring: ["text", "io", "dictionary", "engine"],
  cli: ["text", "io", "dictionary", "engine", "format", "run", "eval", "authoring"],
};
/** The files directly in src/ that any layer may import. */
const SHARED = ["errors.ts", "types.ts"];
const TOP = [...SHARED, "index.ts"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** The layer of a file: its first folder under src/, or "" for a file directly in src/. */
function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : "";
}

/** The relative modules a file imports (static, type-only, re-exports and dynamic imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, ".ts")));
}

describe("src/ layering", () => {
  const files = sources(SRC);

  it("finds the sources", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it("has at most three files directly in src/", () => {
    const top = readdirSync(SRC).filter((f) => statSync(path.join(SRC, f)).isFile());
    expect(top.length).toBeLessThanOrEqual(3);
    for (const f of top) expect(TOP).toContain(f);
  });

  it("gives every layer a README.md saying what it owns and may import", () => {
    for (const layer of Object.keys(ALLOWED)) {
      const readme = readFileSync(path.join(SRC, layer, "README.md"), "utf8");
      expect(readme, layer).toMatch(/may import/i);
    }
    const folders = readdirSync(SRC).filter((f) => statSync(path.join(SRC, f)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("never imports upward", () => {
    const bad: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        const name = path.relative(SRC, target);
        const ok =
          to === ""
            ? SHARED.includes(name)
            : from === ""
              ? path.relative(SRC, file) === "index.ts"
              : to === from || ALLOWED[from].includes(to);
        if (!ok) bad.push(`${path.relative(SRC, file)} imports ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps every source file under 400 lines and every line within 120 characters", () => {
    const long = files.flatMap((f) => {
      const lines = readFileSync(f, "utf8").split("\n");
      const name = path.relative(SRC, f);
      const wide = lines.flatMap((l, i) => (l.length > 120 ? [`${name}:${i + 1} is ${l.length} characters`] : []));
      return lines.length > 400 ? [`${name} has ${lines.length} lines`, ...wide] : wide;
    });
    expect(long).toEqual([]);
  });

  it("resolves every relative import to a file", () => {
    const missing = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => !existsFile(t))
        .map((t) => `${f} → ${t}`),
    );
    expect(missing).toEqual([]);
  });
});

function existsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
