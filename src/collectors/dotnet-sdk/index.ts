import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractGlobalJson } from './extract.ts';

export const collector: FileCollector = {
  id: 'dotnet-sdk',
  version: 1,
  matches: (path) => basename(path) === 'global.json',
  collect(files): CollectorResult {
    const results = files.map((file) => extractGlobalJson(file, 'dotnet-sdk'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
