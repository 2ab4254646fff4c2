/**
 * Streaming restoration: input of any size in bounded memory. Text arrives in pieces; it is
 * restored in windows of about `chunk` characters cut at whitespace (at a paragraph break when one
 * is near). Each window is restored with `context` characters of the text before and after it
 * visible to conditions and overlap resolution, so an entry spanning a cut still matches and
 * before/after/near conditions see their neighbours. Document-level conditions (document_has…)
 * see the current window: the whole input when it fits in one window (the usual case for an
 * article or a paper), otherwise the window's own paragraphs.
 */
import type { Dictionary } from "../dictionary/build.js";
import { applyEdits, restoreRange } from "../engine/restore.js";
import { Kind, tokenize } from "../text/tokenizer.js";
import type { RestoreOptions } from "../engine/restore.js";
import { docEvidence } from "../engine/evidence.js";
import type { DocEvidence, Edit } from "../types.js";

/** Inputs past this size stream through restoreStream (bounded memory) rather than load whole. */
export const STREAM_ABOVE = 8 << 20;

export interface StreamOptions extends RestoreOptions {
  /** Characters restored per window (default 1 MiB). */
  chunk?: number;
  /** Characters of context on each side of a window (default 4 KiB). */
  context?: number;
}

export interface Piece {
  /** Restored text for the next stretch of the input. */
  text: string;
  /** Its edits, with offsets, lines and columns in the whole input (none with `lean`). */
  edits: Edit[];
  words: number;
  restorations: number;
  findings: number;
  /** The window's spinner score and evidence (restoreStream only; see mergeDocs). */
  doc?: DocEvidence;
  /** The stretch of the input this piece restores, [from, to) (restoreStream only). */
  from?: number;
  to?: number;
}

function isWhite(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A cut point in [lo, hi]: after a paragraph break if one is in the second half, else at whitespace. */
export function cutPoint(text: string, lo: number, hi: number): number {
  // a paragraph break in the window's second half (searched there only: lastIndexOf would run back
  // over the whole buffer in text without blank lines)
  const half = Math.max(lo + 1, lo + ((hi - lo) >> 1));
  for (let i = Math.min(hi, text.length - 2); i >= half; i--) {
    if (text.charCodeAt(i) === 0x0a && text.charCodeAt(i + 1) === 0x0a) return i + 1;
  }
  for (let i = hi; i > lo; i--) if (isWhite(text.charCodeAt(i))) return i;
  return hi; // no whitespace at all: cut inside the run (a match cannot span it anyway)
}

/**
 * The next window of `buf` from `fromRel`: its own part ends at `toRel` (a cut at whitespace about
 * `chunk` on, or the end of the input), and it reaches `ctx` characters further on each side.
 */
function planWindow(
  buf: string,
  fromRel: number,
  final: boolean,
  chunk: number,
  ctx: number,
): { toRel: number; winStart: number; winEnd: number } {
  const toRel = final ? buf.length : cutPoint(buf, fromRel + 1, Math.min(buf.length - ctx, fromRel + chunk));
  return {
    toRel,
    winStart: Math.max(0, fromRel - ctx),
    winEnd: final ? buf.length : Math.min(buf.length, toRel + ctx),
  };
}

function countLines(text: string, from: number, to: number): { lines: number; lastBreak: number } {
  let lines = 0;
  let lastBreak = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      lines++;
      lastBreak = i;
    }
  }
  return { lines, lastBreak };
}

/**
 * What one window gives: its restored text from `from` to where its edits end (at least its own
 * end, `ownEnd`; an edit may run past the cut), with its words and counts. Offsets in the window.
 */
function windowOutput(
  window: string,
  r: { edits: Edit[]; words: number },
  from: number,
  ownEnd: number,
): { text: string; endRel: number; words: number; restorations: number; findings: number } {
  let endRel = ownEnd;
  for (const e of r.edits) if (e.end > endRel) endRel = e.end;
  let words = r.words;
  if (endRel > ownEnd) words += countWords(window.slice(ownEnd, endRel)); // carried past the cut
  let restorations = 0;
  for (const e of r.edits) if (!e.detect) restorations++;
  return {
    text: applyEdits(window, r.edits, from, endRel),
    endRel,
    words,
    restorations,
    findings: r.edits.length - restorations,
  };
}

/** Words of a short stretch that an edit carried past a cut (counted with the window before it). */
function countWords(text: string): number {
  const t = tokenize(text);
  let n = 0;
  for (let i = 0; i < t.count; i++) if (t.kinds[i] === Kind.Word || t.kinds[i] === Kind.Number) n++;
  return n;
}

