import { collectEach, isFileNamed, readJson } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractPackagesLock } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  emits: ['dependencies'],
  files: ['**/packages.lock.json'],
  spec: 'https://learn.microsoft.com/en-us/nuget/consume-packages/package-references-in-project-files#locking-dependencies',
  matches: (path) => isFileNamed(path, 'packages.lock.json'),
  collect: (files) =>
    collectEach(COLLECTOR_ID, files, (path, text) => extractPackagesLock(path, readJson(text))),
};
