import { describe, expect, it } from 'vitest';
import {
  ghsaRecord,
  goRecord,
  mavenRecord,
  pysecRecord,
  withdrawnRecord,
} from '../../../test/fixtures/feeds/osv/test-records.ts';
import { matchPackage } from './match.ts';
import { buildOsvIndex } from './osv-index.ts';
import { toOsvRecord } from './record.ts';
import { osvRecordSchema } from './schema.ts';

const index = buildOsvIndex(
  [pysecRecord, ghsaRecord, goRecord, withdrawnRecord, mavenRecord].map((r) =>
    toOsvRecord(osvRecordSchema.parse(r)),
  ),
);
const ids = (eco: string, name: string, version: string): string[] =>
  matchPackage(index, eco, name, version).map((f) => f.id);

describe('matchPackage', () => {
  it('merges records that alias each other into one finding', () => {
    const findings = matchPackage(index, 'PyPI', 'example-upload-lib', '1.4.1');
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.recordIds).toEqual(['GHSA-aaaa-bbbb-cccc', 'PYSEC-2099-1']);
    expect(f.aliases).toEqual(['CVE-2099-0001']);
    expect(f.groupId).toBe('CVE-2099-0001');
    expect(f.fixedVersion).toBe('1.4.2');
    expect(f.summary).toBe('Path traversal in example-upload-lib');
    expect(f.severity).toMatchObject({ level: 'critical', score: 9.8, source: 'CVSS_V3' });
  });

  it('normalises PyPI names per PEP 503 and evaluates several ranges', () => {
    expect(ids('PyPI', 'EXAMPLE.upload__lib', '1.0')).toEqual(['GHSA-aaaa-bbbb-cccc']);
    expect(matchPackage(index, 'PyPI', 'example-upload-lib', '1.4.2')[0]!.recordIds).toEqual([
      'GHSA-aaaa-bbbb-cccc',
    ]);
    expect(ids('PyPI', 'example-upload-lib', '1.4.3')).toEqual([]);
    expect(matchPackage(index, 'PyPI', 'example-upload-lib', '2.0.5')[0]!.fixedVersion).toBe('2.1.0');
    expect(ids('PyPI', 'example-upload-lib', '2.1.0')).toEqual([]);
  });

  it('treats last_affected as inclusive, limit and fixed as exclusive, Go names case-sensitively', () => {
    expect(ids('Go', 'example.com/Parser', 'v0.2.9')).toEqual(['GO-2099-0002']);
    expect(ids('Go', 'example.com/Parser', 'v0.3.0')).toEqual([]);
    expect(ids('Go', 'example.com/Parser', 'v1.2.5')).toEqual(['GO-2099-0002']);
    expect(ids('Go', 'example.com/Parser', 'v1.2.6')).toEqual([]);
    expect(ids('Go', 'example.com/Parser', 'v2.0.9')).toEqual(['GO-2099-0002']);
    expect(ids('Go', 'example.com/Parser', 'v2.1.0')).toEqual([]);
    expect(ids('Go', 'example.com/parser', 'v0.2.9')).toEqual([]);
    const f = matchPackage(index, 'Go', 'example.com/Parser', 'v1.2.1')[0]!;
    expect(f.fixedVersion).toBeNull();
    expect(f.severity).toEqual({ level: 'medium', score: null, source: 'database_specific', vector: null });
  });

  it('matches the versions list exactly even outside the ranges', () => {
    const onlyList = toOsvRecord(
      osvRecordSchema.parse({
        id: 'OSV-LIST-1',
        modified: '2099-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'npm', name: 'listed' }, versions: ['1.0.0', '1.0.1'] }],
      }),
    );
    const listIndex = buildOsvIndex([onlyList]);
    expect(matchPackage(listIndex, 'npm', 'listed', '1.0.1').map((f) => f.id)).toEqual(['OSV-LIST-1']);
    expect(matchPackage(listIndex, 'npm', 'listed', '1.0.2')).toEqual([]);
  });

  it('skips withdrawn records and uses Maven order with CVSS v4 severity', () => {
    expect(ids('npm', 'left-pad-x', '1.0.0')).toEqual([]);
    expect(index.withdrawnSkipped).toBe(1);
    expect(ids('Maven', 'org.example:core', '2.0-beta9')).toEqual(['GHSA-mmmm-mmmm-mmmm']);
    expect(ids('Maven', 'org.example:core', '2.0-alpha1')).toEqual([]);
    const f = matchPackage(index, 'Maven', 'org.example:core', '2.14.1')[0]!;
    expect(f.fixedVersion).toBe('2.15.0');
    expect(f.severity).toMatchObject({ level: 'critical', score: 9.3, source: 'CVSS_V4' });
    expect(ids('Maven', 'org.example:core', '2.15.0-rc1')).toEqual(['GHSA-mmmm-mmmm-mmmm']);
    expect(ids('Maven', 'org.example:core', 'garbage version')).toEqual([]);
  });
});
