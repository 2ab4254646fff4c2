/**
 * `npm run bench`: how fast the real CLI (bin/unspin.js, compiled dist/) restores text, at several
 * corpus and dictionary sizes, against prh, GNU sed and perl on the same entries.
 *
 *   npm run bench                  full run (1, 10, 100 MB; 100 … 50,000 entries; several minutes)
 *   npm run bench -- --quick       under a minute (1 MB; 100, 1,000, 10,000 entries; fewer runs)
 *   npm run bench -- --json        the results as JSON on stdout instead of markdown
 *   npm run bench -- --big         also 1 GB on stdin (peak RSS)
 *   npm run bench -- --doc docs-snippets/bench.md   also write the markdown there
 *   options: --runs N, --sizes 1,10, --dicts 100,1000, --no-competitors, --fresh (rebuild the cache),
 *            --no-build (measure the repo's bin/unspin.js + dist/ as they are, not a fresh snapshot)
 *
 * Corpus and dictionaries are deterministic and cached in $TMPDIR/unspin-bench/<fixtures hash>/.
 * Progress goes to stderr; the table (or JSON) to stdout.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { competitorCommand, sedCount, unspinCount } from "./competitors.js";
import type { Tool } from "./competitors.js";
import {
  bigFile,
  corpusFile,
  fileMB,
  manyFiles,
  manySmallFiles,
  readFixtures,
  smallFile,
  spunCorpusFile,
} from "./corpus.js";
import type { Fixtures } from "./corpus.js";
import { formatCount, paddedDict, shippedDicts, synthDict } from "./dicts.js";
import type { BenchDict } from "./dicts.js";
import { markdown } from "./report.js";
import { snapshot } from "./snapshot.js";
import type { CompetitorRow, Results, SimpleRow, StartupRow, ThroughputRow } from "./report.js";
import { machine, measure, reportedCount, runOnce } from "./run.js";
import type { Command, Measurement } from "./run.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The CLI under test (the snapshot's bin/unspin.js unless --no-build) and what every run of it gets. */
let BIN = path.join(ROOT, "bin", "unspin.js");
let UNSPIN_ENV: NodeJS.ProcessEnv = {};
/** Flags every run gets: --no-config when the CLI has it (a .unspinrc.yaml must not add packs). */
let BASE_FLAGS: string[] = [];
/** Bump when the corpus or dictionary generators change, so old caches are not reused. */
const GENERATOR_VERSION = 2;

interface Options {
  quick: boolean;
  json: boolean;
  big: boolean;
  runs: number;
  sizes: number[];
  dictSizes: number[];
  competitors: boolean;
  fresh: boolean;
  build: boolean;
  doc: string | undefined;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      big: { type: "boolean", default: false },
      runs: { type: "string" },
      sizes: { type: "string" },
      dicts: { type: "string" },
      "no-competitors": { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      doc: { type: "string" },
    },
  });
  const list = (s: string | undefined, dflt: number[]): number[] =>
    s
      ? s
          .split(",")
          .map(Number)
          .filter((n) => n > 0)
      : dflt;
  const quick = values.quick === true;
  return {
    quick,
    json: values.json === true,
    big: values.big === true,
    runs: values.runs ? Number(values.runs) : quick ? 3 : 5,
    sizes: list(values.sizes, quick ? [1] : [1, 10, 100]),
    dictSizes: list(values.dicts, quick ? [100, 1000, 10000] : [100, 1000, 10000, 50000]),
    competitors: values["no-competitors"] !== true,
    fresh: values.fresh === true,
    build: values["no-build"] !== true,
    doc: values.doc,
  };
}

const log = (s: string): void => {
  process.stderr.write(`[bench] ${s}\n`);
};

function unspin(label: string, args: string[], input: string, extra: Partial<Command> = {}): Command {
  return {
    label,
    cmd: process.execPath,
    args: [BIN, ...BASE_FLAGS, ...args, "--format", "text", input],
    env: UNSPIN_ENV,
    ...extra,
  };
}

function logged(m: Measurement, mb?: number): Measurement {
  const rate = mb !== undefined && m.ok ? `, ${(mb / m.seconds).toFixed(2)} MB/s` : "";
  const rss = m.rssMB === null ? "" : `, ${Math.round(m.rssMB)} MB RSS`;
  log(
    `${m.label}: ${m.ok ? `${m.seconds.toFixed(3)} s${rate}${rss} (${m.runs} run${m.runs > 1 ? "s" : ""})` : `FAILED ${m.error ?? ""}`}`,
  );
  return m;
}

