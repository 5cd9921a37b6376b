import { byFolder, collectEach, dirOf } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractGemfileLock } from './extract.ts';
import { gemfileScopes } from './gemfile.ts';

const isLock = (path: string) => /(^|\/)(Gemfile|gems\.rb)\.lock$|(^|\/)gems\.locked$/.test(path);
const isGemfile = (path: string) => /(^|\/)(Gemfile|gems\.rb)$/.test(path);

/** Lockfiles, plus the Gemfile beside each: its groups tell development and test gems apart. */
function collect(files: FileInput[]): CollectorResult {
  const gemfiles = byFolder(files, isGemfile);
  return collectEach(
    COLLECTOR_ID,
    files.filter((f) => isLock(f.path)),
    (path, text) => {
      const gemfile = gemfiles.get(dirOf(path));
      const usable = gemfile && gemfile.content.length <= DEFAULT_BUDGET.maxBytes;
      return extractGemfileLock(
        path,
        text,
        usable ? gemfileScopes(gemfile.content.toString('utf8')) : undefined,
      );
    },
  );
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 4,
  emits: ['dependencies', 'runtimes'],
  files: ['**/{Gemfile,gems.rb}.lock', '**/gems.locked', '**/{Gemfile,gems.rb}'],
  spec: 'https://bundler.io/guides/groups.html',
  matches: (path) => isLock(path) || isGemfile(path),
  collect,
};
