// The knowledge analysis reads .mailmap and CODEOWNERS itself: only when the scan could read them
// and, for CODEOWNERS, under GitHub's 3 MB, decided before anything is read.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { runGit } from '../../git/invoke.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import type { Engine } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { knowledgeAnalysis } from './analysis.ts';

vi.mock('../../git/invoke.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../git/invoke.ts')>();
  return { ...original, runGit: vi.fn(original.runGit) };
});

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** Valid rules first, then comment lines up to `bytes`: read, it would give owners. */
function codeowners(bytes: number): string {
  const head = '* @acme/web\n/src/ @acme/core\n';
  const filler = '# owners of the generated services follow\n';
  return head + filler.repeat(Math.ceil((bytes - head.length) / filler.length));
}

const OLD_ADA = { name: 'A. Lovelace', email: 'ada@old.example' };

describe.each(ENGINES)('knowledge analysis and big files on %s', (engine: Engine) => {
  test('a CODEOWNERS of 3 MB or more and a .mailmap over the size cap are not read, with a diagnostic each', async () => {
    const repo = join(tempDir(), 'big');
    mkdirSync(repo);
    const mailmap = `Ada Lovelace <ada@example.com> <ada@old.example>\n${'# padding\n'.repeat(8000)}`;
    buildRepo(repo, [
      {
        author: ADA,
        files: {
          'src/a.ts': 'a\n',
          '.github/CODEOWNERS': codeowners(3_000_000),
          '.mailmap': mailmap,
        },
      },
      { author: OLD_ADA, files: { 'src/b.ts': 'b\n' } },
      { author: BOB, files: { 'lib/c.ts': 'c\n' } },
    ]);
    const store = await openStore(freshStoreTarget(engine));
    vi.mocked(runGit).mockClear();
    const r = await runScan(store, {
      paths: [repo],
      depth: 1,
      jobs: 1,
      maxFileSize: 64 * 1024, // the .mailmap (80 KB) is over it, CODEOWNERS (3 MB) too
      plugins: givenPlugins({ analyses: [knowledgeAnalysis] }),
      workspace: { dir: tempDir(), config: {} },
    });
    expect(r.repositories[0]?.status).toBe('ok');
    const reads = vi
      .mocked(runGit)
      .mock.calls.map(([o]) => o.args.join(' '))
      .filter((a) => a.includes('cat-file'));
    expect(reads).toEqual([]);
    const diags = await store.db
      .selectFrom('diagnostics')
      .select(['path', 'collector', 'code'])
      .where('collector', 'in', ['codeowners', 'identities'])
      .orderBy('path')
      .execute();
    expect(diags).toEqual([
      { path: '.github/CODEOWNERS', collector: 'codeowners', code: 'too-large' },
      { path: '.mailmap', collector: 'identities', code: 'not-read' },
    ]);
    expect(await store.db.selectFrom('code_owners').selectAll().execute()).toEqual([]);
    // Without the .mailmap, Ada's two addresses are two people.
    const people = await store.db.selectFrom('people').select('name').orderBy('name').execute();
    expect(people.map((p) => p.name)).toEqual(['A. Lovelace', 'Ada Lovelace', 'Bob Builder']);
    // GitHub gives no owners from such a file: nobody owns the repository.
    const findings = await store.db.selectFrom('findings').select('rule').execute();
    expect(findings.map((f) => f.rule)).toContain('unowned-repository');
    await store.close();
  });

  test('a CODEOWNERS just under 3 MB within the size cap is read', async () => {
    const repo = buildRepo(tempDir(), [
      { author: ADA, files: { 'src/a.ts': 'a\n', '.github/CODEOWNERS': codeowners(2_999_000) } },
    ]);
    const store = await openStore(freshStoreTarget(engine));
    const r = await runScan(store, {
      paths: [repo],
      depth: 1,
      jobs: 1,
      maxFileSize: 10 * 1024 * 1024,
      plugins: givenPlugins({ analyses: [knowledgeAnalysis] }),
      workspace: { dir: tempDir(), config: {} },
    });
    expect(r.repositories[0]?.status).toBe('ok');
    const rules = await store.db.selectFrom('code_owners').select('pattern').orderBy('line').execute();
    expect(rules.map((x) => x.pattern)).toEqual(['*', '/src/']);
    await store.close();
  });
});
