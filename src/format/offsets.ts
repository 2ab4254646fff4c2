/**
 * Offsets of edits in the three units consumers slice by. `start`/`end` are UTF-16 code units
 * (JavaScript, Java, C# strings); `cpStart`/`cpEnd` are Unicode code points (Python `str`, Rust
 * `chars()`); `byteStart`/`byteEnd` are bytes of the UTF-8 input (Go, Rust `&str`, C, files).
 * All are 0-based, end exclusive. Worked out in one pass over the input (edits in input order).
 */
import type { Edit } from "../types.js";

export interface OffsetEdit extends Edit {
  cpStart: number;
  cpEnd: number;
  byteStart: number;
  byteEnd: number;
}

export function withOffsets(input: string, edits: readonly Edit[]): OffsetEdit[] {
  let at = 0; // UTF-16 offset reached
  let cp = 0;
  let bytes = 0;
  const advance = (to: number): void => {
    while (at < to) {
      const c = input.charCodeAt(at);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && at + 1 < input.length) {
        const d = input.charCodeAt(at + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          bytes += 4;
          cp++;
          at += 2;
          continue;
        }
        bytes += 3;
      } else bytes += 3;
      cp++;
      at++;
    }
  };
  const out: OffsetEdit[] = [];
  let sorted = true;
  for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].start) sorted = false;
  const order = sorted ? edits : [...edits].sort((a, b) => a.start - b.start);
  const map = new Map<Edit, OffsetEdit>();
  for (const e of order) {
    if (e.start < at) at = cp = bytes = 0; // never happens for the engine's edits: recount from the start
    advance(e.start);
    const cpStart = cp;
    const byteStart = bytes;
    const save = { at, cp, bytes };
    advance(e.end);
    const o = { ...e, cpStart, cpEnd: cp, byteStart, byteEnd: bytes };
    ({ at, cp, bytes } = save);
    map.set(e, o);
  }
  for (const e of edits) out.push(map.get(e) as OffsetEdit);
  return out;
}

/**
 * withOffsets for edits that come in input order while the input is read piece by piece: `text`
 * gives the input between the last edit's start and the next one's end (InputTail keeps it).
 */
export class OffsetCounter {
  private at = 0;
  private cp = 0;
  private bytes = 0;

  constructor(private readonly text: (from: number, to: number) => string) {}

  /** Where the counting has reached: the input before it is no longer needed. */
  get reached(): number {
    return this.at;
  }

  add(e: Edit): OffsetEdit {
    this.count(e.start);
    const cpStart = this.cp;
    const byteStart = this.bytes;
    const save = { at: this.at, cp: this.cp, bytes: this.bytes };
    this.count(e.end);
    const o = { ...e, cpStart, cpEnd: this.cp, byteStart, byteEnd: this.bytes };
    ({ at: this.at, cp: this.cp, bytes: this.bytes } = save);
    return o;
  }

  /** Count up to `to` (no edit starts before it any more). */
  advance(to: number): void {
    this.count(to);
  }

  private count(to: number): void {
    if (to <= this.at) return;
    const s = this.text(this.at, to);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) this.bytes += 1;
      else if (c < 0x800) this.bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.bytes += 4;
          this.cp++;
          i++;
          continue;
        }
        this.bytes += 3;
      } else this.bytes += 3;
      this.cp++;
    }
    this.at = to;
  }
}
