#!/usr/bin/env node
// Entry point. Kept in plain JavaScript that any Node.js can parse, so that an
// old Node prints one clear line instead of a syntax error.
//
// On a Node.js older than the one `cto` needs, the Node.js installed with the project
// (the `node` package) runs it instead, so `cto` works from any folder after `npm link`
// or a global install even when the system Node.js is older.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const self = realpathSync(fileURLToPath(import.meta.url));
  const bundled = join(dirname(self), '..', 'node_modules', 'node', 'bin', 'node');
  if (process.env.CTO_BUNDLED_NODE !== '1' && existsSync(bundled)) {
    const child = spawn(bundled, [self, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, CTO_BUNDLED_NODE: '1' },
    });
    // SIGTERM and SIGHUP sent to this process go on to the real one, which decides how to stop
    // (`cto worker` finishes the jobs in hand); SIGINT from a terminal reaches both already.
    const forward = (signal) => child.kill(signal);
    process
      .on('SIGTERM', forward)
      .on('SIGHUP', forward)
      .on('SIGINT', () => {});
    const [status, signal] = await new Promise((resolve) => child.on('close', (c, s) => resolve([c, s])));
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(status ?? 2);
  }
  process.stderr.write(
    `cto: needs Node.js 22.18 or newer (24 LTS recommended); this is Node.js ${process.versions.node}. ` +
      'Run it through npm (npx cto ...), which uses the Node.js 24 installed with the project.\n',
  );
  process.exit(2);
}
// Node's compile cache (os.tmpdir()/node-compile-cache unless NODE_COMPILE_CACHE names another, off
// with NODE_DISABLE_COMPILE_CACHE=1) keeps the stripped TypeScript and compiled code of the modules
// loaded below, so a later start does not strip and compile every source file again.
module.enableCompileCache?.();
await (await import('../src/cli/main.ts')).run();
