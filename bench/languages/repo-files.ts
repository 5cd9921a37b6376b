// Reads the tracked files of a local checkout (a benchmark's own clone, not scanned input) and runs
// the classifier and the line counter over them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, countLines, parseGitattributes } from '../../src/analyses/languages/index.ts';

export interface RepoFile {
  path: string;
  content: Buffer;
}

export interface FileResult {
  path: string;
  language: string | null;
  category: string;
  detectable: boolean;
  code: number;
  comment: number;
  blank: number;
}

/** Regular files of the checkout's HEAD as `git ls-files` lists them (no symlinks, no submodules). */
export function readTrackedFiles(dir: string): RepoFile[] {
  const out = execFileSync('git', ['-C', dir, 'ls-files', '-s', '-z'], { maxBuffer: 1 << 28 }).toString(
    'utf8',
  );
  const files: RepoFile[] = [];
  for (const entry of out.split('\0')) {
    if (entry === '') continue;
    const tab = entry.indexOf('\t');
    const mode = entry.slice(0, 6);
    if (mode !== '100644' && mode !== '100755') continue;
    const path = entry.slice(tab + 1);
    files.push({ path, content: readFileSync(join(dir, path)) });
  }
  return files;
}

/** Classifies and counts every file, honouring the repository's .gitattributes files. */
export function analyseFiles(files: RepoFile[]): FileResult[] {
  const attributeFiles = files
    .filter((f) => f.path === '.gitattributes' || f.path.endsWith('/.gitattributes'))
    .map((f) => ({ path: f.path, content: f.content.toString('utf8') }));
  const matcher = parseGitattributes(attributeFiles);
  return files.map((f) => {
    const c = classify(f.path, f.content, matcher.attributesFor(f.path));
    return { path: f.path, ...c, ...countLines(f.content, c.language) };
  });
}
