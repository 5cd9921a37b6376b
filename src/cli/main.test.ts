import { expect, test } from 'vitest';
import { buildProgram, commandName } from './main.ts';

test('the command named on the command line is found past global options and their values', () => {
  expect(commandName(['scan', '.'])).toBe('scan');
  expect(commandName(['--workspace', 'scan', 'repos'])).toBe('repos');
  expect(commandName(['-w', '/tmp/x', '--debug', 'sql', 'select 1'])).toBe('sql');
  expect(commandName(['--db', 'postgres://h/db', 'report', '--pdf'])).toBe('report');
  expect(commandName(['--help'])).toBeNull();
  expect(commandName(['frobnicate'])).toBeNull();
});

test('only the named command is loaded; without one, every command is there for help', async () => {
  const one = await buildProgram(['repos']);
  expect(one.commands.map((c) => c.name())).toEqual(['repos']);
  const all = await buildProgram(['--help']);
  expect(all.commands.map((c) => c.name())).toEqual(
    expect.arrayContaining(['scan', 'repos', 'sql', 'report', 'knowledge', 'vulns', 'delivery']),
  );
  // The version alone loads none; with anything else, help may be asked for: all of them.
  expect((await buildProgram(['--version'])).commands).toEqual([]);
  expect((await buildProgram(['-V'])).commands).toEqual([]);
  expect((await buildProgram(['-V', 'frobnicate'])).commands.length).toBeGreaterThan(20);
});
