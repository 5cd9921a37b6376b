// A repository whose delivery figures are known by construction (see docs/metrics/delivery.md).
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  type TagSpec,
} from '../../../test/helpers/repo-builder.ts';

const BOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };

export const COMMITS: CommitSpec[] = [
  { author: ADA, date: '2024-01-01T00:00:00Z', message: 'init', files: { a: '1\n' } }, // 0 -> v1.0.0, lead 2 d
  { author: BOB, date: '2024-01-03T00:00:00Z', message: 'feat a', files: { a: '1\n2\n' } }, // 1 -> v1.0.0, 0 d
  {
    author: CY,
    date: '2024-01-05T00:00:00Z',
    message: 'feat b',
    files: { b: 'x\n' },
    branch: 'topic',
    from: 1,
  }, // 2 -> v1.1.0, 5 d
  { author: ADA, date: '2024-01-06T00:00:00Z', message: 'fix c', files: { c: 'c\n' } }, // 3 -> v1.1.0, 4 d
  { author: ADA, date: '2024-01-08T00:00:00Z', message: 'merge topic', merge: [2] }, // 4 merge, no lead time
  { author: BOB, date: '2024-01-12T00:00:00Z', message: 'Revert "fix c"', files: { c: null } }, // 5 -> v1.1.1, 0 d
  { author: BOT, date: '2024-01-20T00:00:00Z', message: 'bump dep', files: { d: 'd\n' } }, // 6 -> v2.0.0, 12 d
  { author: ADA, date: '2024-02-01T00:00:00Z', message: 'feat e', files: { e: 'e\n' } }, // 7 -> v2.0.0, 0 d
  { author: ADA, date: '2024-02-20T00:00:00Z', message: 'wip 1', files: { f: 'f\n' } }, // 8 unreleased, 10 d old
  { author: BOB, date: '2024-03-01T00:00:00Z', message: 'wip 2', files: { g: 'g\n' } }, // 9 unreleased, head
];

export const TAGS: TagSpec[] = [
  { name: 'v1.0.0', at: 1 },
  { name: 'v1.1.0', at: 4, message: 'release 1.1.0', date: '2024-01-10T00:00:00Z' },
  { name: 'v1.1.1', at: 5 },
  { name: 'v2.0.0-rc.1', at: 6 },
  { name: 'docs-2024', at: 6 },
  { name: 'v2.0.0', at: 7 },
  { name: 'nightly', at: 7 },
];

export function buildDeliveryRepo(dir: string): string {
  return buildRepo(dir, COMMITS, { tags: TAGS });
}
