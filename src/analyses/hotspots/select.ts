// Choosing what `cto hotspots` lists: exclusions, a folder, the top N per repository.
import type { CouplingRow, HotspotRow } from '../../store/hotspots.ts';
import { type Exclusions, isExcluded } from './exclude.ts';

interface Selection {
  top: number;
  folder: string | null;
  exclusions: Exclusions;
}

const inFolder = (path: string, folder: string | null): boolean =>
  folder === null || folder === '' || folder === '.' || path.startsWith(`${folder.replace(/\/+$/, '')}/`);

/** Files with a score above zero, not excluded, in the folder; the top N of each repository by score. */
export function selectHotspots(rows: HotspotRow[], s: Selection): HotspotRow[] {
  const count = new Map<string, number>();
  const out: HotspotRow[] = [];
  const sorted = [...rows].sort(
    (a, b) => a.repository.localeCompare(b.repository) || b.score - a.score || a.path.localeCompare(b.path),
  );
  for (const r of sorted) {
    if (r.score <= 0 || !inFolder(r.path, s.folder)) continue;
    const n = count.get(r.repository) ?? 0;
    // The globs are tested only while the repository's list is not full.
    if (n >= s.top || isExcluded(r.path, r.category, s.exclusions)) continue;
    count.set(r.repository, n + 1);
    out.push(r);
  }
  return out;
}

interface CouplingFilter extends Selection {
  minDegree: number;
  minRevs: number;
  categories: Map<string, string>;
}

/** Pairs at or above the thresholds, both files kept by the exclusions, one of them in the folder. */
export function selectCoupling(rows: CouplingRow[], f: CouplingFilter): CouplingRow[] {
  const count = new Map<string, number>();
  const kept = (repo: string, path: string) =>
    !isExcluded(path, f.categories.get(`${repo}\0${path}`) ?? null, f.exclusions);
  return rows.filter((r) => {
    if (r.degree < f.minDegree || (r.commits_a + r.commits_b) / 2 < f.minRevs) return false;
    if (!inFolder(r.path_a, f.folder) && !inFolder(r.path_b, f.folder)) return false;
    if (!kept(r.repository, r.path_a) || !kept(r.repository, r.path_b)) return false;
    const n = count.get(r.repository) ?? 0;
    if (n >= f.top) return false;
    count.set(r.repository, n + 1);
    return true;
  });
}
