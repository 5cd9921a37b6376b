// A big npm lockfile (not a test): a package-lock.json v3 of 60,000 packages (about 7 MB, each with a
// licence, a third nested under another package) in a one-commit repository, scanned three times in
// fresh workspaces: facts only (`--no-analyses`, the reference), with the licences analysis alone, and
// with every analysis. Target: analyses add at most the time of the facts-only scan.
//   node bench/big-lockfile.ts [packages]      (default 60000)
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRepo, cleanupTemp, tempDir } from '../test/helpers/repo-builder.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGES = Number(process.argv[2] ?? 60_000);
/** Seven in ten MIT, as in a typical npm tree. */
const LICENCES = [
  'MIT',
  'MIT',
  'ISC',
  'MIT',
  'Apache-2.0',
  'MIT',
  'BSD-3-Clause',
  'MIT',
  '(MIT OR Apache-2.0)',
  'MIT',
];

/** A deterministic lockfile: top-level packages, a third of them also nested under another one. */
export function bigLockfile(packages: number): string {
  const entries: Record<string, unknown> = { '': { name: 'big-app', version: '1.0.0' } };
  const top = Math.ceil((packages * 2) / 3);
  for (let i = 0; i < packages; i++) {
    const name = `pkg-${(i % top).toString(36)}`;
    const path =
      i < top ? `node_modules/${name}` : `node_modules/pkg-${(i * 7919) % top}/node_modules/${name}`;
    entries[path] = {
      version: `${1 + (i % 4)}.${i % 17}.${i < top ? 0 : 1}`,
      license: LICENCES[i % LICENCES.length],
      ...(i % 3 === 0 ? { dependencies: { [`pkg-${((i + 1) % top).toString(36)}`]: '^1.0.0' } } : {}),
      ...(i % 5 === 0 ? { dev: true } : {}),
    };
  }
  return JSON.stringify(
    { name: 'big-app', version: '1.0.0', lockfileVersion: 3, packages: entries },
    null,
    1,
  );
}

function scanSeconds(repo: string, args: string[]): number {
  const ws = tempDir('cto-bench-lock-');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/cto.js'), 'scan', repo, '-w', ws, ...args], {
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`cto scan ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return seconds;
}

if (import.meta.main) {
  const text = bigLockfile(PACKAGES);
  const repo = buildRepo(join(tempDir('cto-bench-lock-repo-'), 'big-app'), [
    { files: { 'package.json': '{"name":"big-app","version":"1.0.0"}', 'package-lock.json': text } },
  ]);
  console.log(
    `package-lock.json: ${PACKAGES.toLocaleString('en')} packages, ${(text.length / 1024 / 1024).toFixed(1)} MB (repository ${statSync(repo).isDirectory() ? repo : ''})`,
  );
  const facts = scanSeconds(repo, ['--no-analyses']);
  const licences = scanSeconds(repo, ['--analyses', 'licences']);
  const all = scanSeconds(repo, []);
  const f = (s: number) => `${s.toFixed(1)} s`;
  console.log(`scan --no-analyses (facts, reference): ${f(facts)}`);
  console.log(
    `scan --analyses licences: ${f(licences)}; added ${f(licences - facts)}, ratio added/facts ${((licences - facts) / facts).toFixed(2)} (target <= 1)`,
  );
  console.log(
    `scan (all analyses): ${f(all)}; added ${f(all - facts)}, ratio added/facts ${((all - facts) / facts).toFixed(2)} (target <= 1)`,
  );
  cleanupTemp();
}
