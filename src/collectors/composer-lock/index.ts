import { posix } from 'node:path';
import { ComposerJson } from '../composer-json.ts';
import { readJson } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractComposerLock } from './extract.ts';

const isName = (path: string, name: string) => path === name || path.endsWith(`/${name}`);

/** Names composer.json requires (either section), lower-cased; empty when unreadable. */
function required(file: FileInput | undefined): Set<string> {
  if (!file || file.content.length > DEFAULT_BUDGET.maxBytes) return new Set();
  try {
    const json = ComposerJson.parse(readJson(file.content.toString('utf8')));
    return new Set(Object.keys({ ...json.require, ...json['require-dev'] }).map((n) => n.toLowerCase()));
  } catch {
    return new Set();
  }
}

function collect(files: FileInput[]): CollectorResult {
  const result: Required<Pick<CollectorResult, 'dependencies' | 'diagnostics'>> = {
    dependencies: [],
    diagnostics: [],
  };
  const manifests = new Map(
    files.filter((f) => isName(f.path, 'composer.json')).map((f) => [posix.dirname(f.path), f]),
  );
  for (const { path, content } of files.filter((f) => isName(f.path, 'composer.lock'))) {
    const fail = (code: string, message: string) =>
      result.diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      fail('too-large', `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`);
      continue;
    }
    try {
      const json = readJson(content.toString('utf8'));
      const found = extractComposerLock(path, json, required(manifests.get(posix.dirname(path))));
      result.dependencies.push(...found.dependencies);
      result.diagnostics.push(...found.diagnostics);
    } catch (error) {
      fail('parse-error', `not a readable composer.lock: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/composer.lock', '**/composer.json'],
  spec: 'https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control',
  matches: (path) => isName(path, 'composer.lock') || isName(path, 'composer.json'),
  collect,
};
