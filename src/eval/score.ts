/**
 * Scoring a restoration against a gold original, anchored on the spun text — a faithful port of the
 * project's yardstick (shared/tools/score.py), including Python difflib's SequenceMatcher, so the
 * figures of `unspin eval` agree with it exactly.
 *
 * Gold edits are the non-equal blocks of diff(spun → gold); tool edits those of diff(spun → restored).
 * A tool edit is right when the gold has the same block (same spun span, same new words).
 */

const TOKEN = /[\p{L}\p{N}_’'-]+|[^\p{L}\p{N}_\s]/gu;

export function scoreWords(text: string): string[] {
  const folded = text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
  return folded.match(TOKEN) ?? [];
}

type Opcode = [tag: "replace" | "delete" | "insert" | "equal", i1: number, i2: number, j1: number, j2: number];

/** difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() */
export function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
  const b2j = new Map<string, number[]>();
  b.forEach((w, j) => {
    const list = b2j.get(w);
    if (list) list.push(j);
    else b2j.set(w, [j]);
  });
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  const blocks: [number, number, number][] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k) {
      blocks.push([i, j, k]);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const merged: [number, number, number][] = [];
  let [i1, j1, k1] = [0, 0, 0];
  for (const [i2, j2, k2] of blocks) {
    if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
    else {
      if (k1) merged.push([i1, j1, k1]);
      [i1, j1, k1] = [i2, j2, k2];
    }
  }
  if (k1) merged.push([i1, j1, k1]);
  merged.push([a.length, b.length, 0]);
  const out: Opcode[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj, size] of merged) {
    const tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : "";
    if (tag) out.push([tag, i, ai, j, bj]);
    i = ai + size;
    j = bj + size;
    if (size) out.push(["equal", ai, i, bj, j]);
  }
  return out;
}

interface Block {
  i1: number;
  i2: number;
  words: string[];
  key: string;
}

function blocks(a: readonly string[], b: readonly string[]): Map<string, Block> {
  const m = new Map<string, Block>();
  for (const [tag, i1, i2, j1, j2] of opcodes(a, b)) {
    if (tag === "equal") continue;
    const words = b.slice(j1, j2);
    const key = `${i1}\u0000${i2}\u0000${words.join("\u0001")}`;
    m.set(key, { i1, i2, words, key });
  }
  return m;
}

function wer(a: readonly string[], b: readonly string[]): number {
  let errors = 0;
  for (const [tag, i1, i2, j1, j2] of opcodes(a, b)) if (tag !== "equal") errors += Math.max(i2 - i1, j2 - j1);
  return errors / Math.max(1, b.length);
}

function overlaps(i1: number, i2: number, spans: readonly [number, number][]): boolean {
  return spans.some(
    ([a, b]) =>
      Math.max(i1, a) < Math.min(i2, b) || (i1 === i2 && a <= i1 && i1 <= b) || (a === b && i1 <= a && a <= i2),
  );
}

export interface Score {
  words: number;
  gold_edits: number;
  tool_edits: number;
  right: number;
  recall: number;
  precision: number;
  damage: number;
  wer_spun: number;
  wer_restored: number;
  missed: [string, string][];
  wrong: [string, string][];
}

export function score(spun: string, gold: string, restored: string, goldFull?: string): Score {
  const s = scoreWords(spun);
  const g = scoreWords(gold);
  const r = scoreWords(restored);
  const goldEdits = blocks(s, g);
  let toolEdits = blocks(s, r);
  const optional = new Map<string, Block>();
  if (goldFull !== undefined) {
    for (const [k, v] of blocks(s, scoreWords(goldFull))) if (!goldEdits.has(k)) optional.set(k, v);
  }
  const rightRequired = new Set([...goldEdits.keys()].filter((k) => toolEdits.has(k)));
  const rightOptional = [...optional.values()].filter((b) => toolEdits.has(b.key));
  for (const gb of goldEdits.values()) {
    if (rightOptional.some((t) => t.i1 <= gb.i1 && gb.i2 <= t.i2)) rightRequired.add(gb.key);
  }
  const optionalSpans = [...optional.values()].map((b): [number, number] => [b.i1, b.i2]);
  const goldSpansOnly = [...goldEdits.values()].map((b): [number, number] => [b.i1, b.i2]);
  const rightOptionalKeys = new Set(rightOptional.map((b) => b.key));
  const neutral = new Set<string>();
  for (const t of toolEdits.values()) {
    if (rightRequired.has(t.key) || rightOptionalKeys.has(t.key)) continue;
    if (overlaps(t.i1, t.i2, optionalSpans) && !overlaps(t.i1, t.i2, goldSpansOnly)) neutral.add(t.key);
  }
  toolEdits = new Map([...toolEdits].filter(([k]) => !neutral.has(k)));
  const isRight = (k: string) => goldEdits.has(k) || optional.has(k);
  const right = [...toolEdits.keys()].filter(isRight);
  const goldSpans = [...goldSpansOnly, ...optionalSpans];
  const wrongBlocks = [...toolEdits.values()].filter((t) => !isRight(t.key));
  const damage = wrongBlocks.filter((t) => !overlaps(t.i1, t.i2, goldSpans));
  const show = (b: Block): [string, string] => [s.slice(b.i1, b.i2).join(" "), b.words.join(" ")];
  const byPos = (x: Block, y: Block) => x.i1 - y.i1 || x.i2 - y.i2 || (x.words.join(" ") < y.words.join(" ") ? -1 : 1);
  return {
    words: s.length,
    gold_edits: goldEdits.size,
    tool_edits: toolEdits.size,
    right: right.length,
    recall: rightRequired.size / Math.max(1, goldEdits.size),
    precision: toolEdits.size ? right.length / toolEdits.size : 1,
    damage: damage.length,
    wer_spun: wer(s, g),
    wer_restored: wer(r, g),
    missed: [...goldEdits.values()]
      .filter((b) => !rightRequired.has(b.key))
      .sort(byPos)
      .map(show),
    wrong: wrongBlocks.sort(byPos).map(show),
  };
}
