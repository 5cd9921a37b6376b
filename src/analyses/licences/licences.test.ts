import { describe, expect, test } from 'vitest';
import { normaliseLicence } from '../../licences/normalise.ts';
import { licenceOf } from '../../licences/package-licence.ts';
import { judge, policyFromConfig } from '../../licences/policy.ts';
import { mergePackages } from '../../sbom/packages.ts';
import type { DependencyRow } from '../../store/deps.ts';
import { licenceFindings, licenceMetrics } from './evaluate.ts';

describe('normaliseLicence', () => {
  test.each([
    ['MIT', 'MIT'],
    ['mit', 'MIT'],
    ['Apache 2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0'],
    ['MIT or Apache 2', 'MIT OR Apache-2.0'],
    ['MIT OR GPL-2.0 AND BSD-3-Clause', 'MIT OR (GPL-2.0 AND BSD-3-Clause)'],
    ['Apache-2.0 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception'],
  ])('%s -> %s', (raw, expected) => {
    expect(normaliseLicence(raw)).toEqual({ expression: expected, raw });
  });

  test.each([
    'BSD',
    'BSD License',
    'GPL',
    'LGPL',
    'UNLICENSED',
    'SEE LICENSE IN LICENSE.md',
    'Public Domain',
    'whatever',
  ])('%s stays unknown, its text kept', (raw) => {
    expect(normaliseLicence(raw)).toEqual({ expression: null, raw });
  });

  test('nothing stated is unknown with no text', () => {
    expect(normaliseLicence(null)).toEqual({ expression: null, raw: null });
    expect(normaliseLicence('  ')).toEqual({ expression: null, raw: null });
  });
});

describe('policy', () => {
  const policy = policyFromConfig({
    licences: {
      allow: ['MIT', 'Apache-2.0', 'BSD-3-Clause OR ISC'],
      deny: ['GPL-3.0-only', 'AGPL-3.0-or-later'],
    },
  });
  test('reads allow and deny lists, expressions as the licences they name', () => {
    expect(policy).toEqual({
      allow: ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'ISC'],
      deny: ['GPL-3.0-only', 'AGPL-3.0-or-later'],
    });
    expect(policyFromConfig({})).toBeNull();
  });

  test('rejects entries that are not SPDX expressions', () => {
    expect(() => policyFromConfig({ licences: { deny: ['not a licence'] } })).toThrow(/CONFIG_INVALID|SPDX/);
    expect(() => policyFromConfig({ licences: { allowed: ['MIT'] } })).toThrow();
  });

  test.each([
    ['MIT', 'allowed'],
    ['ISC', 'allowed'],
    ['GPL-3.0-only', 'denied'],
    ['MIT OR GPL-3.0-only', 'allowed'],
    ['MIT AND GPL-3.0-only', 'denied'],
    ['LGPL-2.1-only', 'not-allowed'],
    ['MIT AND LGPL-2.1-only', 'not-allowed'],
    [null, 'unknown'],
  ])('%s is %s', (expression, verdict) => {
    expect(judge(expression, policy!)).toBe(verdict);
  });

  test('a deny list alone allows everything else', () => {
    const denyOnly = policyFromConfig({ licences: { deny: ['GPL-2.0-or-later'] } })!;
    expect(judge('GPL-3.0-only', denyOnly)).toBe('denied');
    expect(judge('LGPL-2.1-only', denyOnly)).toBe('allowed');
  });
});

function row(
  name: string,
  version: string,
  license: string | null,
  manifestPath = 'package-lock.json',
): DependencyRow {
  return {
    snapshotId: 1,
    collector: 'npm-lock',
    ecosystem: 'npm',
    name,
    version,
    requirement: null,
    direct: true,
    scope: 'prod',
    exposure: 'runtime',
    manifestPath,
    license,
    source: null,
    parents: [],
  };
}

describe('findings and metrics', () => {
  const policy = policyFromConfig({ licences: { allow: ['MIT'], deny: ['GPL-3.0-only'] } });
  const packages = mergePackages([
    row('a', '1.0.0', 'MIT'),
    row('b', '1.0.0', 'GPL-3.0-only'),
    row('c', '1.0.0', 'ISC'),
    row('d', '1.0.0', null),
    row('e', '2.0.0', 'MIT'),
    row('e', '2.0.0', 'Apache-2.0', 'sub/package-lock.json'),
  ]);
  const licences = packages.map((p) => licenceOf(p, policy));

  test('denied is high, not allowed medium, unknown low; files that disagree make it unknown', () => {
    const findings = licenceFindings(licences);
    expect(findings.map((f) => [f.subject, f.rule, f.severity])).toEqual([
      ['pkg:npm/b', 'licence-denied', 'high'],
      ['pkg:npm/c', 'licence-not-allowed', 'medium'],
      ['pkg:npm/d', 'licence-unknown', 'low'],
      ['pkg:npm/e', 'licence-unknown', 'low'],
    ]);
    expect(findings[0]?.evidence?.files).toEqual(['package-lock.json']);
  });

  test('one package at two versions is one finding listing both', () => {
    const two = mergePackages([
      row('f', '1.0.0', 'BSD-3-Clause'),
      row('f', '2.0.0', 'BSD-3-Clause', 'sub/package-lock.json'),
    ]);
    const findings = licenceFindings(two.map((p) => licenceOf(p, policy)));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toMatchObject({
      packages: ['pkg:npm/f@1.0.0', 'pkg:npm/f@2.0.0'],
      files: ['package-lock.json', 'sub/package-lock.json'],
    });
    expect(findings[0]?.title).toBe('f 1.0.0, 2.0.0 (npm) has a licence not in the allow list: BSD-3-Clause');
  });

  test('no policy, no findings', () => {
    expect(licenceFindings(packages.map((p) => licenceOf(p, null)))).toEqual([]);
  });

  test('one metric per licence counting its packages', () => {
    const metrics = licenceMetrics(licences);
    expect(metrics.map((m) => [m.subject, m.value])).toEqual([
      ['GPL-3.0-only', 1],
      ['ISC', 1],
      ['MIT', 1],
      ['unknown', 2],
    ]);
    expect(metrics.find((m) => m.subject === 'unknown')?.evidence?.packages).toEqual([
      'pkg:npm/d@1.0.0',
      'pkg:npm/e@2.0.0',
    ]);
  });
});
