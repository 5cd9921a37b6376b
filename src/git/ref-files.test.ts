// Reading a repository's identity and HEAD from its files gives what git gives, or nothing (git is then
// asked): each layout below is checked against `git rev-parse` and `git symbolic-ref` on the same folder.
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { headFromFiles, plainConfig, plainRepoInfo } from './ref-files.ts';
import { gitRepoInfo, headRef, repoInfo, resolveCommit } from './refs.ts';

let root: string;
let work: string;

beforeAll(() => {
  root = tempDir('cto-ref-files-');
  work = buildRepo(join(root, 'work'), [
    { author: ADA, files: { 'a.txt': 'a\n' } },
    { author: BOB, files: { 'b.txt': 'b\n' } },
  ]);
  git(work, ['tag', '-a', 'v1', '-m', 'v1']);
  git(work, ['branch', 'other', 'HEAD~1']);
});

afterAll(() => cleanupTemp());

/** The git directory of a fresh copy of `work` made by `git clone` with these options. */
function clone(name: string, ...options: string[]): string {
  const dir = join(root, name);
  const shallow = options.some((o) => o.startsWith('--depth'));
  git(root, ['clone', '-q', ...options, shallow ? `file://${work}` : work, dir]);
  return options.includes('--bare') || options.includes('--mirror') ? dir : join(dir, '.git');
}

/** What git says of the layout, and what the files say (null: not read, git is asked). */
async function both(gitDir: string) {
  const fromGit = {
    info: await gitRepoInfo(gitDir),
    head: { commit: await resolveCommit(gitDir, 'HEAD'), ref: await headRef(gitDir) },
  };
  return { fromGit, info: await plainRepoInfo(gitDir), head: await headFromFiles(gitDir) };
}

describe('plain layouts are read as git reads them', () => {
  const layouts: [string, () => string][] = [
    ['a work tree', () => join(work, '.git')],
    ['a bare clone', () => clone('bare.git', '--bare')],
    ['a mirror with packed refs only', () => clone('mirror.git', '--mirror')],
    [
      'a loose ref newer than its packed line',
      () => {
        const dir = clone('loose-over-packed.git', '--mirror');
        git(dir, ['update-ref', 'refs/heads/main', 'HEAD~1']);
        return dir;
      },
    ],
    [
      'a detached HEAD',
      () => {
        const dir = clone('detached');
        git(join(root, 'detached'), ['checkout', '-q', '--detach', 'HEAD~1']);
        return dir;
      },
    ],
    [
      'HEAD on another branch',
      () => {
        const dir = clone('other');
        git(join(root, 'other'), ['checkout', '-q', 'other']);
        return dir;
      },
    ],
    ['a shallow clone', () => clone('shallow', '--depth=1')],
  ];
  test.each(layouts)('%s', async (_name, make) => {
    const r = await both(make());
    expect(r.info).toEqual(r.fromGit.info);
    expect(r.head).toEqual(r.fromGit.head);
  });

  test('a path through a symbolic link: the real git directory, as git names it', async () => {
    symlinkSync(join(root, 'work'), join(root, 'work-link'));
    const r = await both(join(root, 'work-link', '.git'));
    expect(r.info).toEqual(r.fromGit.info);
    expect(r.info?.gitDir).toBe(join(work, '.git'));
  });
});

describe('unusual layouts are left to git, which still reads them', () => {
  const layouts: [string, () => string][] = [
    [
      'a linked worktree',
      () => {
        git(work, ['worktree', 'add', '-q', join(root, 'linked'), 'other']);
        return join(root, 'linked', '.git');
      },
    ],
    [
      'a .git file',
      () => {
        const dir = join(root, 'gitfile');
        mkdirSync(dir);
        renameSync(clone('gitfile-real'), join(root, 'gitfile-store'));
        writeFileSync(join(dir, '.git'), `gitdir: ${join(root, 'gitfile-store')}\n`);
        return join(dir, '.git');
      },
    ],
    [
      'a .git symbolic link',
      () => {
        const dir = join(root, 'linked-dot-git');
        mkdirSync(dir);
        symlinkSync(clone('dot-git-target', '--bare'), join(dir, '.git'));
        return join(dir, '.git');
      },
    ],
    [
      'a config that includes another file',
      () => {
        const dir = clone('include.git', '--bare');
        writeFileSync(join(root, 'included'), '[core]\n\tbare = false\n');
        git(dir, ['config', 'include.path', join(root, 'included')]);
        return dir;
      },
    ],
    [
      'an extension',
      () => {
        const dir = clone('extension.git', '--bare');
        git(dir, ['config', 'core.repositoryformatversion', '1']);
        git(dir, ['config', 'extensions.noop', 'true']);
        return dir;
      },
    ],
  ];
  test.each(layouts)('%s', async (_name, make) => {
    const gitDir = make();
    const r = await both(gitDir);
    expect(r.info).toBeNull();
    expect(r.head).toBeNull();
    // The fall-back is git's answer.
    expect(await repoInfo(gitDir)).toEqual(r.fromGit.info);
  });

  test('a chain of symbolic refs: HEAD is not read, git follows the chain', async () => {
    const dir = clone('chain.git', '--bare');
    git(dir, ['symbolic-ref', 'refs/heads/alias', 'refs/heads/other']);
    git(dir, ['symbolic-ref', 'HEAD', 'refs/heads/alias']);
    const r = await both(dir);
    expect(r.head).toBeNull();
    expect(r.fromGit.head).toEqual({
      commit: git(work, ['rev-parse', 'other']).trim(),
      ref: 'refs/heads/other',
    });
  });

  test('an unborn branch and a broken ref: nothing read, git says there is no commit', async () => {
    const empty = join(root, 'empty.git');
    git(root, ['init', '-q', '--bare', empty]);
    expect(await headFromFiles(empty)).toBeNull();
    expect(await resolveCommit(empty, 'HEAD')).toBeNull();
    const broken = clone('broken.git', '--bare');
    rmSync(join(broken, 'packed-refs'), { force: true });
    writeFileSync(join(broken, 'refs', 'heads', 'main'), 'not an object name\n');
    expect(await headFromFiles(broken)).toBeNull();
    expect(await resolveCommit(broken, 'HEAD')).toBeNull();
  });
});

describe('plainConfig', () => {
  test('core.bare as git reads it, or null when git could read the file differently', () => {
    expect(plainConfig('[core]\n\trepositoryformatversion = 0\n\tbare = true\n')).toEqual({ bare: true });
    expect(plainConfig('[Core]\n\tBare\n')).toEqual({ bare: true });
    expect(plainConfig('[core]\n\tbare = true\n\tbare = FALSE\n')).toEqual({ bare: false });
    expect(plainConfig('[remote "origin"]\n\turl = "x;y"\n')).toEqual({ bare: false });
    expect(plainConfig('[core "x"]\n\tbare = true\n')).toEqual({ bare: false });
    for (const odd of [
      '[core]\n\tbare = yes\n',
      '[core]\n\tbare = true ; said so\n',
      '[core]\n\tworktree = /elsewhere\n',
      '[core]\n\trepositoryformatversion = 2\n',
      '[includeIf "gitdir:/x/"]\n\tpath = y\n',
      '[extensions]\n\tobjectFormat = sha256\n',
      '[core] bare = true\n',
      '[core]\n\tbare = \\\n true\n',
      '[core.sub]\n\tx = 1\n',
    ])
      expect(plainConfig(odd), odd).toBeNull();
  });
});
