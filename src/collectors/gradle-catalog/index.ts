import { collectEach } from '../read-input.ts';
import { DEFAULT_BUDGET, type FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractCatalog } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) => /(^|\/)gradle\/[^/]+\.versions\.toml$/.test(path),
  collect: (files) =>
    collectEach(COLLECTOR_ID, files, (path, text) => extractCatalog(path, text, DEFAULT_BUDGET.maxDepth)),
};
