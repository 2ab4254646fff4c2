/**
 * Running one command and measuring it: wall time (hrtime around the child), peak RSS (GNU time's
 * %M when /usr/bin/time is there, else a preload that reads process.resourceUsage() in Node
 * children), stderr kept for counts and errors. Medians over several runs.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Command {
  /** What the tables call it. */
  label: string;
  cmd: string;
  args: string[];
  /** A file fed on stdin (default: none). */
  stdin?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Sample {
  seconds: number;
  /** Peak resident set size in MB, or null when it cannot be measured. */
  rssMB: number | null;
  /** User + system CPU seconds of the process (less sensitive than wall time to a busy machine). */
  cpuSeconds: number | null;
  status: number | null;
  stderr: string;
}

export interface Measurement {
  label: string;
  runs: number;
  seconds: number;
  rssMB: number | null;
  cpuSeconds: number | null;
  samples: number[];
  ok: boolean;
  error?: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const PRELOAD = path.join(path.dirname(new URL(import.meta.url).pathname), "peak-rss.cjs");

/** Does /usr/bin/time exist and understand `-f %M` (GNU time)? */
export const hasGnuTime: boolean = (() => {
  if (!existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ["-f", "%M", "true"], { encoding: "utf8" });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr);
})();

export function rssMethod(): string {
  return hasGnuTime
    ? "GNU time %M (max RSS of the process; CPU time from %U + %S)"
    : "process.resourceUsage() via a --require preload (Node commands only)";
}

let seq = 0;

/** Run once, stdout to /dev/null. */
export function runOnce(c: Command, cwd: string, timeoutSec = 3600): Sample {
  const rssFile = path.join(os.tmpdir(), `unspin-bench-rss-${process.pid}-${seq++}`);
  const isNode = c.cmd === process.execPath || c.cmd === "node";
  let cmd = c.cmd;
  let args = c.args;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...c.env };
  if (hasGnuTime) {
    cmd = GNU_TIME;
    args = ["-q", "-o", rssFile, "-f", "%M %U %S", c.cmd, ...c.args];
  } else if (isNode) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${PRELOAD}`.trim();
    env.UNSPIN_BENCH_RSS_FILE = rssFile;
  }
  const stdin = c.stdin ? openSync(c.stdin, "r") : "ignore";
  const devnull = openSync("/dev/null", "w");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    stdio: [stdin, devnull, "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutSec * 1000,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof stdin === "number") closeSync(stdin);
  closeSync(devnull);
  let rssMB: number | null = null;
  let cpuSeconds: number | null = null;
  if (existsSync(rssFile)) {
    // "maxRSS-KB user-s sys-s" on the last line (GNU time may print a signal note above it)
    const [kb, user, sys] = (readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
    if (Number.isFinite(kb) && kb > 0) rssMB = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
    rmSync(rssFile, { force: true });
  }
  const status = r.error ? null : r.status;
  return { seconds, rssMB, cpuSeconds, status, stderr: `${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The median of `runs` runs. A run slower than `longSec` is not repeated (its one sample stands),
 * so the slow competitors do not eat the time budget.
 */
export function measure(c: Command, cwd: string, runs: number, longSec = 20): Measurement {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = runOnce(c, cwd);
    samples.push(s);
    if (s.status !== 0) {
      const why = s.stderr
        .trim()
        .split("\n")
        .filter((l) => l.trim() !== "")
        .slice(-3)
        .join(" | ");
      return {
        label: c.label,
        runs: samples.length,
        seconds: s.seconds,
        rssMB: s.rssMB,
        cpuSeconds: s.cpuSeconds,
        samples: [s.seconds],
        ok: false,
        error: `exit ${s.status ?? "killed"}: ${why}`,
        stderr: s.stderr,
      };
    }
    if (s.seconds > longSec) break;
  }
  const rss = samples.map((s) => s.rssMB).filter((x): x is number => x !== null);
  const cpu = samples.map((s) => s.cpuSeconds).filter((x): x is number => x !== null);
  return {
    label: c.label,
    runs: samples.length,
    seconds: median(samples.map((s) => s.seconds)),
    rssMB: rss.length ? median(rss) : null,
    cpuSeconds: cpu.length ? median(cpu) : null,
    samples: samples.map((s) => s.seconds),
    ok: true,
    stderr: samples[samples.length - 1].stderr,
  };
}

/** "replacements: N" printed by a competitor on stderr. */
export function reportedCount(stderr: string): number | null {
  const m = /replacements: (\d+)/.exec(stderr);
  return m ? Number(m[1]) : null;
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0
    ? ((r.stdout || r.stderr)
        .split("\n")
        .find((l) => l.trim() !== "")
        ?.trim() ?? "?")
    : "not found";
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  os: string;
  perl: string;
  sed: string;
  prh: string;
  unspin: string;
  locale: string;
  rss: string;
  /** 1/5/15-minute load averages: other work on the machine makes the figures noisy. */
  load: string;
}

export function machine(root: string): Machine {
  const cpus = os.cpus();
  const git = spawnSync("git", ["describe", "--always", "--dirty"], { cwd: root, encoding: "utf8" });
  let prh = "not installed";
  try {
    prh = (
      JSON.parse(readFileSync(path.join(root, "node_modules", "prh", "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    /* reported as not installed */
  }
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    perl: firstLine("perl", ["-e", "print qq{perl $^V}"]),
    sed: firstLine("sed", ["--version"]),
    prh,
    unspin: git.status === 0 ? git.stdout.trim() : "unknown",
    locale: process.env.LC_ALL || process.env.LANG || "unset",
    rss: rssMethod(),
    load: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" "),
  };
}
