// A forgiving HCL structure parser over lexer tokens: blocks with labels, attributes whose
// value is a string or an object of strings (anything else is skipped as `null`). Unknown
// syntax is skipped to the end of the line, never fatal.
import { type Token, tokenize } from './lexer.ts';

export type Value = string | null | { [key: string]: Attribute };

export interface Attribute {
  value: Value;
  line: number;
}

export interface Body {
  attributes: Record<string, Attribute>;
  blocks: Block[];
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  line: number;
}

export class TooDeepError extends Error {}

class Parser {
  pos = 0;
  readonly tokens: Token[];
  readonly maxDepth: number;
  constructor(tokens: Token[], maxDepth: number) {
    this.tokens = tokens;
    this.maxDepth = maxDepth;
  }
  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  is(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.type === 'punct' && t.value === value;
  }
  skipNewlines(): void {
    while (this.peek()?.type === 'newline' || this.is(',')) this.pos++;
  }
  /** Skips an expression: balanced brackets, up to a newline, `,` or closing bracket at depth 0. */
  skipExpression(): void {
    let depth = 0;
    for (let t = this.peek(); t; t = this.peek()) {
      if (
        depth === 0 &&
        (t.type === 'newline' || this.is(',') || this.is('}') || this.is(']') || this.is(')'))
      )
        return;
      if (t.type === 'punct' && '{[('.includes(t.value)) depth++;
      if (t.type === 'punct' && '}])'.includes(t.value)) depth--;
      this.pos++;
    }
  }
  value(depth: number): Value {
    const t = this.peek();
    if (
      t?.type === 'string' &&
      (this.peek(1) === undefined || this.peek(1)!.type === 'newline' || this.is(',', 1) || this.is('}', 1))
    ) {
      this.pos++;
      return t.value;
    }
    if (this.is('{')) {
      this.pos++;
      const object = this.body(depth + 1, true).attributes;
      return object;
    }
    this.skipExpression();
    return null;
  }
  body(depth: number, isObject = false): Body {
    if (depth > this.maxDepth) throw new TooDeepError();
    const result: Body = { attributes: {}, blocks: [] };
    for (this.skipNewlines(); this.peek() && !this.is('}'); this.skipNewlines()) {
      const t = this.peek()!;
      const isKey = t.type === 'ident' || t.type === 'string';
      if (isKey && (this.is('=', 1) || (isObject && this.is(':', 1)))) {
        this.pos += 2;
        result.attributes[t.value] = { value: this.value(depth), line: t.line };
      } else if (t.type === 'ident' && !isObject) {
        const block = this.block(depth);
        if (block) result.blocks.push(block);
      } else {
        this.pos++;
      }
    }
    if (this.is('}')) this.pos++;
    return result;
  }
  block(depth: number): Block | null {
    const head = this.peek()!;
    const labels: string[] = [];
    this.pos++;
    for (let t = this.peek(); t && (t.type === 'string' || t.type === 'ident'); t = this.peek()) {
      labels.push(t.value);
      this.pos++;
    }
    if (!this.is('{')) {
      this.skipExpression();
      return null;
    }
    this.pos++;
    return { type: head.value, labels, body: this.body(depth + 1), line: head.line };
  }
}

/** Parses an HCL file's top-level body. Throws TooDeepError past `maxDepth` nested blocks. */
export function parseHcl(text: string, maxDepth: number): Body {
  const parser = new Parser(tokenize(text), maxDepth);
  const body: Body = { attributes: {}, blocks: [] };
  while (parser.peek()) {
    const part = parser.body(0);
    Object.assign(body.attributes, part.attributes);
    body.blocks.push(...part.blocks);
  }
  return body;
}
