// The names a pyproject.toml declares, for the poetry.lock beside it: Poetry's own tables and
// PEP 621 `project.dependencies` (Poetry 2 reads both).

import { normalisePypiName, parsePep508 } from '../pep508.ts';
import { Pyproject } from '../pyproject.ts';
import { asObject, readToml } from '../read-input.ts';
import type { Declared } from './extract.ts';

const keys = (table: unknown): string[] =>
  table && typeof table === 'object'
    ? Object.keys(table)
        .filter((k) => k.toLowerCase() !== 'python')
        .map(normalisePypiName)
    : [];

export function declaredNames(text: string): Declared | null {
  try {
    const doc = Pyproject.parse(asObject(readToml(text), 'pyproject.toml'));
    const poetry = doc.tool?.poetry;
    const pep621 = (doc.project?.dependencies ?? []).flatMap((d) => {
      const req = typeof d === 'string' ? parsePep508(d) : null;
      return req ? [req.name] : [];
    });
    const groups = Object.values(poetry?.group ?? {}).flatMap((g) =>
      keys((g as { dependencies?: unknown })?.dependencies),
    );
    const prod = [...keys(poetry?.dependencies), ...pep621];
    const dev = [...keys(poetry?.['dev-dependencies']), ...groups];
    return prod.length + dev.length > 0 ? { prod, dev } : null;
  } catch {
    return null;
  }
}
