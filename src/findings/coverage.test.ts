import { describe, expect, test } from 'vitest';
import type { CurrentDependency } from '../store/feed-reads.ts';
import { coverageOf, describeCoverage } from './coverage.ts';

const dep = (
  repository: string,
  ecosystem: string,
  name: string,
  version: string | null,
  extra: Partial<CurrentDependency> = {},
): CurrentDependency => ({
  repository,
  ecosystem,
  name,
  version,
  requirement: version ?? '^1.0.0',
  direct: 1,
  scope: 'prod',
  exposure: 'runtime',
  manifestPath: version === null ? 'package.json' : 'package-lock.json',
  parents: null,
  source: null,
  ...extra,
});

const scanned = (...names: string[]) =>
  names.map((repository) => ({ repository, current: true, scanError: null }));

describe('coverageOf', () => {
  test('a manifest with no lockfile counts its packages as ranges only; exact pins and lockfile names are checked', () => {
    const c = coverageOf(
      scanned('site'),
      [
        dep('site', 'npm', 'a', null),
        dep('site', 'npm', 'b', null),
        dep('site', 'npm', 'b', '2.0.0'),
        dep('site', 'npm', 'c', '1.0.0', { manifestPath: 'package.json' }),
        dep('site', 'npm', 'own', null, { requirement: 'file:../own', source: 'file:../own' }),
      ],
      new Set(['npm']),
    );
    expect(c.repositories[0]).toEqual({
      repository: 'site',
      status: 'partial',
      checked: 2,
      total: 3,
      scanError: null,
      ecosystems: [
        {
          ecosystem: 'npm',
          feedLoaded: true,
          versions: 2,
          checked: 2,
          rangesOnly: 1,
          rangeManifests: ['package.json'],
          local: 1,
          status: 'partial',
        },
      ],
    });
    expect(c.status).toBe('partial');
  });

  test('no feed: nothing checked; no manifest: nothing to check; no finished scan: scan failed', () => {
    const c = coverageOf(
      [...scanned('app', 'docs'), { repository: 'broken', current: false, scanError: 'bad object' }],
      [
        dep('app', 'npm', 'a', '1.0.0'),
        dep('app', 'npm', 'a', '1.0.0', { manifestPath: 'x/package-lock.json' }),
      ],
      new Set(),
    );
    expect(c.repositories.map((r) => [r.repository, r.status, r.checked, r.total])).toEqual([
      ['app', 'not-checked', 0, 1],
      ['docs', 'nothing-to-check', 0, 0],
      ['broken', 'scan-failed', 0, 0],
    ]);
    expect(c.status).toBe('not-checked');
    const text = describeCoverage(c).join('\n');
    expect(text).toMatch(/^Nothing checked for vulnerabilities: none of 1 package version in 2 repositories/);
    expect(text).toContain('app: npm: no feed loaded (1 version)');
    expect(text).toContain('broken: scan failed: bad object');
    expect(text).toContain('Nothing to check (no dependency manifest): docs.');
    expect(text).toContain('load advisories for npm (cto feed update, or cto feed import)');
    expect(text).not.toMatch(/no known vulnerabilities/i);
  });

  test('everything checked, and a portfolio of repositories with nothing to check', () => {
    const all = coverageOf(scanned('app'), [dep('app', 'PyPI', 'x', '1.0')], new Set(['PyPI']));
    expect([all.status, all.checked, all.total]).toEqual(['checked', 1, 1]);
    expect(describeCoverage(all)).toEqual(['Checked 1 of 1 package version in 1 repository.']);
    const none = coverageOf(scanned('docs'), [], new Set(['PyPI']));
    expect(none.status).toBe('nothing-to-check');
    expect(describeCoverage(none)).toEqual(['Nothing to check: no dependency manifest in 1 repository.']);
  });
});
