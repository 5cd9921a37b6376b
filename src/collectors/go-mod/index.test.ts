import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = 'go.mod') => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/go-mod/${name}`, import.meta.url)),
});

describe('go-mod', () => {
  it('matches go.mod only', () => {
    expect(collector.matches('go.mod')).toBe(true);
    expect(collector.matches('tools/go.mod')).toBe(true);
    expect(collector.matches('go.sum')).toBe(false);
    expect(collector.matches('ago.mod')).toBe(false);
  });

  it('reads single and block requires, indirect markers and versions as written', () => {
    const deps = collector.collect([fixture('app.mod')]).dependencies!;
    expect(deps.map((d) => `${d.name}@${d.version} ${d.direct ? 'direct' : 'indirect'}`)).toEqual([
      'github.com/google/uuid@null direct',
      'github.com/spf13/cobra@v1.8.0 direct',
      'golang.org/x/exp@v0.0.0-20240506185415-9bf2ced13842 direct',
      'github.com/docker/docker@v24.0.9+incompatible indirect',
      'github.com/inconshreveable/mousetrap@v1.1.0 indirect',
      'github.com/quoted/mod@v0.3.1 direct',
      'github.com/new/lib@v1.3.0 direct',
    ]);
    expect(deps.every((d) => d.ecosystem === 'Go' && d.scope === 'prod')).toBe(true);
  });

  it('applies replace directives: the replacement module is what is built, a folder has no version', () => {
    const deps = collector.collect([fixture('app.mod')]).dependencies!;
    const dep = (name: string) => deps.find((d) => d.name === name);
    // replace github.com/old/lib => github.com/new/lib v1.3.0
    expect(dep('github.com/old/lib')).toBeUndefined();
    expect(dep('github.com/new/lib')).toMatchObject({
      version: 'v1.3.0',
      requirement: 'v1.3.0',
      source: 'replaces github.com/old/lib@v1.2.3',
    });
    // github.com/google/uuid v1.6.0 => ../uuid-fork: local code, no module version to match advisories on.
    expect(dep('github.com/google/uuid')).toMatchObject({
      version: null,
      requirement: 'v1.6.0',
      source: '../uuid-fork',
    });
    // A replacement of another version (cobra v1.7.0) leaves the required v1.8.0 alone.
    expect(dep('github.com/spf13/cobra')).toMatchObject({ version: 'v1.8.0', source: null });
  });

  it('a replacement of one version wins over one of every version, as in go', () => {
    const text = `module m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n\nreplace example.com/a => example.com/b v2.0.0\nreplace example.com/a v1.0.0 => example.com/a v1.0.1\n`;
    const deps = collector.collect([{ path: 'go.mod', content: Buffer.from(text) }]).dependencies!;
    expect(deps.map((d) => `${d.name}@${d.version}`)).toEqual(['example.com/a@v1.0.1']);
  });

  it('drops a required version that go.mod excludes, and says so', () => {
    const result = collector.collect([fixture('app.mod')]);
    expect(result.dependencies!.some((d) => d.name === 'github.com/bad/lib')).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        'excluded-requirement',
        'info',
        'github.com/bad/lib v1.1.0 is required and excluded: go builds a later version, not known without the module proxy',
      ],
    ]);
  });

  it('reports the go directive as the Go floor and the toolchain directive as the Go pin', () => {
    const result = collector.collect([fixture('app.mod'), fixture('old.mod', 'legacy/go.mod')]);
    expect(result.runtimes!.map((r) => `${r.path} ${r.version} ${r.source} ${r.role}`)).toEqual([
      'go.mod 1.22.1 go directive floor',
      'go.mod go1.22.4 toolchain directive pin',
      'legacy/go.mod 1.12 go directive floor',
    ]);
  });

  it('reports files that are not go.mod or too large, and reads the rest', () => {
    const result = collector.collect([
      { path: 'a/go.mod', content: Buffer.from('<html>\n<body>not found</body>\n') },
      { path: 'b/go.mod', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
      fixture('old.mod'),
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code} ${d.collector}`)).toEqual([
      'a/go.mod parse-error go-mod',
      'b/go.mod too-large go-mod',
    ]);
    expect(result.dependencies!.map((d) => d.name)).toEqual(['github.com/pkg/errors']);
  });
});
