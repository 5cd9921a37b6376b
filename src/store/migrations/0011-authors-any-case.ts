// 0011: authors are distinct e-mails compared in any case (docs/metrics/people.md, "Authors"). Earlier
// scans counted spellings apart; recount every finished snapshot from its commits, so that stores
// scanned before read the same as a new scan. The comparison is written out here, frozen.
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

export const authorsAnyCase: Migration = {
  async up(db: Kysely<unknown>) {
    const rows = await sql<{ id: number; email: string }>`
      select distinct g.snapshot_id as id, c.author_email as email
      from snapshot_segments g join commits c on c.snapshot_id = g.segment_id
      join snapshots s on s.id = g.snapshot_id
      where s.status in ('ok', 'partial')`.execute(db);
    const authors = new Map<number, Set<string>>();
    for (const r of rows.rows) {
      const id = Number(r.id);
      const keys = authors.get(id) ?? new Set<string>();
      keys.add(r.email.trim().toLowerCase());
      authors.set(id, keys);
    }
    for (const [id, keys] of authors) {
      await sql`update snapshots set authors_count = ${keys.size} where id = ${id}`.execute(db);
    }
  },
};
