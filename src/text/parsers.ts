/**
 * The third-party parsers, in one module: HTML (htmlparser2), Markdown (mdast-util-from-markdown)
 * and globs (tinyglobby). The build makes it a bundle of its own (dist/parsers.cjs) that the CLI
 * loads on first use (scripts/parsers-lazy.cjs), so a run on plain text never parses their code.
 */
export { Parser } from "htmlparser2";
export { fromMarkdown } from "mdast-util-from-markdown";
export { globSync, isDynamicPattern } from "tinyglobby";
