/** The results: their shape (also the --json output), the markdown tables and the issue's targets. */
import type { Machine } from "./run.js";
import { paddedLabel } from "./dicts.js";

export interface StartupRow {
  label: string;
  seconds: number | null;
  rssMB: number | null;
  /** Time relative to `node -e 0`. */
  vsNode: number | null;
  /** User + system CPU of the same runs, and its ratio to node -e 0's. */
  cpuSeconds?: number | null;
  cpuVsNode?: number | null;
  /** The first run, which fills unspin's pack cache. */
  coldSeconds?: number | null;
  note?: string;
}

export interface ThroughputRow {
  dict: string;
  entries: number;
  corpusMB: number;
  seconds: number | null;
  mbps: number | null;
  /** MB/s after subtracting this dictionary's start-up (1 KB run): the engine's own rate. */
  netMbps: number | null;
  /** MB/s by user + system CPU time (what a busy machine disturbs least). */
  cpuMbps: number | null;
  rssMB: number | null;
  runs: number;
  error?: string;
}

export interface CompetitorRow {
  tool: string;
  dict: string;
  inputMB: number;
  seconds: number | null;
  mbps: number | null;
  /** tool time / unspin time on the same input: how many times faster unspin is. */
  unspinFaster: number | null;
  unspinSeconds: number | null;
  replacements: number | null;
  unspinReplacements: number | null;
  runs: number;
  error?: string;
}

export interface SimpleRow {
  label: string;
  seconds: number | null;
  rssMB: number | null;
  mbps?: number | null;
  error?: string;
}

export interface Results {
  generated: string;
  command: string;
  mode: "quick" | "full";
  machine: Machine;
  corpus: { sizesMB: number[]; fixtureParagraphs: number; competitorInputMB: number };
  dicts: { label: string; entries: number; fromCorpus: number; restorationsPerMB: number | null }[];
  startup: StartupRow[];
  throughput: ThroughputRow[];
  competitors: CompetitorRow[];
  jobs: SimpleRow[] | string;
  big: SimpleRow | string;
}

const f1 = (x: number | null | undefined, d = 1): string => (x === null || x === undefined ? "—" : x.toFixed(d));
const ms = (s: number | null): string => (s === null ? "—" : `${Math.round(s * 1000)} ms`);

