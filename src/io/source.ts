/**
 * Inputs as streams of text: a file or stdin decoded as UTF-8 piece by piece, refusing binary data
 * (NUL bytes) and invalid UTF-8 (named by byte offset) exactly as whole-file reading does.
 */
import { createReadStream, statSync } from "node:fs";
import { fsError, isUnspinError } from "../errors.js";
import { binaryError, encodingError, invalidUtf8Offset } from "./input.js";

/** Check a file can be opened before any output is written for it. */
export function checkReadable(file: string): void {
  if (file === "-") return;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  } catch (err) {
    throw fsError(err, "read", file);
  }
}

/** The text of a file ("-": stdin), decoded piece by piece. */
export async function* textPieces(file: string, highWaterMark = 1 << 20): AsyncGenerator<string> {
  const name = file === "-" ? "<stdin>" : file;
  const stream = file === "-" ? process.stdin : createReadStream(file, { highWaterMark });
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let consumed = 0; // bytes of all chunks before the current one
  let pending: Uint8Array = new Uint8Array(0); // last bytes of the previous chunk (a character may be cut there)
  try {
    for await (const data of stream as AsyncIterable<Buffer | string>) {
      const chunk = typeof data === "string" ? Buffer.from(data) : data;
      const nul = chunk.indexOf(0);
      if (nul !== -1) throw binaryError(name, consumed + nul);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        // start at a character boundary inside the previous chunk's last bytes
        let lead = 0;
        while (lead < pending.length && (pending[lead] & 0xc0) === 0x80) lead++;
        const tail = pending.subarray(lead);
        const at = invalidUtf8Offset(Buffer.concat([tail, chunk]));
        throw encodingError(name, consumed - tail.length + Math.max(0, at));
      }
      consumed += chunk.length;
      pending = chunk.subarray(Math.max(0, chunk.length - 3));
      if (text) yield text;
    }
    try {
      const tail = decoder.decode();
      if (tail) yield tail;
    } catch {
      // the truncated character starts at the last lead byte among the final bytes
      let lead = pending.length - 1;
      while (lead > 0 && (pending[lead] & 0xc0) === 0x80) lead--;
      const at = consumed - (pending.length - Math.max(0, lead));
      throw encodingError(name, at);
    }
  } catch (err) {
    if (isUnspinError(err)) throw err;
    throw fsError(err, "read", name);
  } finally {
    if (file !== "-") (stream as { destroy?: () => void }).destroy?.();
  }
}
