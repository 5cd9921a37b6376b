import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractToolVersions } from './extract.ts';

export const collector: FileCollector = {
  id: 'tool-versions',
  version: 2,
  emits: ['runtimes'],
  files: ['**/.tool-versions'],
  spec: 'https://asdf-vm.com/manage/configuration.html#tool-versions',
  matches: (path) => basename(path) === '.tool-versions',
  collect(files): CollectorResult {
    const results = files.map((file) => extractToolVersions(file, 'tool-versions'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
