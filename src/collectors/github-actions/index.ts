import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractActions } from './extract.ts';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /^action\.ya?ml$/;

export const collector: FileCollector = {
  id: 'github-actions',
  version: 2,
  emits: ['images'],
  files: ['.github/workflows/*.{yml,yaml}', '**/action.{yml,yaml}'],
  spec: 'https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax',
  matches: (path) => WORKFLOW.test(path) || ACTION.test(basename(path)),
  collect(files): CollectorResult {
    const results = files.map((f) => extractActions(f, 'github-actions', ACTION.test(basename(f.path))));
    return {
      images: results.flatMap((r) => r.images ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
