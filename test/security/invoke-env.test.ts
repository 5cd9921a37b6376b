import { describe, expect, it } from 'vitest';
import { GIT_OVERRIDES, gitArgv, gitEnv } from '../../src/git/invoke.ts';

describe('the hardened environment and argument vector', () => {
  it('keeps no GIT_* variable, pager, editor or askpass of the parent', () => {
    const env = gitEnv({
      PATH: '/usr/bin',
      HOME: '/home/u',
      GIT_DIR: '/elsewhere',
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='/tmp/x'",
      GIT_EXTERNAL_DIFF: '/tmp/x',
      GIT_SSH_COMMAND: '/tmp/x',
      GIT_ALLOW_PROTOCOL: 'ext',
      EDITOR: '/tmp/x',
      PAGER: '/tmp/x',
      SSH_ASKPASS: '/tmp/x',
    });
    expect(
      Object.keys(env)
        .filter((k) => !k.startsWith('GIT_'))
        .sort(),
    ).toEqual(['HOME', 'LANG', 'LC_ALL', 'PATH', 'SSH_ASKPASS']);
    expect(env.SSH_ASKPASS).toBe('false');
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
    expect(env.GIT_EXTERNAL_DIFF).toBeUndefined();
    expect(env.GIT_SSH_COMMAND).toBeUndefined();
    // Present and empty: an allow-list naming no transport.
    expect(env.GIT_ALLOW_PROTOCOL).toBe('');
    expect(env.GIT_NO_LAZY_FETCH).toBe('1');
    expect(env.GIT_CONFIG_GLOBAL).toBe('/dev/null');
    expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
  });

  it('puts every override before the command, so a command cannot be read as a global option', () => {
    const argv = gitArgv({ gitDir: '/r/.git', args: ['log', '-c', 'x=y'] });
    expect(argv.slice(0, 3)).toEqual(['--no-pager', '--no-replace-objects', '--git-dir=/r/.git']);
    expect(argv.slice(3, 3 + GIT_OVERRIDES.length)).toEqual([...GIT_OVERRIDES]);
    expect(argv.slice(3 + GIT_OVERRIDES.length)).toEqual(['log', '-c', 'x=y']);
    const keys = GIT_OVERRIDES.filter((_, i) => i % 2 === 1).map((kv) => kv.split('=')[0]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'core.fsmonitor',
        'core.hooksPath',
        'core.sshCommand',
        'diff.external',
        'diff.context',
        'gpg.program',
      ]),
    );
  });
});
