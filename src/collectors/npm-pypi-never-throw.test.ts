// Every npm and PyPI collector turns any input into facts or diagnostics, never an exception:
// random text, random JSON, and random values placed under the keys each format uses.
import fc from 'fast-check';
import { stringify as toToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { collector as npmLock } from './npm-lock/index.ts';
import { collector as npmManifest } from './npm-manifest/index.ts';
import { collector as pipfileLock } from './pipfile-lock/index.ts';
import { collector as pnpmLock } from './pnpm-lock/index.ts';
import { collector as poetryLock } from './poetry-lock/index.ts';
import { collector as pyproject } from './pypi-pyproject/index.ts';
import { collector as requirements } from './pypi-requirements/index.ts';
import type { FileCollector } from './types.ts';
import { collector as uvLock } from './uv-lock/index.ts';
import { collector as yarnLock } from './yarn-lock/index.ts';

const cases: Array<[FileCollector, string[]]> = [
  [npmManifest, ['package.json']],
  [npmLock, ['package-lock.json', 'package.json']],
  [yarnLock, ['yarn.lock', 'package.json']],
  [pnpmLock, ['pnpm-lock.yaml']],
  [pyproject, ['pyproject.toml']],
  [requirements, ['requirements.txt', 'requirements/dev.in']],
  [uvLock, ['uv.lock']],
  [poetryLock, ['poetry.lock', 'pyproject.toml']],
  [pipfileLock, ['Pipfile.lock', 'Pipfile']],
];

/** More runs on demand: FUZZ_RUNS=20000 npx vitest run ... */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const KEYS = [
  'packages',
  'dependencies',
  'devDependencies',
  'importers',
  'snapshots',
  'package',
  'project',
  'tool',
  'default',
  'develop',
  'workspaces',
  'engines',
  'lockfileVersion',
  'dependency-groups',
  '__metadata',
  'version',
];

const ENTRY_KEYS = [
  'node_modules/a',
  'node_modules/a/node_modules/b',
  '',
  '.',
  '/a@1.0.0',
  'a@1.0.0',
  'name',
  'version',
  'source',
  'dev',
  'optional',
  'link',
  'resolved',
  'resolution',
  'requires',
  'dependencies',
  'packages',
];

const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.dictionary(fc.constantFrom(...ENTRY_KEYS), tie('node'), { maxKeys: 4 }),
    fc.array(tie('node'), { maxLength: 3 }),
  ),
})).node;
const structured = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 });

const TOML_FILE = /(\.toml|uv\.lock|poetry\.lock|Pipfile)$/;

/** The document in the file's own syntax (TOML has no null: nulls become empty strings). */
function serialise(path: string, doc: Record<string, unknown>): string {
  if (!TOML_FILE.test(path)) return JSON.stringify(doc);
  try {
    return toToml(JSON.parse(JSON.stringify(doc, (_k, v) => (v === null ? '' : v))));
  } catch {
    return JSON.stringify(doc);
  }
}

function assertSafe(c: FileCollector, paths: string[], texts: string[]): void {
  const files = paths.map((path, i) => ({ path, content: Buffer.from(texts[i % texts.length]!) }));
  const result = c.collect(files);
  for (const d of result.diagnostics) {
    expect(d.collector).toBe(c.id);
    expect(d.code, d.message).not.toBe('internal-error');
  }
  expect(Array.isArray(result.dependencies ?? [])).toBe(true);
}

describe('npm and PyPI collectors never throw', () => {
  for (const [c, paths] of cases) {
    it(`${c.id}: random text and random structured documents`, () => {
      for (const path of paths) expect(c.matches(path), path).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.string({ maxLength: 300 }), { minLength: 1, maxLength: 2 }), (texts) => {
          assertSafe(c, paths, texts);
        }),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(structured, structured, (a, b) => {
          assertSafe(c, paths, [serialise(paths[0]!, a), serialise(paths[1] ?? paths[0]!, b)]);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
