import { describe, expect, it } from 'vitest';
import { findCodeownersFile, ownersOf, parseCodeowners, ruleFor } from './parse.ts';

const FILE = `# Default owners
*       @acme/platform
*.js    @js-owner   # inline comment
/docs/  docs@example.com @acme/writers
/docs/generated/
apps/   @octocat
!keep   @someone
/bad/   not-an-owner
/api/   @acme/api-team @bob-1
`;

describe('parseCodeowners', () => {
  const co = parseCodeowners(FILE, 'CODEOWNERS');

  it('reports bad lines and keeps the others', () => {
    expect(co.rules.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 9]);
    expect(co.diagnostics.map((d) => d.message)).toEqual([
      'line 7: pattern !keep: negation (!) is not supported',
      'line 8: invalid owner not-an-owner',
    ]);
    expect(co.diagnostics[0]).toMatchObject({
      path: 'CODEOWNERS',
      collector: 'codeowners',
      severity: 'warning',
    });
  });

  it('lets the last matching rule win', () => {
    expect(ownersOf(co, 'README.md').map((o) => o.value)).toEqual(['@acme/platform']);
    expect(ownersOf(co, 'src/index.js').map((o) => o.value)).toEqual(['@js-owner']);
    expect(ownersOf(co, 'docs/app.js')).toEqual([
      { kind: 'email', value: 'docs@example.com' },
      { kind: 'team', value: '@acme/writers' },
    ]);
    expect(ownersOf(co, 'docs/generated/ref.md')).toEqual([]);
    expect(ruleFor(co, 'docs/generated/ref.md')?.line).toBe(5);
    expect(ownersOf(co, 'lib/apps/x.ts').map((o) => o.value)).toEqual(['@octocat']);
    expect(ownersOf(co, 'api/v1.ts').map((o) => o.kind)).toEqual(['team', 'user']);
  });

  it('finds no owner when nothing matches', () => {
    const only = parseCodeowners('/src/ @a\n');
    expect(ruleFor(only, 'test/x.ts')).toBeNull();
    expect(ownersOf(only, 'test/x.ts')).toEqual([]);
  });
});

describe('findCodeownersFile', () => {
  it('uses GitHub lookup order', () => {
    expect(findCodeownersFile(['docs/CODEOWNERS', 'CODEOWNERS', '.github/CODEOWNERS'])).toBe(
      '.github/CODEOWNERS',
    );
    expect(findCodeownersFile(['docs/CODEOWNERS', 'CODEOWNERS'])).toBe('CODEOWNERS');
    expect(findCodeownersFile(['docs/CODEOWNERS'])).toBe('docs/CODEOWNERS');
    expect(findCodeownersFile(['src/CODEOWNERS'])).toBeNull();
  });
});
