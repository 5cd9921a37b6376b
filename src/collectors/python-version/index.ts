import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractPythonVersion } from './extract.ts';

const FILES = new Set(['.python-version', 'runtime.txt']);

export const collector: FileCollector = {
  id: 'python-version',
  version: 2,
  emits: ['runtimes'],
  files: ['**/{.python-version,runtime.txt}'],
  spec: 'https://github.com/pyenv/pyenv/blob/master/COMMANDS.md#pyenv-local',
  matches: (path) => FILES.has(basename(path)),
  collect(files): CollectorResult {
    const results = files.map((file) => extractPythonVersion(file, 'python-version'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
