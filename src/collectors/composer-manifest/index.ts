import { collectEach, readJson } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractComposerJson } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) => path === 'composer.json' || path.endsWith('/composer.json'),
  collect: (files) =>
    collectEach(COLLECTOR_ID, files, (path, text) => extractComposerJson(path, readJson(text))),
};
