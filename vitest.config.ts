import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    setupFiles: ['./test/setup.ts'],
    // Generous: a test that fails only on a loaded machine tells nothing; none measures wall time.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One test file per core, not Vitest's cores minus one: most tests wait on the `cto`, git and
    // PostgreSQL processes they start, so on a two-core machine a single file leaves a core idle.
    maxWorkers: '100%',
    env: {
      // The `cto` processes the end-to-end tests start reuse Node's compiled (and type-stripped) code
      // between runs: each start then costs about half the CPU. Node checks each entry against the
      // source file's content, so a changed file is compiled afresh.
      NODE_COMPILE_CACHE: resolve(import.meta.dirname, 'node_modules/.cache/cto-node-compile'),
    },
  },
});
