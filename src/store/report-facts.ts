// Facts-level queries behind `cto report`: activity, releases, dependencies, runtimes and images
// of a set of snapshots. A snapshot's history is the commits of its segments (docs/store.md).
import { sql } from 'kysely';
import { authorEmailKey } from '../people/identities/email.ts';
import type { Store } from './store.ts';

// Literal arguments, so that both engines see the same expression in select and group by.
const MONTH = sql<string>`substr(c.author_date, 1, 7)`;

/** Commits per month (`YYYY-MM` of the author date as recorded) over the snapshots' histories. */
export async function commitsByMonth(
  store: Store,
  snapshotIds: number[],
): Promise<Array<{ month: string; commits: number }>> {
  if (snapshotIds.length === 0) return [];
  const rows = await store.db
    .selectFrom('snapshot_segments as ss')
    .innerJoin('commits as c', 'c.snapshot_id', 'ss.segment_id')
    .select((eb) => [MONTH.as('month'), eb.fn.countAll().as('n')])
    .where('ss.snapshot_id', 'in', snapshotIds)
    .groupBy(MONTH)
    .execute();
  return rows
    .map((r) => ({ month: String(r.month), commits: Number(r.n) }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** Per snapshot: all commits, and those of the author e-mail with the most commits. */
export async function topAuthorShares(
  store: Store,
  snapshotIds: number[],
): Promise<Map<number, { total: number; top: number; topEmail: string }>> {
  const out = new Map<number, { total: number; top: number; topEmail: string }>();
  if (snapshotIds.length === 0) return out;
  const rows = await store.db
    .selectFrom('snapshot_segments as ss')
    .innerJoin('commits as c', 'c.snapshot_id', 'ss.segment_id')
    .select((eb) => ['ss.snapshot_id as id', 'c.author_email as email', eb.fn.countAll().as('n')])
    .where('ss.snapshot_id', 'in', snapshotIds)
    .groupBy(['ss.snapshot_id', 'c.author_email'])
    .execute();
  // Spellings of one address (any case) are one author, as docs/metrics/people.md defines.
  const perAuthor = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const id = Number(r.id);
    const authors = perAuthor.get(id) ?? new Map<string, number>();
    const key = authorEmailKey(r.email);
    authors.set(key, (authors.get(key) ?? 0) + Number(r.n));
    perAuthor.set(id, authors);
  }
  for (const [id, authors] of perAuthor) {
    const cur = { total: 0, top: 0, topEmail: '' };
    for (const [email, n] of authors) {
      cur.total += n;
      if (n > cur.top || (n === cur.top && email < cur.topEmail))
        Object.assign(cur, { top: n, topEmail: email });
    }
    out.set(id, cur);
  }
  return out;
}

export interface ReleaseTag {
  snapshotId: number;
  name: string;
  commit: string;
  /** The tagger date of an annotated tag, else the tagged commit's committer date. */
  date: string | null;
}

export async function tagsOf(store: Store, snapshotIds: number[]): Promise<ReleaseTag[]> {
  if (snapshotIds.length === 0) return [];
  const tags = await store.db
    .selectFrom('tags')
    .select(['snapshot_id as snapshotId', 'name', 'commit_sha as commit', 'tagger_date as date'])
    .where('snapshot_id', 'in', snapshotIds)
    .execute();
  const undated = [...new Set(tags.filter((t) => !t.date).map((t) => t.commit))];
  const dates = new Map<string, string>();
  for (let i = 0; i < undated.length; i += 500) {
    const rows = await store.db
      .selectFrom('snapshot_segments as ss')
      .innerJoin('commits as c', 'c.snapshot_id', 'ss.segment_id')
      .select(['ss.snapshot_id as id', 'c.sha', 'c.committer_date'])
      .where('ss.snapshot_id', 'in', snapshotIds)
      .where('c.sha', 'in', undated.slice(i, i + 500))
      .execute();
    for (const r of rows) dates.set(`${r.id} ${r.sha}`, r.committer_date);
  }
  return tags.map((t) => ({
    ...t,
    snapshotId: Number(t.snapshotId),
    date: t.date ?? dates.get(`${t.snapshotId} ${t.commit}`) ?? null,
  }));
}

export interface DependencyCount {
  snapshotId: number;
  total: number;
  direct: number;
  ecosystems: number;
}

export async function dependencyCounts(store: Store, snapshotIds: number[]): Promise<DependencyCount[]> {
  if (snapshotIds.length === 0) return [];
  const rows = await store.db
    .selectFrom('dependencies')
    .select((eb) => [
      'snapshot_id as id',
      eb.fn.countAll().as('total'),
      eb.fn.sum('direct').as('direct'),
      eb.fn.count('ecosystem').distinct().as('ecosystems'),
    ])
    .where('snapshot_id', 'in', snapshotIds)
    .groupBy('snapshot_id')
    .execute();
  return rows.map((r) => ({
    snapshotId: Number(r.id),
    total: Number(r.total),
    direct: Number(r.direct ?? 0),
    ecosystems: Number(r.ecosystems),
  }));
}

/** Direct packages, runtimes and images: what a team chose to use. */
export async function technologiesOf(
  store: Store,
  snapshotIds: number[],
): Promise<Array<{ snapshotId: number; kind: string; name: string }>> {
  if (snapshotIds.length === 0) return [];
  const deps = await store.db
    .selectFrom('dependencies')
    .select(['snapshot_id as snapshotId', 'ecosystem as kind', 'name'])
    .where('snapshot_id', 'in', snapshotIds)
    .where('direct', '=', 1)
    .distinct()
    .execute();
  const runtimes = await store.db
    .selectFrom('runtimes')
    .select(['snapshot_id as snapshotId', 'kind', 'version as name'])
    .where('snapshot_id', 'in', snapshotIds)
    .distinct()
    .execute();
  const images = await store.db
    .selectFrom('images')
    .select(['snapshot_id as snapshotId', 'kind', 'name'])
    .where('snapshot_id', 'in', snapshotIds)
    .distinct()
    .execute();
  return [
    ...deps.map((d) => ({ ...d, kind: `package:${d.kind}` })),
    ...runtimes.map((r) => ({ ...r, kind: `runtime:${r.kind}` })),
    ...images.map((i) => ({ ...i, kind: `image:${i.kind}` })),
  ].map((r) => ({ ...r, snapshotId: Number(r.snapshotId) }));
}

/** Author and committer names and e-mails in the snapshots' histories (for --anonymize). */
export async function peopleOf(store: Store, snapshotIds: number[]): Promise<string[]> {
  if (snapshotIds.length === 0) return [];
  const rows = await store.db
    .selectFrom('snapshot_segments as ss')
    .innerJoin('commits as c', 'c.snapshot_id', 'ss.segment_id')
    .select(['c.author_name', 'c.author_email', 'c.committer_name', 'c.committer_email'])
    .where('ss.snapshot_id', 'in', snapshotIds)
    .distinct()
    .execute();
  return [
    ...new Set(rows.flatMap((r) => [r.author_name, r.author_email, r.committer_name, r.committer_email])),
  ];
}