function table(head: string[], rows: string[][], align: ("l" | "r")[]): string {
  const sep = align.map((a) => (a === "r" ? "---:" : "---"));
  return [head, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function sizeLabel(mb: number): string {
  return mb >= 1 ? `${mb} MB` : `${Math.round(mb * 1024)} KB`;
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM; ${m.os}; Node ${m.node}; ${m.perl}; ${m.sed}; prh ${m.prh}; unspin ${m.unspin}; locale ${m.locale}; load average ${m.load}`;
}

function throughputTable(r: Results): string {
  const sizes = r.corpus.sizesMB;
  const labels = [...new Set(r.throughput.map((t) => t.dict))];
  const cell = (t: ThroughputRow | undefined): string =>
    !t ? "—" : t.error ? "failed" : `${f1(t.mbps)} (${f1(t.netMbps)}; ${f1(t.cpuMbps)})`;
  const rss = (t: ThroughputRow | undefined): string => (!t ? "—" : t.rssMB === null ? "—" : `${Math.round(t.rssMB)}`);
  const rows = labels.map((label) => {
    const d = r.dicts.find((x) => x.label === label);
    const st = r.startup.find((s) => s.label === `unspin ${label}`);
    const at = (mb: number): ThroughputRow | undefined =>
      r.throughput.find((t) => t.dict === label && t.corpusMB === mb);
    return [
      label,
      d ? d.entries.toLocaleString("en-US") : "?",
      d?.restorationsPerMB === null || d === undefined ? "—" : d.restorationsPerMB.toLocaleString("en-US"),
      ms(st?.seconds ?? null),
      ...sizes.map((mb) => cell(at(mb))),
      ...sizes.map((mb) => rss(at(mb))),
    ];
  });
  return table(
    [
      "dictionary",
      "entries",
      "restorations / MB",
      "start-up (1 KB)",
      ...sizes.map((mb) => `MB/s ${sizeLabel(mb)}`),
      ...sizes.map((mb) => `peak RSS MB, ${sizeLabel(mb)}`),
    ],
    rows,
    ["l", "r", "r", "r", ...sizes.map((): "r" => "r"), ...sizes.map((): "r" => "r")],
  );
}

function startupTable(r: Results): string {
  const rows = r.startup.map((s) => [
    s.label,
    s.note ?? (s.seconds === null ? "—" : ms(s.seconds)),
    s.vsNode === null ? "—" : `${s.vsNode.toFixed(2)}×`,
    ms(s.cpuSeconds ?? null),
    s.cpuVsNode == null ? "—" : `${s.cpuVsNode.toFixed(2)}×`,
    ms(s.coldSeconds ?? null),
    s.rssMB === null ? "—" : `${Math.round(s.rssMB)}`,
  ]);
  return table(
    [
      "start-up (`--format text`, 1 KB file)",
      "median wall",
      "vs `node -e 0`",
      "CPU (user+sys)",
      "CPU vs node",
      "first use of the pack (empty pack cache)",
      "peak RSS MB",
    ],
    rows,
    ["l", "r", "r", "r", "r", "r", "r"],
  );
}

function competitorTable(r: Results): string {
  const rows = r.competitors.map((c) => [
    c.tool,
    c.dict,
    sizeLabel(c.inputMB),
    c.error ? `failed: ${c.error}` : `${f1(c.seconds, 2)} s`,
    f1(c.mbps, 2),
    ms(c.unspinSeconds),
    c.unspinFaster === null ? "—" : `${f1(c.unspinFaster)}×`,
    c.replacements === null ? "—" : c.replacements.toLocaleString("en-US"),
    c.unspinReplacements === null ? "—" : c.unspinReplacements.toLocaleString("en-US"),
    String(c.runs),
  ]);
  return table(
    ["tool", "entries", "input", "time", "MB/s", "unspin time", "unspin faster by", "replacements", "unspin's", "runs"],
    rows,
    ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
  );
}

function simpleTable(title: string, rows: SimpleRow[]): string {
  return table(
    [title, "wall", "MB/s", "peak RSS MB"],
    rows.map((x) => [
      x.label,
      x.error ? `failed: ${x.error}` : `${f1(x.seconds, 2)} s`,
      f1(x.mbps ?? null),
      x.rssMB === null ? "—" : `${Math.round(x.rssMB)}`,
    ]),
    ["l", "r", "r", "r"],
  );
}

interface Check {
  what: string;
  value: string;
  pass: boolean | null;
}

/** The dictionary of the flatness check: 50,000 entries that restore what the 100 do. */
const PADDED_LABEL = paddedLabel(100, 50000);

function checks(r: Results): Check[] {
  const out: Check[] = [];
  const largest = Math.max(...r.corpus.sizesMB);
  const tp = (dict: string, mb: number): ThroughputRow | undefined =>
    r.throughput.find((t) => t.dict === dict && t.corpusMB === mb && !t.error);
  const t50 = tp("50,000", largest);
  const t100 = tp("100", largest);
  out.push({
    what: `≥ 20 MB/s, 50,000 entries, ${sizeLabel(largest)}`,
    value: t50 ? `${f1(t50.mbps)} MB/s` : "not run",
    pass: t50?.mbps != null ? t50.mbps >= 20 : null,
  });
  const flat = t50?.seconds != null && t100?.seconds != null ? t50.seconds / t100.seconds : null;
  out.push({
    what: `50,000 entries within 1.3× the time of 100 (${sizeLabel(largest)}; the larger also restores more)`,
    value: flat === null ? "not run" : `${flat.toFixed(2)}×`,
    pass: flat === null ? null : flat <= 1.3,
  });
  const padded = r.throughput.find((t) => t.dict === PADDED_LABEL && t.corpusMB === largest && !t.error);
  const flatSame = padded?.seconds != null && t100?.seconds != null ? padded.seconds / t100.seconds : null;
  if (flatSame !== null) {
    out.push({
      what: `50,000 entries that restore what the 100 do, within 1.3× the time of 100 (${sizeLabel(largest)})`,
      value: `${flatSame.toFixed(2)}×`,
      pass: flatSame <= 1.3,
    });
  }
  const sizes = r.corpus.sizesMB.slice().sort((a, b) => a - b);
  if (sizes.length >= 2) {
    const [a, b] = sizes.slice(-2);
    const ta = tp("1,000", a);
    const tb = tp("1,000", b);
    const lin = ta?.netMbps && tb?.netMbps ? tb.netMbps / ta.netMbps : null;
    out.push({
      what: `linear in size: net MB/s at ${sizeLabel(b)} / at ${sizeLabel(a)} (1,000 entries; 1.0 = linear)`,
      value: lin === null ? "—" : lin.toFixed(2),
      pass: lin === null ? null : lin >= 0.8,
    });
  }
  for (const [tool, target] of [
    ["prh", 100],
    ["sed", 20],
    ["perl", 1],
  ] as const) {
    const c = r.competitors.find((x) => x.tool === tool && x.dict === "1,000");
    out.push({
      what: `≥ ${target}× ${tool} at 1,000 entries`,
      value: c?.unspinFaster != null ? `${c.unspinFaster.toFixed(1)}×` : "not run",
      pass: c?.unspinFaster != null ? c.unspinFaster >= target : null,
    });
  }
  for (const [label, target] of [
    ["unspin (default packs)", 1.5],
    ["unspin --dict science", 2],
  ] as const) {
    const s = r.startup.find((x) => x.label === label);
    out.push({
      what: `start-up ${label} ≤ ${target}× node -e 0`,
      value: s?.vsNode != null ? `${s.vsNode.toFixed(2)}×` : (s?.note ?? "not run"),
      pass: s?.vsNode != null ? s.vsNode <= target : null,
    });
  }
  const big = typeof r.big === "string" ? null : r.big;
  out.push({
    what: "1 GB on stdin: peak RSS < 300 MB",
    value: big
      ? big.error
        ? `failed (${big.error.slice(0, 80)})`
        : `${Math.round(big.rssMB ?? 0)} MB`
      : String(r.big),
    pass: big ? !big.error && big.rssMB !== null && big.rssMB < 300 : null,
  });
  const jobs = typeof r.jobs === "string" ? null : r.jobs;
  if (!jobs)
    out.push({ what: "--jobs 2 ≥ 1.6× faster than --jobs 1 (1,000 files)", value: String(r.jobs), pass: null });
  for (const what of new Set((jobs ?? []).map((j) => j.label.split(":")[0]))) {
    const row = (k: string) => jobs?.find((j) => j.label === `${what}: ${k}` && !j.error && j.seconds !== null);
    const j1 = row("--jobs 1");
    const j2 = row("--jobs 2");
    const two = row("two processes, --jobs 1 on each half");
    const speedup = j1?.seconds && j2?.seconds ? j1.seconds / j2.seconds : null;
    const bound = j1?.seconds && two?.seconds ? ` (two processes: ${(j1.seconds / two.seconds).toFixed(2)}×)` : "";
    out.push({
      what: `--jobs 2 ≥ 1.6× faster than --jobs 1 (${what})`,
      value: speedup !== null ? `${speedup.toFixed(2)}×${bound}` : "failed",
      pass: speedup === null ? null : speedup >= 1.6,
    });
  }
  return out;
}

export function markdown(r: Results): string {
  const parts = [
    `Machine: ${machineLine(r.machine)}.`,
    "",
    `Command: \`${r.command}\` (${r.mode} mode; ${r.generated}). Peak RSS: ${r.machine.rss}.`,
    "",
    `### Throughput (\`unspin --no-default-packs --dict FILE --format text CORPUS > /dev/null\`)`,
    "",
    "MB/s is corpus size / median wall time of the whole process; in brackets, first net of the start-up",
    "of the same dictionary on a 1 KB file (the engine's own rate), then by CPU time (user + system; less",
    "disturbed by other work on the machine). A run longer than 20 s is not repeated. Restorations / MB are counted on the",
    `1 MB corpus. Dictionaries: synthetic, ${r.dicts
      .filter((d) => d.fromCorpus > 0)
      .map((d) => `${d.label}: ${d.fromCorpus.toLocaleString("en-US")}`)
      .join(", ")} spun forms taken from the corpus, the rest absent from it.`,
    "",
    throughputTable(r),
    "",
    "### Start-up",
    "",
    startupTable(r),
    "",
    "The first use of a pack builds unspin's pack cache (UNSPIN_CACHE_DIR, emptied at the start of each",
    "bench run); the rows of a pack already used above show a warm cache in that column.",
    "",
    `### Side by side on the same ${sizeLabel(r.corpus.competitorInputMB)} input (same entries, converted)`,
    "",
    r.competitors.length ? competitorTable(r) : "not run",
    "",
    "### Many files and big input",
    "",
    typeof r.jobs === "string" ? `--jobs: ${r.jobs}` : simpleTable("many files, 1,000 entries", r.jobs),
    "",
    typeof r.big === "string" ? `1 GB on stdin: ${r.big}` : simpleTable("1 GB on stdin, 1,000 entries", [r.big]),
    "",
    "### The issue's targets",
    "",
    table(
      ["target", "measured", "met"],
      checks(r).map((c) => [c.what, c.value, c.pass === null ? "—" : c.pass ? "yes" : "no"]),
      ["l", "r", "l"],
    ),
    "",
  ];
  return parts.join("\n");
}
