/**
 * -f json and the diff format of a 50 MB input in bounded memory, the peak RSS measured by /usr/bin/time -f %M (the
 * kernel's figure for the whole process). UNSPIN_BIG=1 only (a minute or more; dense spun text
 * gives about 1.2 million edits, 570 MB of JSON, 75 MB of diff):
 *   UNSPIN_BIG=1 npx vitest run tests/cli/cli-big-formats.test.ts
 * Before the JSON was written file by file and window by window, -f json of this input reached
 * 2.6 GB and died with "Invalid string length"; the diff held 2.1 GB.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, useScratch, writeSpunFile } from "../cli-support.js";

const BIG = process.env.UNSPIN_BIG === "1";
const TIME = "/usr/bin/time";
const s = useScratch("unspin-big-json-");
let cwd: string;
beforeAll(() => {
  cwd = s.dir;
});

function ends(file: string, n: number): { head: string; tail: string } {
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  const head = Buffer.alloc(Math.min(n, size));
  const tail = Buffer.alloc(Math.min(n, size));
  readSync(fd, head, 0, head.length, 0);
  readSync(fd, tail, 0, tail.length, size - tail.length);
  closeSync(fd);
  return { head: head.toString("utf8"), tail: tail.toString("utf8") };
}

describe.skipIf(!BIG || !existsSync(TIME))("UNSPIN_BIG=1: -f json and the diff format of a 50 MB input", () => {
  const CASES: [string, boolean, string][] = [
    ["json", false, "big.txt"],
    ["json", true, "big.txt"],
    ["diff", false, "big.txt"],
    ["diff", true, "big.txt"],
    ["json", false, "- < big.txt"],
  ];
  for (const [format, oneLine, arg] of CASES) {
    const input = arg === "big.txt" ? "" : " on standard input";
    const label = `${format}, ${oneLine ? "a 50 MB single line" : "a 50 MB file of lines"}${input}`;
    it(`${label}: whole output, every restoration counted, peak RSS under 512 MiB`, () => {
      const { reps } = writeSpunFile(cwd, "big.txt", 50e6, oneLine);
      const out = path.join(cwd, "out");
      const started = process.hrtime.bigint();
      const r = spawnSync(
        "sh",
        [
          "-c",
          `exec ${TIME} -f %M "${process.execPath}" "${BIN}" --no-config --no-default-packs --dict robust.yaml -f ${format} ${arg} > out`,
        ],
        { cwd, encoding: "utf8", env: { ...process.env, UNSPIN_NO_CACHE: "1" }, timeout: 900_000 },
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const lines = r.stderr.trim().split("\n");
      const peakMiB = Math.round(Number(lines[lines.length - 1]) / 1024);
      console.log(
        `big: ${label}: ${(statSync(out).size / 1e6).toFixed(0)} MB out in ${seconds.toFixed(1)} s, peak RSS ${peakMiB} MiB`,
      );
      expect(r.status, r.stderr).toBe(0);
      expect(lines, "stderr: only /usr/bin/time's figure").toHaveLength(1);
      const { head, tail } = ends(out, 4096);
      if (format === "json") {
        expect(head).toMatch(/^\{\n {2}"files": \[\n {4}\{\n {6}"file": "(big\.txt|-)",\n {6}"edits": \[\n {8}\{\n/);
        if (input) expect(head).toContain('"file": "-"');
        const summary = JSON.parse(tail.slice(tail.lastIndexOf('"summary": ') + 11, tail.lastIndexOf("}")));
        expect(summary).toMatchObject({ files: 1, restorations: 2 * reps, findings: 0 });
        expect(tail.endsWith("  }\n}\n")).toBe(true);
      } else {
        expect(head).toMatch(/^ *1│ The \[-chilly struggle-\]\{\+Cold War\+\} ended \[-final yr-\]\{\+last year\+\}/);
        expect(tail).toMatch(
          new RegExp(
            `\n${2 * reps} restorations in \\d+ words; spinner score [0-9.]+ \\(not spun\\) \\(big\\.txt\\)\n$`,
          ),
        );
      }
      expect(peakMiB).toBeLessThan(512);
    }, 900_000);
  }
});