function helpText(): string {
  const r = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
  return r.stdout ?? "";
}

function startup(fx: Fixtures, cache: string, dicts: BenchDict[], shipped: BenchDict[], runs: number): StartupRow[] {
  const probe = smallFile(cache, fx);
  const n = runs <= 3 ? 3 : Math.max(runs * 2, 7);
  const node = logged(measure({ label: "node -e 0", cmd: process.execPath, args: ["-e", "0"] }, ROOT, n));
  const rows: StartupRow[] = [
    {
      label: "node -e 0",
      seconds: node.seconds,
      rssMB: node.rssMB,
      vsNode: 1,
      cpuSeconds: node.cpuSeconds,
      cpuVsNode: 1,
    },
  ];
  const row = (label: string, args: string[]): void => {
    const cold = runOnce(unspin(label, args, probe), ROOT); // first run: fills the pack cache
    const m = logged(measure(unspin(label, args, probe), ROOT, n, 5));
    rows.push(
      m.ok
        ? {
            label,
            seconds: m.seconds,
            rssMB: m.rssMB,
            vsNode: m.seconds / node.seconds,
            coldSeconds: cold.status === 0 ? cold.seconds : null,
            cpuSeconds: m.cpuSeconds,
            cpuVsNode: m.cpuSeconds !== null && node.cpuSeconds ? m.cpuSeconds / node.cpuSeconds : null,
          }
        : { label, seconds: null, rssMB: null, vsNode: null, note: `failed: ${m.error ?? ""}` },
    );
  };
  const hasNews = shipped.some((d) => d.label === "news");
  const hasScience = shipped.some((d) => d.label === "science");
  if (hasNews) row("unspin (default packs)", []);
  else
    rows.push({
      label: "unspin (default packs)",
      seconds: null,
      rssMB: null,
      vsNode: null,
      note: "skipped: no dictionaries/news.yaml yet",
    });
  if (hasNews && hasScience) row("unspin --dict science", ["--dict", "science"]);
  else
    rows.push({
      label: "unspin --dict science",
      seconds: null,
      rssMB: null,
      vsNode: null,
      note: "skipped: no dictionaries/science.yaml (or news.yaml) yet",
    });
  for (const d of [...dicts, ...shipped]) row(`unspin ${d.label}`, ["--no-default-packs", ...d.args]);
  return rows;
}

function throughput(fx: Fixtures, cache: string, o: Options, dicts: BenchDict[], start: StartupRow[]): ThroughputRow[] {
  const rows: ThroughputRow[] = [];
  for (const mb of o.sizes) {
    const corpus = corpusFile(cache, fx, mb);
    const size = fileMB(corpus);
    for (const d of dicts) {
      const m = logged(
        measure(
          unspin(`unspin ${d.label} on ${mb} MB`, ["--no-default-packs", ...d.args], corpus),
          ROOT,
          mb >= 100 ? Math.min(o.runs, 3) : o.runs,
        ),
        size,
      );
      const st = start.find((s) => s.label === `unspin ${d.label}`)?.seconds ?? null;
      rows.push({
        dict: d.label,
        entries: d.size,
        corpusMB: mb,
        seconds: m.ok ? m.seconds : null,
        mbps: m.ok ? size / m.seconds : null,
        netMbps: m.ok && st !== null && m.seconds > st ? size / (m.seconds - st) : null,
        cpuMbps: m.ok && m.cpuSeconds ? size / m.cpuSeconds : null,
        rssMB: m.rssMB,
        runs: m.runs,
        error: m.ok ? undefined : m.error,
      });
    }
    // the default pack on spun text throughout: the evidence step weighs every match there
    if (dicts.some((d) => d.label === "news")) {
      const spun = spunCorpusFile(cache, fx, mb);
      const spunSize = fileMB(spun);
      const m = logged(
        measure(
          unspin(`unspin news on ${mb} MB of spun text`, ["--no-default-packs", "--dict", "news"], spun),
          ROOT,
          mb >= 100 ? Math.min(o.runs, 3) : o.runs,
        ),
        spunSize,
      );
      const st = start.find((s) => s.label === "unspin news")?.seconds ?? null;
      rows.push({
        dict: "news, spun text",
        entries: dicts.find((d) => d.label === "news")?.size ?? 0,
        corpusMB: mb,
        seconds: m.ok ? m.seconds : null,
        mbps: m.ok ? spunSize / m.seconds : null,
        netMbps: m.ok && st !== null && m.seconds > st ? spunSize / (m.seconds - st) : null,
        cpuMbps: m.ok && m.cpuSeconds ? spunSize / m.cpuSeconds : null,
        rssMB: m.rssMB,
        runs: m.runs,
        error: m.ok ? undefined : m.error,
      });
    }
  }
  return rows;
}

