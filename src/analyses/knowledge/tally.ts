// What the knowledge analysis keeps of a history read a chunk of commits at a time: sums per author
// identity (name and e-mail as written), per author and day, per path and identity (the records the
// degree of authorship reads) and per path (change counts). Bounded by identities, days, paths and
// renames, never by the number of commits or changes; people are resolved once the whole history
// has been seen (.mailmap, aliases and bots need every identity).
import type { IdentityResult } from '../../people/identities/index.ts';
import { ACTIVE_WINDOW_DAYS, RECENT_WINDOW_DAYS, within } from '../../reference-date.ts';
import type { ChangeFact, CommitFact } from '../../store/people.ts';
import type { Contributor, DayActivity, MonthActivity } from './contributors.ts';
import type { TouchIndex } from './truck-factor/doa.ts';

/** One identity's commits, summed. */
interface IdentityTally {
  name: string;
  email: string;
  commits: number;
  linesAdded: number;
  linesDeleted: number;
  /** The first and last commit by author date; `seq` is the commit's position in the reading, for ties. */
  first: { ts: number; at: string; seq: number };
  last: { ts: number; at: string; seq: number };
  commits90d: number;
  commits365d: number;
  /** Per UTC day: commits, lines added, lines deleted. */
  days: Map<string, [number, number, number]>;
}

/** Records on one path by identity (deliveries x 2 + 1 if the identity added it), and renames onto it. */
interface PathTally {
  identities: Map<number, number>;
  /** Old name -> identities that renamed it to this path. */
  renames: Map<string, Set<number>> | null;
}

export class KnowledgeTally {
  private readonly ids = new Map<string, number>();
  private readonly identities: IdentityTally[] = [];
  private readonly paths = new Map<string, PathTally>();
  /** Non-merge commits naming each path, in all and in the active window. */
  readonly counts = new Map<string, { commits: number; recent: number }>();
  private seq = 0;
  private readonly referenceTs: number;

  /** `referenceTs`: the last second of the reference date, windows count back from it. */
  constructor(referenceTs: number) {
    this.referenceTs = referenceTs;
  }

  /** One chunk: commits and the changes of exactly those commits. */
  add(commits: readonly CommitFact[], changes: readonly ChangeFact[]): void {
    const bySha = new Map<string, { commit: CommitFact; id: number }>();
    for (const c of commits) bySha.set(c.sha, { commit: c, id: this.addCommit(c) });
    // Each (commit, path) once: the paths a commit has named so far.
    const named = new Map<string, Set<string>>();
    for (const ch of changes) {
      const at = bySha.get(ch.commitSha);
      if (!at || at.commit.parents.length > 1) continue;
      const seen = named.get(ch.commitSha) ?? new Set<string>();
      named.set(ch.commitSha, seen);
      if (!seen.has(ch.path)) {
        seen.add(ch.path);
        const e = this.counts.get(ch.path) ?? { commits: 0, recent: 0 };
        e.commits += 1;
        if (within(at.commit.authorTs, this.referenceTs, ACTIVE_WINDOW_DAYS)) e.recent += 1;
        this.counts.set(ch.path, e);
      }
      if (ch.status !== 'A' && ch.status !== 'M' && ch.status !== 'R') continue;
      let p = this.paths.get(ch.path);
      if (!p) {
        p = { identities: new Map(), renames: null };
        this.paths.set(ch.path, p);
      }
      const v = p.identities.get(at.id) ?? 0;
      p.identities.set(at.id, ch.status === 'A' ? v | 1 : v + 2);
      if (ch.status === 'R' && ch.oldPath !== null) {
        p.renames ??= new Map();
        const by = p.renames.get(ch.oldPath) ?? new Set<number>();
        p.renames.set(ch.oldPath, by.add(at.id));
      }
    }
  }

  private addCommit(c: CommitFact): number {
    const key = `${c.authorName}\0${c.authorEmail}`;
    let id = this.ids.get(key);
    const seq = this.seq++;
    if (id === undefined) {
      id = this.identities.length;
      this.ids.set(key, id);
      this.identities.push({
        name: c.authorName,
        email: c.authorEmail,
        commits: 0,
        linesAdded: 0,
        linesDeleted: 0,
        first: { ts: Number.POSITIVE_INFINITY, at: '', seq },
        last: { ts: Number.NEGATIVE_INFINITY, at: '', seq },
        commits90d: 0,
        commits365d: 0,
        days: new Map(),
      });
    }
    const t = this.identities[id] as IdentityTally;
    t.commits += 1;
    t.linesAdded += c.linesAdded;
    t.linesDeleted += c.linesDeleted;
    if (c.authorTs < t.first.ts) t.first = { ts: c.authorTs, at: c.authorDate, seq };
    if (c.authorTs > t.last.ts) t.last = { ts: c.authorTs, at: c.authorDate, seq };
    if (within(c.authorTs, this.referenceTs, RECENT_WINDOW_DAYS)) t.commits90d += 1;
    if (within(c.authorTs, this.referenceTs, ACTIVE_WINDOW_DAYS)) t.commits365d += 1;
    const day = new Date(c.authorTs * 1000).toISOString().slice(0, 10);
    const d = t.days.get(day);
    if (d) {
      d[0] += 1;
      d[1] += c.linesAdded;
      d[2] += c.linesDeleted;
    } else t.days.set(day, [1, c.linesAdded, c.linesDeleted]);
    return id;
  }

