// go-mod and go-sum together: the Go dependencies of a snapshot are the build list go.mod states.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector as goMod } from './go-mod/index.ts';
import { collector as goSum } from './go-sum/index.ts';

const fixture = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../test/fixtures/collectors/go-sum/${name}`, import.meta.url)),
});

const text = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/collectors/go-sum/${name}`, import.meta.url), 'utf8');
const ids = (deps: Array<{ name: string; version: string | null }>) =>
  deps.map((d) => `${d.name}@${d.version}`).sort();

/** Independent reading of a go.mod without replace or exclude: every `path vX` line of a require. */
function requiredIn(goModText: string): string[] {
  return [...goModText.matchAll(/^(?:require\s+|\t)(\S+)\s+(v\S+)/gm)].map((m) => `${m[1]}@${m[2]}`).sort();
}

describe('go-mod and go-sum', () => {
  it('gin: with a go.mod at go 1.17 or later the Go dependencies are exactly its requires', () => {
    const files = [fixture('gin.go.sum', 'go.sum'), fixture('gin.go.mod', 'go.mod')];
    const fromSum = goSum.collect(files).dependencies!;
    const fromMod = goMod.collect(files.filter((f) => f.path === 'go.mod')).dependencies!;
    expect(fromSum).toEqual([]);
    const expected = requiredIn(text('gin.go.mod'));
    expect(expected).toHaveLength(35);
    expect(ids([...fromMod, ...fromSum])).toEqual(expected);
    // Versions go.sum names only for go.mod hashes, or for modules go.mod does not select, are not dependencies.
    expect(ids(fromMod)).not.toContain('golang.org/x/sys@v0.6.0');
    expect(ids(fromMod)).not.toContain('gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c');
    expect(ids(fromMod)).not.toContain('github.com/google/go-cmp@v0.7.0');
  });
});
