// Query-time end-of-life report: each repository's current runtimes, container images and framework
// packages joined to the loaded endoflife.date data, with the runway to the cycle's end of life.
// A pinned runtime (`.nvmrc`, `rust-toolchain.toml`, a container image of the runtime) is rated by
// its cycle; a floor (`engines.node`, `requires-python`) is not the runtime in use: it is rated by the cycles it
// admits, read with the rules of the tool that reads it (src/versions/runtime-floor.ts).

import { inScopes } from '../../collectors/exposure.ts';
import type { Exposure } from '../../collectors/types.ts';
import { cycleStatus, pickCycle } from '../../feeds/endoflife/lifecycle.ts';
import type { EolCycle, EolProduct, Phase } from '../../feeds/endoflife/model.ts';
import {
  buildCatalog,
  type EolSubject,
  RUNTIME_PRODUCTS,
  resolveProduct,
} from '../../feeds/endoflife/resolve.ts';
import { mostExposed } from '../../risk/exposure-of.ts';
import {
  currentDependencies,
  currentImages,
  currentRuntimes,
  type EolProductRecord,
  loadEolRows,
} from '../../store/feed-reads.ts';
import type { Store } from '../../store/store.ts';
import { floorTest } from '../../versions/runtime-floor.ts';
import { compatibilityJudge } from './compatibility.ts';
import { purlOf } from './purl.ts';

/**
 * A pin's status is its cycle's; a floor's says whether it admits a release still supported
 * (`admits-supported`) or only end-of-life ones (`admits-only-eol`).
 */
export type EolStatus =
  | 'past-eol'
  | 'within-window'
  | 'supported'
  | 'unknown'
  | 'admits-supported'
  | 'admits-only-eol';
export type EolKind = 'runtime' | 'image' | 'package';
/** `floor` or `pin` for runtimes (as collected); images are pins; packages have none. */
export type EolRole = 'floor' | 'pin' | null;

