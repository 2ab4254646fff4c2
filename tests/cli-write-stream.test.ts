/** --write on inputs over 8 MB: restored through the stream into the temp file, memory bounded. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cli, fixture } from "./helpers.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-write-stream-"));
const chunk =
  readFileSync(fixture("seed", "biden-putin-geneva.spun.txt"), "utf8") +
  readFileSync(fixture("clean", "05-cup-final.txt"), "utf8");
const big = chunk.repeat(Math.ceil((9 << 20) / chunk.length)); // just over the 8 MB streaming threshold

describe("--write on a large file", () => {
  it("restores it in place as --format text would, with a complete backup", () => {
    const file = path.join(dir, "big.txt");
    writeFileSync(file, big);
    const expected = cli(["-f", "text", file]).stdout;
    const r = cli(["--write", "--backup", file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^unspin: restored .*big\.txt \(\d+ restorations; backup .*big\.txt\.orig\)\n/);
    expect(readFileSync(file, "utf8")).toBe(expected);
    expect(readFileSync(`${file}.orig`, "utf8")).toBe(big);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 60_000);

  it("leaves a file with invalid UTF-8 near its end untouched, and no temp file", () => {
    const file = path.join(dir, "bad.txt");
    const bytes = Buffer.concat([Buffer.from(big), Buffer.from([0xff])]);
    writeFileSync(file, bytes);
    const r = cli(["--write", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`invalid UTF-8 at byte offset ${bytes.length - 1}; not restored`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 60_000);

  it("stops on SIGINT while streaming with the file as it was and no temp file", async () => {
    const file = path.join(dir, "sig.txt");
    writeFileSync(file, big.repeat(3));
    const child = spawn(process.execPath, [BIN, "--write", file], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("close", r));
    if (code === 0) return; // it finished first on a fast machine: nothing to check but the result
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopped by SIGINT while restoring .*sig\.txt; it is left as it was/);
    expect(readFileSync(file, "utf8")).toBe(big.repeat(3));
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 60_000);
});
