import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`fixtures/${name}`, import.meta.url)),
});

/** Independent count: distinct `module@version` with the `/go.mod` suffix cut, like `awk | sort -u`. */
function listed(): string[] {
  const lines = readFileSync(new URL('fixtures/go.sum', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  return [
    ...new Set(
      lines.map((l) =>
        l
          .split(' ')
          .slice(0, 2)
          .join('@')
          .replace(/\/go\.mod$/, ''),
      ),
    ),
  ].sort();
}

describe('go-sum', () => {
  it('matches go.sum, and go.mod for the direct flags', () => {
    expect(collector.matches('svc/go.sum')).toBe(true);
    expect(collector.matches('go.mod')).toBe(true);
    expect(collector.matches('go.work.sum')).toBe(false);
  });

  it('lists each module version once, /go.mod-only versions included', () => {
    const deps = collector.collect([fixture('go.sum')]).dependencies!;
    const ids = deps.map((d) => `${d.name}@${d.version}`).sort();
    expect(ids).toEqual(listed());
    expect(ids).toContain('github.com/docker/docker@v24.0.9+incompatible');
    expect(ids).toContain('github.com/spf13/cobra@v1.7.0');
    expect(ids).toHaveLength(10);
    expect(deps.every((d) => !d.direct)).toBe(true);
  });

  it('marks direct requires of the go.mod beside it, at the required version only', () => {
    const deps = collector.collect([fixture('go.sum', 'cli/go.sum'), fixture('go.mod', 'cli/go.mod')])
      .dependencies!;
    const direct = deps.filter((d) => d.direct).map((d) => `${d.name}@${d.version}`);
    expect(direct.sort()).toEqual(['github.com/google/uuid@v1.6.0', 'github.com/spf13/cobra@v1.8.0']);
    expect(deps.every((d) => d.manifestPath === 'cli/go.sum')).toBe(true);
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
