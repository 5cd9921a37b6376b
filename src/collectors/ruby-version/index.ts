import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractRubyVersion } from './extract.ts';

export const collector: FileCollector = {
  id: 'ruby-version',
  version: 2,
  emits: ['runtimes'],
  files: ['**/.ruby-version'],
  spec: 'https://github.com/rbenv/rbenv#choosing-the-ruby-version',
  matches: (path) => basename(path) === '.ruby-version',
  collect(files): CollectorResult {
    const results = files.map((file) => extractRubyVersion(file, 'ruby-version'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
