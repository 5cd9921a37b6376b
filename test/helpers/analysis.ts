// A stand-in analysis for tests: an id, what it does, and the declarations a test cares about
// (the others empty, version 1, area technology strategy).
import type { Analysis } from '../../src/analyses/types.ts';

export function fakeAnalysis(
  id: string,
  run: Analysis['run'],
  declared: Partial<Omit<Analysis, 'id' | 'run'>> = {},
): Analysis {
  return {
    id,
    version: 1,
    area: 'technology-strategy',
    writes: [],
    metrics: [],
    rules: [],
    reads: [],
    ...declared,
    run,
  };
}
