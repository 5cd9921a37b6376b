// Go dependencies are the build list: with gin's real go.mod (go 1.25) and go.sum, `cto deps` lists
// exactly go.mod's requires and `cto vulns`, against the real Go OSV feed, matches only those. go.sum
// also names versions that are not built (`/go.mod`-only hashes, test modules of dependencies).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

const FIXTURES = new URL('../fixtures/collectors/go-sum/', import.meta.url);
const GO_MOD = readFileSync(new URL('gin.go.mod', FIXTURES), 'utf8');
const GO_SUM = readFileSync(new URL('gin.go.sum', FIXTURES), 'utf8');

/** go.mod's requires read independently: every `path vX` line (gin has no replace or exclude). */
const REQUIRED = [...GO_MOD.matchAll(/^(?:require\s+|\t)(\S+)\s+(v\S+)/gm)]
  .map((m) => `${m[1]}@${m[2]}`)
  .sort();

let root = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'gin'), [{ files: { 'go.mod': GO_MOD, 'go.sum': GO_SUM } }]);
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

interface Pkg {
  name: string;
  version: string;
}

describe.each(ENGINES)('Go build list on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', root, '--db', db]);

  test('deps and vulns see the modules go.mod selects, not every version go.sum names', () => {
    expect(run('scan', join(root, 'gin')).code).toBe(0);
    const deps = JSON.parse(run('deps', '--ecosystem', 'Go', '--json').stdout);
    const listed = deps.repositories[0].packages.map((p: Pkg) => `${p.name}@${p.version}`).sort();
    expect(REQUIRED).toHaveLength(35);
    expect(listed).toEqual(REQUIRED);

    expect(run('feed', 'import', '/work/shared/data/osv/Go/all.zip').code).toBe(0);
    const vulns = JSON.parse(run('vulns', '--ecosystem', 'Go', '--json').stdout);
    expect(vulns.packagesChecked).toBe(35);
    const found = vulns.findings.flatMap((f: { name: string; versions: string[] }) =>
      f.versions.map((v) => `${f.name}@${v}`),
    );
    for (const id of found) expect(REQUIRED, id).toContain(id);
    // Before: golang.org/x/sys v0.6.0 and an old gopkg.in/yaml.v3, named in go.sum by /go.mod hashes only.
    expect(found).not.toContain('golang.org/x/sys@v0.6.0');
    expect(found).not.toContain('gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c');
    expect(found).toEqual(['golang.org/x/crypto@v0.53.0']);
  });
});
