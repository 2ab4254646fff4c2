/** The real CLI on the seed article and on clean text: the pipeline issue's checks. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, fixture, run } from "../helpers.js";

const SEED = fixture("seed", "biden-putin-geneva.spun.txt");
const GOLD = fixture("seed", "biden-putin-geneva.gold.txt");
const EXPECTED = fixture("seed", "biden-putin-geneva.expected.txt");

describe("unspin on the seed article", () => {
  it("restores it to the reviewed expected text (golden test)", () => {
    const r = cli(["--format", "text", SEED]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(EXPECTED, "utf8"));
  });

  it("makes no edit on the restored (clean) article, and --check tells them apart", () => {
    const clean = cli(["--format", "json", GOLD]);
    expect(JSON.parse(clean.stdout).summary.restorations).toBe(0);
    expect(cli(["--check", "--format", "text", GOLD]).status).toBe(0);
    expect(cli(["--check", "--format", "text", SEED]).status).toBe(1);
  });

  it("emits a unified diff that patch applies to give exactly the text output", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-patch-"));
    const patchFile = path.join(dir, "p.diff");
    writeFileSync(patchFile, cli(["--format", "unified", SEED]).stdout);
    const out = path.join(dir, "out.txt");
    execFileSync("patch", ["-s", "-o", out, SEED, patchFile]);
    expect(readFileSync(out, "utf8")).toBe(cli(["--format", "text", SEED]).stdout);
  });

  it("lists every edit in JSON with its entry, file:line and reasons; the edits rebuild the text", () => {
    const input = readFileSync(SEED, "utf8");
    const json = JSON.parse(cli(["--format", "json", SEED]).stdout) as {
      files: {
        edits: {
          start: number;
          end: number;
          replacement: string;
          spun: string;
          detect: boolean;
          entry: { id: string; file: string; line: number };
          why: string[];
        }[];
      }[];
    };
    const edits = json.files[0].edits;
    expect(edits.length).toBeGreaterThan(50);
    let text = "";
    let at = 0;
    for (const e of edits) {
      expect(input.slice(e.start, e.end)).toBe(e.spun);
      expect(e.entry.file).toBe("dictionaries/news.yaml");
      expect(e.entry.line).toBeGreaterThan(0);
      expect(e.why.length).toBeGreaterThan(0);
      const line = readFileSync(fixture("..", e.entry.file), "utf8").split("\n")[e.entry.line - 1];
      expect(line).toMatch(/spun:|^\s*- /);
      if (!e.detect) {
        text += input.slice(at, e.start) + e.replacement;
        at = e.end;
      }
    }
    expect(text + input.slice(at)).toBe(cli(["--format", "text", SEED]).stdout);
  });

  it("shows a word diff with a summary line by default", () => {
    const r = cli([SEED]);
    expect(r.stdout).toContain("[-Chilly Struggle-]{+Cold War+}");
    // the summary line ends with the document's verdict: the seed is plainly spun
    expect(r.stdout).toMatch(
      /^\d+ restorations in \d+ words; spinner score 1\.00 \(spun\) \(.*biden-putin-geneva\.spun\.txt\)$/m,
    );
  });
});

describe("command line behaviour", () => {
  it("reads stdin for no file and for -", () => {
    const viaArg = cli(["-f", "text", "-"], { input: "the Chilly Struggle\n" });
    const viaNone = cli(["-f", "text"], { input: "the Chilly Struggle\n" });
    expect(viaArg.stdout).toBe("the Cold War\n");
    expect(viaNone.stdout).toBe("the Cold War\n");
  });

  it("gives several files their own section", () => {
    const r = cli([SEED, GOLD]);
    expect(r.stdout).toContain("biden-putin-geneva.spun.txt");
    expect(r.stdout).toMatch(/^total: \d+ restorations in \d+ words across 2 files; 1 judged spun$/m);
  });

  it("colours only when asked or on a terminal", () => {
    const plain = cli([SEED]);
    expect(plain.stdout).not.toContain("\u001b[");
    const forced = cli([SEED], { env: { FORCE_COLOR: "1", NO_COLOR: undefined } });
    expect(forced.stdout).toContain("\u001b[");
    expect(cli(["--no-color", SEED], { env: { FORCE_COLOR: "1", NO_COLOR: undefined } }).stdout).not.toContain(
      "\u001b[",
    );
  });

  it("fails with one line and exit 2 on a missing file, naming it", () => {
    const r = cli(["missing.txt"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("unspin: cannot read missing.txt: no such file\n");
  });

  it("fails with exit 2 naming file:line:col for a broken dictionary", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-dict-"));
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "pack: bad\nentries:\n  - spun: x\n    orignal: y\n    examples: [{in: x, out: y}]\n");
    const r = cli(["--dict", bad, "-f", "text", "-"], { input: "x" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^unspin: .*bad\.yaml:4:5: unknown key `orignal` in an entry \(hint: did you mean `original`\?\)\n/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("answers --help with examples and --version, exit 0; a bad option exits 2", async () => {
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("--format <format>");
    expect((await run(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const bad = await run(["--bogus"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unspin: unknown option '--bogus'");
  });
});
