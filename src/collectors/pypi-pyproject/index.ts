import { collectEach } from '../read-input.ts';
import type { FileCollector } from '../types.ts';
import { COLLECTOR_ID, extractPyproject } from './extract.ts';

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  matches: (path) => path === 'pyproject.toml' || path.endsWith('/pyproject.toml'),
  collect: (files) => collectEach(COLLECTOR_ID, files, extractPyproject),
};
