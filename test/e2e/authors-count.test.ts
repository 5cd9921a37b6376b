// One count of authors: distinct author e-mails compared case-insensitively, the same in the scan
// summary, `cto repos`, `cto people` and the report, on both engines. Ada commits under two spellings
// of one address; Bob under one; a third repository shares Bob's address in capitals.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

let root = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'shop'), [
    { author: ADA, date: '2024-01-01T00:00:00Z', files: { 'a.ts': 'a\n' } },
    {
      author: { name: 'Ada', email: 'ADA@Example.com' },
      date: '2024-01-02T00:00:00Z',
      files: { 'b.ts': 'b\n' },
    },
    { author: BOB, date: '2024-01-03T00:00:00Z', files: { 'c.ts': 'c\n' } },
  ]);
  buildRepo(join(root, 'tools'), [
    {
      author: { name: 'Bob', email: 'BOB@EXAMPLE.COM' },
      date: '2024-01-04T00:00:00Z',
      files: { 'd.go': 'd\n' },
    },
  ]);
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('authors on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => {
    const r = cto([...args, '--workspace', root, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  test('scan summary, repos, people and report count the same authors', () => {
    const scan = JSON.parse(run('scan', root, '--json'));
    const byName = (list: Array<{ name: string; authors: number }>) =>
      Object.fromEntries(list.map((r) => [r.name, r.authors]));
    expect(byName(scan.repositories)).toEqual({ shop: 2, tools: 1 });
    expect(byName(JSON.parse(run('repos', '--json')).repositories)).toEqual({ shop: 2, tools: 1 });
    expect(run('repos')).toMatch(/shop\s+\S+\s+\S+\s+3\s+2\s/);

    // Across both repositories: ada@example.com and bob@example.com.
    expect(JSON.parse(run('people', '--json')).totals).toMatchObject({ authors: 2, people: 2 });
    expect(JSON.parse(run('people', 'shop', '--json')).totals).toMatchObject({ authors: 2 });
    expect(run('people', 'tools')).toContain('1 author (distinct e-mails, any case)');

    const report = JSON.parse(run('report', '--json', '--today', '2024-02-01'));
    const figures = JSON.stringify(report);
    const authors = (repo: string) =>
      report.sections
        .flatMap((a: { figures: Array<{ id: string; value: number }> }) => a.figures)
        .find((f: { id: string }) => f.id === `k-authors-${repo}`)?.value;
    expect(figures).toContain('k-authors-shop');
    expect(authors('shop')).toBe(2);
    expect(authors('tools')).toBe(1);
  });
});
