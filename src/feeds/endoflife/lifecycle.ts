// Which release cycle a version belongs to, and where that cycle stands on a given day. The day is
// always passed in (`today`, `YYYY-MM-DD`); nothing here reads the clock.

import { DAY_MS } from '../../reference-date.ts';
import type { EolCycle, EolProduct, Phase } from './model.ts';

interface CycleStatus {
  product: string;
  cycle: string;
  /** End of active support (a date, a boolean, or null when the product has no such phase). */
  supportEnd: Phase;
  /** End of life as the data states it (date or boolean). */
  eol: Phase;
  eolDate: string | null;
  isEol: boolean;
  /** Months from `today` to the EOL date (days / 30.4375, one decimal; negative once past); null without a date. */
  runwayMonths: number | null;
  latest: string | null;
}

const JAVA_PRODUCTS = new Set([
  'eclipse-temurin',
  'oracle-jdk',
  'openjdk-builds-from-oracle',
  'microsoft-build-of-openjdk',
  'red-hat-build-of-openjdk',
  'amazon-corretto',
  'azul-zulu',
]);
const DAYS_PER_MONTH = 365.25 / 12;

/** The numeric part of a version as written (`>=18` -> `18`, `net8.0` -> `8.0`, `16.2-alpine` -> `16.2`). */
function versionToken(version: string): string | null {
  return /\d+(?:\.\d+)*/.exec(version)?.[0] ?? null;
}

/**
 * Versions that name no number but a moving release: the newest cycle (`stable` of rustup, setup-go
 * and Helm channels, an image's `latest`, nvm's and setup-node's `node` and `current`), or the newest
 * long-term-support one (`lts/*`, `lts`); a moving major (`^1`: `MOVING_MAJOR`) the newest cycle of
 * that major. `beta`, `nightly` and an LTS by codename (`lts/iron`) name no cycle of the data and stay
 * unchecked.
 */
const NEWEST = new Set(['stable', 'latest', 'current', 'node']);
const NEWEST_LTS = new Set(['lts/*', 'lts']);

/**
 * The newest cycle released by `today` (by release date), of those that are LTS on `today` if `lts`
 * (a cycle's `lts` is true, or the day it became LTS). Without `today`: of all cycles.
 */
function newestCycle(product: EolProduct, lts: boolean, today: string | undefined): EolCycle | null {
  const by = (d: Phase) => (typeof d === 'string' ? today === undefined || d <= today : d === true);
  const cycles = product.cycles.filter(
    (c) => (c.releaseDate === null || by(c.releaseDate)) && (!lts || by(c.lts)),
  );
  let best: EolCycle | null = null;
  for (const c of cycles) if (!best || (c.releaseDate ?? '') > (best.releaseDate ?? '')) best = c;
  return best;
}

/**
 * A major version that moves within itself: `^1`, `~1`, `1.x`, `1.*`, or the major alone (`1`, as
 * setup-go reads it, or an image tag `python:3`). Where the product names no cycle by the major alone
 * (Go's and Python's cycles are `1.25`, `3.13`), it stands for the newest cycle of that major. A
 * minimum (`>=1`) does not: what runs may be any version above it.
 */
const MOVING_MAJOR = /^(?:[~^]?(\d+)|(\d+)\.[x*])$/;

/**
 * The product's cycle for a version: the longest leading part of the version (x.y.z, x.y, x) that
 * names a cycle, or the cycle a moving release's name stands for on `today` (`stable`, `lts/*`, a
 * moving major such as `^1`).
 */
export function pickCycle(product: EolProduct, version: string, today?: string): EolCycle | null {
  const alias = version.trim().toLowerCase();
  if (NEWEST.has(alias)) return newestCycle(product, false, today);
  if (NEWEST_LTS.has(alias)) return newestCycle(product, true, today);
  let token = versionToken(version);
  if (!token) return null;
  if (JAVA_PRODUCTS.has(product.key) && /^1\.\d/.test(token)) token = token.slice(2);
  const parts = token.split('.');
  for (let n = parts.length; n >= 1; n--) {
    const candidate = parts.slice(0, n).join('.');
    const cycle = product.cycles.find((c) => c.name.toLowerCase() === candidate);
    if (cycle) return cycle;
  }
  const major = MOVING_MAJOR.exec(alias);
  const m = major?.[1] ?? major?.[2];
  if (m === undefined) return null;
  const within = product.cycles.filter((c) => c.name.toLowerCase().startsWith(`${m}.`));
  return newestCycle({ ...product, cycles: within }, false, today);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

export function cycleStatus(product: EolProduct, cycle: EolCycle, today: string): CycleStatus {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new Error(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const eolDate = typeof cycle.eol === 'string' ? cycle.eol : null;
  const isEol = eolDate !== null ? today >= eolDate : cycle.eol === true;
  const runwayMonths =
    eolDate === null ? null : Math.round((daysBetween(today, eolDate) / DAYS_PER_MONTH) * 10) / 10;
  return {
    product: product.key,
    cycle: cycle.name,
    supportEnd: cycle.eoas,
    eol: cycle.eol,
    eolDate,
    isEol,
    runwayMonths,
    latest: cycle.latest,
  };
}

/** Cycle status for a version of a product, or null when no cycle matches. */
export function versionStatus(product: EolProduct, version: string, today: string): CycleStatus | null {
  const cycle = pickCycle(product, version);
  return cycle ? cycleStatus(product, cycle, today) : null;
}