/** Window sizes: `chunk` characters restored per window, `ctx` of context on each side. */
function sizes(opts: StreamOptions): { chunk: number; ctx: number } {
  return { chunk: opts.chunk ?? 1 << 20, ctx: opts.context ?? 4096 };
}

/**
 * Where the output of a stream stands, in absolute offsets: what has been yielded (`done`), and
 * where the last edit made ends (`blocked`: no later edit may start before it). The sequential and
 * the parallel stream land their windows through this, so both cut and join the same way.
 */
class Landing {
  done = 0;
  blocked = 0;

  /** Land the result `r` of a window whose text starts at `base`: its output from `done` on, past `ownEnd`. */
  land(window: string, r: { edits: Edit[]; words: number }, base: number, ownEnd: number): Piece {
    const out = windowOutput(window, r, this.done - base, ownEnd - base);
    if (r.edits.length) this.blocked = Math.max(this.blocked, base + r.edits[r.edits.length - 1].end);
    this.done = base + out.endRel;
    return { text: out.text, edits: [], words: out.words, restorations: out.restorations, findings: out.findings };
  }
}

/** Restore text arriving in pieces; yields restored pieces whose concatenation is the restored input. */
export async function* restoreStream(
  source: AsyncIterable<string>,
  dict: Dictionary,
  opts: StreamOptions = {},
): AsyncGenerator<Piece> {
  const { chunk, ctx } = sizes(opts);
  const at = new Landing();
  let buf = "";
  let bufStart = 0; // absolute offset of buf[0]
  let line = 1; // line number at bufStart
  let lineStart = 0; // absolute offset where that line starts

  const step = (final: boolean): Piece => {
    const fromRel = at.done - bufStart;
    const { toRel, winStart, winEnd } = planWindow(buf, fromRel, final, chunk, ctx);
    const window = buf.slice(winStart, winEnd);
    const base = bufStart + winStart;
    const r = restoreRange(window, dict, {
      ...opts,
      from: fromRel - winStart,
      to: toRel - winStart,
      blockedBefore: Math.max(0, at.blocked - base),
    });
    const startAbs = at.done;
    const out = at.land(window, r, base, bufStart + toRel);
    // lines and columns: relative to the window, made absolute (not needed for lean output)
    let edits: Edit[] = [];
    if (!opts.lean) {
      const head = countLines(buf, 0, winStart);
      const winLine = line + head.lines;
      const winLineStart = head.lastBreak >= 0 ? bufStart + head.lastBreak + 1 : lineStart;
      edits = r.edits.map((e) => ({
        ...e,
        start: e.start + base,
        end: e.end + base,
        line: e.line + winLine - 1,
        col: e.line === 1 ? e.col + (base - winLineStart) : e.col,
      }));
    }
    // drop what no later window needs
    const keepFrom = Math.max(0, at.done - bufStart - ctx);
    if (keepFrom > 0) {
      if (!opts.lean) {
        const dropped = countLines(buf, 0, keepFrom);
        line += dropped.lines;
        if (dropped.lastBreak >= 0) lineStart = bufStart + dropped.lastBreak + 1;
      }
      buf = buf.slice(keepFrom);
      bufStart += keepFrom;
    }
    return { ...out, edits, doc: r.doc, from: startAbs, to: at.done };
  };

  for await (const piece of source) {
    buf += piece;
    while (buf.length - (at.done - bufStart) >= chunk + 2 * ctx) yield step(false);
  }
  yield step(true);
}

