import { collectEach, isFileNamed } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractPyproject } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 3,
  emits: ['dependencies', 'runtimes'],
  files: ['**/pyproject.toml'],
  spec: 'https://packaging.python.org/en/latest/specifications/pyproject-toml/',
  matches: (path) => isFileNamed(path, 'pyproject.toml'),
  collect: (files) => collectEach(COLLECTOR_ID, files, extractPyproject),
};