function competitors(
  fx: Fixtures,
  cache: string,
  o: Options,
  dicts: BenchDict[],
): { rows: CompetitorRow[]; inputMB: number } {
  // prh scans the whole text once per rule: 1 MB is enough for it (and a quarter of that in --quick).
  const inputMB = o.quick ? 0.25 : 1;
  const input = corpusFile(cache, fx, inputMB);
  const size = fileMB(input);
  const plan: [Tool, number[]][] = [
    ["prh", [100, 1000]],
    ["sed", o.quick ? [100, 1000] : [100, 1000, 10000]],
    ["perl", o.quick ? [100, 1000] : [100, 1000, 10000]],
  ];
  const rows: CompetitorRow[] = [];
  const runs = o.quick ? 1 : Math.min(o.runs, 3);
  for (const d of dicts.filter((x) => plan.some(([, sizes]) => sizes.includes(x.size)))) {
    const u = logged(
      measure(unspin(`unspin ${d.label} on ${inputMB} MB`, ["--no-default-packs", ...d.args], input), ROOT, o.runs),
      size,
    );
    const uCount = unspinCount(BIN, [...BASE_FLAGS, "--no-default-packs", ...d.args], input, UNSPIN_ENV);
    for (const [tool, sizes] of plan) {
      if (!sizes.includes(d.size)) continue;
      const c = competitorCommand(tool, d, input, cache, ROOT);
      const m = logged(measure(c, ROOT, runs), size);
      const count = !m.ok ? null : tool === "sed" ? sedCount(d, input, cache) : reportedCount(m.stderr);
      log(`  replacements: ${tool} ${count ?? "?"}, unspin ${uCount ?? "?"}`);
      rows.push({
        tool,
        dict: d.label,
        inputMB,
        seconds: m.ok ? m.seconds : null,
        mbps: m.ok ? size / m.seconds : null,
        unspinFaster: m.ok && u.ok ? m.seconds / u.seconds : null,
        unspinSeconds: u.ok ? u.seconds : null,
        replacements: count,
        unspinReplacements: uCount,
        runs: m.runs,
        error: m.ok ? undefined : m.error,
      });
    }
  }
  return { rows, inputMB };
}

function simple(m: Measurement, mb?: number): SimpleRow {
  return {
    label: m.label,
    seconds: m.ok ? m.seconds : null,
    rssMB: m.rssMB,
    mbps: m.ok && mb ? mb / m.seconds : null,
    error: m.ok ? undefined : m.error,
  };
}

/**
 * --jobs 1 against --jobs 2 on 1,000 files: paragraphs (~600 B) and paper-sized files (~40 KB, not
 * in --quick). Beside them, the same files as two separate processes on the two halves at once:
 * the most two cores give this work (both runs pay their own start-up and JIT warm-up, as threads do).
 */
function jobs(fx: Fixtures, cache: string, o: Options, dict: BenchDict, help: string): SimpleRow[] | string {
  if (!/--jobs\b/.test(help)) return "skipped: no --jobs yet";
  const sets: [string, string[]][] = [["1,000 files of ~600 B", manySmallFiles(cache, fx, 1000)]];
  if (!o.quick) sets.push(["1,000 files of ~40 KB", manyFiles(cache, fx, 1000, 40_000)]);
  const rows: SimpleRow[] = [];
  for (const [what, files] of sets) {
    const mb = files.reduce((n, f) => n + fileMB(f), 0);
    for (const j of [1, 2]) {
      const c = unspin(`${what}: --jobs ${j}`, ["--no-default-packs", ...dict.args, "--jobs", String(j)], files[0]);
      c.args.push(...files.slice(1));
      rows.push(simple(logged(measure(c, ROOT, Math.min(o.runs, 3)), mb), mb));
    }
    const half = files.length >> 1;
    const one = (part: string[]): string =>
      [
        process.execPath,
        BIN,
        ...BASE_FLAGS,
        "--no-default-packs",
        ...dict.args,
        "--jobs",
        "1",
        "--format",
        "text",
        ...part,
      ]
        .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
        .join(" ");
    const both: Command = {
      label: `${what}: two processes, --jobs 1 on each half`,
      cmd: "sh",
      args: ["-c", `${one(files.slice(0, half))} >/dev/null & ${one(files.slice(half))} >/dev/null & wait`],
      env: UNSPIN_ENV,
    };
    const m = simple(logged(measure(both, ROOT, Math.min(o.runs, 3)), mb), mb);
    rows.push({ ...m, rssMB: null });
  }
  return rows;
}

