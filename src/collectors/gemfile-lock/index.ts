import { collectEach } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractGemfileLock } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 3,
  emits: ['dependencies', 'runtimes'],
  files: ['**/{Gemfile,gems.rb}.lock', '**/gems.locked'],
  spec: 'https://bundler.io/guides/rationale.html',
  matches: (path) => /(^|\/)(Gemfile|gems\.rb)\.lock$|(^|\/)gems\.locked$/.test(path),
  collect: (files) => collectEach(COLLECTOR_ID, files, (path, text) => extractGemfileLock(path, text)),
};
