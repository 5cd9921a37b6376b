// The one pseudonym of a person (docs/server.md#pseudonyms): the same in `--anonymize` output of every
// command, the report, the API and the dashboard. `person-` + 8 hex digits of SHA-256 of the person's
// workspace-wide id (docs/metrics/people.md), so a person's names and e-mails all give one pseudonym.
import { createHash } from 'node:crypto';

/** `person-` + 8 hex digits of SHA-256 of the key (a person id; else the lower-cased identity). */
export function pseudonym(key: string): string {
  return `person-${createHash('sha256').update(key.trim().toLowerCase()).digest('hex').slice(0, 8)}`;
}

/** Each lower-cased name, e-mail and id of these people to the pseudonym of the person it belongs to. */
export function pseudonymsOf(
  people: Iterable<{ id: string; names: readonly string[]; emails: readonly string[] }>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of people) {
    const alias = pseudonym(p.id);
    for (const k of [p.id, ...p.names, ...p.emails]) map.set(k.trim().toLowerCase(), alias);
  }
  return map;
}
