import { expect, test } from 'vitest';
import { groupPerRepository } from './finding-problems.ts';
import type { Problem } from './types.ts';

function finding(rule: string, repository: string, subject: string, over: Partial<Problem> = {}): Problem {
  return {
    key: `finding:knowledge:${rule}:${repository}:${subject}`,
    kind: `finding:knowledge:${rule}`,
    area: 'team-knowledge',
    repository,
    subject,
    title: `${subject}: ${rule}`,
    severity: 'medium',
    exposure: 'runtime',
    direct: null,
    since: null,
    owner: 'unassigned',
    action: 'Pair someone with the author.',
    occurrences: [{ path: subject, exposure: over.exposure ?? 'runtime' }],
    aliases: [],
    evidence: { people: [`${subject}@example.com`] },
    ...over,
  };
}

test('folders whose authors all left are one problem per repository, listing every folder', () => {
  const out = groupPerRepository([
    finding('folder-authors-inactive', 'axios', 'lib'),
    finding('folder-authors-inactive', 'axios', '.', { exposure: 'test' }),
    finding('folder-authors-inactive', 'axios', 'bin', { owner: 'web' }),
    finding('folder-authors-inactive', 'gin', 'render'),
    finding('truck-factor-one', 'axios', ''),
  ]);
  const axios = out.filter((p) => p.kind.endsWith('folder-authors-inactive') && p.repository === 'axios');
  expect(axios).toHaveLength(1);
  expect(axios[0]?.key).toBe('finding:knowledge:folder-authors-inactive:axios:');
  expect(axios[0]?.occurrences.map((o) => o.path)).toEqual(['.', 'bin', 'lib']);
  expect(axios[0]?.title).toBe(
    'Every author of 3 top-level folders has made no commit in the 365 days before the reference date: root files, bin, lib',
  );
  expect(axios[0]?.owner).toBe('web');
  expect(axios[0]?.evidence.people).toEqual(['.@example.com', 'bin@example.com', 'lib@example.com']);
  // Other repositories and other rules keep their own problems.
  expect(out.map((p) => p.key).sort()).toEqual([
    'finding:knowledge:folder-authors-inactive:axios:',
    'finding:knowledge:folder-authors-inactive:gin:',
    'finding:knowledge:truck-factor-one:axios:',
  ]);
});

test('a single part keeps its own title; the key has no subject, so a second part keeps the key', () => {
  const one = groupPerRepository([finding('single-author-hotspot', 'ripgrep', 'crates/core/main.rs')]);
  const two = groupPerRepository([
    finding('single-author-hotspot', 'ripgrep', 'crates/core/main.rs'),
    finding('single-author-hotspot', 'ripgrep', 'crates/ignore/src/walk.rs', { severity: 'high' }),
  ]);
  expect(one[0]?.title).toBe('crates/core/main.rs: single-author-hotspot');
  expect(one[0]?.key).toBe(two[0]?.key);
  expect(two).toHaveLength(1);
  expect(two[0]?.severity).toBe('high');
  expect(two[0]?.title).toBe(
    '2 of the most changed files have one author each: crates/core/main.rs, crates/ignore/src/walk.rs',
  );
});
