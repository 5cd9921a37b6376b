import { collectEach, isFileNamed } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractUvLock } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/uv.lock'],
  spec: 'https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile',
  matches: (path) => isFileNamed(path, 'uv.lock'),
  collect: (files) => collectEach(COLLECTOR_ID, files, extractUvLock),
};
