/**
 * A numeric hash of a token's matching key, computed from char codes without building the key
 * string: the matcher skips the (vast majority of) tokens that start no dictionary phrase without
 * allocating anything. FNV-1a over the lower-cased UTF-16 code units.
 */

/** FNV-1a's 32-bit offset basis and prime (the tokenizer hashes plain words with them as it scans). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** Hash of a key string (already lower-cased and apostrophe-folded). */
export function hashKey(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Hash of text[start, end) as its key would hash, or -1 when the token has a non-ASCII character
 * (its key is then made the slow way, since lower-casing may not be per character).
 */
export function hashAsciiToken(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h ^= c;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}
