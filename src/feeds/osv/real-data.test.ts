// Range evaluation against the real OSV data in /work/shared/data: the `versions` lists osv.dev
// publishes must fall in the ranges, and other known versions of the package must not.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rangeAgreement } from './agreement.ts';
import { importOsvZip } from './import.ts';
import { buildOsvIndex } from './osv-index.ts';

const DATA = '/work/shared/data/osv';
const ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'RubyGems', 'Packagist', 'NuGet'];

describe.skipIf(!existsSync(DATA))('OSV ranges agree with published versions lists', () => {
  for (const ecosystem of ECOSYSTEMS) {
    it(`${ecosystem}: at least 99% agreement, every listed version readable`, async () => {
      const feed = await importOsvZip(`${DATA}/${ecosystem}/all.zip`);
      expect(feed.problems).toEqual([]);
      const result = rangeAgreement(buildOsvIndex(feed.records), ecosystem);
      const rate = result.agreed / result.checked;
      console.log(
        `${ecosystem}: ${result.agreed}/${result.checked} agree (${(rate * 100).toFixed(2)}%); first disagreements:`,
        result.disagreements
          .slice(0, 3)
          .map((d) => `${d.id} ${d.package}@${d.version} expected ${d.expected}`),
      );
      expect(result.checked).toBeGreaterThan(0);
      expect(rate).toBeGreaterThanOrEqual(0.99);
      // PyPI's legacy versions (`0.1-bulbasaur`, `0.7.10p1`) included: 147 were unreadable before
      expect(result.unreadable).toBe(0);
    });
  }

  it('Go and crates.io import fully and count withdrawn records', async () => {
    for (const ecosystem of ['Go', 'crates.io']) {
      const feed = await importOsvZip(`${DATA}/${ecosystem}/all.zip`);
      expect(feed.problems).toEqual([]);
      const index = buildOsvIndex(feed.records);
      expect(index.withdrawnSkipped).toBeGreaterThan(0);
      const unreadable = [...index.byPackage.values()].flat().filter((e) => e.unreadableRanges > 0);
      expect(unreadable.length / index.byPackage.size).toBeLessThan(0.01);
    }
  });
});
