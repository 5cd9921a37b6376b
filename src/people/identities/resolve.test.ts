import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBot } from './bots.ts';
import { noreplyLogin } from './github.ts';
import { parseMailmap } from './mailmap.ts';
import { resolveIdentities } from './resolve.ts';

describe('noreplyLogin', () => {
  it('reads both GitHub no-reply forms', () => {
    expect(noreplyLogin('12345+Octo-Cat@users.noreply.github.com')).toBe('octo-cat');
    expect(noreplyLogin('octocat@users.noreply.github.com')).toBe('octocat');
    expect(noreplyLogin('octocat@github.com')).toBeNull();
  });
});

describe('isBot', () => {
  it('recognises known bots, [bot] suffixes and configured patterns', () => {
    expect(isBot('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com')).toBe(true);
    expect(isBot('Renovate Bot', 'bot@renovateapp.com')).toBe(false);
    expect(isBot('renovate', 'x@y')).toBe(true);
    expect(isBot('github-actions', '41898282+github-actions[bot]@users.noreply.github.com')).toBe(true);
    expect(isBot('CI Runner', 'ci@corp.example')).toBe(false);
    expect(isBot('CI Runner', 'ci@corp.example', [/^ci runner/])).toBe(true);
  });
});

describe('resolveIdentities', () => {
  it('merges by e-mail (any case), by name and by GitHub login', () => {
    const r = resolveIdentities([
      { name: 'Ada Lovelace', email: 'ada@example.com', commits: 5 },
      { name: 'ada', email: 'ADA@Example.com', commits: 1 },
      { name: 'Ada  Lovelace', email: 'ada@home.example', commits: 2 },
      { name: 'Bob', email: '1+bobby@users.noreply.github.com', commits: 1 },
      { name: 'Robert', email: 'bobby@users.noreply.github.com', commits: 3 },
      { name: 'José Silva', email: 'js@a.example' },
      { name: 'jose silva', email: 'js@b.example' },
    ]);
    expect(r.people).toHaveLength(3);
    const ada = r.people[0]!;
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      commits: 8,
      emails: ['ada@example.com', 'ada@home.example'],
    });
    const bob = r.people.find((p) => p.login === 'bobby')!;
    expect(bob).toMatchObject({ name: 'Robert', commits: 4 });
    expect(r.personOf({ name: 'x', email: 'js@b.example' })).toBe(
      r.personOf({ name: 'y', email: 'js@a.example' }),
    );
  });

  it('keeps same-name people apart when name merging is off', () => {
    const seen = [
      { name: 'Sam Smith', email: 'sam@a.example' },
      { name: 'Sam Smith', email: 'sam@b.example' },
    ];
    expect(resolveIdentities(seen).people).toHaveLength(1);
    expect(resolveIdentities(seen, { mergeByName: false }).people).toHaveLength(2);
  });

  it('never joins people by a one-word name', () => {
    const seen = [
      { name: 'Andrew', email: 'andrew@a.example' },
      { name: 'andrew', email: 'andrew@b.example' },
    ];
    expect(resolveIdentities(seen).people).toHaveLength(2);
  });

  it('applies the mailmap, aliases and flags bots', () => {
    const { mailmap } = parseMailmap('Cy Young <cy@example.com> <cy@laptop>\n');
    const r = resolveIdentities(
      [
        { name: 'cy', email: 'cy@laptop' },
        { name: 'Cy Young', email: 'cy@example.com' },
        { name: 'Dee', email: 'dee@a.example' },
        { name: 'D. Dee', email: 'dd@b.example' },
        { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
      ],
      {
        mailmap,
        mergeByName: false,
        aliases: [{ name: 'Dee Dee', emails: ['dee@a.example', 'dd@b.example'] }],
      },
    );
    expect(r.people.map((p) => p.name).sort()).toEqual(['Cy Young', 'Dee Dee', 'dependabot[bot]']);
    expect(r.people.filter((p) => p.bot).map((p) => p.login)).toEqual(['dependabot[bot]']);
  });

  it('gives the same ids whatever the input order', () => {
    const sig = fc.record({
      name: fc.constantFrom('Ada', 'ada', 'Bob', 'Cy', ''),
      email: fc.constantFrom('a@x', 'A@X', 'b@x', 'c@x', '7+cy@users.noreply.github.com', ''),
    });
    fc.assert(
      fc.property(fc.array(sig, { maxLength: 12 }), (sigs) => {
        const forward = resolveIdentities(sigs);
        const backward = resolveIdentities([...sigs].reverse());
        expect(forward.people.map((p) => p.id).sort()).toEqual(backward.people.map((p) => p.id).sort());
        for (const s of sigs) expect(forward.personOf(s)).toBe(backward.personOf(s));
      }),
    );
  });
});
