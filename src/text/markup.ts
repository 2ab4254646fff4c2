/**
 * HTML and Markdown inputs: the prose of a document as spans [start, end) of its source, from a
 * parser that gives source offsets (htmlparser2 for HTML, mdast-util-from-markdown for Markdown).
 * Only text nodes are prose: tags, attributes, comments, <script>, <style>, <code>, <pre>,
 * <textarea>, Markdown code (fenced, indented, inline), raw HTML, link destinations, definitions,
 * autolinks and front matter are not.
 * src/run/markup.ts restores a document inside these spans only.
 */
import path from "node:path";
import { Parser, fromMarkdown } from "./parsers.js";

export const MARKUPS = ["auto", "html", "markdown", "text"] as const;
export type MarkupOption = (typeof MARKUPS)[number];
export type Markup = "html" | "markdown" | "text";

const HTML_EXT = new Set([".html", ".htm", ".xhtml"]);
const MARKDOWN_EXT = new Set([".md", ".markdown", ".mdown", ".mkd"]);

/** The markup of an input: as forced by --markup, else by its extension (stdin: text). */
export function markupOf(name: string, option: MarkupOption | undefined): Markup {
  if (option && option !== "auto") return option;
  const ext = path.extname(name).toLowerCase();
  if (HTML_EXT.has(ext)) return "html";
  if (MARKDOWN_EXT.has(ext)) return "markdown";
  return "text";
}

export type Span = readonly [number, number];

/** Elements whose content is never prose (besides their tags and attributes). */
const OPAQUE = new Set(["script", "style", "code", "pre", "textarea", "kbd", "samp", "var", "noscript", "svg", "math"]);
function htmlSpans(text: string): Span[] {
  const spans: Span[] = [];
  let opaque = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (OPAQUE.has(name)) opaque++;
      },
      onclosetag(name) {
        if (OPAQUE.has(name) && opaque > 0) opaque--;
      },
      ontext() {
        if (opaque > 0) return;
        push(spans, parser.startIndex, parser.endIndex + 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  return spans;
}

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/**
 * Front matter (YAML between `---` lines, TOML between `+++` lines) at the very start of a
 * Markdown file, as Jekyll, Hugo and most static-site generators read it: its length, or 0. It is
 * data, not prose; CommonMark alone would read it as a rule and a heading.
 */
export function frontMatterLength(text: string): number {
  const m = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  if (!m) return 0;
  const fence = m[1] === "---" ? "(?:---|\\.\\.\\.)" : "\\+\\+\\+";
  const close = new RegExp(`\\r?\\n${fence}[ \\t]*(?:\\r?\\n|$)`).exec(text.slice(m[0].length - 1));
  return close ? m[0].length - 1 + close.index + close[0].length : 0;
}

function markdownSpans(text: string): Span[] {
  const spans: Span[] = [];
  const front = frontMatterLength(text);
  const walk = (node: MdNode): void => {
    if (node.type === "text") {
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s !== undefined && e !== undefined && s >= front) push(spans, s, e);
      return;
    }
    // code, inlineCode, html, definition, image: no prose children; a link's destination and title
    // are not children, its text is
    for (const c of node.children ?? []) walk(c);
  };
  walk(fromMarkdown(text) as MdNode);
  return spans;
}

function push(spans: Span[], start: number, end: number): void {
  if (end <= start) return;
  const last = spans[spans.length - 1];
  if (last && start <= last[1]) {
    if (end > last[1]) spans[spans.length - 1] = [last[0], end];
    return;
  }
  spans.push([start, end]);
}

/** The prose spans of a document, sorted and disjoint. Plain text is one span. */
export function proseSpans(text: string, markup: Markup): Span[] {
  if (markup === "html") return htmlSpans(text);
  if (markup === "markdown") return markdownSpans(text);
  return text.length ? [[0, text.length]] : [];
}

/** The text with everything outside the spans blanked: spaces, line breaks kept (same length). */
export function maskOutside(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  const blank = (s: string): string => s.replace(/[^\r\n]/g, " ");
  for (const [s, e] of spans) {
    parts.push(blank(text.slice(at, s)), text.slice(s, e));
    at = e;
  }
  parts.push(blank(text.slice(at)));
  return parts.join("");
}
