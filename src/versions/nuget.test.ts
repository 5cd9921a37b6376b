// NuGet order: NuGet.Client's VersionComparerTests cases and osv-scalibr's NuGet cases.
import { describe, expect, it } from 'vitest';
import { ascending, disagreements, type ExpectedPair } from '../../test/fixtures/versions/reference-pairs.ts';
import { isValidVersion } from './index.ts';

describe('NuGet version order (NuGet.Versioning)', () => {
  it("orders VersionComparerTests' equal and lesser pairs", () => {
    const list: ExpectedPair[] = [
      { a: '1.0.0', op: '=', b: '1.0.0' },
      { a: '1.0.0-BETA', op: '=', b: '1.0.0-beta' },
      { a: '1.0.0-BETA+AA', op: '=', b: '1.0.0-beta+aa' },
      { a: '1.0.0-BETA.X.y.5.77.0+AA', op: '=', b: '1.0.0-beta.x.y.5.77.0+aa' },
      { a: '0.0.0', op: '<', b: '1.0.0' },
      { a: '1.0.0', op: '<', b: '1.1.0' },
      { a: '1.0.0', op: '<', b: '1.0.1' },
      { a: '1.999.9999', op: '<', b: '2.1.1' },
      { a: '1.0.0-BETA', op: '<', b: '1.0.0-beta2' },
      { a: '1.0.0-beta+AA', op: '<', b: '1.0.0+aa' },
      { a: '1.0.0-BETA', op: '<', b: '1.0.0-beta.1+AA' },
      { a: '1.0.0-BETA.X.y.5.77.0+AA', op: '<', b: '1.0.0-beta.x.y.5.79.0+aa' },
      { a: '1.0.0-BETA.X.y.5.79.0+AA', op: '<', b: '1.0.0-beta.x.y.5.790.0+abc' },
    ];
    expect(disagreements('NuGet', list)).toEqual([]);
  });

  it('orders four-part versions, numeric labels below text labels', () => {
    const list = ascending([
      '1.0.0-1',
      ['1.0.0-alpha', '1.0.0-ALPHA'],
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      ['1.0.0', '1.0', '1', '1.0.0.0', '01.0.0'],
      '1.0.0.1',
      '1.0.1',
      '13.0.1',
    ]);
    expect(disagreements('NuGet', list)).toEqual([]);
    expect(isValidVersion('NuGet', '1.0.0.0.0')).toBe(false);
  });

  it('compares numbers of any length exactly', () => {
    const list: ExpectedPair[] = [
      { a: '1.2.99999999999999999999', op: '<', b: '1.2.100000000000000000000' },
      { a: '1.0.0-9007199254740992', op: '<', b: '1.0.0-9007199254740993' },
      { a: '1.0.0.9007199254740992', op: '<', b: '1.0.0.9007199254740993' },
    ];
    expect(disagreements('NuGet', list)).toEqual([]);
  });
});
