// For the tests: the reference tables in fixtures/ (pairs ordered by each ecosystem's own tool; each
// file's header names the tool) and a check that reports every pair compared differently.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions } from './index.ts';

export type Order = '<' | '=' | '>';

export interface ExpectedPair {
  a: string;
  op: Order;
  b: string;
}

const SIGN: Record<Order, number> = { '<': -1, '=': 0, '>': 1 };

/** Reads `fixtures/<name>`: `a<TAB>op<TAB>b` lines, `#` comment lines. */
export function readPairs(name: string): ExpectedPair[] {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
  const pairs: ExpectedPair[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [a, op, b] = line.split('\t') as [string, Order, string];
    pairs.push({ a, op, b });
  }
  return pairs;
}

/** Reads a two-column table (`fixtures/<name>`): input and expected output. */
export function readColumns(name: string): [string, string][] {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t') as [string, string]);
}

function describeOrder(n: number): Order {
  return n < 0 ? '<' : n > 0 ? '>' : '=';
}

/** The pairs `compareVersions` orders differently from the table, both ways round, as readable lines. */
export function disagreements(ecosystem: string, pairs: ExpectedPair[]): string[] {
  const out: string[] = [];
  for (const { a, op, b } of pairs) {
    const forward = compareVersions(ecosystem, a, b);
    const backward = compareVersions(ecosystem, b, a);
    if (forward !== SIGN[op] || backward !== -SIGN[op]) {
      out.push(`${JSON.stringify(a)} ${op} ${JSON.stringify(b)}, got ${describeOrder(forward)}`);
    }
  }
  return out;
}

/** Pairs for a list in ascending order (equal neighbours given as inner arrays). */
export function ascending(list: (string | string[])[]): ExpectedPair[] {
  const groups = list.map((g) => (Array.isArray(g) ? g : [g]));
  const pairs: ExpectedPair[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (const a of groups[i]!) {
      for (const b of groups[i]!) pairs.push({ a, op: '=', b });
      for (let j = i + 1; j < groups.length; j++) for (const b of groups[j]!) pairs.push({ a, op: '<', b });
    }
  }
  return pairs;
}
