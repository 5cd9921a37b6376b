// --anonymize: every person named in a document (names, e-mails, person ids) becomes their stable
// pseudonym (src/people/pseudonym.ts): the person's, through the directory, for every identity it knows.
import { pseudonym } from '../people/pseudonym.ts';

/**
 * Replace each identity (3 characters or more) wherever it appears in the report's text values. Keys
 * are never touched: a contributor named "Name" leaves the document's `name` fields as they are.
 * `people` (pseudonymsOf) gives each identity of a known person that person's pseudonym; an identity
 * it does not know gets the pseudonym of the identity itself.
 */
export function anonymizeJson<T>(
  value: T,
  identities: Iterable<string>,
  people: ReadonlyMap<string, string> = new Map(),
): T {
  const list = [...new Set([...identities].map((s) => s.trim()).filter((s) => s.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return value;
  const map = new Map(list.map((s) => [s.toLowerCase(), people.get(s.toLowerCase()) ?? pseudonym(s)]));
  const escaped = list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\w@.-])(?:${escaped.join('|')})(?![\\w@-])`, 'gi');
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(re, (m) => map.get(m.toLowerCase()) ?? m) : v,
  );
  return JSON.parse(text) as T;
}
