import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { failures, runScannerCommands } from './scanner-commands.ts';
import { appendConfig, newTrap, plainGit, type Trap } from './trap.ts';

afterAll(cleanupTemp);

// The process filter (which plain `git log -p` also starts) sits on the oldest file, so plain
// log -p reaches the textconv of newer files before the failing filter stops it.
const ATTRIBUTES = '*.bin diff=evil filter=evilf\n*.js diff=evil\n*.md diff=evil filter=evilp\n';

/**
 * Attributes map every file to a textconv/external-diff driver and to filters, in the committed
 * `.gitattributes`, in the work tree (modified, not committed) and in `.git/info/attributes`.
 */
function driverRepo(trap: Trap) {
  const repo = baseRepo(join(trap.root, 'repo'), { '.gitattributes': ATTRIBUTES });
  appendFileSync(join(repo.dir, '.gitattributes'), '*.txt diff=evil\n');
  writeFileSync(join(repo.gitDir, 'info', 'attributes'), ATTRIBUTES);
  appendConfig(
    repo.config,
    `[diff "evil"]
	textconv = ${trap.program('textconv', 'cat "$1"')}
	command = ${trap.program('external-diff')}
	cachetextconv = false
[filter "evilf"]
	clean = ${trap.program('filter-clean', 'cat')}
	smudge = ${trap.program('filter-smudge', 'cat')}
[filter "evilp"]
	process = ${trap.program('filter-process', 'exit 1')}`,
  );
  return repo;
}

describe('diff drivers and filters from .gitattributes', () => {
  it('runs no textconv, external diff or filter; plain log -p, diff, blame, checkout and add do', async () => {
    const trap = newTrap();
    const repo = driverRepo(trap);
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(run.blobs.map(([path]) => path)).toContain('data/report.bin');
    expect(trap.fired()).toEqual([]);

    plainGit(repo.dir, ['log', '-p']);
    // Plain log -p also smudges blobs before textconv, so it starts both filters as well.
    expect(trap.fired()).toEqual(['filter-process', 'filter-smudge', 'textconv']);
    trap.reset();
    plainGit(repo.dir, ['diff', 'HEAD~2', 'HEAD']);
    expect(trap.fired()).toContain('external-diff');
    trap.reset();
    plainGit(repo.dir, ['blame', 'HEAD', '--', 'data/report.bin']);
    expect(trap.fired()).toEqual(['filter-smudge', 'textconv']);
    trap.reset();
    rmSync(join(repo.dir, 'data/report.bin'));
    plainGit(repo.dir, ['checkout', '--', 'data/report.bin']);
    expect(trap.fired()).toContain('filter-smudge');
    trap.reset();
    rmSync(join(repo.dir, 'README.md'));
    plainGit(repo.dir, ['checkout', '--', 'README.md']);
    expect(trap.fired()).toContain('filter-process');
    trap.reset();
    appendFileSync(join(repo.dir, 'data/report.bin'), 'line three\n');
    plainGit(repo.dir, ['add', 'data/report.bin']);
    expect(trap.fired()).toContain('filter-clean');
  });

  it('runs nothing when the same drivers are set in a bare repository', async () => {
    const trap = newTrap();
    const repo = driverRepo(trap);
    const bare = join(trap.root, 'bare.git');
    plainGit(trap.root, ['clone', '-q', '--bare', '--no-local', repo.dir, bare]);
    appendConfig(
      join(bare, 'config'),
      `[diff "evil"]\n\ttextconv = ${trap.program('bare-textconv', 'cat "$1"')}`,
    );
    writeFileSync(join(bare, 'info', 'attributes'), ATTRIBUTES);
    const run = await runScannerCommands(bare);
    expect(failures(run)).toEqual([]);
    expect(run.steps[0]?.stdout.toString()).toContain('true');
    expect(trap.fired()).toEqual([]);
    plainGit(bare, ['log', '-p']);
    expect(trap.fired()).toEqual(['bare-textconv']);
  });
});
