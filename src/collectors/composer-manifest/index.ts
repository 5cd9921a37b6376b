import { collectEach, isFileNamed, readJson } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractComposerJson } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies', 'runtimes'],
  files: ['**/composer.json'],
  spec: 'https://getcomposer.org/doc/04-schema.md',
  matches: (path) => isFileNamed(path, 'composer.json'),
  collect: (files) =>
    collectEach(COLLECTOR_ID, files, (path, text) => extractComposerJson(path, readJson(text))),
};
