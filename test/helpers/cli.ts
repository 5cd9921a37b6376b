// Run the real `cto` command line in a child process, as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CTO_BIN = resolve(import.meta.dirname, '../../bin/cto.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cto(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CTO_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CTO_DB: '', ...env },
    maxBuffer: 1 << 28,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Start `cto` and kill it with SIGKILL after `ms`; resolves with how it ended. */
export function ctoKilledAfter(
  args: string[],
  ms: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CTO_BIN, ...args], {
      env: { ...process.env, CTO_DB: '', ...env },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({ killed: signal === 'SIGKILL', code });
    });
  });
}
