/**
 * The benchmark corpus: the project's fixtures (clean and spun texts), cut into paragraphs and
 * repeated in a seeded shuffle until a target size is reached. Everything is deterministic, so two
 * runs on two machines read the same bytes; files are cached under the bench cache folder.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { rng } from "../scripts/rng.js";

export const MB = 1024 * 1024;

export function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function listTxt(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTxt(p));
    else if (name.endsWith(".txt")) out.push(p);
  }
  return out;
}

export interface Fixtures {
  files: string[];
  paragraphs: string[];
  /** The paragraphs of the spun texts only (NAME.spun.txt): a corpus that is spun throughout. */
  spunParagraphs: string[];
  /** A short hash of the fixtures' bytes: part of the cache key. */
  hash: string;
}

/** fixtures/**\/*.txt as committed (git ls-files), so work in progress does not change the corpus. */
function fixtureFiles(root: string): string[] {
  const r = spawnSync("git", ["ls-files", "-z", "--", "fixtures"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) return listTxt(path.join(root, "fixtures"));
  return r.stdout
    .split("\0")
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => path.join(root, f))
    .filter((f) => existsSync(f));
}

/** All fixtures/**\/*.txt, split into paragraphs (blank-line separated), empty ones dropped. */
export function readFixtures(root: string): Fixtures {
  const files = fixtureFiles(root);
  const hash = createHash("sha256");
  const paragraphs: string[] = [];
  const spunParagraphs: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, "utf8").replace(/\r\n?/g, "\n");
    hash.update(path.relative(root, f)).update("\0").update(text);
    for (const p of text.split(/\n[ \t]*\n+/)) {
      const trimmed = p.trim();
      if (trimmed.length === 0) continue;
      paragraphs.push(trimmed);
      if (f.endsWith(".spun.txt")) spunParagraphs.push(trimmed);
    }
  }
  return { files, paragraphs, spunParagraphs, hash: hash.digest("hex").slice(0, 10) };
}

/** Write `target` bytes (cut at a paragraph boundary, so slightly under) of shuffled paragraphs. */
function writeCorpus(file: string, paragraphs: readonly string[], target: number, seed: number): void {
  const rand = rng(seed);
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, "w");
  let size = 0;
  let buf: string[] = [];
  let bufLen = 0;
  outer: for (;;) {
    for (const p of shuffle(paragraphs, rand)) {
      const piece = `${p}\n\n`;
      const n = Buffer.byteLength(piece);
      if (size + n > target) break outer;
      buf.push(piece);
      bufLen += n;
      size += n;
      if (bufLen > 4 * MB) {
        writeSync(fd, buf.join(""));
        buf = [];
        bufLen = 0;
      }
    }
  }
  writeSync(fd, buf.join(""));
  closeSync(fd);
  renameSync(tmp, file);
}

/** The corpus file of about `mb` MB, built once and cached. */
export function corpusFile(cacheDir: string, fx: Fixtures, mb: number): string {
  const file = path.join(cacheDir, `corpus-${mb}MB.txt`);
  if (!existsSync(file)) writeCorpus(file, fx.paragraphs, mb * MB, 1000 + mb);
  return file;
}

/** The spun corpus of about `mb` MB: paragraphs of the spun fixtures only, so every window is judged spun. */
export function spunCorpusFile(cacheDir: string, fx: Fixtures, mb: number): string {
  const file = path.join(cacheDir, `spun-${mb}MB.txt`);
  if (!existsSync(file)) writeCorpus(file, fx.spunParagraphs, mb * MB, 2000 + mb);
  return file;
}

/** About 1 KB of text (the start-up probe). */
export function smallFile(cacheDir: string, fx: Fixtures): string {
  const file = path.join(cacheDir, "start-1KB.txt");
  if (!existsSync(file))
    writeCorpus(
      file,
      fx.paragraphs.filter((p) => p.length < 900),
      1024,
      7,
    );
  return file;
}

/** `count` small files of 1–4 paragraphs each, for the --jobs measurement. */
export function manySmallFiles(cacheDir: string, fx: Fixtures, count: number): string[] {
  const dir = path.join(cacheDir, `small-${count}`);
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(path.join(dir, `doc-${String(i).padStart(5, "0")}.txt`));
  if (existsSync(path.join(dir, ".done"))) return files;
  mkdirSync(dir, { recursive: true });
  const rand = rng(4242);
  for (const f of files) {
    const n = 1 + Math.floor(rand() * 4);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(fx.paragraphs[Math.floor(rand() * fx.paragraphs.length)]);
    const fd = openSync(f, "w");
    writeSync(fd, `${parts.join("\n\n")}\n`);
    closeSync(fd);
  }
  closeSync(openSync(path.join(dir, ".done"), "w"));
  return files;
}

/** `count` files of about `bytes` each (whole paragraphs of the fixtures until that size): papers, articles. */
export function manyFiles(cacheDir: string, fx: Fixtures, count: number, bytes: number): string[] {
  const dir = path.join(cacheDir, `files-${count}x${bytes}`);
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(path.join(dir, `doc-${String(i).padStart(5, "0")}.txt`));
  if (existsSync(path.join(dir, ".done"))) return files;
  mkdirSync(dir, { recursive: true });
  const rand = rng(bytes + count);
  for (const f of files) {
    const parts: string[] = [];
    for (let n = 0; n < bytes; ) {
      const p = fx.paragraphs[Math.floor(rand() * fx.paragraphs.length)];
      parts.push(p);
      n += Buffer.byteLength(p) + 2;
    }
    const fd = openSync(f, "w");
    writeSync(fd, `${parts.join("\n\n")}\n`);
    closeSync(fd);
  }
  closeSync(openSync(path.join(dir, ".done"), "w"));
  return files;
}

/** A file of about `gb` GB: the 100 MB corpus repeated (built on demand for --big). */
export function bigFile(cacheDir: string, fx: Fixtures, gb: number): string {
  const file = path.join(cacheDir, `corpus-${gb}GB.txt`);
  if (existsSync(file)) return file;
  const unit = readFileSync(corpusFile(cacheDir, fx, 100));
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, "w");
  const copies = Math.round((gb * 1024 * MB) / unit.length);
  for (let i = 0; i < copies; i++) writeSync(fd, unit);
  closeSync(fd);
  renameSync(tmp, file);
  return file;
}

export function fileMB(file: string): number {
  return statSync(file).size / MB;
}
