// The licence feed end to end, on both engines: scan, `cto feed update --licences` against recorded
// registry answers, then `cto licences`, the CycloneDX export and a later scan's analysis use the
// cached licences; a second update works offline; export and import move the cache to another store.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  closedPort,
  type RegistryServer,
  startRegistryServer,
} from '../../../test/fixtures/feeds/licences/test-registry.ts';
import { type CliResult, CTO_BIN, cto } from '../../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { currentRepositories, snapshotMetrics } from '../../store/deps.ts';
import { openStore } from '../../store/store.ts';

/** `cto` without blocking this process, so the local registry server can answer it. */
function ctoAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CTO_BIN, ...args], {
      env: { ...process.env, CTO_DB: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

const CRATES = 'source = "registry+https://github.com/rust-lang/crates.io-index"';

function appRepo(): string {
  return buildRepo(join(tempDir(), 'app'), [
    {
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { ms: '^2.1.3', mime: '1.2.11' } }),
        'package-lock.json': JSON.stringify({
          name: 'app',
          lockfileVersion: 1,
          dependencies: {
            ms: { version: '2.1.3' },
            '@tootallnate/once': { version: '2.0.0' },
            mime: { version: '1.2.11' },
            'left-pad': { version: '1.3.0' },
          },
        }),
        'tool/Cargo.lock': `version = 3\n\n[[package]]\nname = "tool"\nversion = "0.1.0"\ndependencies = ["regex"]\n\n[[package]]\nname = "regex"\nversion = "1.10.2"\n${CRATES}\n\n[[package]]\nname = "memchr"\nversion = "2.5.0"\n${CRATES}\n`,
        'svc/go.mod':
          'module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/BurntSushi/toml v1.3.2\n\tgopkg.in/yaml.v3 v3.0.1\n)\n',
      },
    },
  ]);
}

interface LicenceJson {
  repositories: Array<{
    packages: Array<{
      ecosystem: string;
      name: string;
      expression: string | null;
      origin: string | null;
      registry: { status: string; source: string } | null;
    }>;
    coverage: Array<{ ecosystem: string; packages: number; known: number; fromRegistry: number }>;
  }>;
}

const licencesOf = (json: string) => {
  const doc = JSON.parse(json) as LicenceJson;
  const repo = doc.repositories[0];
  return {
    expressions: Object.fromEntries(
      repo?.packages.map((p) => [`${p.ecosystem}/${p.name}`, p.expression]) ?? [],
    ),
    origins: Object.fromEntries(repo?.packages.map((p) => [`${p.ecosystem}/${p.name}`, p.origin]) ?? []),
    coverage: repo?.coverage.map((c) => [c.ecosystem, c.known, c.packages, c.fromRegistry]),
  };
};

interface ReportJson {
  sections: Array<{
    figures: Array<{ label: string; value: number; unit?: string }>;
    findings: Array<{ rule: string; subject: string }>;
  }>;
}

/** From `cto report --json`: licence coverage figures and the subjects of licence-unknown findings. */
function reportLicences(json: string) {
  const doc = JSON.parse(json) as ReportJson;
  return {
    figures: doc.sections.flatMap((s) =>
      s.figures
        .filter((f) => f.label.startsWith('packages with a known licence'))
        .map((f) => [f.label, f.value, f.unit]),
    ),
    unknown: doc.sections.flatMap((s) =>
      s.findings.filter((f) => f.rule === 'licence-unknown').map((f) => f.subject),
    ),
  };
}

let server: RegistryServer;
let offline: Record<string, string>;

beforeAll(async () => {
  server = await startRegistryServer();
  const closed = `http://127.0.0.1:${await closedPort()}`;
  offline = Object.fromEntries(Object.keys(server.env).map((k) => [k, closed]));
});

