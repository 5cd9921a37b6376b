import { collectEach, isFileNamed } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractGoMod } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 4,
  emits: ['dependencies', 'runtimes'],
  files: ['**/go.mod'],
  spec: 'https://go.dev/ref/mod#go-mod-file',
  matches: (path) => isFileNamed(path, 'go.mod'),
  collect: (files) => collectEach(COLLECTOR_ID, files, (path, text) => extractGoMod(path, text)),
};
