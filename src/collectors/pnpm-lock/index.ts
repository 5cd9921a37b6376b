import { collectEach, isFileNamed } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractPnpmLock } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/pnpm-lock.yaml'],
  spec: 'https://pnpm.io/lockfile-format',
  matches: (path) => isFileNamed(path, 'pnpm-lock.yaml') && !path.includes('node_modules/'),
  collect: (files) => collectEach(COLLECTOR_ID, files, extractPnpmLock),
};
