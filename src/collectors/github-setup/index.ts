import type { CollectorResult, FileCollector } from '../types.ts';
import { extractSetupVersions } from './extract.ts';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;

export const collector: FileCollector = {
  id: 'github-setup',
  version: 2,
  emits: ['runtimes'],
  files: ['.github/workflows/*.{yml,yaml}'],
  spec: 'https://github.com/actions/setup-node#usage',
  matches: (path) => WORKFLOW.test(path),
  collect(files): CollectorResult {
    const results = files.map((f) => extractSetupVersions(f, 'github-setup'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
