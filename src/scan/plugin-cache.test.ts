import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { cachedDeclarations, pluginsFingerprint } from './plugin-cache.ts';
import type { PluginDeclaration } from './plugins.ts';

const dir = tempDir('cto-plugin-cache-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the fingerprint changes when a plugin file or the selection changes, not otherwise', () => {
  const folder = join(dir, 'plugins');
  mkdirSync(join(folder, 'npm-lock'), { recursive: true });
  const file = join(folder, 'npm-lock', 'index.ts');
  writeFileSync(file, 'export const version = 1;\n');
  utimesSync(file, 1_000, 1_000);
  const first = pluginsFingerprint('(all)', [folder]);
  expect(pluginsFingerprint('(all)', [folder])).toBe(first);
  expect(pluginsFingerprint('languages', [folder])).not.toBe(first);
  writeFileSync(file, 'export const version = 2;\n'); // same size, new time
  expect(pluginsFingerprint('(all)', [folder])).not.toBe(first);
  utimesSync(file, 1_000, 1_000);
  expect(pluginsFingerprint('(all)', [folder])).not.toBe(first); // the change time moved all the same
  writeFileSync(join(folder, 'npm-lock', 'extract.ts'), '\n');
  utimesSync(file, 1_000, 1_000);
  expect(pluginsFingerprint('(all)', [folder])).not.toBe(first);
});

test('declarations are loaded once per fingerprint and kept in the file; a bad file is loaded over', async () => {
  const file = join(dir, '.cto', 'plugins.json');
  const declared: PluginDeclaration[] = [
    { kind: 'collector', id: 'npm-lock', version: 2, area: null, reads: [], after: [] },
    { kind: 'analysis', id: 'knowledge', version: 2, area: 'team-knowledge', reads: ['teams'], after: [] },
  ];
  let loads = 0;
  const load = async () => {
    loads++;
    return declared;
  };
  expect(await cachedDeclarations(file, 'a', load)).toEqual(declared);
  expect(await cachedDeclarations(file, 'a', load)).toEqual(declared);
  expect(loads).toBe(1);
  expect(JSON.parse(readFileSync(file, 'utf8')).fingerprint).toBe('a');
  expect(await cachedDeclarations(file, 'b', load)).toEqual(declared);
  expect(loads).toBe(2);
  writeFileSync(file, '{"fingerprint":"b","declarations":[{"kind":"other"}]}');
  expect(await cachedDeclarations(file, 'b', load)).toEqual(declared);
  expect(loads).toBe(3);
});
