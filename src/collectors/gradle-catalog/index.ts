import { collectEach } from '../read-input.ts';
import { DEFAULT_BUDGET, type FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractCatalog } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  emits: ['dependencies'],
  files: ['**/gradle/*.versions.toml'],
  spec: 'https://docs.gradle.org/current/userguide/version_catalogs.html',
  matches: (path) => /(^|\/)gradle\/[^/]+\.versions\.toml$/.test(path),
  collect: (files) =>
    collectEach(COLLECTOR_ID, files, (path, text) => extractCatalog(path, text, DEFAULT_BUDGET.maxDepth)),
};
