import { collectEach } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractGradleLockfile } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  emits: ['dependencies'],
  files: ['**/{buildscript-,}gradle.lockfile', '**/gradle/dependency-locks/*.lockfile'],
  spec: 'https://docs.gradle.org/current/userguide/dependency_locking.html',
  matches: (path) =>
    /(^|\/)(buildscript-)?gradle\.lockfile$/.test(path) ||
    /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/.test(path),
  collect: (files) => collectEach(COLLECTOR_ID, files, (path, text) => extractGradleLockfile(path, text)),
};
