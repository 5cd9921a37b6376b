// What `cto experiments` reads from the store: each named repository's current snapshot (its scanned
// ref) and the commits of its history authored within a time box, per author e-mail, with the people
// of that snapshot to resolve e-mails to persons (docs/office.md "Experiments").
import type { Store } from './store.ts';

export interface TimeBoxCommits {
  repository: string;
  snapshotId: number;
  /** The ref the snapshot scanned (`refs/heads/main`), or null when the scan did not record one. */
  ref: string | null;
  /** The last commit of the snapshot's history: evidence after it is not in the store. */
  lastCommitAt: string | null;
  /** Commits authored in the box, per author e-mail as written. */
  byEmail: Array<{ email: string; commits: number }>;
  /** The snapshot's people (analysis knowledge): their e-mails and whether they are bots; empty when not analysed. */
  people: Array<{ personId: string; emails: string[]; bot: boolean }>;
}

/** The current snapshot of each named repository and its commits authored in [fromTs, toTs] (epoch seconds); absent repositories are left out. */
export async function commitsInTimeBox(
  store: Store,
  repositories: readonly string[],
  fromTs: number,
  toTs: number,
): Promise<TimeBoxCommits[]> {
  if (repositories.length === 0) return [];
  const snaps = await store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select(['r.name', 's.id', 's.ref', 's.last_commit_at'])
    .where('r.name', 'in', [...repositories])
    .orderBy('r.name')
    .execute();
  const out: TimeBoxCommits[] = [];
  for (const s of snaps) {
    const commits = await store.db
      .selectFrom('snapshot_segments as g')
      .innerJoin('commits as c', 'c.snapshot_id', 'g.segment_id')
      .select((eb) => ['c.author_email as email', eb.fn.countAll().as('n')])
      .where('g.snapshot_id', '=', s.id)
      .where('c.author_ts', '>=', fromTs)
      .where('c.author_ts', '<=', toTs)
      .groupBy('c.author_email')
      .execute();
    const people = await store.db
      .selectFrom('people')
      .select(['person_id', 'emails', 'bot'])
      .where('snapshot_id', '=', s.id)
      .execute();
    out.push({
      repository: s.name,
      snapshotId: s.id,
      ref: s.ref,
      lastCommitAt: s.last_commit_at,
      byEmail: commits.map((c) => ({ email: c.email, commits: Number(c.n) })),
      people: people.map((p) => ({
        personId: p.person_id,
        emails: JSON.parse(p.emails) as string[],
        bot: Number(p.bot) === 1,
      })),
    });
  }
  return out;
}
