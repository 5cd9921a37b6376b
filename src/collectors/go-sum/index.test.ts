import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/go-sum/${name}`, import.meta.url)),
});

const text = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/collectors/go-sum/${name}`, import.meta.url), 'utf8');
const ids = (deps: Array<{ name: string; version: string | null }>) =>
  deps.map((d) => `${d.name}@${d.version}`).sort();

describe('go-sum', () => {
  it('matches go.sum, and go.mod to know what the build list is', () => {
    expect(collector.matches('svc/go.sum')).toBe(true);
    expect(collector.matches('go.mod')).toBe(true);
    expect(collector.matches('go.work.sum')).toBe(false);
  });

  it('before go 1.17, modules go.mod does not name come from module hashes, the highest version of each', () => {
    const mod = 'module example.com/cli\n\ngo 1.16\n\nrequire github.com/spf13/cobra v1.8.0\n';
    const sum = `${text('go.sum')}gopkg.in/yaml.v3 v3.0.0 h1:old=\ngopkg.in/yaml.v3 v2.9.0/go.mod h1:x=\n`;
    const deps = collector.collect([
      { path: 'cli/go.sum', content: Buffer.from(sum) },
      { path: 'cli/go.mod', content: Buffer.from(mod) },
    ]).dependencies!;
    expect(ids(deps)).toEqual([
      'github.com/docker/docker@v24.0.9+incompatible',
      'github.com/google/uuid@v1.6.0',
      'github.com/inconshreveable/mousetrap@v1.1.0',
      'github.com/spf13/pflag@v1.0.5',
      'golang.org/x/exp@v0.0.0-20240506185415-9bf2ced13842',
      'gopkg.in/yaml.v3@v3.0.1',
    ]);
    expect(deps.every((d) => !d.direct && d.manifestPath === 'cli/go.sum')).toBe(true);
  });

  it('a go.sum without a go.mod beside it gives its module hashes, never /go.mod-only versions', () => {
    const deps = collector.collect([fixture('go.sum')]).dependencies!;
    expect(ids(deps)).toContain('github.com/spf13/cobra@v1.8.0');
    expect(ids(deps)).not.toContain('github.com/spf13/cobra@v1.7.0');
    expect(ids(deps)).not.toContain('github.com/cpuguy83/go-md2man/v2@v2.0.3');
    expect(deps).toHaveLength(7);
  });

  it('reports malformed lines and oversized files, and reads the rest', () => {
    const result = collector.collect([
      {
        path: 'x/go.sum',
        content: Buffer.from('github.com/a/b v1.0.0 h1:abc=\nthis is not a go.sum line\n'),
      },
      { path: 'y/go.sum', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'x/go.sum parse-error',
      'y/go.sum too-large',
    ]);
    expect(result.dependencies!.map((d) => d.name)).toEqual(['github.com/a/b']);
  });
});
