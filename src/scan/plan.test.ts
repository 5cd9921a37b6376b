import { expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import type { PluginRun } from '../store/snapshot-plugins.ts';
import { sameCommitRerun } from './plan.ts';

const nothing = async () => ({ metrics: [], findings: [] });
const analyses = [
  fakeAnalysis('a', nothing),
  fakeAnalysis('b', nothing, { after: ['a'] }),
  fakeAnalysis('c', nothing, { after: ['b'] }),
  fakeAnalysis('d', nothing),
];
const run = (kind: PluginRun['kind'], id: string, version = 1, inputs: string | null = null): PluginRun => ({
  kind,
  id,
  version,
  area: null,
  inputs,
});
const recorded = [run('collector', 'npm'), ...analyses.map((a) => run('analysis', a.id))];

test('the same plugins, or fewer analyses than made the snapshot, change nothing', () => {
  expect(sameCommitRerun(recorded, { runs: recorded, analyses })).toBeNull();
  const fewer = analyses.slice(0, 2);
  expect(
    sameCommitRerun(recorded, {
      runs: [recorded[0] as PluginRun, ...fewer.map((a) => run('analysis', a.id))],
      analyses: fewer,
    }),
  ).toBeNull();
});

test('a changed analysis runs again with every analysis that reads it, transitively; the others are kept', () => {
  const runs = recorded.map((r) => (r.id === 'a' ? run('analysis', 'a', 1, 'teams changed') : r));
  expect(sameCommitRerun(recorded, { runs, analyses })).toEqual({ keep: ['d'] });
  const newOne = [...recorded, run('analysis', 'e')];
  const withE = [...analyses, fakeAnalysis('e', nothing)];
  expect(sameCommitRerun(recorded, { runs: newOne, analyses: withE })).toEqual({
    keep: ['a', 'b', 'c', 'd'],
  });
});

test('a collector added, removed or at another version runs everything again', () => {
  const analysesOnly = recorded.filter((r) => r.kind === 'analysis');
  for (const collectors of [
    [run('collector', 'npm', 2)],
    [],
    [run('collector', 'npm'), run('collector', 'pypi')],
  ])
    expect(sameCommitRerun(recorded, { runs: [...collectors, ...analysesOnly], analyses })).toEqual({
      keep: [],
    });
});
