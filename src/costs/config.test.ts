import { describe, expect, test } from 'vitest';
import { CtoError } from '../errors.ts';
import { parseYamlText } from '../office/yaml-file.ts';
import { configSchema } from '../workspace.ts';

function problem(text: string): string {
  try {
    parseYamlText(text, configSchema, 'cto.yaml');
  } catch (e) {
    if (e instanceof CtoError && e.code === 'CONFIG_INVALID') return e.message;
    throw e;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('the costs section of cto.yaml', () => {
  test('allocation rules and a default are read', () => {
    const config = parseYamlText(
      'costs:\n  rules:\n    - tag: application\n      repository: "{value}"\n    - service: [Support]\n      share: headcount\n  default:\n    team: platform\n',
      configSchema,
      'cto.yaml',
    );
    expect(config.costs?.rules).toEqual([
      { tag: 'application', repository: '{value}' },
      { service: ['Support'], share: 'headcount' },
    ]);
    expect(config.costs?.default).toEqual({ team: 'platform' });
  });

  test('a misspelt key, a rule matching nothing or allocating nothing, and a bad share key name the line', () => {
    expect(problem('costs:\n  rules:\n    - tags: application\n      team: x\n')).toBe(
      'cto.yaml:3: costs.rules.0.tags: unknown key (did you mean "tag"?)',
    );
    expect(problem('costs:\n  rules:\n    - team: x\n')).toMatch(
      /^cto\.yaml:3: costs\.rules\.0: a rule needs at least one of tag/,
    );
    expect(problem('costs:\n  rules:\n    - tag: a\n')).toMatch(
      /a rule needs at least one of team, repository, technology, share/,
    );
    expect(problem('costs:\n  rules:\n    - tag: a\n      share: by-size\n')).toMatch(
      /^cto\.yaml:4: costs\.rules\.0\.share/,
    );
    expect(problem('costs:\n  rules:\n    - service: S3\n      team: "{value}"\n')).toMatch(
      /\{value\} needs tag/,
    );
    expect(problem('costs:\n  default:\n    teams: x\n')).toMatch(/costs\.default\.teams: unknown key/);
  });
});
