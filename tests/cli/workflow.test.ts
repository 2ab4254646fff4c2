/**
 * The users' workflow (issue 14, items 2–4), through the real CLI: folders and quoted globs as
 * input, HTML and Markdown restored only in their prose, the CI and editor formats, -q, the diff's
 * marks with colour, TERM=dumb, --context checked, JSON offsets in three units, unified diffs that
 * patch -p1 applies from the current folder, progress for one large file, command typos, help.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Io } from "../../src/io/io.js";
import { elide } from "../../src/format/diff.js";
import { Chalk } from "chalk";
import { BIN, cli, run } from "../helpers.js";

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-wf-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The CLI in-process with an Io whose terminals the test chooses. */
function runIo(args: string[], over: Partial<Io>, cwd = process.cwd()) {
  return run(args, {}, cwd, over);
}

describe("inputs: folders and globs", () => {
  const dir = tmp({
    "site/b.txt": "the chilly struggle ended\n",
    "site/a/page.md": "Supply hyperlink here.\n",
    "site/.hidden/x.txt": "the chilly struggle\n",
    "site/node_modules/y.txt": "the chilly struggle\n",
    "site/data.json": '{"k": "chilly struggle"}\n',
    "drafts/one.txt": "the chilly struggle\n",
    "drafts/two.txt": "a supply hyperlink\n",
    "drafts/three.md": "the chilly struggle\n",
  });

  it("walks a folder: text-like files, sorted, hidden folders and node_modules skipped", () => {
    const r = cli(["-f", "compact", "site"], { cwd: dir });
    expect(r.status).toBe(0);
    const files = r.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(":")[0]);
    expect(files).toEqual([path.join("site", "a", "page.md"), path.join("site", "b.txt")]);
    // and the same again: deterministic
    expect(cli(["-f", "compact", "site"], { cwd: dir }).stdout).toBe(r.stdout);
  });

  it("expands a quoted glob the shell left alone", () => {
    const r = cli(["-f", "compact", "drafts/*.txt"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      "drafts/one.txt:1:5: chilly struggle → Cold War [news:chilly-struggle]\n" +
        "drafts/two.txt:1:3: supply hyperlink → Source link [news:supply-hyperlink]\n",
    );
  });

  it("a glob that matches nothing is still reported as no such file (exit 2)", () => {
    const r = cli(["nothing/*.txt"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nothing/*.txt: no such file");
  });

  it("--write restores every file of a folder in place", () => {
    const d = tmp({
      "w/a.txt": "the chilly struggle\n",
      "w/b/c.md": "Supply hyperlink\n\n```\nsupply_hyperlink\n```\n",
    });
    const r = cli(["--write", "w"], { cwd: d });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(d, "w/a.txt"), "utf8")).toBe("the Cold War\n");
    expect(readFileSync(path.join(d, "w/b/c.md"), "utf8")).toBe("Source link\n\n```\nsupply_hyperlink\n```\n");
  });
});

describe("HTML and Markdown: only prose is restored", () => {
  it("restores a link's text, not its title attribute", () => {
    const d = tmp({ "p.html": '<p><a title="Chilly Struggle" href="/chilly-struggle">the Chilly Struggle</a></p>\n' });
    const r = cli(["-f", "text", "p.html"], { cwd: d });
    expect(r.stdout).toBe('<p><a title="Chilly Struggle" href="/chilly-struggle">the Cold War</a></p>\n');
  });

  it("leaves a script, a style and code byte for byte", () => {
    const html =
      "<html><head><style>.chilly struggle {}</style></head><body>\n" +
      '<script>var x = "the chilly struggle";</script>\n' +
      "<p>The chilly struggle.</p><pre>chilly struggle</pre><code>chilly struggle</code>\n" +
      "<!-- chilly struggle --></body></html>\n";
    const d = tmp({ "p.htm": html });
    const r = cli(["-f", "text", "p.htm"], { cwd: d });
    expect(r.stdout).toBe(html.replace("The chilly struggle.", "The Cold War."));
  });

  it("leaves a Markdown fence, inline code and link destinations alone, restores the prose", () => {
    const md =
      "# Notes\n\nSupply hyperlink here, see [the chilly struggle](https://x.org/chilly-struggle).\n\n" +
      "```python\nsupply_hyperlink = 'supply hyperlink'\n```\n\nAlso `supply hyperlink` inline.\n\n" +
      "    supply hyperlink (indented code)\n";
    const d = tmp({ "n.md": md });
    const r = cli(["-f", "text", "n.md"], { cwd: d });
    expect(r.stdout).toBe(
      md.replace("Supply hyperlink here", "Source link here").replace("[the chilly struggle]", "[the Cold War]"),
    );
  });

  it("leaves Markdown front matter (YAML, TOML) alone", () => {
    const md = "---\ntitle: Chilly Struggle\ntags: [supply hyperlink]\n---\n\nThe chilly struggle.\n";
    const d = tmp({ "post.md": md });
    expect(cli(["-f", "text", "post.md"], { cwd: d }).stdout).toBe(md.replace("The chilly struggle.", "The Cold War."));
  });

  it("--markup picks the parser whatever the extension; stdin too; text restores everything", () => {
    const html = '<a title="chilly struggle">chilly struggle</a>\n';
    expect(cli(["-f", "text", "--markup", "html", "-"], { input: html }).stdout).toBe(
      '<a title="chilly struggle">Cold War</a>\n',
    );
    const d = tmp({ "p.html": html });
    expect(cli(["-f", "text", "--markup", "text", "p.html"], { cwd: d }).stdout).toBe(
      '<a title="Cold War">Cold War</a>\n',
    );
    expect(cli(["--markup", "xml", "-"], { input: html }).status).toBe(2);
  });

  it("the json edits of an HTML file point into the source", () => {
    const html = '<b title="chilly struggle">x</b> chilly struggle\n';
    const d = tmp({ "p.html": html });
    const j = JSON.parse(cli(["-f", "json", "p.html"], { cwd: d }).stdout);
    const e = j.files[0].edits;
    expect(e).toHaveLength(1);
    expect(html.slice(e[0].start, e[0].end)).toBe("chilly struggle");
    expect(e[0].col).toBe(34);
  });
});

describe("outputs for CI and editors", () => {
  const d = tmp({ "a.txt": "intro\nthe chilly struggle ended\n", "b.txt": "nothing here\n" });

  it("-f sarif: SARIF 2.1.0 with the entries that fired as rules and a region per edit", () => {
    const r = cli(["-f", "sarif", "a.txt", "b.txt"], { cwd: d });
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("unspin");
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(["news:chilly-struggle"]);
    expect(run.tool.driver.rules[0].shortDescription.text).toContain("Cold War");
    expect(run.results).toHaveLength(1);
    const res = run.results[0];
    expect(res.ruleId).toBe("news:chilly-struggle");
    expect(res.message.text).toBe("'chilly struggle' → 'Cold War'");
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "a.txt" },
      region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 20 },
    });
  });

  it("-f sarif and -f github name an absolute path inside the cwd relative to it", () => {
    const abs = path.join(d, "a.txt");
    const log = JSON.parse(cli(["-f", "sarif", abs], { cwd: d }).stdout);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("a.txt");
    expect(cli(["-f", "github", abs], { cwd: d }).stdout).toMatch(/^::warning file=a\.txt,/);
  });

  it("-f github: one workflow annotation per edit", () => {
    const r = cli(["-f", "github", "a.txt"], { cwd: d });
    expect(r.stdout).toBe(
      "::warning file=a.txt,line=2,col=5,endColumn=20,title=unspin news%3Achilly-struggle::'chilly struggle' → 'Cold War' (news:chilly-struggle)\n",
    );
  });

  it("-f compact: file:line:col lines", () => {
    expect(cli(["-f", "compact", "a.txt", "b.txt"], { cwd: d }).stdout).toBe(
      "a.txt:2:5: chilly struggle → Cold War [news:chilly-struggle]\n",
    );
  });

  it("-q prints nothing; with --check only the exit code tells", () => {
    const spun = cli(["-q", "--check", "a.txt"], { cwd: d });
    expect(spun).toEqual({ status: 1, stdout: "", stderr: "" });
    const clean = cli(["--quiet", "--check", "b.txt"], { cwd: d });
    expect(clean).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(cli(["-q", "-f", "json", "a.txt"], { cwd: d }).stdout).toBe("");
  });

  it("the coloured diff keeps its marks (a second cue besides red and green)", () => {
    const r = cli(["a.txt"], { cwd: d, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(r.stdout).toContain("\u001b["); // coloured
    const plain = r.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
    expect(plain).toContain("the [-chilly struggle-]{+Cold War+} ended");
  });

  it("TERM=dumb means no colour on a terminal; --color still forces it", async () => {
    const a = path.join(d, "a.txt");
    const dumb = await runIo([a], { stdoutIsTTY: true, env: { TERM: "dumb" } }, d);
    expect(dumb.stdout).toContain("[-chilly struggle-]");
    expect(dumb.stdout).not.toContain("\u001b[");
    const tty = await runIo([a], { stdoutIsTTY: true, env: { TERM: "xterm" } }, d);
    expect(tty.stdout).toContain("\u001b[");
    expect(cli(["--color", "a.txt"], { cwd: d, env: { TERM: "dumb" } }).stdout).toContain("\u001b[");
  });

  it("elision cuts at word boundaries", () => {
    const long = `${"alpha beta gamma delta epsilon zeta eta theta iota kappa ".repeat(3)}the chilly struggle ended ${"lambda mu nu xi omicron pi rho sigma tau upsilon ".repeat(3)}`;
    const e = tmp({ "l.txt": `${long}\n` });
    const r = cli(["--context", "12", "l.txt"], { cwd: e });
    const line = r.stdout.split("\n")[0];
    const m = /│ …(.*)\[-chilly struggle-\]\{\+Cold War\+\}(.*)…$/.exec(line);
    expect(m).not.toBeNull();
    const words = new Set(long.split(/\s+/));
    for (const w of `${m?.[1]} ${m?.[2]}`.split(/\s+/).filter(Boolean)) expect(words.has(w)).toBe(true);
    const c = new Chalk({ level: 0 });
    expect(elide("aaaa bbbb cccc dddd eeee ffff gggg hhhh", 7, c, true, false)).toBe("aaaa …");
    expect(elide("aaaa bbbb cccc dddd eeee ffff gggg hhhh", 7, c, false, true)).toBe("… hhhh");
  });

  it("--context must be a whole number ≥ 0: one line, exit 2", () => {
    for (const bad of ["abc", "-1", "1.5", ""]) {
      const r = cli(["--context", bad, "a.txt"], { cwd: d });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("--context");
    }
    expect(cli(["--context", "0", "a.txt"], { cwd: d }).status).toBe(0);
  });

  it("json and jsonl edits carry UTF-16, code-point and UTF-8 byte offsets", () => {
    const text = "é 😀 the chilly struggle\n";
    const e = tmp({ "u.txt": text });
    const edit = JSON.parse(cli(["-f", "json", "u.txt"], { cwd: e }).stdout).files[0].edits[0];
    expect(text.slice(edit.start, edit.end)).toBe("chilly struggle");
    expect([...text].slice(edit.cpStart, edit.cpEnd).join("")).toBe("chilly struggle");
    expect(Buffer.from(text).subarray(edit.byteStart, edit.byteEnd).toString()).toBe("chilly struggle");
    expect([edit.start, edit.cpStart, edit.byteStart]).toEqual([9, 8, 12]);
    const rec = JSON.parse(cli(["-f", "jsonl", "-"], { input: `${JSON.stringify({ text })}\n` }).stdout);
    expect([rec.edits[0].cpStart, rec.edits[0].byteEnd]).toEqual([8, 27]);
  });

  it("-f unified on an absolute path or a ./ path gives a patch -p1 and git apply take from the cwd", () => {
    const e = tmp({ "docs/x.txt": "the chilly struggle\n" });
    const abs = cli(["-f", "unified", path.join(e, "docs", "x.txt")], { cwd: e });
    expect(abs.stdout.split("\n").slice(0, 2)).toEqual(["--- a/docs/x.txt", "+++ b/docs/x.txt"]);
    const patchFile = path.join(os.tmpdir(), `unspin-wf-${process.pid}.diff`);
    writeFileSync(patchFile, abs.stdout);
    execFileSync("patch", ["-p1", "--dry-run", "-i", patchFile], { cwd: e });
    execFileSync("git", ["apply", "--check", patchFile], { cwd: e });
    // from a subfolder, ../ paths: relative to the cwd (patch refuses them, as it should)
    const sub = cli(["-f", "unified", "./x.txt"], { cwd: path.join(e, "docs") });
    expect(sub.stdout.split("\n")[0]).toBe("--- a/x.txt");
    execFileSync("patch", ["-p1", "-i", patchFile], { cwd: e });
    expect(readFileSync(path.join(e, "docs", "x.txt"), "utf8")).toBe("the Cold War\n");
  });

  it("draws a progress bar for one large file on a terminal", async () => {
    const e = tmp({});
    const big = path.join(e, "big.txt");
    writeFileSync(big, "The chilly struggle was long. ".repeat(300_000)); // 9 MB: streamed
    const r = await runIo(
      ["-f", "text", big],
      { stdout: () => {}, stderrIsTTY: true, env: { NO_COLOR: "1", UNSPIN_PROGRESS_AFTER_MS: "0" } },
      e,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/\r\[#+-*\] [\d.]+\/8\.6 MB [\d.]+% /);
    expect(r.stderr).toContain("100.0%");
    expect(r.stderr.endsWith("\r\u001b[K")).toBe(true); // the bar is cleared
    // not on a pipe
    const pipe = await runIo(["-f", "text", big], { stdout: () => {}, env: { UNSPIN_PROGRESS_AFTER_MS: "0" } }, e);
    expect(pipe.stderr).toBe("");
  });
});

describe("the command line", () => {
  it("suggests the command for a typo, exit 2", () => {
    const r = cli(["explian", "x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("unspin: unknown command 'explian' (did you mean explain?)\n");
  });

  it("a path or glob that looks like a command is still an input", () => {
    const r = cli(["dic*"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("unspin: cannot read dic*: no such file\n");
  });

  it("an unknown first word that is an existing file is an input", () => {
    const d = tmp({ explian: "the chilly struggle\n" });
    const r = cli(["-f", "text", "explian"], { cwd: d });
    expect(r.stdout).toBe("the Cold War\n");
    expect(cli(["explian"], { cwd: d }).status).toBe(0);
  });

  it("unspin help = unspin --help; unspin help dict = unspin dict --help", () => {
    const help = cli(["help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(cli(["--help"]).stdout);
    const dict = cli(["help", "dict"]);
    expect(dict.status).toBe(0);
    expect(dict.stdout).toBe(cli(["dict", "--help"]).stdout);
    expect(cli(["help", "dcit"]).stderr).toContain("did you mean dict?");
  });

  it("bare unspin on a terminal prints help to stderr and exits 2 instead of waiting", async () => {
    const r = await runIo([], { stdinIsTTY: true });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: unspin");
    expect(r.stderr).toContain("no input");
  });

  it("bare unspin on a real terminal (script(1) gives it one) does not wait", () => {
    const which = spawnSync("script", ["--version"], { encoding: "utf8" });
    if (which.status !== 0) return; // no script(1) here
    const r = spawnSync("script", ["-qec", `${process.execPath} ${BIN}`, "/dev/null"], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("Usage: unspin");
  });

  it("unspin completion bash|zsh prints a script naming commands, options and packs", () => {
    const bash = cli(["completion", "bash"]);
    expect(bash.status).toBe(0);
    for (const w of ["complete -o filenames -F _unspin unspin", "explain", "dict", "--format", "science", "sarif"])
      expect(bash.stdout).toContain(w);
    execFileSync("bash", ["-n"], { input: bash.stdout });
    const zsh = cli(["completion", "zsh"]);
    expect(zsh.stdout).toContain("#compdef unspin");
    expect(zsh.stdout).toContain("science");
    expect(cli(["completion", "fish"]).status).toBe(2);
  });
});
