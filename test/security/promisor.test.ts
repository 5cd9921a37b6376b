import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitArgv, gitEnv } from '../../src/git/invoke.ts';
import { cleanupTemp, git } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { BLAME, BLOBS, HISTORY, runScannerCommands, TREE } from './scanner-commands.ts';
import { appendConfig, newTrap, plainGit, type Trap } from './trap.ts';

afterAll(cleanupTemp);

interface Transport {
  name: string;
  /** Remote URL and extra config for a trap that the transport would start. */
  setup(trap: Trap): { url: string; config: string };
}

// Each transport is explicitly allowed by the repository's own config, which a bare
// `-c protocol.allow=never` does not override (a protocol-specific setting wins).
const TRANSPORTS: Transport[] = [
  {
    name: 'ext',
    setup: (t) => ({
      url: `ext::${t.program('ext', 'exit 1')}`,
      config: '[protocol "ext"]\n\tallow = always',
    }),
  },
  {
    name: 'ssh',
    setup: (t) => ({
      url: 'ssh://git.example.invalid/repo.git',
      config: `[core]\n\tsshCommand = ${t.program('ssh', 'exit 1')}\n[protocol "ssh"]\n\tallow = always`,
    }),
  },
  {
    name: 'git-proxy',
    setup: (t) => ({
      url: 'git://git.example.invalid/repo.git',
      config: `[core]\n\tgitProxy = ${t.program('git-proxy', 'exit 1')}\n[protocol "git"]\n\tallow = always`,
    }),
  },
  {
    name: 'upload-pack',
    setup: (t) => ({
      url: t.root,
      config: `[remote "origin"]\n\tuploadpack = ${t.program('upload-pack', 'exit 1')}\n[protocol "file"]\n\tallow = always`,
    }),
  },
];

/** A partial clone whose promisor remote is `transport`, with the blob of data/report.bin missing. */
function promisorRepo(trap: Trap, transport: Transport): { dir: string; gitDir: string; missing: string } {
  const repo = baseRepo(join(trap.root, 'repo'));
  const missing = git(repo.dir, ['rev-parse', 'HEAD:data/report.bin']).trim();
  rmSync(join(repo.gitDir, 'objects', missing.slice(0, 2), missing.slice(2)));
  git(repo.dir, ['config', 'core.repositoryformatversion', '1']);
  const { url, config } = transport.setup(trap);
  appendConfig(
    repo.config,
    `[extensions]\n\tpartialClone = origin\n[remote "origin"]\n\turl = ${url}\n\tpromisor = true\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n${config}`,
  );
  return { dir: repo.dir, gitDir: repo.gitDir, missing };
}

/** The hardened argument vector with one layer taken away: git before GIT_NO_LAZY_FETCH (2.39.3 and older). */
function withoutLazyFetchGuard(gitDir: string, args: string[], input = ''): string {
  const env = { ...gitEnv() };
  delete env.GIT_NO_LAZY_FETCH;
  const r = spawnSync('git', gitArgv({ gitDir, args }), { cwd: gitDir, env, input, encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe.each(TRANSPORTS)('promisor remote over $name', (transport) => {
  it('is never fetched from by the scanner commands; plain cat-file -p fetches and runs the program', async () => {
    const trap = newTrap();
    const repo = promisorRepo(trap, transport);
    const run = await runScannerCommands(repo.gitDir);
    expect(run.blobs.map(([, oid]) => oid)).toContain(repo.missing);
    const batch = run.steps.find((s) => s.args[0] === 'cat-file');
    expect(batch?.stdout.toString()).toContain(`${repo.missing} missing`);
    expect(trap.fired()).toEqual([]);

    plainGit(repo.dir, ['cat-file', '-p', repo.missing]);
    expect(trap.fired()).toEqual([transport.name]);
  });

  it('is not fetched from even by a git that ignores GIT_NO_LAZY_FETCH', () => {
    const trap = newTrap();
    const repo = promisorRepo(trap, transport);
    const head = git(repo.dir, ['rev-parse', 'HEAD']).trim();
    const out = [
      withoutLazyFetchGuard(repo.gitDir, [...BLOBS], `${repo.missing}\n`),
      withoutLazyFetchGuard(repo.gitDir, [...TREE, head]),
      withoutLazyFetchGuard(repo.gitDir, [...HISTORY, head]),
      withoutLazyFetchGuard(repo.gitDir, BLAME(head, 'data/report.bin')),
    ].join('\n');
    // git tried to lazy-fetch (so this layer alone is what stops the program) ...
    expect(out).toMatch(/transport '[a-z]+' not allowed/);
    // ... and no transport program ran.
    expect(trap.fired()).toEqual([]);
  });
});
