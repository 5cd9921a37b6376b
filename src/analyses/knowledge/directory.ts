// People across repositories at query time: each repository's stored contributors merged into one
// person per human (same identity rules, plus the workspace's aliases), pseudonyms for anonymised
// output, and resolution of `--leave` names and e-mails.
import { loadPeopleConfig } from '../../office/people.ts';
import {
  type IdentityOptions,
  normaliseName,
  resolveIdentities,
  type Signature,
} from '../../people/identities/index.ts';
import { pseudonym, pseudonymsOf } from '../../people/pseudonym.ts';
import { currentPeople, type StoredPerson } from '../../store/people.ts';
import type { Store } from '../../store/store.ts';

export interface DirectoryPerson {
  id: string;
  name: string;
  names: string[];
  emails: string[];
  bot: boolean;
}

export interface Directory {
  people: DirectoryPerson[];
  /** The workspace-wide person of a repository's stored person id. */
  globalId(repository: string, personId: string): string;
  /** The workspace-wide person of a raw signature (e.g. blame ownership). */
  personOf(sig: Signature): string;
  byId: Map<string, DirectoryPerson>;
}

function signaturesOf(p: StoredPerson): Signature[] {
  const email = p.emails[0] ?? '';
  return [...p.emails.map((e) => ({ name: p.name, email: e })), ...p.names.map((n) => ({ name: n, email }))];
}

export function buildDirectory(stored: readonly StoredPerson[], options: IdentityOptions): Directory {
  const seen = stored.flatMap(signaturesOf);
  const ids = resolveIdentities(seen, {
    aliases: options.aliases ?? [],
    botPatterns: options.botPatterns ?? [],
  });
  const local = new Map<string, string>();
  for (const p of stored) local.set(`${p.repository}\0${p.personId}`, ids.personOf(signaturesOf(p)[0]!));
  const bots = new Set(stored.filter((p) => p.bot).map((p) => local.get(`${p.repository}\0${p.personId}`)));
  const people = ids.people.map((p) => ({
    id: p.id,
    name: p.name,
    names: p.names,
    emails: p.emails,
    bot: p.bot || bots.has(p.id),
  }));
  return {
    people,
    byId: new Map(people.map((p) => [p.id, p])),
    globalId: (repository, personId) => local.get(`${repository}\0${personId}`) ?? personId,
    personOf: (sig) => ids.personOf(sig),
  };
}

/**
 * Each name, e-mail and id of the directory's people (and each repository's person id of `stored`, as
 * findings' evidence names people) to that person's pseudonym (src/people/pseudonym.ts).
 */
export function directoryPseudonyms(
  directory: Directory,
  stored: readonly StoredPerson[] = [],
): Map<string, string> {
  const map = pseudonymsOf(directory.people);
  for (const s of stored) {
    map.set(s.personId.toLowerCase(), pseudonym(directory.globalId(s.repository, s.personId)));
  }
  return map;
}

/** The people a `--leave` value names: an e-mail, or a name compared as identities compare names. */
export function resolveLeaving(
  directory: Directory,
  values: readonly string[],
): { ids: string[]; unknown: string[] } {
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const v of values) {
    const text = v.trim();
    const lower = text.toLowerCase();
    const match = directory.people.filter(
      (p) =>
        p.emails.includes(lower) ||
        p.id === text ||
        p.names.some((n) => normaliseName(n) === normaliseName(text)),
    );
    if (match.length === 0) unknown.push(v);
    for (const p of match) ids.add(p.id);
  }
  return { ids: [...ids].sort(), unknown };
}

/** The workspace-wide directory of people from the store's current snapshots. */
export async function loadDirectory(
  store: Store,
  workspaceDir: string,
  config: Record<string, unknown>,
  day: string,
): Promise<{ directory: Directory; stored: StoredPerson[] }> {
  const cfg = loadPeopleConfig(workspaceDir, config);
  const stored = await currentPeople(store, day);
  return {
    directory: buildDirectory(stored, { aliases: cfg.aliases, botPatterns: cfg.botPatterns }),
    stored,
  };
}
