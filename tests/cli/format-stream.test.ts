/**
 * The CLI writes -f json, diff and unified file by file as results come (bounded memory); the
 * bytes must be those of the whole-run formatters (formatJson, formatDiff, formatUnified) on
 * normal inputs. Here: every fixture, restored in this process and formatted whole, against the
 * real CLI's output; and JsonWriter.streamed (the window-by-window path of inputs too large to
 * restore whole) against JSON.parse.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { loadDictionary } from "../../src/dictionary/packs.js";
import { restore } from "../../src/engine/restore.js";
import { InputTail, formatDiff, streamDiff } from "../../src/format/diff.js";
import { JsonWriter, formatJson } from "../../src/format/json.js";
import type { FileResult } from "../../src/format/types.js";
import { withOffsets } from "../../src/format/offsets.js";
import { formatUnified } from "../../src/format/unified.js";
import { restoreChunked, restoreStream, withVerdict } from "../../src/run/stream.js";
import { BIN, ROOT } from "../helpers.js";

const FILES = ["fixtures/news", "fixtures/seed", "fixtures/clean"].flatMap((d) =>
  readdirSync(path.join(ROOT, d))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => `${d}/${f}`),
);
const dict = loadDictionary(["news"], ROOT);
const results: FileResult[] = FILES.map((name) => {
  const input = readFileSync(path.join(ROOT, name), "utf8");
  return { name, input, ...restore(input, dict, { noFindings: false }) };
});

function cli(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [BIN, "--no-config", ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, UNSPIN_NO_CACHE: "1" },
    maxBuffer: 1 << 28,
  });
  expect(r.stderr).toBe("");
  return r.stdout;
}

describe("written file by file: the same bytes as the whole-run formatters", () => {
  const chalk = new Chalk({ level: 0 });
  it(`-f json on ${FILES.length} fixtures`, () => {
    expect(cli(["-f", "json", "-j", "1", ...FILES])).toBe(formatJson(results));
  });
  it("-f json on one fixture (its summary has the spinner score)", () => {
    expect(cli(["-f", "json", FILES[1]])).toBe(formatJson([results[1]]));
  });
  it("-f json with two threads (results still in input order)", () => {
    expect(cli(["-f", "json", "-j", "2", ...FILES])).toBe(formatJson(results));
  });
  it(`the diff format on ${FILES.length} fixtures (headers, total)`, () => {
    expect(cli(["-j", "1", ...FILES])).toBe(formatDiff(results, { chalk, headers: true, context: 40 }));
  });
  it("the diff format on one fixture", () => {
    expect(cli([FILES[1]])).toBe(formatDiff([results[1]], { chalk, headers: false, context: 40 }));
  });
  it("standard input of a usual size (restored whole, as before): -f json and the diff format", () => {
    const stdin: FileResult = { ...results[1], name: "-" };
    expect(cli(["-f", "json", "-"], stdin.input)).toBe(formatJson([stdin]));
    expect(cli(["-"], stdin.input)).toBe(formatDiff([stdin], { chalk, headers: false, context: 40 }));
  });
  it("-l on standard input still lists, whatever the format (standard input is not diffed)", () => {
    expect(cli(["-l", "-"], results[1].input)).toBe("(standard input)\n");
  });
  it(`-f unified on ${FILES.length} fixtures`, () => {
    expect(cli(["-f", "unified", ...FILES])).toBe(formatUnified(results, ROOT));
  });
});

describe("JsonWriter.streamed: a large input's edits window by window", () => {
  async function streamedJson(text: string, chunk: number): Promise<string> {
    let out = "";
    const w = new JsonWriter(async (s) => {
      out += s;
    });
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < text.length; i += 5000) yield text.slice(i, i + 5000);
    }
    const input = new InputTail();
    const { pieces, verdict } = withVerdict(restoreStream(input.tee(source()), dict, { chunk, context: 512 }));
    const summary = await w.streamed("big.txt", pieces, verdict, input);
    await w.end(summary);
    return out;
  }

  it("valid JSON with every edit, the counts and a verdict; one window keeps restore()'s verdict", async () => {
    const text = results.map((r) => r.input).join("\n\n");
    const whole = await restoreChunked(text, dict, { chunk: 4096, context: 512 });
    const parsed = JSON.parse(await streamedJson(text, 4096));
    expect(parsed.files).toHaveLength(1);
    const f = parsed.files[0];
    expect(f.file).toBe("big.txt");
    expect(f.edits).toEqual(JSON.parse(JSON.stringify(withOffsets(text, whole.edits))));
    expect(f.words).toBe(whole.words);
    expect(f.restorations).toBe(whole.restorations);
    expect(f.findings).toBe(whole.findings);
    expect(f.spun.words).toBe(whole.words);
    expect(parsed.summary).toMatchObject({ files: 1, words: whole.words, restorations: whole.restorations });

    const one = JSON.parse(await streamedJson(results[1].input, 1 << 20));
    expect(one.files[0].spun).toEqual(JSON.parse(JSON.stringify(results[1].spun)));
    expect(one.files[0].edits).toEqual(JSON.parse(JSON.stringify(withOffsets(results[1].input, results[1].edits))));
  });

  it("an input that fails after its first window: the file closed with its error, the JSON still whole", async () => {
    let out = "";
    const w = new JsonWriter(async (s) => {
      out += s;
    });
    const first = await restoreChunked(results[1].input, dict);
    async function* failing(): AsyncGenerator<typeof first> {
      yield first;
      throw new Error("big.txt: invalid UTF-8 at byte offset 9; not restored");
    }
    const input = { slice: (a: number, b: number) => results[1].input.slice(a, b), drop: () => {} };
    await expect(w.streamed("big.txt", failing(), () => undefined, input)).rejects.toThrow("invalid UTF-8");
    await w.end({ files: 0, words: 0, restorations: 0, findings: 0, spun: 0 });
    const parsed = JSON.parse(out);
    expect(parsed.files[0].error).toMatch(/invalid UTF-8/);
    expect(parsed.files[0].edits).toHaveLength(first.edits.length);
  });

  it("no edits at all: an empty list, still valid JSON", async () => {
    const parsed = JSON.parse(await streamedJson("Nothing spun here at all.\n", 4096));
    expect(parsed.files[0].edits).toEqual([]);
    expect(parsed.summary.restorations).toBe(0);
  });
});

describe("streamDiff: a large input's diff line by line, window by window", () => {
  const chalk = new Chalk({ level: 0 });
  const joined = results.map((r) => r.input).join("\n\n");
  const TEXTS: [string, string][] = [
    ["the fixtures as lines", joined],
    ["the fixtures as one line", joined.replace(/\n/g, " ")],
    ["the fixtures with CRLF line ends", joined.replace(/\n/g, "\r\n")],
  ];

  async function streamed(text: string, chunk: number, context: number, width: number): Promise<string> {
    let out = "";
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < text.length; i += 3000) yield text.slice(i, i + 3000);
    }
    const input = new InputTail();
    const { pieces, verdict } = withVerdict(restoreStream(input.tee(source()), dict, { chunk, context: 512 }));
    await streamDiff("big.txt", input, pieces, verdict, width, { chalk, headers: true, context }, async (s) => {
      out += s;
    });
    return out;
  }

  for (const [label, text] of TEXTS)
    for (const context of [40, 6])
      it(`${label}, context ${context}: formatDiff's lines, in one window and in many`, async () => {
        // one window: restore()'s edits exactly, so formatDiff's output exactly
        const whole: FileResult = { name: "big.txt", input: text, ...restore(text, dict) };
        const width = String(whole.edits[whole.edits.length - 1].line).length;
        expect(await streamed(text, 1 << 22, context, width)).toBe(
          formatDiff([whole], { chalk, headers: true, context }),
        );
        // many windows (text dropped as it goes): the lines formatDiff makes of the same edits
        const chunked = await restoreChunked(text, dict, { chunk: 4096, context: 512 });
        const many: FileResult = { name: "big.txt", input: text, ...chunked, spun: undefined };
        const w = String(chunked.edits[chunked.edits.length - 1].line).length;
        const expected = formatDiff([many], { chalk, headers: true, context }).split("\n");
        const got = (await streamed(text, 4096, context, w)).split("\n");
        expect(got.length).toBe(expected.length);
        expect(got.slice(0, -3)).toEqual(expected.slice(0, -3)); // all but the summary line
      });
});
