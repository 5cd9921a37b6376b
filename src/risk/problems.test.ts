// Problems on a built repository scanned into each engine: duplicates collapse, keys survive an
// upgrade that keeps the problem, and shipped exposures rank above development ones.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lockfile, manifest, writeFeeds } from '../../test/fixtures/risk/problem-repo.ts';
import { cto } from '../../test/helpers/cli.ts';
import { addCommits, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { policyFromConfig } from '../licences/policy.ts';
import { openStore } from '../store/store.ts';
import { collectProblems } from './problems.ts';
import { addDays } from './register.ts';
import { rankProblems } from './score.ts';

const TODAY = '2026-12-06';
const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/report-schema.json'), 'utf8')),
);
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
    // The commands show the same: one row per problem, highest risk first.
    const vulns = JSON.parse(run('vulns', '--json').stdout).findings;
    expect(vulns.map((f: { name: string }) => f.name)).toEqual(['form-data', 'left-parse', 'dev-glob']);
    expect(vulns[0]).toMatchObject({ versions: ['2.3.3', '3.0.1', '4.0.0'], exposure: 'runtime', score: 15 });
    const eol = JSON.parse(run('eol', '--today', TODAY, '--json').stdout).rows;
    expect(eol).toHaveLength(1);
    expect(eol[0]).toMatchObject({ versions: ['^8.57.0', '8.57.0'], exposure: 'development', cycle: '8' });
    // Licences under a policy: no package states one, so each is one unknown-licence problem.
    const store0 = await openStore(db);
    const licencePolicy = policyFromConfig({ licences: { allow: ['MIT'] } });
    const withLicences = await collectProblems(store0, { today: TODAY, licencePolicy });
    await store0.close();
    const formDataLicence = withLicences.filter(
      (p) => p.kind === 'licence' && p.subject === 'pkg:npm/form-data',
    );
    expect(
      formDataLicence.map((p) => [p.key, new Set(p.occurrences.map((o) => o.version)).size, p.exposure]),
    ).toEqual([[`licence:app-${engine}:pkg:npm/form-data:licence-unknown`, 3, 'runtime']]);
    // So does the report: its top risks are the register's items (synced on the report's day), each
    // once, ranked by the same score, valid against the schema.
    const res = run('report', '--today', TODAY, '--json');
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const top = report.summary.topRisks as Array<{ key: string; score: number; findingId: string | null }>;
    const keyOf = (subject: string) => all.find((p) => p.subject === subject)!.key;
    // eslint 8 and dev-glob tie at 2.63 (high, development, a year old or more): the key decides.
    expect(top.map((r) => [r.key, r.score])).toEqual([
      [keyOf('npm/form-data'), 15],
      [keyOf('npm/left-parse'), 10.5],
      [keyOf('eslint 8'), 2.63],
      [keyOf('npm/dev-glob'), 2.63],
    ]);
    expect(top[0]).toMatchObject({ exposure: 'runtime', owner: 'unassigned', status: 'open' });
    // A critical risk is due seven days after it was first seen (the default SLA, docs/risk.md).
    const first = (top[0] as unknown as { firstSeen: string }).firstSeen;
    expect((top[0] as unknown as { due: string }).due).toBe(addDays(first, 7));
    const security = report.sections.find((x: { id: string }) => x.id === 'infrastructure-security');
    const shown = security.findings.filter((f: { subject: string }) => f.subject === 'npm/form-data');
    expect(shown).toHaveLength(1);
    expect(top[0]!.findingId).toBe(shown[0].id);
  }, 300_000);

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
  }, 300_000);
});
