// A licence as a file states it -> an SPDX expression, or unknown. Never guessed: text that names a
// licence family without its version (`BSD`, `GPL`, `Apache License`), npm's `UNLICENSED`, and
// anything the SPDX tools cannot read stay unknown, with the text kept for the reader.
import correct from 'spdx-correct';
import parse, { type ExpressionNode } from 'spdx-expression-parse';

interface NormalisedLicence {
  /** Canonical SPDX expression, or null when unknown. */
  expression: string | null;
  /** The text as the file states it; null when the file states none. */
  raw: string | null;
}

/** Texts that say "no licence granted" or "look elsewhere": not an SPDX licence. */
const NOT_A_LICENCE = /^(unlicensed|see licen[cs]e in .*|proprietary|commercial|other|custom|unknown|none)$/i;

/** Texts already read: a repository states few distinct licences for many packages. */
const memo = new Map<string, NormalisedLicence>();
const MEMO_LIMIT = 10_000;

export function normaliseLicence(raw: string | null | undefined): NormalisedLicence {
  const key = raw ?? '';
  const known = memo.get(key);
  if (known) return known;
  const result = normaliseOnce(key);
  if (memo.size < MEMO_LIMIT) memo.set(key, result);
  return result;
}

function normaliseOnce(raw: string): NormalisedLicence {
  const text = raw.trim();
  if (text === '') return { expression: null, raw: null };
  if (NOT_A_LICENCE.test(text)) return { expression: null, raw: text };
  const strict = tryParse(text);
  if (strict) return { expression: render(strict, true), raw: text };
  // `MIT or Apache 2`: each side corrected on its own, then read again as one expression.
  const parts = text.replace(/^\((.*)\)$/, '$1').split(/\s+(or|and)\s+/i);
  const corrected: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const one = correctOne(parts[i] as string);
    if (one === null) return { expression: null, raw: text };
    corrected.push(one);
    if (i + 1 < parts.length) corrected.push((parts[i + 1] as string).toUpperCase());
  }
  const node = tryParse(corrected.join(' '));
  return { expression: node ? render(node, true) : null, raw: text };
}

/** One licence name corrected by spdx-correct, unless the correction had to invent a version. */
function correctOne(text: string): string | null {
  if (NOT_A_LICENCE.test(text.trim())) return null;
  const fixed = correct(text.trim(), { upgrade: true });
  if (fixed === null) return null;
  if (/\d/.test(fixed) && !/\d/.test(text)) return null;
  return fixed;
}

function tryParse(text: string): ExpressionNode | null {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

/** Render a parse tree: `A OR B`, with parentheses around compound operands only. */
export function render(node: ExpressionNode, top = false): string {
  if ('license' in node) {
    return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
  }
  const text = `${render(node.left)} ${node.conjunction.toUpperCase()} ${render(node.right)}`;
  return top ? text : `(${text})`;
}

export function parseExpression(expression: string): ExpressionNode | null {
  return tryParse(expression);
}