afterAll(async () => {
  await server.close();
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('licence feed on %s', (engine) => {
  test('update caches registry answers; licences, SBOM and a later scan use them; offline reuse; export and import', async () => {
    const repo = appRepo();
    const ws = tempDir();
    const db = freshStoreTarget(engine);
    const at = ['-w', ws, '--db', db];
    writeFileSync(join(ws, 'cto.yaml'), 'licences:\n  allow: [MIT]\n');
    expect(cto(['scan', repo, ...at]).code).toBe(0);
    const reportBefore = reportLicences(cto(['report', '--json', '-o', join(ws, 'r1'), ...at]).stdout);
    expect(reportBefore.unknown).toContain('pkg:npm/ms');
    expect(licencesOf(cto(['licences', '--json', ...at]).stdout).coverage).toEqual([
      ['crates.io', 0, 2, 0],
      ['Go', 0, 2, 0],
      ['npm', 0, 4, 0],
    ]);

    const update = await ctoAsync(['feed', 'update', '--licences', ...at], server.env);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stderr).toContain(
      `licences npm from ${server.urls.npm}: 4 package versions without a licence in their files, 0 already cached, 4 asked: 2 found, 1 state none, 1 not in the registry`,
    );

    const after = licencesOf(cto(['licences', '--json', ...at]).stdout);
    expect(after.expressions).toEqual({
      'crates.io/memchr': 'Unlicense OR MIT',
      'crates.io/regex': 'MIT OR Apache-2.0',
      'Go/github.com/BurntSushi/toml': 'MIT',
      'Go/gopkg.in/yaml.v3': null,
      'npm/@tootallnate/once': 'MIT',
      'npm/left-pad': null,
      'npm/mime': null,
      'npm/ms': 'MIT',
    });
    expect(after.origins['npm/ms']).toBe('registry');
    expect(after.coverage).toEqual([
      ['crates.io', 2, 2, 2],
      ['Go', 1, 2, 1],
      ['npm', 2, 4, 2],
    ]);
    const report = reportLicences(cto(['report', '--json', '-o', join(ws, 'r2'), ...at]).stdout);
    expect(report.figures).toContainEqual(['packages with a known licence, npm (app)', 50, '%']);
    expect(report.figures).toContainEqual(['packages with a known licence, crates.io (app)', 100, '%']);
    expect(report.unknown).not.toContain('pkg:npm/ms');
    expect(report.unknown).toContain('pkg:npm/mime');
    const text = cto(['licences', ...at]).stdout;
    expect(text).toContain('npm: 2 of 4 packages with a known licence (50.0%), 2 from the registry');
    expect(text).toContain('crates.io: 2 of 2 packages with a known licence (100.0%), 2 from the registry');

    const bomFile = join(ws, 'bom.json');
    expect(cto(['export', 'cyclonedx', '-o', bomFile, ...at]).code).toBe(0);
    const bom = JSON.parse(readFileSync(bomFile, 'utf8'));
    const ms = bom.components.find((c: { name: string }) => c.name === 'ms');
    expect(ms.licenses).toEqual([{ license: { id: 'MIT' } }]);
    expect(ms.properties).toContainEqual({
      name: 'cto:licence-source',
      value: `${server.urls.npm}/ms/2.1.3`,
    });

    // Offline: everything is cached, nothing is asked, nothing changes.
    const again = await ctoAsync(['feed', 'update', '--licences', ...at], offline);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(
      '4 package versions without a licence in their files, 4 already cached, 0 asked',
    );
    const refresh = await ctoAsync(['feed', 'update', '--licences', '--refresh', ...at], offline);
    expect(refresh.code).toBe(2);
    expect(refresh.stderr).toMatch(/no registry answered \(cannot reach 127\.0\.0\.1/);
    expect(licencesOf(cto(['licences', '--json', ...at]).stdout).expressions['npm/ms']).toBe('MIT');
    expect(cto(['feed', 'list', ...at]).stdout).toMatch(/licences\s+npm\s+4\s/);

    // The cache as a file, into a store that has not scanned yet: the scan's analysis reads it.
    const file = join(ws, 'licences.jsonl');
    expect(cto(['feed', 'export', '--licences', '-o', file, ...at]).code).toBe(0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual({
      ecosystem: 'npm',
      name: 'ms',
      version: '2.1.3',
      licence: 'MIT',
      source: `${server.urls.npm}/ms/2.1.3`,
      status: 'found',
    });
    const db2 = freshStoreTarget(engine);
    const at2 = ['-w', tempDir(), '--db', db2];
    const imported = cto(['feed', 'import', file, ...at2]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('loaded 4 npm package licences');
    expect(cto(['scan', repo, ...at2]).code).toBe(0);
    const store = await openStore(db2);
    try {
      const [r] = await currentRepositories(store);
      const shares = (await snapshotMetrics(store, r?.snapshotId ?? 0, 'licences'))
        .filter((m) => m.metric === 'licence-known-share')
        .map((m) => [m.subject, m.value])
        .sort();
      expect(shares).toEqual([
        ['Go', 50],
        ['crates.io', 100],
        ['npm', 50],
      ]);
    } finally {
      await store.close();
    }
  }, 240_000);
});

test('a licence file with no readable record is refused', () => {
  const ws = tempDir();
  const file = join(ws, 'bad.jsonl');
  writeFileSync(file, '{"ecosystem":"npm","name":"x","version":"1","licence":7,"source":"s"}\n');
  const r = cto(['feed', 'import', file, '-w', ws]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('holds no licence record');
});
