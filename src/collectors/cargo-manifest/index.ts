import { isFileNamed } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, collectCargoManifests } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 3,
  emits: ['dependencies', 'runtimes'],
  files: ['**/Cargo.toml'],
  spec: 'https://doc.rust-lang.org/cargo/reference/manifest.html',
  matches: (path) => isFileNamed(path, 'Cargo.toml'),
  collect: collectCargoManifests,
};
