/**
 * The science pack is rebuilt from the repo alone (data/pps/, data/science/) byte for byte: the
 * build runs into a temporary folder and its output must equal the committed files.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("npm run build:science", () => {
  it("regenerates dictionaries/science.yaml and science-report.md byte for byte", () => {
    const out = mkdtempSync(join(tmpdir(), "unspin-science-"));
    try {
      execFileSync(
        process.execPath,
        [
          join(root, "node_modules", "tsx", "dist", "cli.mjs"),
          join(root, "scripts", "build-science", "main.ts"),
          "--out",
          out,
        ],
        { cwd: root, stdio: "pipe" },
      );
      for (const file of ["science.yaml", "science-report.md"]) {
        const built = readFileSync(join(out, file), "utf8");
        const committed = readFileSync(join(root, "dictionaries", file), "utf8");
        // compare by equality first: a diff of 7,000 entries is unreadable, so report the first line that differs
        if (built !== committed) {
          const a = built.split("\n");
          const b = committed.split("\n");
          const i = a.findIndex((l, k) => l !== b[k]);
          expect(`${file}:${i + 1}: ${a[i]}`).toBe(`${file}:${i + 1}: ${b[i]}`);
        }
        expect(built === committed).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
