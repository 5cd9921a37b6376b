import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = 'go.mod') => ({
  path,
  content: readFileSync(new URL(`fixtures/${name}`, import.meta.url)),
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
      'github.com/google/uuid@v1.6.0 direct',
      'github.com/spf13/cobra@v1.8.0 direct',
      'golang.org/x/exp@v0.0.0-20240506185415-9bf2ced13842 direct',
      'github.com/docker/docker@v24.0.9+incompatible indirect',
      'github.com/inconshreveable/mousetrap@v1.1.0 indirect',
      'github.com/quoted/mod@v0.3.1 direct',
      'github.com/old/lib@v1.2.3 direct',
    ]);
    expect(deps.every((d) => d.ecosystem === 'Go' && d.scope === 'prod' && d.requirement === d.version)).toBe(
      true,
    );
  });

  it('applies replace directives, versioned or not, and drops excluded versions', () => {
    const deps = collector.collect([fixture('app.mod')]).dependencies!;
    const source = (name: string) => deps.find((d) => d.name === name)?.source;
    expect(source('github.com/old/lib')).toBe('github.com/new/lib@v1.3.0');
    expect(source('github.com/google/uuid')).toBe('../uuid-fork');
    expect(source('github.com/spf13/cobra')).toBeNull();
    expect(deps.some((d) => d.name === 'github.com/bad/lib')).toBe(false);
  });

  it('reports go and toolchain directives as Go runtimes', () => {
    const result = collector.collect([fixture('app.mod'), fixture('old.mod', 'legacy/go.mod')]);
    expect(result.runtimes!.map((r) => `${r.path} ${r.version} ${r.source}`)).toEqual([
      'go.mod 1.22.1 go directive',
      'go.mod go1.22.4 toolchain directive',
      'legacy/go.mod 1.12 go directive',
    ]);
    expect(result.diagnostics).toEqual([]);
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
