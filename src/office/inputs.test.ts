import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { officeInputsHash } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'cto-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the hash changes with the office files and cto.yaml sections read, and only with them', () => {
  const ws = { dir, config: { licences: { deny: ['GPL-3.0-only'], allow: ['MIT'] }, delivery: {} } };
  expect(officeInputsHash([], ws)).toBeNull();
  const absent = officeInputsHash(['teams', 'config:licences'], ws);
  writeFileSync(join(dir, 'teams.yaml'), 'teams: []\n');
  const empty = officeInputsHash(['teams', 'config:licences'], ws);
  expect(empty).not.toBe(absent);
  writeFileSync(join(dir, 'teams.yaml'), 'teams: [{ name: web }]\n');
  const one = officeInputsHash(['teams', 'config:licences'], ws);
  expect(one).not.toBe(empty);
  // Order of inputs and of keys in a section do not matter; other sections and files do not count.
  const reordered = {
    ...ws,
    config: { delivery: { x: 1 }, licences: { allow: ['MIT'], deny: ['GPL-3.0-only'] } },
  };
  writeFileSync(join(dir, 'people.yaml'), 'people: {}\n');
  expect(officeInputsHash(['config:licences', 'teams'], reordered)).toBe(one);
  const other = { ...ws, config: { licences: { deny: [], allow: ['MIT'] } } };
  expect(officeInputsHash(['teams', 'config:licences'], other)).not.toBe(one);
});

test('risks.yaml is an office input: editing it changes the hash', () => {
  const ws = { dir, config: {} };
  const before = officeInputsHash(['risks'], ws);
  writeFileSync(join(dir, 'risks.yaml'), 'risks: []\n');
  const after = officeInputsHash(['risks'], ws);
  expect(after).not.toBe(before);
  writeFileSync(join(dir, 'risks.yaml'), 'risks:\n  - key: a\n    false-positive: { reason: b }\n');
  expect(officeInputsHash(['risks'], ws)).not.toBe(after);
});
