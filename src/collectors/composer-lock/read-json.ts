// JSON within the budget: nesting is measured on the text before JSON.parse runs.
import { DEFAULT_BUDGET } from '../types.ts';

/** Deepest `{`/`[` nesting outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Parses JSON, throwing a readable message when it is nested deeper than the budget or malformed. */
export function readJson(text: string, maxDepth = DEFAULT_BUDGET.maxDepth): unknown {
  const depth = jsonDepth(text);
  if (depth > maxDepth) throw new Error(`nested ${depth} levels deep, over the budget of ${maxDepth}`);
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
