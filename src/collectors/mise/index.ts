import { collectEach } from '../read-input.ts';
import type { CollectorResult, FileCollector } from '../types.ts';
import { basename } from '../version-file.ts';
import { COLLECTOR_ID, extractMise } from './extract.ts';

const NAMES = new Set(['mise.toml', '.mise.toml', 'mise.local.toml', '.mise.local.toml']);

/** mise's config files: in the folder, or under `.config/` and `mise/` or `.mise/` (mise's own list). */
function isMiseConfig(path: string): boolean {
  if (NAMES.has(basename(path))) return true;
  return /(^|\/)\.config\/mise\.toml$/.test(path) || /(^|\/)(\.config\/)?\.?mise\/config\.toml$/.test(path);
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  emits: ['runtimes'],
  files: ['**/{,.}mise{,.local}.toml', '**/.config/mise.toml', '**/{,.config/}{,.}mise/config.toml'],
  spec: 'https://mise.jdx.dev/configuration.html',
  matches: isMiseConfig,
  collect(files): CollectorResult {
    const { runtimes, diagnostics } = collectEach(COLLECTOR_ID, files, extractMise);
    return { runtimes, diagnostics };
  },
};
