import { describe, expect, test } from 'vitest';
import { CtoError } from '../errors.ts';
import { parseYamlText } from '../office/yaml-file.ts';
import { configSchema } from '../workspace.ts';
import { ageDays, rankProblems, scoreProblem } from './score.ts';
import type { Problem } from './types.ts';

const TODAY = '2026-12-06';

function problem(over: Partial<Problem> & { key: string }): Problem {
  return {
    kind: 'vulnerability',
    area: 'infrastructure-security',
    repository: 'app',
    subject: 'npm/x',
    title: over.key,
    severity: 'high',
    exposure: 'runtime',
    direct: true,
    since: null,
    owner: 'unassigned',
    action: '',
    occurrences: [],
    aliases: [],
    evidence: {},
    ...over,
  };
}

const keys = (ps: Problem[]) => ps.map((p) => p.key);

describe('risk score', () => {
  test('a shipped problem ranks above a development-only one of the same severity, and above a development critical', () => {
    const ranked = rankProblems(
      [
        problem({ key: 'dev-high', exposure: 'development' }),
        problem({ key: 'dev-critical', exposure: 'development', severity: 'critical' }),
        problem({ key: 'runtime-high', exposure: 'runtime' }),
        problem({ key: 'test-critical', exposure: 'test', severity: 'critical' }),
      ],
      TODAY,
    );
    expect(keys(ranked)).toEqual(['runtime-high', 'dev-critical', 'test-critical', 'dev-high']);
    expect(ranked.map((p) => p.score)).toEqual([7, 2.5, 2, 1.75]);
  });

  test('the formula: severity × exposure × reachability × age, the age factor capped', () => {
    const shipped = problem({ key: 'a', direct: false, since: '2025-12-06' });
    // high 7 × runtime 1 × transitive runtime 0.8 × (1 + 0.5 × 365/365)
    expect(scoreProblem(shipped, TODAY)).toBe(8.4);
    expect(scoreProblem({ ...shipped, since: '2016-01-01' }, TODAY)).toBe(8.4);
    expect(scoreProblem({ ...shipped, since: '2026-06-07' }, TODAY)).toBe(7); // 182 days: 5.6 × 1.249
    expect(scoreProblem({ ...shipped, since: null }, TODAY)).toBe(5.6);
    expect(scoreProblem({ ...shipped, since: '2027-01-01' }, TODAY)).toBe(5.6);
    expect(scoreProblem({ ...shipped, direct: null }, TODAY)).toBe(10.5);
    expect(ageDays('2026-12-01', TODAY)).toBe(5);
  });

  test('ties are broken by owner team, then repository, then key, whatever the input order', () => {
    const tied = [
      problem({ key: 'k2', owner: 'web', repository: 'b' }),
      problem({ key: 'k1', owner: 'web', repository: 'b' }),
      problem({ key: 'k3', owner: 'web', repository: 'a' }),
      problem({ key: 'k4', owner: 'api', repository: 'z' }),
    ];
    const expected = ['k4', 'k3', 'k1', 'k2'];
    expect(keys(rankProblems(tied, TODAY))).toEqual(expected);
    expect(keys(rankProblems([...tied].reverse(), TODAY))).toEqual(expected);
    expect(keys(rankProblems([tied[2]!, tied[0]!, tied[3]!, tied[1]!], TODAY))).toEqual(expected);
  });

  test('weights from cto.yaml change the order', () => {
    const ps = [
      problem({ key: 'runtime-high', exposure: 'runtime' }),
      problem({ key: 'dev-critical', exposure: 'development', severity: 'critical' }),
    ];
    expect(keys(rankProblems(ps, TODAY))).toEqual(['runtime-high', 'dev-critical']);
    const config = parseYamlText('risk:\n  exposure:\n    development: 1\n', configSchema, 'cto.yaml').risk;
    expect(keys(rankProblems(ps, TODAY, config))).toEqual(['dev-critical', 'runtime-high']);
  });

  test('a misspelt key in the risk section is an error naming it', () => {
    let error: unknown;
    try {
      parseYamlText('risk:\n  exposure:\n    developement: 1\n', configSchema, 'cto.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CtoError);
    expect((error as CtoError).code).toBe('CONFIG_INVALID');
    expect((error as CtoError).message).toMatch(/^cto\.yaml:3: risk\.exposure\.developement: unknown key/);
    expect(() => parseYamlText('risk:\n  weights: {}\n', configSchema, 'cto.yaml')).toThrow(/risk\.weights/);
  });
});