function big(fx: Fixtures, cache: string, o: Options, dict: BenchDict): SimpleRow | string {
  if (!o.big) return "not run (add --big)";
  log("building the 1 GB input (once; cached)…");
  const file = bigFile(cache, fx, 1);
  const mb = fileMB(file);
  const c = unspin("stdin, 1 GB", ["--no-default-packs", ...dict.args], "-", { stdin: file });
  return simple(logged(measure(c, ROOT, 1), mb), mb);
}

function main(): void {
  const o = options(process.argv.slice(2));
  const fx = readFixtures(ROOT);
  const cache = path.join(os.tmpdir(), "unspin-bench", `${fx.hash}-v${GENERATOR_VERSION}`);
  if (o.fresh) rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const m = machine(ROOT);
  log(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.load}; cache ${cache}`);
  if (o.build) BIN = snapshot(ROOT, log);
  log(`CLI under test: ${BIN}`);
  const packCache = path.join(cache, "pack-cache");
  rmSync(packCache, { recursive: true, force: true });
  UNSPIN_ENV = { UNSPIN_CACHE_DIR: packCache };
  const help = helpText();
  if (!help.includes("--no-default-packs"))
    throw new Error(`${BIN} --help does not mention --no-default-packs; is dist/ built?`);
  if (help.includes("--no-config")) BASE_FLAGS = ["--no-config"];

  const dicts = o.dictSizes.map((n) => synthDict(cache, fx, n));
  // the same restorations as the 100-entry dictionary from 50,000 entries: what size alone costs
  const d100 = dicts.find((d) => d.size === 100);
  if (d100 && o.dictSizes.includes(50000)) dicts.push(paddedDict(cache, fx, d100, 50000));
  const shipped = shippedDicts(path.resolve(BIN, "..", ".."));
  log(
    `dictionaries: ${dicts.map((d) => `${formatCount(d.size)} (${formatCount(d.fromCorpus)} from the corpus)`).join(", ")}; shipped: ${shipped.map((d) => d.label).join(", ") || "none yet"}`,
  );

  const start = startup(fx, cache, dicts, shipped, o.runs);
  const all = [...dicts, ...shipped];
  const tp = throughput(fx, cache, o, all, start);
  const perMB = corpusFile(cache, fx, 1);
  const dictRows = all.map((d) => {
    const n = unspinCount(BIN, [...BASE_FLAGS, "--no-default-packs", ...d.args], perMB, UNSPIN_ENV);
    return {
      label: d.label,
      entries: d.size,
      fromCorpus: d.fromCorpus,
      restorationsPerMB: n === null ? null : Math.round(n / fileMB(perMB)),
    };
  });
  const comp = o.competitors ? competitors(fx, cache, o, dicts) : { rows: [], inputMB: 1 };
  const dict1000 = dicts.find((d) => d.size === 1000) ?? dicts[0];
  const results: Results = {
    generated: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    mode: o.quick ? "quick" : "full",
    machine: m,
    corpus: { sizesMB: o.sizes, fixtureParagraphs: fx.paragraphs.length, competitorInputMB: comp.inputMB },
    dicts: dictRows,
    startup: start,
    throughput: tp,
    competitors: comp.rows,
    jobs: jobs(fx, cache, o, dict1000, help),
    big: big(fx, cache, o, dict1000),
  };
  results.machine.load = `${m.load} at start, ${machine(ROOT).load} at the end`;
  const md = markdown(results);
  if (o.doc) writeFileSync(path.resolve(o.doc), md);
  process.stdout.write(o.json ? `${JSON.stringify(results, null, 2)}\n` : md);
}

main();
