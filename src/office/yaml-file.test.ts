import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { CtoError } from '../errors.ts';
import { configSchema, loadWorkspace } from '../workspace.ts';
import { parseYamlText } from './yaml-file.ts';

afterAll(cleanupTemp);

function failure(fn: () => unknown): CtoError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CtoError) return e;
    throw e;
  }
  throw new Error('expected a CtoError');
}

describe('cto.yaml is validated strictly, with line and key path', () => {
  test('a misspelt section names its line and the key meant', () => {
    const text = 'scan:\n  depth: 3\n\nlicenses:\n  deny: [GPL-3.0-only]\n';
    const e = failure(() => parseYamlText(text, configSchema, 'cto.yaml'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe('cto.yaml:4: licenses: unknown key (did you mean "licences"?)');
  });

  test('a misspelt key inside a section names its full path', () => {
    const text = 'delivery:\n  tagPattern: "^v(?<version>.*)$"\n  patchWindow: 3\n';
    const e = failure(() => parseYamlText(text, configSchema, 'cto.yaml'));
    expect(e.message).toBe('cto.yaml:3: delivery.patchWindow: unknown key (did you mean "patchWindowDays"?)');
  });

  test('a wrong type names the value line; an unknown key far from any lists the known ones', () => {
    const bad = failure(() => parseYamlText('scan:\n  jobs: many\n', configSchema, 'cto.yaml'));
    expect(bad.message).toMatch(/^cto\.yaml:2: scan\.jobs: .*number/);
    const far = failure(() => parseYamlText('hotspots:\n  zzzzzz: 1\n', configSchema, 'cto.yaml'));
    expect(far.message).toBe('cto.yaml:2: hotspots.zzzzzz: unknown key (known: exclude, defaults)');
  });

  test('YAML syntax errors give the line', () => {
    const e = failure(() => parseYamlText('scan:\n  depth: [1, 2\n', configSchema, 'cto.yaml'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/^cto\.yaml:\d+: /);
  });

  test('every documented section is accepted', () => {
    const text = [
      'db: .cto/other.db',
      'scan: { depth: 2, jobs: 1, maxFileSize: 1MiB, analyses: [languages] }',
      'delivery: { patchWindowDays: 7 }',
      'hotspots: { exclude: ["docs/**"], defaults: false }',
      'licences: { allow: [MIT], deny: [GPL-3.0-only] }',
      'eol: { windowMonths: 3 }',
      'people: { bots: ["^ci "] }',
    ].join('\n');
    expect(parseYamlText(text, configSchema, 'cto.yaml').eol?.windowMonths).toBe(3);
  });
});

describe('office files are checked when the workspace loads', () => {
  test('teams.yaml: an unknown key in a team names its line and path', () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'teams.yaml'), 'teams:\n  - name: Web\n    member: [ada]\n');
    const e = failure(() => loadWorkspace(ws));
    expect(e.message).toBe('teams.yaml:3: teams.0.member: unknown key (did you mean "members"?)');
  });

  test('people.yaml: a bad regular expression is named with its line', () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'people.yaml'), 'bots:\n  - "^ci "\n  - "("\n');
    const e = failure(() => loadWorkspace(ws));
    expect(e.message).toMatch(/^people\.yaml:3: bots\.1: not a valid regular expression/);
  });

  test('cto scan stops with exit 2 before scanning anything', () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'cto.yaml'), 'licenses:\n  deny: [GPL-3.0-only]\n');
    const repo = join(tempDir(), 'r');
    mkdirSync(repo);
    buildRepo(repo, [{ files: { 'a.txt': 'a\n' } }]);
    const r = cto(['scan', repo, '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cto\.yaml:1: licenses: unknown key \(did you mean "licences"\?\)/);
    expect(existsSync(join(ws, '.cto'))).toBe(false);
  });
});
