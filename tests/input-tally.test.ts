/** The rule for refused inputs (InputTally), and the recognition of stream-read refusals. */
import { describe, expect, it } from "vitest";
import { UnspinError } from "../src/errors.js";
import { InputRefused, InputTally, asRefusal, decodeUtf8, invalidUtf8Offset } from "../src/io/input.js";
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
      throw new InputRefused("cannot read x: no such file", "fs");
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
      "unspin: huge.txt: too large to restore whole in memory (Map maximum size exceeded); not restored; --format text streams inputs of any size\n",
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
        throw new UnspinError("a.yaml:1:1: bad\nb.yaml:2:2: bad");
      }),
    ).rejects.toThrow(UnspinError);
  });

  it("recognises the stream reader's messages (source.ts throws plain UnspinErrors)", () => {
    expect(asRefusal(new UnspinError("x: binary file (NUL byte at offset 3); not restored"))).toMatchObject({
      kind: "binary",
      message: "x: binary file (NUL byte at offset 3); skipped",
    });
    expect(asRefusal(new UnspinError("x: invalid UTF-8 at byte offset 3; not restored"))?.kind).toBe("encoding");
    expect(asRefusal(new UnspinError("cannot read x: permission denied"))?.kind).toBe("fs");
    expect(asRefusal(new UnspinError("cannot read dictionary d.yaml: no such file"))).toBeUndefined();
    expect(asRefusal(new UnspinError("--write needs files"))).toBeUndefined();
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
