// deps, licences, tech and export cyclonedx as a user meets them, on a repository whose packages are
// known by construction (npm lockfile and manifest, uv.lock, pom.xml, a Dockerfile), on both engines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { cyclonedxValidator } from '../helpers/json-schema.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const LOCK = {
  name: 'shop',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'shop',
      version: '1.0.0',
      dependencies: { express: '^4.18.0' },
      devDependencies: { 'left-pad': '^1.3.0' },
    },
    'node_modules/express': {
      version: '4.18.2',
      license: 'MIT',
      dependencies: { debug: '2.6.9', 'gpl-thing': '1.0.0' },
    },
    'node_modules/debug': { version: '2.6.9', license: 'MIT', dependencies: { ms: '2.0.0' } },
    'node_modules/ms': { version: '2.0.0', license: 'Apache 2.0' },
    'node_modules/gpl-thing': { version: '1.0.0', license: 'GPL-3.0-only', dependencies: { ms: '2.0.0' } },
    'node_modules/left-pad': { version: '1.3.0', dev: true, license: 'WTFPL' },
  },
};

const MANIFEST = {
  name: 'shop',
  version: '1.0.0',
  dependencies: { express: '^4.18.0' },
  devDependencies: { 'left-pad': '^1.3.0' },
};

const UV_LOCK = `version = 1
requires-python = ">=3.11"

[[package]]
name = "shop-py"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "flask" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "flask"
version = "3.0.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "werkzeug" }]

[[package]]
name = "werkzeug"
version = "3.0.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.0.0"
source = { registry = "https://pypi.org/simple" }
`;

const POM = `<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId><artifactId>shop</artifactId><version>1.0</version>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId><version>3.2.0</version></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
  </dependencies>
</project>
`;

const POLICY = 'licences:\n  allow: [MIT, Apache-2.0]\n  deny: [GPL-3.0-only]\n';

const TEAMS = `teams:
  - name: Web
    owns: [shop]
  - name: Platform
    owns:
      - repository: shop
        paths: ['java/']
`;

interface Pkg {
  ecosystem: string;
  name: string;
  version: string | null;
  direct: boolean;
  exposure: string;
  manifests: string[];
}

