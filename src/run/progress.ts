/**
 * Progress and summary for runs over many files: a progress bar on stderr when stderr is a
 * terminal and the run lasts more than a second, and a final summary line (files, words,
 * restorations, time) when stderr is a terminal or UNSPIN_SUMMARY=1. Pipes get neither.
 */
import type { Summary } from "../format/types.js";
import { counted } from "../text/inflect.js";
import type { Io } from "../io/io.js";

export class Progress {
  private done_ = 0;
  private drawn = false;
  private readonly started = Date.now();
  private readonly show: boolean;

  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {
    this.show = total > 1 && (io.stderrIsTTY === true || io.env.UNSPIN_SUMMARY === "1");
  }

  tick(): void {
    this.done_++;
    if (!this.show || this.io.stderrIsTTY !== true || Date.now() - this.started < 1000) return;
    if (this.done_ % Math.max(1, Math.floor(this.total / 200)) !== 0 && this.done_ !== this.total) return;
    const width = 30;
    const filled = Math.round((this.done_ / this.total) * width);
    this.io.stderr(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.done_}/${this.total} files`);
    this.drawn = true;
  }

  /** The summary line; `threads`: how many threads restored files (named when more than one). */
  done(summary: Summary | undefined, threads = 1): void {
    if (this.drawn) this.io.stderr("\r\u001b[K");
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
