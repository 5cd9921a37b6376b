import { isPackageJson } from '../npm-package-json.ts';
import { collectEach } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractPackageJson } from './extract.ts';
import { workspaceMembers } from './workspaces.ts';

function collect(files: FileInput[]): CollectorResult {
  const small = files.filter((f) => f.content.length <= DEFAULT_BUDGET.maxBytes);
  const members = workspaceMembers(small.map((f) => ({ path: f.path, text: f.content.toString('utf8') })));
  return collectEach(COLLECTOR_ID, files, (path, text) => extractPackageJson(path, text, members));
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 3,
  emits: ['dependencies', 'runtimes'],
  files: ['**/package.json'],
  spec: 'https://docs.npmjs.com/cli/configuring-npm/package-json',
  matches: isPackageJson,
  collect,
};
