import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractNodeVersion } from './extract.ts';

const FILES = new Set(['.nvmrc', '.node-version']);

export const collector: FileCollector = {
  id: 'node-version',
  version: 2,
  emits: ['runtimes'],
  files: ['**/{.nvmrc,.node-version}'],
  spec: 'https://github.com/nvm-sh/nvm#nvmrc',
  matches: (path) => FILES.has(basename(path)),
  collect(files): CollectorResult {
    const results = files.map((file) => extractNodeVersion(file, 'node-version'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
