// Decision checks against two built repositories scanned into each engine: each accepted check reports
// the repository that breaks it, with the facts as evidence; a proposed decision's check does not apply;
// superseding a decision stops its checks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  docsFiles,
  shopFiles,
  TEAMS,
  writeDecisions,
  writeSuccessor,
} from '../../test/fixtures/office/decisions/office.ts';
import { cto } from '../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';

interface ViolationJson {
  decision: number;
  check: number;
  repository: string;
  kind: string;
  severity: string;
  evidence: string[];
}

afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('decision checks on %s', (engine) => {
  const ws = tempDir();
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', ws, '--db', db]);
  const violations = (): ViolationJson[] => {
    const r = run('decisions', '--json', '--today', '2026-12-06');
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout).violations;
  };
  const keyed = (vs: ViolationJson[]) => vs.map((v) => `${v.decision}.${v.check} ${v.repository}`).sort();

  beforeAll(() => {
    buildRepo(join(ws, 'repos', 'shop'), [{ files: shopFiles() }]);
    buildRepo(join(ws, 'repos', 'docs-site'), [{ files: docsFiles() }]);
    writeFileSync(join(ws, 'teams.yaml'), TEAMS);
    writeDecisions(ws);
    const scan = run('scan', join(ws, 'repos'));
    expect(scan.code, scan.stderr).toBe(0);
  });

  test('each accepted check names the repository that breaks it, with its facts', () => {
    const vs = violations();
    // 0002's second check (lodash >=5) holds everywhere; 0003 covers only team web's shop; 0007 is proposed.
    expect(keyed(vs)).toEqual([
      '1.1 shop',
      '2.1 shop',
      '3.1 shop',
      '4.1 shop',
      '4.2 shop',
      '5.1 shop',
      '6.1 shop',
    ]);
    const by = (d: number, c = 1) => vs.find((v) => v.decision === d && v.check === c) as ViolationJson;
    expect(by(1).evidence).toContain('mysql2');
    expect(by(2).evidence).toEqual([
      'package-lock.json: npm lodash 4.17.20',
      'package.json: npm lodash 4.17.20',
    ]);
    expect(by(3)).toMatchObject({ kind: 'file', severity: 'low', evidence: [] });
    expect(by(4).evidence).toEqual(['.nvmrc: node 16 (pin)']);
    expect(by(4, 2).evidence).toEqual(['Dockerfile:1: mysql:5.7']);
    expect(by(5)).toMatchObject({ severity: 'high' });
    expect(by(5).evidence.join()).toContain('copyleft-kit');
    expect(by(5).evidence.join()).not.toContain('lodash');
    expect(by(6).evidence).toEqual(['services/api/.env']);
  });

  test('the text view leads with the count and lists the violations', () => {
    const r = run('decisions', '--today', '2026-12-06');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('7 decision records (1 proposed, 6 accepted).');
    expect(lines[1]).toContain('7 violations in 1 repository');
    expect(r.stdout).toContain('decision needed: 7 Replace marked (proposed 2026-04-01, 249 days ago)');
  });

  test("the report's Innovation area shows the violations as findings, the proposed decision as a decision needed", () => {
    const r = run('report', '--today', '2026-12-06', '--json', '--out', join(ws, 'report'));
    expect(r.code, r.stderr).toBe(0);
    const model = JSON.parse(r.stdout);
    const area = model.sections.find((s: { id: string }) => s.id === 'innovation');
    // One high (the GPL dependency) and six medium or low findings: amber by the report's rating rule.
    expect(area.rating).toBe('amber');
    expect(area.findings).toHaveLength(7);
    expect(area.findings.find((f: { rule: string }) => f.rule === 'forbid-licence')).toMatchObject({
      severity: 'high',
      repository: 'shop',
      owner: 'web',
    });
    expect(area.kpis[0]).toMatchObject({ id: 'decision-violations', value: 7 });
    const needed = model.summary.decisions.filter((d: { kind: string }) => d.kind === 'decision-proposed');
    expect(needed.map((d: { subject: string }) => d.subject)).toEqual(['decisions/0007-no-marked.md']);
    // The same store seen from a workspace without an office: the area is grey.
    const bare = tempDir();
    const other = cto([
      'report',
      '--today',
      '2026-12-06',
      '--json',
      '--out',
      join(bare, 'r'),
      '--workspace',
      bare,
      '--db',
      db,
    ]);
    expect(other.code, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout).sections.find((s: { id: string }) => s.id === 'innovation').rating).toBe(
      'grey',
    );
  });

  test('superseding a decision stops its checks; the index shows the graph', () => {
    writeSuccessor(ws);
    const sup = run('decisions', 'supersede', '1', '--by', '8');
    expect(sup.code, sup.stderr).toBe(0);
    const vs = violations();
    expect(vs.some((v) => v.decision === 1)).toBe(false);
    expect(vs.length).toBe(6);
    const json = JSON.parse(run('decisions', '--json').stdout);
    expect(json.records.find((r: { number: number }) => r.number === 1)).toMatchObject({
      status: 'superseded',
      supersededBy: 8,
    });
    expect(json.supersedes).toEqual([{ decision: 8, supersedes: 1 }]);
    const index = run('decisions', 'index', '--stdout').stdout;
    expect(index).toContain('d8 -- supersedes --> d1');
    expect(index).toContain('| ADR-0001 | [No MySQL](0001-no-mysql.md) | superseded by ADR-0008 |');
  });
});
