// A figure's value as a reader reads it, the same in every renderer: a ratio as a rounded percentage,
// numbers rounded (whole when 100 or more, else to one decimal) with thousands separators, the unit
// after the number ("111 days"), and a count of one with its unit in the singular.
import { metricName } from './definitions.ts';
import type { Figure, MetricChange } from './types.ts';

export function figureValue(f: Pick<Figure, 'value' | 'unit'>): string {
  if (f.value === null) return 'n/a';
  if (typeof f.value === 'string') return f.unit ? `${f.value} ${f.unit}` : f.value;
  if (f.unit === 'ratio') return `${Math.round(100 * f.value)}%`;
  if (f.unit === '%') return `${roundForPeople(f.value)}%`;
  const v = roundForPeople(f.value);
  if (!f.unit) return v;
  return `${v} ${f.value === 1 ? (SINGULAR[f.unit] ?? f.unit) : f.unit}`;
}

const SINGULAR: Record<string, string> = {
  people: 'person',
  days: 'day',
  files: 'file',
  folders: 'folder',
  languages: 'language',
  repositories: 'repository',
  commits: 'commit',
  packages: 'package',
  items: 'item',
  findings: 'finding',
  risks: 'risk',
  vulnerabilities: 'vulnerability',
  releases: 'release',
  lines: 'line',
  tags: 'tag',
};

/** 0.5677 -> "0.6", 1234.5 -> "1,235", 12.34 -> "12.3". */
function roundForPeople(n: number): string {
  const digits = Math.abs(n) >= 100 || Number.isInteger(n) ? 0 : 1;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A stored figure that moved, in words with rounded values: "express: code size 12,345 lines → 12,400 lines". */
export function metricChangeText(m: MetricChange): string {
  const unit = m.unit ?? undefined;
  const v = (value: number | null) => (value === null ? 'none' : figureValue({ value, unit }));
  return `${m.repository}: ${metricName(m.metric)}${m.subject ? `, ${m.subject}` : ''} ${v(m.before)} → ${v(m.after)}`;
}

/** "a", "a and b", "a, b and c" (or with `or`): a list in a sentence. */
export function wordList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
