import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { failures, runScannerCommands } from './scanner-commands.ts';
import { appendConfig, newTrap, plainGit, plainGitOnTty } from './trap.ts';

afterAll(cleanupTemp);

describe('programs named in repository config', () => {
  it('runs no pager, editor, credential helper or askpass; plain git does', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    appendConfig(
      repo.config,
      `[core]
	pager = ${trap.program('core-pager', 'cat > /dev/null')}
	editor = ${trap.program('core-editor', 'exit 1')}
	askPass = ${trap.program('core-askpass')}
[pager]
	log = ${trap.program('pager-log', 'cat > /dev/null')}
[credential]
	helper = ${trap.program('credential-helper', 'cat > /dev/null')}
[credential "https://example.com"]
	helper = ${trap.program('credential-url-helper', 'cat > /dev/null')}`,
    );
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);

    plainGitOnTty(repo.dir, ['log', '-1']);
    plainGitOnTty(repo.dir, ['show', '-s', 'HEAD']);
    plainGit(repo.dir, ['commit', '--allow-empty']);
    plainGit(repo.dir, ['credential', 'fill'], 'protocol=https\nhost=example.com\n\n');
    expect(trap.fired()).toEqual([
      'core-askpass',
      'core-editor',
      'core-pager',
      'credential-helper',
      'credential-url-helper',
      'pager-log',
    ]);
  });

  it('runs no core.alternateRefsCommand of a repository with alternates; plain git fetch does', async () => {
    const trap = newTrap();
    const shared = baseRepo(join(trap.root, 'shared'));
    const repo = join(trap.root, 'repo');
    plainGit(trap.root, ['clone', '-q', '--shared', shared.dir, repo]);
    appendConfig(
      join(repo, '.git', 'config'),
      `[core]\n\talternateRefsCommand = ${trap.program('alternate-refs')}`,
    );
    const run = await runScannerCommands(join(repo, '.git'));
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);

    const source = join(trap.root, 'source');
    plainGit(trap.root, ['clone', '-q', shared.dir, source]);
    plainGit(source, ['commit', '-q', '--allow-empty', '-m', 'more']);
    plainGit(repo, ['fetch', '-q', source, 'main:refs/heads/fetched']);
    expect(trap.fired()).toEqual(['alternate-refs']);
  });

  it('runs no uploadpack.packObjectsHook (plain git ignores it in repository config too)', async () => {
    // No control can run this one on git 2.39: git reads uploadpack.packObjectsHook only from
    // protected (system, global, command-line) config, so a repository cannot set it. The control
    // below shows plain upload-pack ignoring it; the scanner never starts upload-pack anyway.
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    appendConfig(repo.config, `[uploadpack]\n\tpackObjectsHook = ${trap.program('pack-objects-hook')}`);
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);
    const cloned = plainGit(trap.root, ['clone', '-q', '--no-local', repo.dir, join(trap.root, 'clone')]);
    expect(cloned.code).toBe(0);
    expect(trap.fired()).toEqual([]);
  });

  it('ignores a core.worktree elsewhere that maps files to a textconv driver; plain git diff runs it', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    const elsewhere = join(trap.root, 'elsewhere');
    mkdirSync(elsewhere);
    cpSync(repo.dir, elsewhere, { recursive: true, filter: (p) => !p.includes('/.git') });
    writeFileSync(join(elsewhere, '.gitattributes'), '* diff=far\n');
    appendConfig(
      repo.config,
      `[core]\n\tworktree = ${elsewhere}\n\tfsmonitor = ${trap.program('worktree-fsmonitor')}\n[diff "far"]\n\ttextconv = ${trap.program('worktree-textconv', 'cat "$1"')}`,
    );
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);

    plainGit(trap.root, ['--git-dir', repo.gitDir, 'diff', 'HEAD~2']);
    plainGit(trap.root, ['--git-dir', repo.gitDir, 'status']);
    expect(trap.fired()).toEqual(['worktree-fsmonitor', 'worktree-textconv']);
  });

  it('runs nothing from config pulled in by include.path and includeIf; plain git does', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    const included = join(trap.root, 'included.conf');
    const conditional = join(trap.root, 'conditional.conf');
    writeFileSync(included, `[core]\n\tfsmonitor = ${trap.program('include-fsmonitor')}\n`);
    writeFileSync(conditional, `[diff]\n\texternal = ${trap.program('includeif-external-diff')}\n`);
    appendConfig(
      repo.config,
      `[include]\n\tpath = ${included}\n[includeIf "gitdir:${repo.gitDir}"]\n\tpath = ${conditional}`,
    );
    expect(git(repo.dir, ['config', '--show-origin', 'diff.external'])).toContain('conditional.conf');
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);

    plainGit(repo.dir, ['status']);
    plainGit(repo.dir, ['diff', 'HEAD~2', 'HEAD']);
    expect(trap.fired()).toEqual(['include-fsmonitor', 'includeif-external-diff']);
  });
});
