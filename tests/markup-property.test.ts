/**
 * Property tests of the markup path (src/run/markup.ts): random HTML and Markdown documents made
 * of prose and of parts that must never change (attributes, scripts, styles, code, fences, inline
 * code, link destinations), all full of spun forms. Every protected part comes out byte for byte,
 * every edit lies inside one prose span and its `spun` is the source there, and the output is the
 * input with the edits applied (lossless). The real CLI gives the same text as the function.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits } from "../src/engine/restore.js";
import { loadDictionary } from "../src/dictionary/packs.js";
import { restoreMarkup } from "../src/run/markup.js";
import { proseSpans } from "../src/text/markup.js";
import type { Markup } from "../src/text/markup.js";
import { cli } from "./helpers.js";

const SEED = Number(process.env.UNSPIN_FUZZ_SEED ?? 20261205);
const dict = loadDictionary(["news"]);

const SPUN = [
  "chilly struggle",
  "Chilly Struggle",
  "supply hyperlink",
  "Supply hyperlink",
  "press convention",
  "mentioned",
];
const plainWord = fc.constantFrom("the", "a", "war", "said", "é", "😀", "news", "x", "of", "and", "It", "2026");
const phrase = fc
  .array(fc.oneof(plainWord, fc.constantFrom(...SPUN)), { minLength: 1, maxLength: 8 })
  .map((ws) => ws.join(" "));

/** A document: its source and the protected parts it holds. */
interface Doc {
  text: string;
  kept: string[];
}

const htmlPart: fc.Arbitrary<Doc> = fc.oneof(
  phrase.map((p) => ({ text: `<p>${p}.</p>\n`, kept: [] })),
  fc.tuple(phrase, phrase).map(([a, b]) => {
    const open = `<a title="${a}" href="/${a.replace(/ /g, "-")}">`;
    return { text: `${open}${b}</a>\n`, kept: [open] };
  }),
  phrase.map((p) => ({ text: `<script>var s = "${p}";</script>\n`, kept: [`<script>var s = "${p}";</script>`] })),
  phrase.map((p) => ({ text: `<style>/* ${p} */</style>`, kept: [`<style>/* ${p} */</style>`] })),
  phrase.map((p) => ({ text: `<pre>${p}</pre>`, kept: [`<pre>${p}</pre>`] })),
  phrase.map((p) => ({ text: `<code>${p}</code> `, kept: [`<code>${p}</code>`] })),
  phrase.map((p) => ({ text: `<!-- ${p} -->`, kept: [`<!-- ${p} -->`] })),
  phrase.map((p) => ({ text: `${p} `, kept: [] })),
);

const mdPart: fc.Arbitrary<Doc> = fc.oneof(
  phrase.map((p) => ({ text: `${p}.\n\n`, kept: [] })),
  phrase.map((p) => ({ text: `# ${p}\n\n`, kept: [] })),
  phrase.map((p) => ({
    text: `\`\`\`\n${p.replace(/ /g, "_")} ${p}\n\`\`\`\n\n`,
    kept: [`\`\`\`\n${p.replace(/ /g, "_")} ${p}\n\`\`\``],
  })),
  phrase.map((p) => ({ text: `Use \`${p}\` here.\n\n`, kept: [`\`${p}\``] })),
  fc.tuple(phrase, phrase).map(([a, b]) => {
    const dest = `(https://example.org/${a.replace(/ /g, "-")} "${a}")`;
    return { text: `See [${b}]${dest}.\n\n`, kept: [dest] };
  }),
  phrase.map((p) => ({ text: `    ${p} indented\n\n`, kept: [`    ${p} indented`] })),
  phrase.map((p) => ({ text: `> ${p}\n\n`, kept: [] })),
);

const docOf = (part: fc.Arbitrary<Doc>) =>
  fc.array(part, { minLength: 1, maxLength: 8 }).map((parts) => ({
    text: parts.map((p) => p.text).join(""),
    kept: parts.flatMap((p) => p.kept),
  }));

let edited = 0;

function check(doc: Doc, markup: Markup): void {
  const r = restoreMarkup(doc.text, dict, markup);
  edited += r.edits.length;
  const spans = proseSpans(doc.text, markup);
  for (const e of r.edits) {
    expect(spans.some(([s, t]) => s <= e.start && e.end <= t)).toBe(true);
    expect(doc.text.slice(e.start, e.end)).toBe(e.spun);
  }
  expect(applyEdits(doc.text, r.edits)).toBe(r.text);
  for (const k of doc.kept) expect(r.text).toContain(k);
  // nothing outside prose changed: blank the prose of both and compare
  const outside = (t: string, edits: boolean) => {
    let out = "";
    let at = 0;
    let shift = 0;
    for (const [s, e] of spans) {
      out += t.slice(at + shift, s + shift);
      if (edits)
        for (const x of r.edits) if (x.start >= s && x.end <= e) shift += x.replacement.length - (x.end - x.start);
      at = e;
    }
    return out + t.slice(at + shift);
  };
  expect(outside(r.text, true)).toBe(outside(doc.text, false));
}

describe("markup: only prose changes (fast-check)", () => {
  it("HTML: 400 random documents", () => {
    fc.assert(
      fc.property(docOf(htmlPart), (d) => check(d, "html")),
      { numRuns: 400, seed: SEED },
    );
  }, 60_000);

  it("Markdown: 400 random documents", () => {
    fc.assert(
      fc.property(docOf(mdPart), (d) => check(d, "markdown")),
      { numRuns: 400, seed: SEED },
    );
  }, 60_000);

  it("the documents had edits to make (the properties were not vacuous)", () => {
    expect(edited).toBeGreaterThan(400);
  });

  it("the real CLI gives the function's text", () => {
    const [doc] = fc.sample(docOf(htmlPart), { numRuns: 1, seed: SEED });
    const r = cli(["-f", "text", "--markup", "html", "-"], { input: doc.text });
    expect(r.stdout).toBe(restoreMarkup(doc.text, dict, "html").text);
  });
});
