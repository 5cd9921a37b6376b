// How exposed a fact is, for problems and their score, and the most exposed of several.
import { EXPOSURES, type Exposure } from '../collectors/types.ts';

/**
 * A dependency's exposure. From the lockfile's raw scope until facts carry a judged exposure:
 * `dev` is development, `test` test, `build` and `provided` build, anything else shipped (runtime).
 */
export function dependencyExposure(d: { scope: string; exposure?: string | null }): Exposure {
  const stored = EXPOSURES.find((e) => e === d.exposure);
  if (stored) return stored;
  if (d.scope === 'dev') return 'development';
  if (d.scope === 'test') return 'test';
  if (d.scope === 'build' || d.scope === 'provided') return 'build';
  return 'runtime';
}

/** A runtime or container image in use: shipped, until facts carry a judged exposure. */
export function factExposure(f: { path: string; exposure?: string | null }): Exposure {
  return EXPOSURES.find((e) => e === f.exposure) ?? 'runtime';
}

/** The most exposed of a list (`runtime` before `build` ... before `docs`); `docs` for an empty list. */
export function mostExposed(list: Iterable<Exposure>): Exposure {
  let best = EXPOSURES.length - 1;
  for (const e of list) best = Math.min(best, EXPOSURES.indexOf(e));
  return EXPOSURES[best]!;
}
