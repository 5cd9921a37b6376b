// Loads data/comment-syntax.yaml and compiles each language into byte tables for the scanner.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { commentSyntaxFileSchema, type LanguageSyntax, type LanguageSyntaxEntry } from './syntax-schema.ts';

export type TokenKind = 'line' | 'block' | 'string' | 'skip';

export interface Token {
  kind: TokenKind;
  open: Uint8Array;
  /** Closing bytes of a block comment or a string; empty otherwise. */
  close: Uint8Array;
  /** 0 anywhere, 1 only before any other content of the line, 2 only in the first column. */
  position: 0 | 1 | 2;
  nested: boolean;
  /** A block comment that ends at the next line starting in column 1 with neither blank nor `.`. */
  dedent: boolean;
  /** Escape byte of a string, -1 when none. */
  escape: number;
  multiline: boolean;
}

export interface CompiledSyntax {
  /** Tokens by their first byte, longest first; undefined where no token starts. */
  byFirst: Array<Token[] | undefined>;
  /** 1 for bytes the scanner must stop at inside a code line: newline and every token's first byte. */
  interesting: Uint8Array;
}

const utf8 = new TextEncoder();
const positions = { any: 0, 'line-start': 1, 'column-1': 2 } as const;

export function loadSyntaxTable(text: string): Map<string, LanguageSyntax> {
  const file = commentSyntaxFileSchema.parse(parse(text));
  const out = new Map<string, LanguageSyntax>();
  const resolve = (name: string, seen: string[]): LanguageSyntax => {
    const done = out.get(name);
    if (done) return done;
    const entry: LanguageSyntaxEntry | undefined = file.languages[name];
    if (!entry) throw new Error(`comment syntax: unknown language '${name}' in like`);
    if (seen.includes(name)) throw new Error(`comment syntax: 'like' cycle through ${name}`);
    const base = entry.like
      ? resolve(entry.like, [...seen, name])
      : { line: [], block: [], strings: [], skip: [] };
    const syntax: LanguageSyntax = {
      line:
        entry.line?.map((l) => (typeof l === 'string' ? { open: l, position: 'any' as const } : l)) ??
        base.line,
      block: entry.block ?? base.block,
      strings: entry.strings ?? base.strings,
      skip: entry.skip ?? base.skip,
    };
    out.set(name, syntax);
    return syntax;
  };
  for (const name of Object.keys(file.languages)) resolve(name, []);
  return out;
}

function compileSyntax(syntax: LanguageSyntax): CompiledSyntax {
  const tokens: Token[] = [];
  const none = new Uint8Array(0);
  const base = {
    close: none,
    position: 0 as const,
    nested: false,
    dedent: false,
    escape: -1,
    multiline: false,
  };
  for (const l of syntax.line)
    tokens.push({ ...base, kind: 'line', open: utf8.encode(l.open), position: positions[l.position] });
  for (const b of syntax.block) {
    tokens.push({
      ...base,
      kind: 'block',
      open: utf8.encode(b.open),
      close: b.close === undefined ? none : utf8.encode(b.close),
      nested: b.nested,
      dedent: b.dedent,
      position: positions[b.position],
    });
  }
  for (const s of syntax.strings) {
    tokens.push({
      ...base,
      kind: 'string',
      open: utf8.encode(s.open),
      close: utf8.encode(s.close),
      escape: s.escape === null ? -1 : s.escape.charCodeAt(0),
      multiline: s.multiline,
    });
  }
  for (const s of syntax.skip) tokens.push({ ...base, kind: 'skip', open: utf8.encode(s) });
  const byFirst: Array<Token[] | undefined> = new Array(256).fill(undefined);
  for (const t of tokens) {
    const first = t.open[0]!;
    byFirst[first] = [...(byFirst[first] ?? []), t];
  }
  for (const list of byFirst) list?.sort((a, b) => b.open.length - a.open.length);
  const interesting = new Uint8Array(256);
  interesting[10] = 1;
  for (const t of tokens) interesting[t.open[0]!] = 1;
  return { byFirst, interesting };
}

const table = loadSyntaxTable(readFileSync(new URL('./data/comment-syntax.yaml', import.meta.url), 'utf8'));
const compiled = new Map<string, CompiledSyntax>();
const EMPTY: CompiledSyntax = compileSyntax({ line: [], block: [], strings: [], skip: [] });

/** Languages that have an entry in the comment syntax table. */
export function syntaxLanguages(): string[] {
  return [...table.keys()];
}

/** Compiled syntax of a language; a language without an entry has no comments. */
export function syntaxFor(language: string | null): CompiledSyntax {
  if (language === null) return EMPTY;
  let c = compiled.get(language);
  if (!c) {
    const s = table.get(language);
    c = s ? compileSyntax(s) : EMPTY;
    compiled.set(language, c);
  }
  return c;
}