export interface EolRow {
  repository: string;
  kind: EolKind;
  /** Runtime kind, image name or package name. */
  subject: string;
  version: string | null;
  role: EolRole;
  paths: string[];
  /** The most exposed of its places. */
  exposure: Exposure;
  /** Each path declaring it, with its exposure and, for a package, whether it is a direct dependency. */
  places: EolPlace[];
  product: string | null;
  /** A pin's cycle; a floor's oldest admitted cycle. */
  cycle: string | null;
  /** For a floor: the cycles it admits, newest first (null when it could not be read). */
  admits: string[] | null;
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

/** The runtime a repository runs, per runtime product: its pins, or only floors (not checked). */
export interface RuntimeInUse {
  repository: string;
  product: string;
  /**
   * Pinned versions as written (runtime pins and container images of the runtime), with their status;
   * `compatibilityTest` when the pin is a cycle past or near its end of life that only CI runs, beside
   * a supported one (compatibility.ts): tested, not shipped.
   */
  pins: Array<{
    version: string | null;
    cycle: string | null;
    status: EolStatus;
    paths: string[];
    compatibilityTest: boolean;
  }>;
  /** Floors as written, when no pin says which release runs. */
  floors: Array<{ version: string | null; paths: string[] }>;
}

interface EolQuery {
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

function toProducts(rows: EolProductRecord[]): EolProduct[] {
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
  role: EolRole;
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
    role: r.role === 'floor' ? ('floor' as const) : ('pin' as const),
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
      role: 'pin' as const,
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
        role: null,
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

/** Releases that stand for a cycle: its first (the cycle's own name) and its latest. */
const releasesOf = (c: EolCycle): string[] => (c.latest ? [c.name, c.latest] : [c.name]);

/** A floor's row fields: the cycles it admits and whether any is still supported on `today`. */
function rateFloor(product: EolProduct, runtime: string, floor: string, today: string) {
  const test = floorTest(runtime, floor);
  const admitted = test ? product.cycles.filter((c) => releasesOf(c).some(test)) : [];
  const oldest = admitted.at(-1);
  if (!oldest) return null;
  const open = admitted.some((c) => !cycleStatus(product, c, today).isEol);
  return {
    cycle: oldest.name,
    admits: admitted.map((c) => c.name),
    status: open ? ('admits-supported' as const) : ('admits-only-eol' as const),
  };
}

function rowOf(s: Subject, product: EolProduct | null, query: EolQuery): EolRow {
  const base = {
    repository: s.repository,
    kind: s.kind,
    subject: s.subject,
    version: s.version,
    role: s.role,
  };
  const blank = {
    ...base,
    paths: [s.path],
    exposure: s.exposure,
    places: [{ path: s.path, exposure: s.exposure, direct: s.direct }],
    product: product?.key ?? null,
    cycle: null,
    admits: null,
    supportEnd: null,
    eol: null,
    runwayMonths: null,
    status: 'unknown' as const,
  };
  if (!product || !s.version) return blank;
  if (s.role === 'floor') {
    const floor = rateFloor(product, s.subject, s.version, query.today);
    return floor ? { ...blank, ...floor } : blank;
  }
  const cycle = noLowerBound(s.version) ? null : pickCycle(product, s.version, query.today);
  if (!cycle) return blank;
  const st = cycleStatus(product, cycle, query.today);
  return {
    ...blank,
    cycle: st.cycle,
    supportEnd: st.supportEnd,
    eol: st.eol,
    runwayMonths: st.runwayMonths,
    status: statusOf(st.isEol, st.runwayMonths, st.eol, query.windowMonths),
  };
}

export async function findEol(
  store: Store,
  query: EolQuery,
): Promise<{ rows: EolRow[]; productsLoaded: number; inUse: RuntimeInUse[] }> {
  const products = toProducts(await loadEolRows(store));
  const catalog = buildCatalog(products);
  const rows = new Map<string, EolRow>();
  for (const s of await subjectsOf(store, query.repository, query.snapshotIds)) {
    if (!inScopes([s.exposure], query.scopes)) continue;
    const product = resolveProduct(catalog, s.lookup);
    if (!product && s.kind === 'package') continue;
    const key = [s.repository, s.kind, s.subject, s.version, s.role].join('\u0000');
    const seen = rows.get(key);
    if (seen) {
      addPlace(seen, s);
      continue;
    }
    rows.set(key, rowOf(s, product, query));
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.repository.localeCompare(b.repository) ||
      a.kind.localeCompare(b.kind) ||
      a.subject.localeCompare(b.subject) ||
      (a.role ?? '').localeCompare(b.role ?? '') ||
      (a.version ?? '').localeCompare(b.version ?? ''),
  );
  return { rows: sorted, productsLoaded: products.length, inUse: runtimesInUse(sorted) };
}

/**
 * Per repository and runtime product (`nodejs`, `python`, ...): the pins that say which release runs
 * (runtime pins, and container images of the runtime), or, when there is none, the floors alone.
 */
function runtimesInUse(rows: EolRow[]): RuntimeInUse[] {
  const out = new Map<string, RuntimeInUse>();
  const judge = compatibilityJudge(rows);
  for (const r of rows) {
    if (!r.product || !RUNTIME_PRODUCTS.has(r.product) || r.role === null) continue;
    const key = `${r.repository}\u0000${r.product}`;
    const use = out.get(key) ?? { repository: r.repository, product: r.product, pins: [], floors: [] };
    out.set(key, use);
    if (r.role === 'pin')
      use.pins.push({
        version: r.version,
        cycle: r.cycle,
        status: r.status,
        paths: r.paths,
        compatibilityTest: judge.row(r),
      });
    else use.floors.push({ version: r.version, paths: r.paths });
  }
  return [...out.values()].sort(
    (a, b) => a.repository.localeCompare(b.repository) || a.product.localeCompare(b.product),
  );
}
