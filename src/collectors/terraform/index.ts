import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractTerraform } from './extract.ts';

export const collector: FileCollector = {
  id: 'terraform',
  version: 3,
  emits: ['runtimes', 'images'],
  files: ['**/*.tf', '**/.terraform.lock.hcl'],
  spec: 'https://developer.hashicorp.com/terraform/language',
  matches: (path) => path.endsWith('.tf') || basename(path) === '.terraform.lock.hcl',
  collect(files): CollectorResult {
    const results = files.map((file) => extractTerraform(file, 'terraform'));
    return {
      runtimes: results.flatMap((r) => r.runtimes ?? []),
      images: results.flatMap((r) => r.images ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
