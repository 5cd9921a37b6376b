// Who may see which people (docs/server.md#people-level-data). Names and e-mails of people a caller may
// not see are replaced, in every document the caller reads, by each person's one pseudonym
// (src/people/pseudonym.ts, as `--anonymize` gives it); a lead sees the people of the teams teams.yaml says they lead.
import { directoryPseudonyms, loadDirectory } from '../analyses/knowledge/directory.ts';
import { loadTeams, teamOfPerson, teamsLedBy } from '../office/teams.ts';
import { referenceDay } from '../reference-date.ts';
import { anonymizeJson } from '../report/anonymize.ts';
import { currentSnapshots } from '../store/report.ts';
import { peopleOf } from '../store/report-facts.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { modelCache } from './model-cache.ts';

export interface PeopleScope {
  /** Every person is visible (no role has this today: a lead sees own teams, others nobody). */
  all: boolean;
  /** The teams whose people the caller sees by name (a lead's teams). */
  teams: readonly string[];
  /** Whether a person (any of their names and e-mails) is visible to the caller. */
  sees(keys: readonly string[]): boolean;
  /** The document with every identity the caller may not see replaced by its pseudonym. */
  mask<T>(doc: T): Promise<T>;
}

/** The people scope of a role: a lead's own teams (teams.yaml `leads`); nobody for member and board. */
export function peopleScope(store: Store, ws: Workspace, user: { email: string; role: string }): PeopleScope {
  const teams = loadTeams(ws.dir);
  const led = user.role === 'lead' ? teamsLedBy(teams, user.email) : [];
  const sees = (keys: readonly string[]) =>
    led.length > 0 && teamOfPerson(teams, keys).some((t) => led.includes(t));
  return {
    all: false,
    teams: led,
    sees,
    mask: async (doc) => {
      const hidden = await hiddenIdentities(store, ws, sees);
      return anonymizeJson(doc, hidden.identities, hidden.pseudonyms);
    },
  };
}

/**
 * Names and e-mails of everyone in the current snapshots the caller may not see, and the pseudonym of
 * the person each belongs to (the same as `--anonymize` gives them).
 */
async function hiddenIdentities(
  store: Store,
  ws: Workspace,
  sees: (keys: readonly string[]) => boolean,
): Promise<{ identities: string[]; pseudonyms: Map<string, string> }> {
  // Who is in the store is the same for every caller: kept with the report model (model-cache.ts).
  const day = referenceDay();
  const { directory, stored, history } = await modelCache(store, ws).get(
    JSON.stringify(['people-directory', day]),
    async () => ({
      ...(await loadDirectory(store, ws.dir, ws.config, day)),
      history: await peopleOf(
        store,
        (await currentSnapshots(store)).map((s) => s.snapshotId),
      ),
    }),
  );
  const visible = new Set<string>();
  const hidden: string[] = [];
  // A person's ids too (the workspace's, and each repository's as findings' evidence names them).
  const localIds = new Map<string, string[]>();
  for (const s of stored) {
    const id = directory.globalId(s.repository, s.personId);
    localIds.set(id, [...(localIds.get(id) ?? []), s.personId]);
  }
  for (const p of directory.people) {
    const keys = [...p.names, ...p.emails, p.id, ...(localIds.get(p.id) ?? [])];
    if (sees(keys)) for (const k of keys) visible.add(k.toLowerCase());
    else hidden.push(...keys);
  }
  hidden.push(...history);
  return {
    identities: hidden.filter((k) => !visible.has(k.toLowerCase())),
    pseudonyms: directoryPseudonyms(directory, stored),
  };
}
