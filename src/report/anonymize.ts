// --anonymize: every person named in the report (names, e-mails, person ids) becomes a stable
// pseudonym, `person-` + 8 hex digits of SHA-256 of the lower-cased identity.
import { createHash } from 'node:crypto';

function pseudonym(identity: string): string {
  return `person-${createHash('sha256').update(identity.trim().toLowerCase()).digest('hex').slice(0, 8)}`;
}

/**
 * Replace each identity (3 characters or more) wherever it appears in the report's text values. Keys
 * are never touched: a contributor named "Name" leaves the document's `name` fields as they are.
 */
export function anonymizeJson<T>(value: T, identities: Iterable<string>): T {
  const list = [...new Set([...identities].map((s) => s.trim()).filter((s) => s.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return value;
  const map = new Map(list.map((s) => [s.toLowerCase(), pseudonym(s)]));
  const escaped = list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\w@.-])(?:${escaped.join('|')})(?![\\w@-])`, 'gi');
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(re, (m) => map.get(m.toLowerCase()) ?? m) : v,
  );
  return JSON.parse(text) as T;
}
