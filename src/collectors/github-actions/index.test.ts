import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUses } from '../actions-uses.ts';
import { collector } from './index.ts';

const file = (name: string, path: string) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/github-actions/${name}`, import.meta.url)),
});
const rows = (result: ReturnType<typeof collector.collect>) =>
  result.images?.map((i) => [i.kind, i.name, i.version, i.line]);

describe('github-actions collector', () => {
  it('matches workflow files and action metadata only', () => {
    expect(collector.matches('.github/workflows/ci.yml')).toBe(true);
    expect(collector.matches('.github/workflows/release.yaml')).toBe(true);
    expect(collector.matches('.github/actions/report/action.yml')).toBe(true);
    expect(collector.matches('.github/workflows/scripts/x.yml')).toBe(false);
    expect(collector.matches('.github/dependabot.yml')).toBe(false);
    expect(collector.matches('docs/.github/workflows/ci.yml')).toBe(false);
  });

  it('parses uses forms', () => {
    expect(parseUses('actions/checkout@v4')).toEqual({
      kind: 'github-action',
      name: 'actions/checkout',
      version: 'v4',
    });
    expect(parseUses('docker://alpine:3.19')).toEqual({ kind: 'docker', name: 'alpine', version: '3.19' });
    expect(parseUses('./local')).toBeNull();
    expect(parseUses('checkout')).toBeNull();
  });

  it('reads step and job uses, container and service images of a workflow', () => {
    const result = collector.collect([file('ci.yml', '.github/workflows/ci.yml')]);
    expect(rows(result)).toEqual([
      ['github-action', 'actions/checkout', 'b4ffde65f46336ab88eb53be808477a3936bae11', 22],
      ['github-action', 'actions/setup-node', 'v4', 23],
      ['docker', 'ghcr.io/acme/lint-runner', '1.3.0', 28],
      ['github-action', 'github/codeql-action/upload-sarif', 'v3', 29],
      ['docker', 'node', '20-bookworm', 13],
      ['docker', 'postgres', '16', 15],
      ['docker', 'redis', '7-alpine', 19],
      ['github-action', 'acme/platform/.github/workflows/deploy.yml', 'v2.1.0', 33],
      ['github-action', 'aws-actions/configure-aws-credentials', 'v4', 45],
      ['docker', 'ghcr.io/acme/builder', '2024.03', 39],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads composite action steps', () => {
    const result = collector.collect([file('action.yml', '.github/actions/report/action.yml')]);
    expect(rows(result)).toEqual([['github-action', 'actions/upload-artifact', 'v4', 10]]);
  });

  it('reports broken workflows and reads the rest', () => {
    const result = collector.collect([
      { path: '.github/workflows/bad.yml', content: Buffer.from('jobs:\n  a:\n    steps: [\n') },
      { path: '.github/workflows/odd.yml', content: Buffer.from('jobs: 3\n') },
      {
        path: '.github/workflows/ok.yml',
        content: Buffer.from('jobs:\n  a:\n    steps:\n      - uses: actions/cache@v4\n'),
      },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ['.github/workflows/bad.yml', 'parse-error'],
    ]);
    expect(rows(result)).toEqual([['github-action', 'actions/cache', 'v4', 4]]);
  });
});

describe('github-actions collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/github-actions/ci.yml', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: '.github/workflows/ci.yml', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
