import { expect, test } from 'vitest';
import type { Exposure } from '../collectors/types.ts';
import type { EolRow, EolStatus } from '../findings/eol/find.ts';
import { eolProblems } from './eol-problems.ts';

const owner = () => 'unassigned';

function node(cycle: string, status: EolStatus, path: string, exposure: Exposure): EolRow {
  return {
    repository: 'web',
    kind: 'runtime',
    subject: 'node',
    version: cycle,
    role: 'pin',
    paths: [path],
    exposure,
    places: [{ path, exposure, direct: null }],
    product: 'nodejs',
    cycle,
    admits: null,
    supportEnd: null,
    eol: status === 'past-eol' ? '2023-09-11' : false,
    runwayMonths: status === 'past-eol' ? -30 : 20,
    status,
  };
}

test('an end-of-life cycle only a CI matrix runs, beside a supported one, is a low compatibility test', () => {
  const problems = eolProblems(
    [
      node('16', 'past-eol', '.github/workflows/ci.yml', 'ci'),
      node('24', 'supported', '.github/workflows/ci.yml', 'ci'),
    ],
    owner,
    6,
  );
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({
    key: 'end-of-life:web:nodejs:16',
    severity: 'low',
    exposure: 'ci',
    title: 'CI still tests nodejs 16, past its end of life, beside supported cycles',
  });
});

test('a cycle still supported but ending within the window counts as the supported one beside it', () => {
  const problems = eolProblems(
    [
      node('18', 'past-eol', '.github/workflows/ci.yml', 'ci'),
      node('22', 'within-window', '.github/workflows/ci.yml', 'ci'),
    ],
    owner,
    6,
  );
  const by = Object.fromEntries(problems.map((p) => [p.key, p.severity]));
  // 18 is tested beside 22, still supported; 22 itself has nothing newer beside it.
  expect(by).toEqual({ 'end-of-life:web:nodejs:18': 'low', 'end-of-life:web:nodejs:22': 'medium' });
});

test('CI running only end-of-life cycles, or a pin the project ships, stays high', () => {
  const ciOnly = eolProblems([node('16', 'past-eol', '.github/workflows/ci.yml', 'ci')], owner, 6);
  expect(ciOnly[0]?.severity).toBe('high');
  const shipped = eolProblems(
    [
      node('16', 'past-eol', '.nvmrc', 'runtime'),
      node('16', 'past-eol', '.github/workflows/ci.yml', 'ci'),
      node('24', 'supported', '.github/workflows/ci.yml', 'ci'),
    ],
    owner,
    6,
  );
  expect(shipped).toHaveLength(1);
  expect(shipped[0]).toMatchObject({
    severity: 'high',
    exposure: 'runtime',
    title: 'nodejs 16 is past its end of life',
  });
});
