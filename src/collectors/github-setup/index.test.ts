import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const text = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/collectors/github-setup/${name}`, import.meta.url), 'utf8');
const file = (name: string, path: string) => ({ path, content: Buffer.from(text(name)) });
const rows = (result: ReturnType<typeof collector.collect>) =>
  result.runtimes?.map((r) => [r.kind, r.version, r.source, r.role]);

describe('github-setup collector', () => {
  it('matches workflow files only', () => {
    expect(collector.matches('.github/workflows/ci.yml')).toBe(true);
    expect(collector.matches('.github/workflows/tests.yaml')).toBe(true);
    expect(collector.matches('.github/actions/setup/action.yml')).toBe(false);
    expect(collector.matches('docs/.github/workflows/ci.yml')).toBe(false);
  });

  it('pins every version of a node matrix, and keeps a label such as lts/* as written', () => {
    const result = collector.collect([file('express-ci.yml', '.github/workflows/ci.yml')]);
    const src = 'actions/setup-node node-version';
    expect(rows(result)).toEqual([
      ['node', 'lts/*', src, 'pin'],
      ...['18', '19', '20', '21', '22'].map((v) => ['node', v, `${src} (matrix.node-version)`, 'pin']),
    ]);
    expect(result.runtimes?.every((r) => r.path === '.github/workflows/ci.yml')).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads matrix include entries once each, leaves PyPy and version files out', () => {
    const result = collector.collect([file('flask-tests.yaml', '.github/workflows/tests.yaml')]);
    expect(result.runtimes?.map((r) => [r.kind, r.version])).toEqual([
      ['python', '3.14'],
      ['python', '3.14t'],
      ['python', '3.13'],
      ['python', '3.10'],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['other-interpreter', 'info']]);
  });

  it('reads other setup actions, a toolchain in the ref, lists, ranges and unresolved expressions', () => {
    const result = collector.collect([file('other-setups.yml', '.github/workflows/build.yml')]);
    expect(result.runtimes?.map((r) => [r.kind, r.version, r.source])).toEqual([
      ['go', '1.22.x', 'actions/setup-go go-version (matrix.go)'],
      ['go', 'stable', 'actions/setup-go go-version (matrix.go)'],
      ['java', '17', 'actions/setup-java java-version (matrix.java)'],
      ['java', '21', 'actions/setup-java java-version (matrix.java)'],
      ['python', '3.11', 'actions/setup-python python-version'],
      ['python', '3.12', 'actions/setup-python python-version'],
      ['rust', '1.75', 'dtolnay/rust-toolchain@ref'],
      ['rust', 'nightly', 'dtolnay/rust-toolchain toolchain'],
      ['dotnet', '8.0.x', 'actions/setup-dotnet dotnet-version'],
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unresolved-version', 'unresolved-version']);
  });

  it('leaves out a value every combination of which an exclude entry removes, keeps one some combination still runs', () => {
    const workflow = [
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        os: [ubuntu-latest, windows-latest]',
      '        node: [16, 18, 20]',
      '        exclude:',
      '          - node: 16',
      '          - os: windows-latest',
      '            node: 18',
      '        include:',
      '          - os: macos-latest',
      '            node: 22',
      '    steps:',
      '      - uses: actions/setup-node@v4',
      '        with:',
      `          node-version: $\{{ matrix.node }}`,
      '',
    ].join('\n');
    const result = collector.collect([{ path: '.github/workflows/ci.yml', content: Buffer.from(workflow) }]);
    // 16 is excluded on every OS; 18 still runs on ubuntu; 22 comes from include.
    expect(result.runtimes?.map((r) => r.version)).toEqual(['18', '20', '22']);
    // An exclude naming a value on one OS only keeps the value.
    const partial = workflow.replace(
      '          - node: 16\n',
      '          - os: ubuntu-latest\n            node: 16\n',
    );
    const kept = collector.collect([{ path: '.github/workflows/ci.yml', content: Buffer.from(partial) }]);
    expect(kept.runtimes?.map((r) => r.version)).toEqual(['16', '18', '20', '22']);
  });

  it('turns a broken workflow into a diagnostic', () => {
    const result = collector.collect([
      { path: '.github/workflows/x.yml', content: Buffer.from('jobs: [\n') },
    ]);
    expect(result.runtimes).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
  });
});

describe('github-setup collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped workflow', () => {
    const source = text('express-ci.yml');
    fc.assert(
      fc.property(fc.nat(source.length), fc.string(), fc.nat(source.length), (cut, junk, resume) => {
        const content = Buffer.from(source.slice(0, cut) + junk + source.slice(resume));
        const result = collector.collect([{ path: '.github/workflows/ci.yml', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
