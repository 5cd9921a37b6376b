import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractManifests } from './extract.ts';

/** YAML files that are known to be something else; everything else is decided by content. */
const NOT_MANIFESTS =
  /^(docker-)?compose([.-].*)?\.ya?ml$|^values.*\.ya?ml$|^(chart|requirements|action|mkdocs|serverless|pnpm-lock|pnpm-workspace|pubspec|environment|codecov|\.gitlab-ci|\.travis|\.pre-commit-config|\.golangci|\.yarnrc|dependabot|\.readthedocs|openapi|swagger|\.clang-format|\.rubocop)\.ya?ml$/i;

function isCandidateManifest(path: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  if (path.startsWith('.github/') || path.includes('/.github/') || path.startsWith('.circleci/'))
    return false;
  return !NOT_MANIFESTS.test(basename(path));
}

export const collector: FileCollector = {
  id: 'kubernetes',
  version: 2,
  emits: ['images'],
  files: ['**/*.{yml,yaml}'],
  spec: 'https://kubernetes.io/docs/concepts/containers/images/',
  matches: isCandidateManifest,
  collect(files): CollectorResult {
    const results = files.map((file) => extractManifests(file, 'kubernetes'));
    return {
      images: results.flatMap((r) => r.images ?? []),
      diagnostics: results.flatMap((r) => r.diagnostics),
    };
  },
};
