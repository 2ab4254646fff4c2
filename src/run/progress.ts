/**
 * Progress and summary for runs over many files: a progress bar on stderr when stderr is a
 * terminal and the run lasts more than a second (for one large streamed input, a bar by bytes),
 * and a final summary line (files, words, restorations, time) when stderr is a terminal or
 * UNSPIN_SUMMARY=1. Pipes get neither.
 */
import type { Summary } from "../format/types.js";
import { counted } from "../text/inflect.js";
import type { Io } from "../io/io.js";

/** How long a run goes before a bar is drawn (UNSPIN_PROGRESS_AFTER_MS; tests set 0). */
function delayMs(env: NodeJS.ProcessEnv): number {
  const v = Number(env.UNSPIN_PROGRESS_AFTER_MS ?? "1000");
  return Number.isFinite(v) && v >= 0 ? v : 1000;
}

export class Progress {
  private done_ = 0;
  private drawn = false;
  private readonly started = Date.now();
  private lastPermille = -1;
  private readonly show: boolean;

  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {
    this.show = total > 1 && (io.stderrIsTTY === true || io.env.UNSPIN_SUMMARY === "1");
  }

  tick(): void {
    this.done_++;
    if (!this.show || this.io.stderrIsTTY !== true || Date.now() - this.started < delayMs(this.io.env)) return;
    if (this.done_ % Math.max(1, Math.floor(this.total / 200)) !== 0 && this.done_ !== this.total) return;
    const width = 30;
    const filled = Math.round((this.done_ / this.total) * width);
    this.io.stderr(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.done_}/${this.total} files`);
    this.drawn = true;
  }

  /**
   * One large input streaming through (--format text): a bar by bytes read, on a terminal only,
   * redrawn at most once per 0.1 %.
   */
  bytes(name: string, done: number, total: number): void {
    if (this.io.stderrIsTTY !== true || total <= 0 || Date.now() - this.started < delayMs(this.io.env)) return;
    const permille = Math.min(1000, Math.floor((done / total) * 1000));
    if (permille === this.lastPermille) return;
    this.lastPermille = permille;
    const width = 30;
    const filled = Math.round((permille / 1000) * width);
    const mb = (n: number): string => (n / (1 << 20)).toFixed(1);
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    this.io.stderr(`\r[${bar}] ${mb(done)}/${mb(total)} MB ${(permille / 10).toFixed(1)}% ${name}`);
    this.drawn = true;
  }

  /** Clear a bar drawn for one input (before the next input's, or the end). */
  clear(): void {
    if (this.drawn) this.io.stderr("\r\u001b[K");
    this.drawn = false;
    this.lastPermille = -1;
  }

  /** The summary line; `threads`: how many threads restored files (named when more than one). */
  done(summary: Summary | undefined, threads = 1): void {
    this.clear();
    if (!this.show || !summary) return;
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    const findings = summary.findings ? `, ${counted(summary.findings, "finding")}` : "";
    const on = threads > 1 ? ` on ${threads} threads` : "";
    this.io.stderr(
      `unspin: ${counted(summary.files, "file")}, ${counted(summary.words, "word")}, ` +
        `${counted(summary.restorations, "restoration")}${findings} in ${secs} s${on}\n`,
    );
  }
}
