import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractDockerfile } from './extract.ts';

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile` (any case); not `.dockerignore` files. */
function isDockerfile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.dockerignore') || name.endsWith('.containerignore')) return false;
  return /^(docker|container)file(\..+)?$/.test(name) || /\.(docker|container)file$/.test(name);
}

export const collector: FileCollector = {
  id: 'dockerfile',
  version: 3,
  emits: ['images'],
  files: ['**/{Dockerfile,Containerfile}{,.*}', '**/*.{Dockerfile,Containerfile}'],
  spec: 'https://docs.docker.com/reference/dockerfile/',
  matches: isDockerfile,
  collect(files): CollectorResult {
    const results = files.map((file) => extractDockerfile(file, 'dockerfile'));
    return {
      images: results.flatMap((r) => r.images ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