describe.each(ENGINES)('supply-chain commands on %s', (engine) => {
  let run: (args: string[]) => ReturnType<typeof cto>;
  let ws: string;

  beforeAll(() => {
    const root = tempDir();
    buildRepo(join(root, 'shop'), [
      {
        files: {
          'package-lock.json': JSON.stringify(LOCK, null, 2),
          'package.json': JSON.stringify(MANIFEST, null, 2),
          'py/uv.lock': UV_LOCK,
          'java/pom.xml': POM,
          Dockerfile: 'FROM postgres:16\n',
        },
      },
    ]);
    buildRepo(join(root, 'notes'), [{ files: { 'README.md': '# notes\n' } }]);
    ws = tempDir();
    writeFileSync(join(ws, 'cto.yaml'), POLICY);
    writeFileSync(join(ws, 'teams.yaml'), TEAMS);
    const db = freshStoreTarget(engine);
    run = (args) => cto([...args, '--workspace', ws, '--db', db]);
    const scan = run(['scan', root]);
    expect(scan.code, scan.stderr).toBe(0);
  });

  test('deps: one line per package, manifests merged, filters', { timeout: 180_000 }, () => {
    const r = run(['deps', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.deps/v1');
    const shop = doc.repositories.find((x: { name: string }) => x.name === 'shop');
    const ids = shop.packages.map((p: Pkg) => `${p.ecosystem}:${p.name}@${p.version}`).sort();
    expect(ids).toEqual(
      [
        'Maven:junit:junit@4.13.2',
        'Maven:org.springframework.boot:spring-boot-starter-web@3.2.0',
        'PyPI:flask@3.0.0',
        'PyPI:pytest@8.0.0',
        'PyPI:werkzeug@3.0.1',
        'npm:debug@2.6.9',
        'npm:express@4.18.2',
        'npm:gpl-thing@1.0.0',
        'npm:left-pad@1.3.0',
        'npm:ms@2.0.0',
      ].sort(),
    );
    const express = shop.packages.find((p: Pkg) => p.name === 'express');
    expect(express).toMatchObject({
      direct: true,
      exposure: 'runtime',
      exposures: ['runtime'],
      scopes: ['prod'],
      manifests: ['package-lock.json', 'package.json'],
    });
    const names = (args: string[]) =>
      JSON.parse(run(['deps', 'shop', '--json', ...args]).stdout)
        .repositories[0].packages.map((p: Pkg) => p.name)
        .sort();
    expect(names(['--ecosystem', 'npm', '--direct'])).toEqual(['express', 'left-pad']);
    // --scope takes exposures: development tools, test dependencies, or several at once.
    expect(names(['--scope', 'development,test'])).toEqual(['junit:junit', 'left-pad', 'pytest']);
    expect(names(['--scope', 'runtime', '--ecosystem', 'npm'])).toEqual([
      'debug',
      'express',
      'gpl-thing',
      'ms',
    ]);
    const text = run(['deps']).stdout;
    expect(text).toMatch(
      /shop\s+npm\s+express\s+4\.18\.2\s+direct\s+runtime\s+package-lock\.json package\.json/,
    );
    expect(text).toMatch(/shop\s+Maven\s+junit:junit\s+4\.13\.2\s+direct\s+test\s/);
    expect(text).toContain('notes: no manifest or lockfile found');
  });

  test('deps --tree: every path from a direct dependency', () => {
    const doc = JSON.parse(run(['deps', 'shop', '--tree', 'ms', '--json']).stdout);
    expect(doc.schema).toBe('cto.deps-tree/v1');
    expect(doc.repositories[0].packages[0].paths).toEqual([
      ['express', 'debug', 'ms'],
      ['express', 'gpl-thing', 'ms'],
    ]);
    const text = run(['deps', 'shop', '--tree', 'werkzeug']).stdout;
    expect(text).toContain('shop > flask > werkzeug');
    const maven = run(['deps', 'shop', '--tree', 'junit:junit']).stdout;
    expect(maven).toContain('shop > junit:junit');
    expect(run(['deps', 'shop', '--tree', 'nothing-here']).stdout).toContain(
      'No repository depends on nothing-here',
    );
  });

  test('licences: SPDX expressions, policy verdicts at query time, stored counts', () => {
    const doc = JSON.parse(run(['licences', 'shop', '--json']).stdout);
    expect(doc.schema).toBe('cto.licences/v1');
    const repo = doc.repositories[0];
    const by = Object.fromEntries(repo.packages.map((p: { name: string }) => [p.name, p]));
    expect(by.ms).toMatchObject({ expression: 'Apache-2.0', verdict: 'allowed', stated: ['Apache 2.0'] });
    expect(by['gpl-thing']).toMatchObject({ expression: 'GPL-3.0-only', verdict: 'denied' });
    expect(by['left-pad']).toMatchObject({ expression: 'WTFPL', verdict: 'not-allowed' });
    expect(by.flask).toMatchObject({ expression: null, verdict: 'unknown' });
    const severities = repo.findings.map((f: { severity: string }) => f.severity).sort();
    expect(severities).toEqual(['high', 'low', 'low', 'low', 'low', 'low', 'medium']);
    expect(repo.counts).toContainEqual({ licence: 'MIT', packages: 2 });
    expect(repo.counts).toContainEqual({ licence: 'unknown', packages: 5 });
    expect(by['left-pad']).toMatchObject({ exposure: 'development' });
    // The unknown ones come first in the text: an unknown licence is not a clean one.
    const total = repo.packages.length;
    const known = total - 5;
    expect(run(['licences', 'shop']).stdout.split('\n').slice(0, 2)).toEqual([
      `Licence known for ${known} of ${total} packages in 1 repository (${Math.floor((100 * known) / total)}%); 5 unknown.`,
      'To learn the rest: cto feed update --licences (looks each package up in its registry), or cto feed import a licence cache.',
    ]);
    const shipped = JSON.parse(run(['licences', 'shop', '--json', '--scope', 'runtime']).stdout);
    const shippedNames = shipped.repositories[0].packages.map((p: { name: string }) => p.name);
    expect(shippedNames).toContain('gpl-thing');
    expect(shippedNames).not.toContain('left-pad');
    expect(shippedNames).not.toContain('junit:junit');
    expect(run(['licences', 'shop', '--scope', 'development']).stdout).toMatch(
      /shop\s+npm\s+left-pad\s+1\.3\.0\s+WTFPL\s+not-allowed\s+development\s/,
    );
    const stored = JSON.parse(
      run([
        'sql',
        "select rule, subject from current_findings where analysis = 'licences' and severity = 'high'",
        '--json',
      ]).stdout,
    );
    expect(stored.rows).toEqual([{ rule: 'licence-denied', subject: 'pkg:npm/gpl-thing' }]);
  });

  test('tech: technologies with their evidence, as the scan stored them', () => {
    const doc = JSON.parse(run(['tech', '--json']).stdout);
    expect(doc.schema).toBe('cto.tech/v1');
    const repo = doc.repositories.find((x: { repository: string }) => x.repository === 'shop');
    expect(repo.stored).toBe(true);
    const by = Object.fromEntries(repo.technologies.map((t: { id: string }) => [t.id, t]));
    expect(by.express).toMatchObject({ category: 'framework', evidence: { packages: ['express'] } });
    expect(by.express.evidence.files).toEqual(['package-lock.json', 'package.json']);
    expect(by.flask.evidence).toMatchObject({ packages: ['flask'], files: ['py/uv.lock'] });
    expect(by['spring-boot'].evidence.packages).toEqual(['org.springframework.boot:spring-boot-starter-web']);
    expect(by.postgresql.evidence).toMatchObject({ images: ['postgres'], files: ['Dockerfile'] });
    expect(by.docker).toBeDefined();
    // A technology's scope is the most exposed of the facts behind it.
    expect(by.express.exposure).toBe('runtime');
    expect(by.pytest.exposure).toBe('development');
    expect(by.junit.exposure).toBe('test');
    const testOnly = JSON.parse(run(['tech', 'shop', '--json', '--scope', 'test']).stdout);
    const testIds = testOnly.repositories[0].technologies.map((t: { id: string }) => t.id);
    expect(testIds).toContain('junit');
    expect(testIds).not.toContain('express');
    expect(run(['tech', 'shop']).stdout).toMatch(/shop\s+Express\s+framework\s+runtime\s/);
    // Per team: a file's owners by path first, else the repository's owners.
    const teams = Object.fromEntries(
      doc.teams.map((t: { team: string; technologies: Array<{ id: string }> }) => [
        t.team,
        t.technologies.map((x) => x.id),
      ]),
    );
    expect(teams.Platform).toContain('spring-boot');
    expect(teams.Platform).not.toContain('express');
    expect(teams.Web).toContain('express');
    expect(teams.Web).not.toContain('spring-boot');
    const notes = doc.repositories.find((x: { repository: string }) => x.repository === 'notes');
    expect(notes.technologies).toEqual([]);
  });

  test('export cyclonedx: valid CycloneDX 1.6 with purls, licences, scopes and the graph', () => {
    const file = join(ws, 'shop.cdx.json');
    const r = run(['export', 'cyclonedx', 'shop', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const bom = JSON.parse(readFileSync(file, 'utf8'));
    const validate = cyclonedxValidator();
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(bom.metadata.component.name).toBe('shop');
    expect(bom.metadata.tools.components[0].name).toBe('cto');
    const by = Object.fromEntries(bom.components.map((c: { name: string }) => [c.name, c]));
    expect(by.express).toMatchObject({
      purl: 'pkg:npm/express@4.18.2',
      scope: 'required',
      licenses: [{ license: { id: 'MIT' } }],
    });
    expect(by['left-pad'].scope).toBe('excluded');
    expect(by.flask.purl).toBe('pkg:pypi/flask@3.0.0');
    expect(by['org.springframework.boot:spring-boot-starter-web'].purl).toBe(
      'pkg:maven/org.springframework.boot/spring-boot-starter-web@3.2.0',
    );
    const graph = Object.fromEntries(
      bom.dependencies.map((d: { ref: string; dependsOn: string[] }) => [d.ref, d.dependsOn]),
    );
    expect(graph['pkg:npm/express@4.18.2']).toEqual(['pkg:npm/debug@2.6.9', 'pkg:npm/gpl-thing@1.0.0']);
    expect(graph['pkg:pypi/flask@3.0.0']).toEqual(['pkg:pypi/werkzeug@3.0.1']);
    expect(graph[bom.metadata.component['bom-ref']]).toContain('pkg:npm/express@4.18.2');
    // The same snapshot exports the same document.
    expect(JSON.parse(run(['export', 'cyclonedx', 'shop']).stdout)).toEqual(bom);
    if (engine === 'sqlite') {
      expect(run(['export', 'cyclonedx']).stderr).toContain('name one repository');
      expect(run(['deps', 'missing']).stderr).toContain('REPOSITORY_NOT_FOUND');
    }
  });
});
