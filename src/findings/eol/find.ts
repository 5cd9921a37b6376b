// Query-time end-of-life report: each repository's current runtimes, container images and framework
// packages joined to the loaded endoflife.date data, with the runway to the cycle's end of life.

import { inScopes } from '../../collectors/exposure.ts';
import type { Exposure } from '../../collectors/types.ts';
import { cycleStatus, pickCycle } from '../../feeds/endoflife/lifecycle.ts';
import type { EolProduct, Phase } from '../../feeds/endoflife/model.ts';
import { buildCatalog, type EolSubject, resolveProduct } from '../../feeds/endoflife/resolve.ts';
import { mostExposed } from '../../risk/exposure-of.ts';
import {
  currentDependencies,
  currentImages,
  currentRuntimes,
  type EolProductRecord,
  loadEolRows,
} from '../../store/feed-reads.ts';
import type { Store } from '../../store/store.ts';
import { purlOf } from './purl.ts';

export type EolStatus = 'past-eol' | 'within-window' | 'supported' | 'unknown';
export type EolKind = 'runtime' | 'image' | 'package';

export interface EolRow {
  repository: string;
  kind: EolKind;
  /** Runtime kind, image name or package name. */
  subject: string;
  version: string | null;
  paths: string[];
  /** The most exposed of its places. */
  exposure: Exposure;
  /** Each path declaring it, with its exposure and, for a package, whether it is a direct dependency. */
  places: EolPlace[];
  product: string | null;
  cycle: string | null;
  supportEnd: Phase;
  eol: Phase;
  runwayMonths: number | null;
  status: EolStatus;
}

export interface EolPlace {
  path: string;
  exposure: Exposure;
  direct: boolean | null;
}

export interface EolQuery {
  repository?: string;
  today: string;
  windowMonths: number;
  /** Read these snapshots' runtimes, images and packages instead of each repository's current snapshot. */
  snapshotIds?: number[];
  /** Only runtimes, images and packages of these exposures (all when not given). */
  scopes?: readonly Exposure[];
}

const CONTAINER_KINDS = new Set(['docker', 'compose', 'kubernetes', 'helm']);

const phase = (text: string | null): Phase => (text === 'true' ? true : text === 'false' ? false : text);

export function toProducts(rows: EolProductRecord[]): EolProduct[] {
  return rows.map((r) => ({
    key: r.product,
    label: r.label,
    identifiers: JSON.parse(r.identifiers),
    cycles: r.cycles.map((c) => ({
      name: c.cycle_name,
      releaseDate: c.release_date,
      lts: phase(c.lts),
      eoas: phase(c.eoas),
      eol: phase(c.eol),
      eoes: phase(c.eoes),
      latest: c.latest,
    })),
  }));
}

/** A requirement with no lower bound (`<20`, `!=3`) names no cycle. */
const noLowerBound = (v: string): boolean => /^\s*(<|!=)/.test(v);

export function statusOf(isEol: boolean, runway: number | null, eol: Phase, windowMonths: number): EolStatus {
  if (isEol) return 'past-eol';
  if (runway !== null) return runway <= windowMonths ? 'within-window' : 'supported';
  return eol === false ? 'supported' : 'unknown';
}

interface Subject {
  repository: string;
  kind: EolKind;
  subject: string;
  version: string | null;
  path: string;
  exposure: Exposure;
  direct: boolean | null;
  lookup: EolSubject;
}

async function subjectsOf(store: Store, repo: string | undefined, ids?: number[]): Promise<Subject[]> {
  const runtimes = (await currentRuntimes(store, repo, ids)).map((r) => ({
    repository: r.repository,
    kind: 'runtime' as const,
    subject: r.kind,
    version: r.version,
    path: r.path,
    exposure: r.exposure,
    direct: null,
    lookup: { kind: 'runtime' as const, name: r.kind },
  }));
  const images = (await currentImages(store, repo, ids))
    .filter((i) => CONTAINER_KINDS.has(i.kind))
    .map((i) => ({
      repository: i.repository,
      kind: 'image' as const,
      subject: i.name,
      version: i.version,
      path: i.path,
      exposure: i.exposure,
      direct: null,
      lookup: { kind: 'image' as const, name: i.name },
    }));
  const packages = (await currentDependencies(store, repo, ids)).flatMap((d) => {
    const purl = purlOf(d.ecosystem, d.name);
    if (!purl) return [];
    return [
      {
        repository: d.repository,
        kind: 'package' as const,
        subject: d.name,
        version: d.version ?? d.requirement,
        path: d.manifestPath,
        exposure: d.exposure,
        direct: d.direct === 1,
        lookup: { kind: 'package' as const, purl },
      },
    ];
  });
  return [...runtimes, ...images, ...packages];
}

function addPlace(row: EolRow, s: Subject): void {
  const place = row.places.find((p) => p.path === s.path);
  if (place) {
    place.exposure = mostExposed([place.exposure, s.exposure]);
    place.direct = place.direct === null && s.direct === null ? null : !!place.direct || !!s.direct;
  } else {
    row.paths.push(s.path);
    row.places.push({ path: s.path, exposure: s.exposure, direct: s.direct });
  }
  row.exposure = mostExposed([row.exposure, s.exposure]);
}

export async function findEol(
  store: Store,
  query: EolQuery,
): Promise<{ rows: EolRow[]; productsLoaded: number }> {
  const products = toProducts(await loadEolRows(store));
  const catalog = buildCatalog(products);
  const rows = new Map<string, EolRow>();
  for (const s of await subjectsOf(store, query.repository, query.snapshotIds)) {
    if (!inScopes([s.exposure], query.scopes)) continue;
    const product = resolveProduct(catalog, s.lookup);
    if (!product && s.kind === 'package') continue;
    const key = [s.repository, s.kind, s.subject, s.version].join('\u0000');
    const seen = rows.get(key);
    if (seen) {
      addPlace(seen, s);
      continue;
    }
    const cycle = product && s.version && !noLowerBound(s.version) ? pickCycle(product, s.version) : null;
    const st = product && cycle ? cycleStatus(product, cycle, query.today) : null;
    rows.set(key, {
      repository: s.repository,
      kind: s.kind,
      subject: s.subject,
      version: s.version,
      paths: [s.path],
      exposure: s.exposure,
      places: [{ path: s.path, exposure: s.exposure, direct: s.direct }],
      product: product?.key ?? null,
      cycle: st?.cycle ?? null,
      supportEnd: st?.supportEnd ?? null,
      eol: st?.eol ?? null,
      runwayMonths: st?.runwayMonths ?? null,
      status: st ? statusOf(st.isEol, st.runwayMonths, st.eol, query.windowMonths) : 'unknown',
    });
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.repository.localeCompare(b.repository) ||
      a.kind.localeCompare(b.kind) ||
      a.subject.localeCompare(b.subject) ||
      (a.version ?? '').localeCompare(b.version ?? ''),
  );
  return { rows: sorted, productsLoaded: products.length };
}
