import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractCompose } from './extract.ts';

/** `docker-compose.yml`, `docker-compose.prod.yaml`, `compose.yaml`, `compose.override.yml`. */
function isComposeFile(path: string): boolean {
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(basename(path));
}

export const collector: FileCollector = {
  id: 'compose',
  version: 2,
  emits: ['images'],
  files: ['**/{docker-,}compose{,[.-]*}.{yml,yaml}'],
  spec: 'https://github.com/compose-spec/compose-spec/blob/main/spec.md',
  matches: isComposeFile,
  collect(files): CollectorResult {
    const results = files.map((file) => extractCompose(file, 'compose'));
    return {
      images: results.flatMap((r) => r.images ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
