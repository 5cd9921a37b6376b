import { collectEach } from '../read-input.ts';
import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { COLLECTOR_ID, extractRustToolchain } from './extract.ts';

const FILES = new Set(['rust-toolchain', 'rust-toolchain.toml']);

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  emits: ['runtimes'],
  files: ['**/rust-toolchain{,.toml}'],
  spec: 'https://rust-lang.github.io/rustup/overrides.html#the-toolchain-file',
  matches: (path) => FILES.has(basename(path)),
  collect(files): CollectorResult {
    const { runtimes, diagnostics } = collectEach(COLLECTOR_ID, files, extractRustToolchain);
    return { runtimes, diagnostics };
  },
};
