import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ghsaRecord,
  goRecord,
  pysecRecord,
  withdrawnRecord,
} from '../../../test/fixtures/feeds/osv/test-records.ts';
import { tempDir } from '../../../test/helpers/repo-builder.ts';
import { importOsvFolder, importOsvZip, importOsvZipBytes, OsvFeedError } from './import.ts';

function zipOf(files: Record<string, unknown>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(files)) {
    entries[name] = strToU8(typeof value === 'string' ? value : JSON.stringify(value));
  }
  return zipSync(entries);
}

describe('OSV import', () => {
  it('reads records from an all.zip into plain records', () => {
    const bytes = zipOf({
      'PYSEC-2099-1.json': pysecRecord,
      'GO-2099-0002.json': goRecord,
      'README.txt': 'x',
    });
    const result = importOsvZipBytes('all.zip', bytes);
    expect(result.problems).toEqual([]);
    expect(result.records.map((r) => r.id).sort()).toEqual(['GO-2099-0002', 'PYSEC-2099-1']);
    const pysec = result.records.find((r) => r.id === 'PYSEC-2099-1')!;
    expect(pysec.aliases).toEqual(['CVE-2099-0001', 'GHSA-aaaa-bbbb-cccc']);
    expect(pysec.published).toBe('2099-01-01T00:00:00Z');
    expect(pysec.withdrawn).toBeNull();
    const affected = pysec.affected[0]!;
    expect(affected.purl).toBe('pkg:pypi/example-upload-lib');
    expect(affected.ranges).toEqual([
      {
        type: 'ECOSYSTEM',
        events: [
          { kind: 'introduced', version: '0' },
          { kind: 'fixed', version: '1.4.2' },
          { kind: 'introduced', version: '2.0.0' },
          { kind: 'fixed', version: '2.1.0' },
        ],
      },
    ]);
    expect(affected.gitRanges).toBe(1);
    expect(result.gitRangesIgnored).toBe(1);
    expect(JSON.parse(JSON.stringify(result.records))).toEqual(result.records);
  });

  it('reports a record that is not OSV and keeps the others', () => {
    const bytes = zipOf({
      'bad.json': { id: 'X-1' },
      'broken.json': '{"id":',
      'GO-2099-0002.json': goRecord,
    });
    const result = importOsvZipBytes('all.zip', bytes);
    expect(result.records.map((r) => r.id)).toEqual(['GO-2099-0002']);
    expect(result.problems.map((p) => p.file).sort()).toEqual(['bad.json', 'broken.json']);
    expect(result.problems.find((p) => p.file === 'bad.json')!.reason).toContain('modified');
  });

  it('fails on a truncated or corrupt zip, naming the file', async () => {
    const bytes = zipOf({ 'PYSEC-2099-1.json': pysecRecord, 'GO-2099-0002.json': goRecord });
    const dir = tempDir('osv-');
    const path = join(dir, 'all.zip');
    writeFileSync(path, bytes.subarray(0, bytes.length - 30));
    await expect(importOsvZip(path)).rejects.toThrow(OsvFeedError);
    await expect(importOsvZip(path)).rejects.toThrow(path);
    expect(() => importOsvZipBytes('junk.zip', strToU8('not a zip at all'))).toThrow(/junk\.zip/);
    await expect(importOsvZip(join(dir, 'missing.zip'))).rejects.toThrow(/missing\.zip/);
  });

  it('reads a folder of OSV JSON files', async () => {
    const dir = tempDir('osv-');
    writeFileSync(join(dir, 'GHSA-aaaa-bbbb-cccc.json'), JSON.stringify(ghsaRecord));
    writeFileSync(join(dir, 'GHSA-wwww-wwww-wwww.json'), JSON.stringify(withdrawnRecord));
    writeFileSync(join(dir, 'notes.md'), '# not a record');
    const result = await importOsvFolder(dir);
    expect(result.records.map((r) => r.id)).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-wwww-wwww-wwww']);
    expect(result.records[1]!.withdrawn).toBe('2099-03-01T00:00:00Z');
    expect(result.records[0]!.databaseSpecific).toEqual({ severity: 'CRITICAL', github_reviewed: true });
  });
});
