/**
 * A map from 32-bit hashes to values in flat typed arrays (open addressing, linear probing): the
 * matcher's per-word lookups stay in a few cache lines, where a Map chases pointers.
 */
export class HashIndex<T> {
  private keys: Uint32Array;
  private slots: Int32Array; // index into `values`, -1 for an empty slot
  private readonly values: T[] = [];
  private mask: number;

  constructor(expected = 8) {
    let size = 16;
    while (size < expected * 2) size <<= 1;
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.values.length;
  }

  get(hash: number): T | undefined {
    const { keys, slots, mask } = this;
    let i = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const s = slots[i];
      if (s === -1) return undefined;
      if (keys[i] === hash) return this.values[s];
      i = (i + 1) & mask;
    }
  }

  set(hash: number, value: T): void {
    const { keys, slots, mask } = this;
    let i = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const s = slots[i];
      if (s === -1) break;
      if (keys[i] === hash) {
        this.values[s] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = hash;
    slots[i] = this.values.length;
    this.values.push(value);
    if (this.values.length * 2 > keys.length) this.grow();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const size = oldKeys.length * 2;
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const s = oldSlots[j];
      if (s === -1) continue;
      let i = (oldKeys[j] ^ (oldKeys[j] >>> 15)) & this.mask;
      while (this.slots[i] !== -1) i = (i + 1) & this.mask;
      this.keys[i] = oldKeys[j];
      this.slots[i] = s;
    }
  }
}
