/** Reads the rows of the PPS export (RFC 4180 CSV, parsed by csv-parse). */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Row } from "./types.js";

const COLUMNS = ["tortured_phrase", "expected_phrase", "num_papers"] as const;
type Record = { [K in (typeof COLUMNS)[number]]: string };

/** The export escapes some quotes with a backslash (\" and \') on top of CSV's doubling. */
function unescapeQuotes(s: string): string {
  return s.replace(/\\(['"])/g, "$1").trim();
}

export function readRows(file: string): Row[] {
  const records = parse(readFileSync(file, "utf8"), {
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
  }) as Record[];
  for (const name of COLUMNS) {
    if (records.length > 0 && !(name in records[0])) throw new Error(`${file}: no column ${name}`);
  }
  return records.map((r, i) => ({
    line: i + 2,
    query: unescapeQuotes(r.tortured_phrase),
    expected: unescapeQuotes(r.expected_phrase),
    papers: Number.parseInt(r.num_papers.replace(/[,\s]/g, ""), 10) || 0,
  }));
}
