/**
 * The PPS query syntax: quoted phrases, bare words, AND / OR / NOT (and the typo ADN), parentheses,
 * `"a b"~N` proximity and `word*`, tokenized and parsed into a tree by recursive descent.
 */

export type Token =
  | { t: "phrase"; text: string; proximity?: number }
  | { t: "word"; text: string }
  | { t: "and" | "or" | "not" | "(" | ")" };

export type QNode =
  | { k: "phrase"; text: string; proximity?: number; bare: boolean; wildcard: boolean }
  | { k: "and"; items: QNode[] }
  | { k: "or"; items: QNode[] }
  | { k: "not"; item: QNode };

export const OPERATORS: Record<string, "and" | "or" | "not"> = { AND: "and", OR: "or", NOT: "not", ADN: "and" };

export function tokenizeQuery(query: string, warn: (m: string) => void): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")") {
      tokens.push({ t: c });
      i++;
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${query}`);
      const text = query
        .slice(i + 1, end)
        .replace(/\s+/g, " ")
        .trim();
      i = end + 1;
      const prox = /^~(\d+)/.exec(query.slice(i));
      if (prox) i += prox[0].length;
      tokens.push(prox ? { t: "phrase", text, proximity: Number(prox[1]) } : { t: "phrase", text });
    } else {
      const m = /^[^\s()"]+/.exec(query.slice(i));
      const word = m ? m[0] : c;
      i += word.length;
      const op = OPERATORS[word];
      if (op && word === "ADN") warn("operator typo ADN read as AND");
      tokens.push(op ? { t: op } : { t: "word", text: word });
    }
  }
  return tokens;
}

/** Recursive descent: or := and (OR and)*; and := unary ((AND)? unary)*; unary := NOT unary | primary. */
export class QueryParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): QNode {
    const node = this.parseOr();
    if (this.pos < this.tokens.length) throw new Error("unexpected token after query");
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private parseOr(): QNode {
    const items = [this.parseAnd()];
    while (this.peek()?.t === "or") {
      this.pos++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { k: "or", items };
  }

  private parseAnd(): QNode {
    const items = [this.parseUnary()];
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.t === "or" || next.t === ")") break;
      if (next.t === "and") this.pos++;
      items.push(this.parseUnary());
    }
    return items.length === 1 ? items[0] : { k: "and", items };
  }

  private parseUnary(): QNode {
    const next = this.peek();
    if (next?.t === "not") {
      this.pos++;
      return { k: "not", item: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QNode {
    const next = this.tokens[this.pos++];
    if (next === undefined) throw new Error("query ends early");
    if (next.t === "phrase") {
      const wildcard = next.text.endsWith("*");
      const text = wildcard ? next.text.slice(0, -1) : next.text;
      return { k: "phrase", text, proximity: next.proximity, bare: false, wildcard };
    }
    if (next.t === "word") return this.parseBareWords(next.text);
    if (next.t === "(") {
      const inner = this.parseOr();
      if (this.tokens[this.pos++]?.t !== ")") throw new Error("missing )");
      return inner;
    }
    throw new Error(`unexpected ${next.t}`);
  }

  /** A run of bare words is read as one phrase ("business intelligence"), the stricter reading. */
  private parseBareWords(first: string): QNode {
    const words = [first];
    for (let t = this.peek(); t?.t === "word"; t = this.peek()) {
      words.push(t.text);
      this.pos++;
    }
    const text = words.join(" ");
    const wildcard = text.endsWith("*");
    return { k: "phrase", text: wildcard ? text.slice(0, -1) : text, bare: true, wildcard };
  }
}
