// Analyses sit above the libraries they read: the store, the office files, the SBOM, people,
// licences, feeds and findings never import from src/analyses/ (only the scan, the commands and the
// report do).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { importSpecifiers, tsFiles } from '../../test/helpers/import-specifiers.ts';

const analyses = import.meta.dirname;
const src = dirname(analyses);
const BELOW = ['store', 'office', 'sbom', 'people', 'licences', 'feeds', 'findings', 'git', 'collectors'];

/** `file -> specifier` for each import of a file under `dir` that reaches into src/analyses/. */
function intoAnalyses(dir: string): string[] {
  return tsFiles(dir).flatMap((file) =>
    importSpecifiers(file, readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .filter((s) => !relative(analyses, resolve(dirname(file), s)).startsWith('..'))
      .map((s) => `${relative(src, file)} -> ${s}`),
  );
}

test.each(BELOW)('src/%s imports nothing from src/analyses/', (folder) => {
  expect(intoAnalyses(join(src, folder))).toEqual([]);
});
