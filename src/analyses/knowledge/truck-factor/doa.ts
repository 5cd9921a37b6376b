// Degree of authorship (Fritz et al., as used by Avelino et al., ICPC 2016) and the authors of each file.
import type { HistoryCommit } from './history.ts';

export interface AuthorshipThresholds {
  /** DOA / best DOA on the file must exceed this (published: 0.75). */
  normalized: number;
  /** Absolute DOA needed unless the developer added the file (published: 3.293). */
  absolute: number;
}

/** One developer's record on one file (following renames back). */
export interface FileAuthorship {
  person: string;
  /** FA: the developer has an add record on the file. */
  added: boolean;
  /** DL: the developer's modify and rename records on the file. */
  deliveries: number;
  /** AC: everyone else's modify and rename records on the file. */
  acceptances: number;
  doa: number;
  author: boolean;
}

interface TouchRecord {
  person: string;
  kind: 'add' | 'delivery';
  oldPath?: string;
}

export function degreeOfAuthorship(added: boolean, deliveries: number, acceptances: number): number {
  return 3.293 + 1.098 * (added ? 1 : 0) + 0.164 * deliveries - 0.321 * Math.log(1 + acceptances);
}

/** A, M and R records of non-merge commits, keyed by the path they were made on. */
export function recordsByPath(
  commits: readonly HistoryCommit[],
  personOf: (c: HistoryCommit) => string,
): Map<string, TouchRecord[]> {
  const byPath = new Map<string, TouchRecord[]>();
  for (const c of commits) {
    if (c.parents.length > 1) continue;
    const person = personOf(c);
    for (const ch of c.changes) {
      if (ch.status !== 'A' && ch.status !== 'M' && ch.status !== 'R') continue;
      const rec: TouchRecord = { person, kind: ch.status === 'A' ? 'add' : 'delivery' };
      if (ch.status === 'R' && ch.oldPath !== undefined) rec.oldPath = ch.oldPath;
      const list = byPath.get(ch.path);
      if (list) list.push(rec);
      else byPath.set(ch.path, [rec]);
    }
  }
  return byPath;
}

/** All records of a file: those on its path, plus, for each rename, those on the old path (transitively). */
export function fileRecords(byPath: Map<string, TouchRecord[]>, path: string): readonly TouchRecord[] {
  const own = byPath.get(path) ?? [];
  // Most files were never renamed: their own records, as they are.
  if (!own.some((r) => r.oldPath !== undefined)) return own;
  const seen = new Set([path]);
  const queue = [path];
  const out: TouchRecord[] = [];
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    for (const rec of byPath.get(p) ?? []) {
      out.push(rec);
      if (rec.oldPath !== undefined && !seen.has(rec.oldPath)) {
        seen.add(rec.oldPath);
        queue.push(rec.oldPath);
      }
    }
  }
  return out;
}

/** DOA of every developer on a file and whether each counts as an author; empty when the file has no records. */
export function authorshipOf(records: readonly TouchRecord[], t: AuthorshipThresholds): FileAuthorship[] {
  const per = new Map<string, { added: boolean; deliveries: number }>();
  let total = 0;
  for (const r of records) {
    const e = per.get(r.person) ?? { added: false, deliveries: 0 };
    if (r.kind === 'add') e.added = true;
    else {
      e.deliveries += 1;
      total += 1;
    }
    per.set(r.person, e);
  }
  const rows = [...per].map(([person, e]) => {
    const acceptances = total - e.deliveries;
    return {
      person,
      ...e,
      acceptances,
      doa: degreeOfAuthorship(e.added, e.deliveries, acceptances),
      author: false,
    };
  });
  const best = rows.reduce((m, r) => Math.max(m, r.doa), 0);
  for (const r of rows) {
    r.author = best > 0 && r.doa / best > t.normalized && (r.doa >= t.absolute || r.added);
  }
  return rows.sort((a, b) => b.doa - a.doa || (a.person < b.person ? -1 : 1));
}