/** Restore a whole string through the streaming path (tests compare it with restore()). */
export async function restoreChunked(
  text: string,
  dict: Dictionary,
  opts: StreamOptions & { piece?: number } = {},
): Promise<Piece> {
  const size = opts.piece ?? 65536;
  async function* pieces(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: string[] = [];
  const edits: Edit[] = [];
  let words = 0;
  let restorations = 0;
  let findings = 0;
  for await (const p of restoreStream(pieces(), dict, opts)) {
    out.push(p.text);
    edits.push(...p.edits);
    words += p.words;
    restorations += p.restorations;
    findings += p.findings;
  }
  return { text: out.join(""), edits, words, restorations, findings };
}

/** Restores one window [from, to) of `window` (on a worker thread: parallel.ts' WindowPool). */
export type WindowRunner = (window: string, from: number, to: number) => Promise<{ edits: Edit[]; words: number }>;

interface Flight {
  /** Absolute offsets: where the window's own part starts and ends, and where its text starts. */
  cut: number;
  end: number;
  base: number;
  window: string;
  result: Promise<{ edits: Edit[]; words: number }> | { edits: Edit[]; words: number };
}

/**
 * restoreStream for the restored text only (`lean`), with up to `inFlight` windows restored at
 * once by `run`. The output is the same as restoreStream's: windows are cut where the sequential
 * path cuts them, and when an edit of one window runs past the next cut (rare: a phrase across
 * the cut), that next window is redone here from the edit's end, exactly as the sequential path
 * starts it. The last window is restored here, so a small input never waits for a thread.
 */
export async function* restoreStreamParallel(
  source: AsyncIterable<string>,
  dict: Dictionary,
  opts: StreamOptions,
  run: WindowRunner,
  inFlight: number,
): AsyncGenerator<Piece> {
  const { chunk, ctx } = sizes(opts);
  const at = new Landing();
  let buf = "";
  let bufStart = 0;
  let nextCut = 0; // where the next window to send starts
  const queue: Flight[] = [];

  const send = (final: boolean): void => {
    const fromRel = nextCut - bufStart;
    const { toRel, winStart, winEnd } = planWindow(buf, fromRel, final, chunk, ctx);
    const window = buf.slice(winStart, winEnd);
    const base = bufStart + winStart;
    const from = fromRel - winStart;
    const to = toRel - winStart;
    const result = final ? restoreRange(window, dict, { ...opts, from, to, lean: true }) : run(window, from, to);
    queue.push({ cut: nextCut, end: bufStart + toRel, base, window, result });
    nextCut = bufStart + toRel;
  };

  const land = async (): Promise<Piece> => {
    const w = queue.shift() as Flight;
    let r = await w.result;
    if (at.done > w.cut) {
      r = restoreRange(w.window, dict, {
        ...opts,
        from: at.done - w.base,
        to: Math.max(at.done, w.end) - w.base,
        blockedBefore: Math.max(0, at.blocked - w.base),
        lean: true,
      });
    }
    return at.land(w.window, r, w.base, Math.max(at.done, w.end));
  };

  const trim = (): void => {
    const keep = Math.min(nextCut - ctx, ...queue.map((w) => w.base)) - bufStart;
    if (keep > 0) {
      buf = buf.slice(keep);
      bufStart += keep;
    }
  };

  for await (const piece of source) {
    buf += piece;
    while (buf.length - (nextCut - bufStart) >= chunk + 2 * ctx) {
      send(false);
      trim();
      if (queue.length >= inFlight) yield await land();
    }
  }
  if (nextCut < bufStart + buf.length || queue.length === 0) send(true);
  while (queue.length) yield await land();
}

/**
 * One verdict for an input restored in several windows, each judged on its own (over its words
 * and its context's): `own` is each window's own words. Words add up; hits are each window's,
 * scaled to its own share of the words it was judged on; the score is the windows' scores
 * weighted by their own words; the top entries are summed by id. An input of one window keeps its
 * verdict exactly.
 */
export function mergeDocs(windows: readonly { doc: DocEvidence; own: number }[]): DocEvidence | undefined {
  if (windows.length <= 1) return windows[0]?.doc;
  let words = 0;
  let hits = 0;
  let weighted = 0;
  const byId = new Map<string, { id: string; count: number; weight: number }>();
  for (const { doc: d, own } of windows) {
    words += own;
    hits += d.words ? (d.hits * own) / d.words : d.hits;
    weighted += d.score * own;
    for (const t of d.top) {
      const have = byId.get(t.id);
      if (have) {
        have.count += t.count;
        have.weight += t.weight;
      } else byId.set(t.id, { ...t });
    }
  }
  const score = words ? weighted / words : Math.max(...windows.map((w) => w.doc.score));
  return docEvidence(score, hits, words, byId.values());
}

/** Pass pieces through, gathering their windows' verdicts: `verdict()` merges them (mergeDocs). */
export function withVerdict(pieces: AsyncIterable<Piece>): {
  pieces: AsyncIterable<Piece>;
  verdict: () => DocEvidence | undefined;
} {
  const docs: { doc: DocEvidence; own: number }[] = [];
  async function* pass(): AsyncGenerator<Piece> {
    for await (const p of pieces) {
      if (p.doc) docs.push({ doc: p.doc, own: p.words });
      yield p;
    }
  }
  return { pieces: pass(), verdict: () => mergeDocs(docs) };
}
