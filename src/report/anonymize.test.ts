import { expect, test } from 'vitest';
import { anonymizeJson } from './anonymize.ts';

test('people in text values become pseudonyms; keys stay, even when a person is called "Name"', () => {
  const doc = {
    title: 'Name and Ada Lovelace left; ada@example.com wrote it',
    series: [{ name: 'Name', values: [1] }],
    list: ['Ada Lovelace', 'Adam'],
  };
  const out = anonymizeJson(doc, ['Name', 'Ada Lovelace', 'ada@example.com']);
  expect(Object.keys(out)).toEqual(['title', 'series', 'list']);
  expect(Object.keys(out.series[0] ?? {})).toEqual(['name', 'values']);
  const name = out.series[0]?.name;
  expect(name).toMatch(/^person-[0-9a-f]{8}$/);
  expect(out.title).not.toMatch(/Name|Ada|ada@/);
  expect(out.title.startsWith(`${name} and person-`)).toBe(true);
  // A whole identity only: "Adam" is not "Ada".
  expect(out.list[1]).toBe('Adam');
  // Stable: the same identity, any case, gives the same pseudonym.
  expect(anonymizeJson({ a: 'name' }, ['Name']).a).toBe(name);
});
