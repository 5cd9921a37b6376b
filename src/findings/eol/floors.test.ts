// Floors are not runtimes: a declared minimum (`engines.node`, `requires-python`, `rust-version`,
// go.mod's `go` line) is never rated as the runtime in use. On both engines, a repository built with
// floors and one pin, scanned and matched against endoflife.date data written for the test.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { collectProblems } from '../../risk/problems.ts';
import { openStore } from '../../store/store.ts';
import { findEol } from './find.ts';
import type { EolItem } from './group.ts';

const PRODUCTS = join(import.meta.dirname, '../../../test/fixtures/findings/eol/products.json');
const TODAY = '2026-12-06';

let root = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'app'), [
    {
      files: {
        'package.json': JSON.stringify({ name: 'app', engines: { node: '>=18' } }),
        'pyproject.toml': '[project]\nname = "app"\nrequires-python = ">=3.10"\n',
        'Cargo.toml': '[package]\nname = "app"\nversion = "1.0.0"\nrust-version = "1.88"\n',
        'go.mod': 'module example.com/app\n\ngo 1.21\n',
        '.nvmrc': '16\n',
        'legacy/package.json': JSON.stringify({ name: 'legacy', engines: { node: '<=14' } }),
        'legacy/pyproject.toml': '[project]\nname = "legacy"\nrequires-python = "==3.7.*"\n',
      },
    },
  ]);
  // CI tests an end-of-life node beside a supported one (a compatibility test), and nothing else pins it.
  buildRepo(join(root, 'ci'), [
    {
      files: {
        '.github/workflows/ci.yml': [
          'on: push',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-latest',
          '    strategy:',
          '      matrix:',
          '        node: [16, 24]',
          '    steps:',
          '      - uses: actions/setup-node@v4',
          '        with:',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
          '          node-version: ${{ matrix.node }}',
          '  msrv:',
          '    runs-on: ubuntu-latest',
          '    strategy:',
          '      matrix:',
          '        rust: [1.88, stable]',
          '    steps:',
          '      - uses: dtolnay/rust-toolchain@master',
          '        with:',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
          '          toolchain: ${{ matrix.rust }}',
          '',
        ].join('\n'),
      },
    },
  ]);
  buildRepo(join(root, 'lib'), [
    { files: { 'package.json': JSON.stringify({ name: 'lib', engines: { node: '^20 || >=22' } }) } },
  ]);
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('floors and pins on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', root, '--db', db]);

  test('floors that admit a supported release are no finding; the .nvmrc pin is; a floor of old releases is low', async () => {
    expect(run('scan', join(root, 'app'), join(root, 'lib'), join(root, 'ci')).code).toBe(0);
    expect(run('feed', 'import', PRODUCTS).code).toBe(0);
    const doc = JSON.parse(run('eol', '--today', TODAY, '--json').stdout);
    const row = (repository: string, subject: string, version: string): EolItem =>
      doc.rows.find(
        (r: EolItem) => r.repository === repository && r.subject === subject && r.versions.includes(version),
      );
    expect(row('app', 'node', '>=18')).toMatchObject({
      role: 'floor',
      cycle: '18',
      admits: ['24', '22', '20', '18'],
      status: 'admits-supported',
    });
    expect(row('app', 'python', '>=3.10')).toMatchObject({ role: 'floor', status: 'admits-supported' });
    expect(row('app', 'rust', '1.88')).toMatchObject({ role: 'floor', status: 'admits-supported' });
    expect(row('app', 'go', '1.21')).toMatchObject({ role: 'floor', status: 'admits-supported' });
    expect(row('app', 'node', '16')).toMatchObject({ role: 'pin', cycle: '16', status: 'past-eol' });
    expect(row('app', 'node', '<=14')).toMatchObject({
      role: 'floor',
      admits: ['14'],
      status: 'admits-only-eol',
    });
    expect(row('app', 'python', '==3.7.*')).toMatchObject({ admits: ['3.7'], status: 'admits-only-eol' });
    expect(row('lib', 'node', '^20 || >=22')).toMatchObject({ admits: ['24', '22', '20'] });

    // The runtime in use: node is pinned by .nvmrc; the others only have floors.
    const use = (repository: string, product: string) =>
      doc.inUse.find(
        (u: { repository: string; product: string }) => u.repository === repository && u.product === product,
      );
    expect(use('app', 'nodejs').pins).toEqual([
      { version: '16', cycle: '16', status: 'past-eol', paths: ['.nvmrc'], compatibilityTest: false },
    ]);
    // CI's 16 beside its supported 24 is tested, not shipped: it does not set the runtime's status.
    const ciPins = use('ci', 'nodejs').pins as Array<{
      cycle: string;
      status: string;
      compatibilityTest: boolean;
    }>;
    expect(ciPins.map((p) => [p.cycle, p.status, p.compatibilityTest]).sort()).toEqual([
      ['16', 'past-eol', true],
      ['24', 'supported', false],
    ]);
    const ciLine = run('eol', 'ci', '--today', TODAY)
      .stdout.split('\n')
      .find((l) => l.startsWith('ci '));
    expect(ciLine).toMatch(/^ci\s+nodejs\s+16, 24\s+supported \(24\); CI also tests 16 \(past-eol\)\s*$/);
    // `stable` stands for the newest rust cycle on the day, so 1.88 beside it is a compatibility test.
    const rustLine = run('eol', 'ci', '--today', TODAY)
      .stdout.split('\n')
      .find((l) => /^ci\s+rust/.test(l));
    expect(rustLine).toMatch(
      /^ci\s+rust\s+1\.88, stable=1\.91\s+supported \(stable=1\.91\); CI also tests 1\.88 \(past-eol\)\s*$/,
    );
    // The report's count of items past their end of life: the .nvmrc pin, not CI's compatibility test.
    const report = JSON.parse(
      run('report', '--today', TODAY, '--json', '--out', join(root, `report-${engine}`)).stdout,
    );
    const kpi = report.sections
      .flatMap((s: { kpis: Array<{ id: string; value: number }> }) => s.kpis)
      .find((k: { id: string }) => k.id === 'kpi-end-of-life');
    expect(kpi.value).toBe(1);
    // The .nvmrc pin is shipped: its status is the runtime's, with its cycle.
    const appLine = run('eol', 'app', '--today', TODAY)
      .stdout.split('\n')
      .find((l) => /^app\s+nodejs/.test(l));
    expect(appLine).toMatch(/^app\s+nodejs\s+16\s+past-eol\s+<=14, >=18\s*$/);
    expect(use('app', 'python')).toMatchObject({
      pins: [],
      floors: [{ version: '==3.7.*' }, { version: '>=3.10' }],
    });
    expect(use('lib', 'nodejs').pins).toEqual([]);

    const text = run('eol', 'lib', '--today', TODAY).stdout;
    const first = text.split('\n').find((l) => l.startsWith('lib'));
    expect(first).toMatch(/^lib\s+nodejs\s+not pinned\s+not checked\s+\^20 \|\| >=22$/);
    expect(first).not.toContain('supported');
    expect(text).toMatch(/\brole\b/);

    // The problems (report top risks, cto risks): one high for the pin, low ones for the floors of old
    // releases, none for the rest.
    const store = await openStore(db);
    try {
      // Each once.
      const problems = (await collectProblems(store, { today: TODAY })).filter(
        (p) => p.kind === 'end-of-life',
      );
      expect(problems.map((p) => `${p.severity} ${p.subject} ${p.evidence.files?.join(' ')}`).sort()).toEqual(
        [
          'high nodejs 16 .nvmrc',
          // The ci repository's 16, tested beside 24: low, as `cto eol` shows it apart.
          'low nodejs 16 .github/workflows/ci.yml',
          'low nodejs <=14 legacy/package.json',
          'low python ==3.7.* legacy/pyproject.toml',
          // Beside `stable`, the newest cycle: also a compatibility test.
          'low rust 1.88 .github/workflows/ci.yml',
        ],
      );
      const floor = problems.find((p) => p.subject === 'nodejs <=14');
      expect(floor?.title).toBe('nodejs <=14: the declared support floor admits only end-of-life versions');
      // findEol on the store directly agrees with the command.
      const direct = await findEol(store, { today: TODAY, windowMonths: 6 });
      expect(
        direct.rows
          .filter((r) => r.status === 'past-eol')
          .map((r) => `${r.repository} ${r.paths.join(' ')}`)
          .sort(),
      ).toEqual(['app .nvmrc', 'ci .github/workflows/ci.yml', 'ci .github/workflows/ci.yml']);
    } finally {
      await store.close();
    }
  }, 240_000);
});