  /** Every identity seen, with its commits (what identity resolution reads). */
  seen(): Array<{ name: string; email: string; commits: number }> {
    return this.identities.map((t) => ({ name: t.name, email: t.email, commits: t.commits }));
  }

  /** Contributors, their months and days, once identities are resolved (as `contributorsOf`). */
  contributors(identities: IdentityResult): {
    contributors: Contributor[];
    months: MonthActivity[];
    days: DayActivity[];
  } {
    const byId = new Map<string, Contributor & { firstSeq: number; lastSeq: number }>();
    for (const p of identities.people) {
      byId.set(p.id, {
        personId: p.id,
        name: p.name,
        names: p.names,
        emails: p.emails,
        bot: p.bot,
        commits: 0,
        linesAdded: 0,
        linesDeleted: 0,
        firstCommitAt: '',
        firstCommitTs: Number.POSITIVE_INFINITY,
        lastCommitAt: '',
        lastCommitTs: Number.NEGATIVE_INFINITY,
        commits90d: 0,
        commits365d: 0,
        firstSeq: 0,
        lastSeq: 0,
      });
    }
    const months = new Map<string, MonthActivity>();
    const days = new Map<string, DayActivity>();
    for (const t of this.identities) {
      const id = identities.personOf({ name: t.name, email: t.email });
      const p = byId.get(id)!;
      p.commits += t.commits;
      p.linesAdded += t.linesAdded;
      p.linesDeleted += t.linesDeleted;
      // The earliest commit wins; of equal dates, the one read first (as one pass over the commits).
      const { first, last } = t;
      if (first.ts < p.firstCommitTs || (first.ts === p.firstCommitTs && first.seq < p.firstSeq))
        [p.firstCommitTs, p.firstCommitAt, p.firstSeq] = [first.ts, first.at, first.seq];
      if (last.ts > p.lastCommitTs || (last.ts === p.lastCommitTs && last.seq < p.lastSeq))
        [p.lastCommitTs, p.lastCommitAt, p.lastSeq] = [last.ts, last.at, last.seq];
      p.commits90d += t.commits90d;
      p.commits365d += t.commits365d;
      for (const [day, [commits, added, deleted]] of t.days) {
        const d = days.get(`${id}\0${day}`) ?? { personId: id, day, commits: 0 };
        d.commits += commits;
        days.set(`${id}\0${day}`, d);
        const period = day.slice(0, 7);
        const key = `${id}\0${period}`;
        const m = months.get(key) ?? { personId: id, period, commits: 0, linesAdded: 0, linesDeleted: 0 };
        m.commits += commits;
        m.linesAdded += added;
        m.linesDeleted += deleted;
        months.set(key, m);
      }
    }
    const contributors = [...byId.values()]
      .filter((p) => p.commits > 0)
      .map(({ firstSeq: _, lastSeq: __, ...p }) => p)
      .sort((a, b) => b.commits - a.commits || (a.personId < b.personId ? -1 : 1));
    const sortedMonths = [...months.values()].sort((a, b) =>
      a.personId === b.personId ? (a.period < b.period ? -1 : 1) : a.personId < b.personId ? -1 : 1,
    );
    const sortedDays = [...days.values()].sort((a, b) =>
      a.personId === b.personId ? (a.day < b.day ? -1 : 1) : a.personId < b.personId ? -1 : 1,
    );
    return { contributors, months: sortedMonths, days: sortedDays };
  }

  /**
   * The records the truck factor reads, per path and person: identities resolved to people, `ignore`
   * (bots) left out with the renames they made (as if their commits were not in the history).
   */
  touches(
    personOf: (identity: { name: string; email: string }) => string,
    ignore: ReadonlySet<string>,
  ): TouchIndex {
    const people = this.identities.map((t) => personOf({ name: t.name, email: t.email }));
    const index: TouchIndex = new Map();
    for (const [path, p] of this.paths) {
      const at = {
        people: new Map<string, { added: boolean; deliveries: number }>(),
        oldPaths: null as Set<string> | null,
      };
      for (const [id, v] of p.identities) {
        const person = people[id] as string;
        if (ignore.has(person)) continue;
        const e = at.people.get(person) ?? { added: false, deliveries: 0 };
        if (v % 2 === 1) e.added = true;
        e.deliveries += v >> 1;
        at.people.set(person, e);
      }
      for (const [old, ids] of p.renames ?? []) {
        if (![...ids].some((id) => !ignore.has(people[id] as string))) continue;
        at.oldPaths ??= new Set();
        at.oldPaths.add(old);
      }
      if (at.people.size > 0 || at.oldPaths !== null) index.set(path, at);
    }
    return index;
  }
}
