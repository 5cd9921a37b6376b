import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractGlobalJson } from './extract.ts';

export const collector: FileCollector = {
  id: 'dotnet-sdk',
  version: 2,
  emits: ['runtimes'],
  files: ['**/global.json'],
  spec: 'https://learn.microsoft.com/en-us/dotnet/core/tools/global-json',
  matches: (path) => basename(path) === 'global.json',
  collect(files): CollectorResult {
    const results = files.map((file) => extractGlobalJson(file, 'dotnet-sdk'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
