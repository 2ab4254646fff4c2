/** The rule for refused inputs (InputTally): errors by kind, never by message text. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { UnspinError, dictionaryError, fromData, isRefusal, toData } from "../src/errors.js";
import { InputTally, decodeUtf8, invalidUtf8Offset } from "../src/io/input.js";
import { textPieces } from "../src/io/source.js";
import { splitBackupArg } from "../src/cli/write-args.js";

function tally(): { t: InputTally; lines: string[] } {
  const lines: string[] = [];
  return { t: new InputTally((s) => lines.push(s)), lines };
}

describe("InputTally: the exit rule for refused inputs", () => {
  it("an error refuses the input and makes the exit 2, whatever else succeeded", async () => {
    const { t, lines } = tally();
    await t.attempt(() => 1);
    await t.attempt(() => {
      throw new UnspinError("missing", "cannot read x: no such file");
    });
    expect(lines).toEqual(["unspin: cannot read x: no such file\n"]);
    expect(t.exitCode(0)).toBe(2);
    expect(t.exitCode(1)).toBe(2);
  });

  it("a binary input is a warning: exit 2 only when nothing was restored", async () => {
    const alone = tally();
    await alone.t.attempt(() => decodeUtf8(new Uint8Array([0x61, 0]), "b.bin"));
    expect(alone.lines).toEqual(["unspin: warning: b.bin: binary file (NUL byte at offset 1); skipped\n"]);
    expect(alone.t.exitCode(0)).toBe(2);
    const mixed = tally();
    await mixed.t.attempt(() => "ok");
    await mixed.t.attempt(() => decodeUtf8(new Uint8Array([0]), "b.bin"));
    expect(mixed.t.exitCode(0)).toBe(0);
    expect(mixed.t.exitCode(1)).toBe(1);
  });

  it("a RangeError (an input too large to restore whole) refuses that input only, in one line", async () => {
    const { t, lines } = tally();
    await t.attempt(() => {
      throw new RangeError("Map maximum size exceeded");
    }, "huge.txt");
    expect(lines).toEqual([
      "unspin: huge.txt: too large to restore whole in memory (Map maximum size exceeded); not restored (hint: --format text streams inputs of any size)\n",
    ]);
    expect(t.exitCode(0)).toBe(2);
  });

  it("anything else is not a refusal: it propagates (an internal error)", async () => {
    const { t } = tally();
    await expect(
      t.attempt(() => {
        throw new TypeError("boom");
      }, "x"),
    ).rejects.toThrow("boom");
    await expect(
      t.attempt(() => {
        throw dictionaryError([
          { file: "a.yaml", line: 1, col: 1, message: "bad" },
          { file: "b.yaml", line: 2, col: 2, message: "bad" },
        ]);
      }),
    ).rejects.toThrow(UnspinError);
  });

  it("the stream reader refuses by kind, with the same wording as whole-file reading", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-tally-"));
    const read = async (bytes: Uint8Array): Promise<unknown> => {
      const file = path.join(dir, "x");
      writeFileSync(file, bytes);
      try {
        for await (const _ of textPieces(file)) {
          // drain
        }
      } catch (err) {
        return err;
      }
      return undefined;
    };
    expect(await read(new Uint8Array([0x61, 0x62, 0x63, 0]))).toMatchObject({
      kind: "binary",
      message: expect.stringMatching(/: binary file \(NUL byte at offset 3\); skipped$/),
    });
    expect(await read(new Uint8Array([0x61, 0xff]))).toMatchObject({ kind: "encoding" });
    expect(await read(new Uint8Array([0x61]))).toBeUndefined();
    expect(await read(new Uint8Array([0x61]).subarray(0, 0))).toBeUndefined();
  });

  it("kinds decide: a dictionary or usage error is never a refusal, whatever its wording", () => {
    expect(isRefusal(new UnspinError("missing", "cannot read x: no such file"))).toBe(true);
    expect(isRefusal(new UnspinError("dictionary", "cannot read dictionary d.yaml: no such file"))).toBe(false);
    expect(isRefusal(new UnspinError("usage", "cannot read x: no such file"))).toBe(false);
    expect(isRefusal(new Error("cannot read x: no such file"))).toBe(false);
  });

  it("an error crosses threads as data and comes back of the same kind, hint kept", () => {
    const back = fromData(structuredClone(toData(new UnspinError("too-large", "x: too large", { hint: "h" }))));
    expect(back).toBeInstanceOf(UnspinError);
    expect(back).toMatchObject({ kind: "too-large", message: "x: too large", hint: "h" });
    const internal = fromData(structuredClone(toData(new TypeError("boom"))));
    expect(internal).not.toBeInstanceOf(UnspinError);
    expect(internal.message).toBe("boom");
  });
});

describe("decoding", () => {
  it("never replaces: invalid UTF-8 is refused with the offset of its first bad byte", () => {
    expect(invalidUtf8Offset(Buffer.from("héllo"))).toBe(-1);
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(() => decodeUtf8(Buffer.from([0x61, 0x62, 0xff]), "f")).toThrow(
      "f: invalid UTF-8 at byte offset 2; not restored",
    );
  });

  it("keeps a BOM", () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), "f")).toBe("\uFEFFa");
  });
});

describe("--backup=SUFFIX", () => {
  it("is split for commander; a bare --backup takes no argument; nothing after -- is touched", () => {
    expect(splitBackupArg(["--write", "--backup=.bak", "a"])).toEqual([
      "--write",
      "--backup",
      "--backup-suffix=.bak",
      "a",
    ]);
    expect(splitBackupArg(["--write", "--backup", "a"])).toEqual(["--write", "--backup", "a"]);
    expect(splitBackupArg(["--", "--backup=x"])).toEqual(["--", "--backup=x"]);
  });
});
