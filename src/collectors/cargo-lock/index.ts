import { collectEach, isFileNamed } from '../read-input.ts';
import { DEFAULT_BUDGET, type FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractCargoLock } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/Cargo.lock'],
  spec: 'https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html',
  matches: (path) => isFileNamed(path, 'Cargo.lock'),
  collect: (files) =>
    collectEach(COLLECTOR_ID, files, (path, text) => extractCargoLock(path, text, DEFAULT_BUDGET.maxDepth)),
};
