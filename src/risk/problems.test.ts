// Problems on a built repository scanned into each engine: duplicates collapse, keys survive an
// upgrade that keeps the problem, and shipped exposures rank above development ones.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lockfile, manifest, writeFeeds } from '../../test/fixtures/risk/problem-repo.ts';
import { cto } from '../../test/helpers/cli.ts';
import { addCommits, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { openStore } from '../store/store.ts';
import { collectProblems } from './problems.ts';
import { rankProblems } from './score.ts';

const TODAY = '2026-12-06';
let root = '';
let feeds = { osv: '', eol: '' };

beforeAll(() => {
  root = tempDir();
  feeds = writeFeeds(root);
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('problems on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const repo = () => join(root, `app-${engine}`);
  const run = (...args: string[]) => cto([...args, '--workspace', root, '--db', db]);
  const problems = async () => {
    const store = await openStore(db);
    try {
      return await collectProblems(store, { today: TODAY });
    } finally {
      await store.close();
    }
  };

  test('one problem per advisory and package, one per end-of-life cycle; shipped ranks first', async () => {
    buildRepo(repo(), [
      { files: { 'package.json': manifest(), 'package-lock.json': lockfile({ formData: '4.0.0' }) } },
    ]);
    expect(run('scan', repo()).code).toBe(0);
    expect(run('feed', 'import', feeds.osv).code).toBe(0);
    expect(run('feed', 'import', feeds.eol).code).toBe(0);
    const all = await problems();
    expect(new Set(all.map((p) => p.key)).size).toBe(all.length);
    const formData = all.filter((p) => p.subject === 'npm/form-data');
    expect(formData).toHaveLength(1);
    const fd = formData[0]!;
    expect(fd.key).toBe(`vulnerability:app-${engine}:npm/form-data:CVE-2099-7783`);
    expect(fd.occurrences.map((o) => o.version).sort()).toEqual(['2.3.3', '3.0.1', '4.0.0']);
    expect(fd.aliases).toEqual(['GHSA-test-form-data', 'OSV-2099-form-data']);
    expect([fd.severity, fd.exposure, fd.direct]).toEqual(['critical', 'runtime', true]);
    const eslint = all.filter((p) => p.kind === 'end-of-life');
    expect(eslint.map((p) => p.key)).toEqual([`end-of-life:app-${engine}:eslint:8`]);
    expect(eslint[0]!.occurrences.map((o) => o.path).sort()).toEqual(['package-lock.json', 'package.json']);
    expect(eslint[0]!.exposure).toBe('development');
    const ranked = rankProblems(all, TODAY).map((p) => p.subject);
    expect(ranked.indexOf('npm/left-parse')).toBeLessThan(ranked.indexOf('npm/dev-glob'));
    expect(ranked[0]).toBe('npm/form-data');
  });

  test('an upgrade that keeps the problem keeps its key; one that ships the fix leaves it to development', async () => {
    const before = (await problems()).map((p) => p.key).sort();
    addCommits(repo(), [{ files: { 'package-lock.json': lockfile({ formData: '4.0.1' }) } }]);
    expect(run('scan', repo()).code).toBe(0);
    const after = await problems();
    expect(after.map((p) => p.key).sort()).toEqual(before);
    const fd = after.find((p) => p.subject === 'npm/form-data')!;
    expect(fd.occurrences.map((o) => o.version).sort()).toEqual(['2.3.3', '3.0.1', '4.0.1']);
    addCommits(repo(), [{ files: { 'package-lock.json': lockfile({ formData: '4.0.4' }) } }]);
    expect(run('scan', repo()).code).toBe(0);
    const fixed = (await problems()).find((p) => p.subject === 'npm/form-data')!;
    expect(fixed.key).toBe(fd.key);
    expect([fixed.exposure, fixed.direct]).toEqual(['development', false]);
  });
});
