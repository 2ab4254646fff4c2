/** Errors meant for people: one line each, no stack trace. */

export type ExitCode = 0 | 1 | 2;

export class UnspinError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = 2,
  ) {
    super(message);
    this.name = "UnspinError";
  }
}

export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  hint?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ""}`;
}

/** A dictionary that failed to load: every problem found, each with file:line:col. */
export class DictionaryError extends UnspinError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "DictionaryError";
  }
}
