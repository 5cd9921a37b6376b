// `cto radar` as a user meets it: a radar written in the workspace joined to a scanned store, on both engines.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { schemaValidator } from '../../test/helpers/json-schema.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

function radarFile(ws: string, release: string, id: string, front: string): void {
  mkdirSync(join(ws, 'radar', release), { recursive: true });
  writeFileSync(join(ws, 'radar', release, `${id}.md`), `---\n${front}\n---\n\nWhy.\n`);
}

describe.each(ENGINES)('cto radar on %s', (engine) => {
  const root = tempDir();
  const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'x', dependencies: deps });
  buildRepo(join(root, 'shop'), [
    {
      date: '2026-10-01T10:00:00Z',
      author: ADA,
      files: {
        'package.json': pkg({ express: '4.18.0', jquery: '3.7.0' }),
        '.github/CODEOWNERS': '* @acme/web\n/docs/ @ada\n',
      },
    },
  ]);
  buildRepo(join(root, 'api'), [
    { date: '2026-10-02T10:00:00Z', author: BOB, files: { 'package.json': pkg({ express: '4.18.0' }) } },
  ]);
  const ws = tempDir();
  const db = ['--workspace', ws, '--db', freshStoreTarget(engine)];
  const scan = cto(['scan', root, ...db]);
  radarFile(ws, '2026-06-01', 'jquery', 'title: jQuery\nring: trial\nquadrant: languages-and-frameworks');
  radarFile(ws, '2026-12-01', 'jquery', 'ring: hold');
  radarFile(ws, '2026-12-01', 'express', 'title: express\nring: adopt\nquadrant: languages-and-frameworks');
  radarFile(
    ws,
    '2026-12-01',
    'pairing',
    'title: Pair programming\nring: adopt\nquadrant: methods-and-patterns',
  );
  radarFile(ws, '2026-12-01', 'broken', 'title: Broken\nring: sometimes\nquadrant: tools');
  writeFileSync(
    join(ws, 'teams.yaml'),
    'teams:\n  - name: web\n    owns: [shop]\n  - name: core\n    owns: [api]\n',
  );

  test('HOLD in runtime use names its repositories; coverage, teams and people per item; bad files are diagnostics', () => {
    expect(scan.code).toBe(0);
    const r = cto(['radar', '--json', '--today', '2026-12-06', ...db]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.radar/v1');
    const radar = doc.radar;
    expect(radar.release).toBe('2026-12-01');
    const hold = radar.findings.filter((f: { rule: string }) => f.rule === 'radar-hold-in-use');
    expect(hold.map((f: { subject: string; repositories: string[] }) => [f.subject, f.repositories])).toEqual(
      [['jquery', ['shop']]],
    );
    const express = radar.items.find((i: { id: string }) => i.id === 'express');
    expect(express).toMatchObject({
      technologies: ['express'],
      runtimeRepositories: ['api', 'shop'],
      teams: ['core', 'web'],
      activePeople: 2,
    });
    // Node.js, Express and jQuery run in production code here; the radar names two of the three.
    const unmentioned = radar.coverage.unmentioned.map((u: { id: string }) => u.id);
    expect(unmentioned).not.toContain('express');
    expect(radar.coverage.percent).toBe(
      Math.round(
        (100 * (radar.coverage.runtimeTechnologies - unmentioned.length)) /
          radar.coverage.runtimeTechnologies,
      ),
    );
    expect(radar.coverage.mentioned).toBe(2);
    expect(radar.diagnostics.map((d: { file: string; line: number | null }) => [d.file, d.line])).toEqual([
      ['radar/2026-12-01/broken.md', 3],
      ['radar/2026-12-01/pairing.md', null],
    ]);
    const text = cto(['radar', '--today', '2026-12-06', ...db]);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Strategy coverage: \d+% \(2 of \d+ technologies in runtime use are on the radar\)$/,
    );
    expect(lines[1]).toBe('HOLD in runtime use: jquery (shop)');
    expect(text.stderr).toContain('radar/2026-12-01/broken.md:3: ring: "sometimes" is not a ring');
  });

  test('office init writes a starter office from the scan that cto radar then reads, and never overwrites', () => {
    const fresh = tempDir();
    const args = ['--workspace', fresh, '--db', db[3] as string];
    const init = JSON.parse(cto(['office', 'init', '--today', '2026-12-06', '--json', ...args]).stdout);
    expect(init.schema).toBe('cto.office-init/v1');
    expect(init.written).toEqual(
      expect.arrayContaining([
        'radar/2026-12-06/express.md',
        'radar/2026-12-06/jquery.md',
        'teams.yaml',
        'objectives.yaml',
      ]),
    );
    const radar = JSON.parse(cto(['radar', '--json', '--today', '2026-12-06', ...args]).stdout).radar;
    expect(radar.coverage.percent).toBe(100);
    expect(radar.diagnostics).toEqual([]);
    expect(new Set(radar.items.map((i: { ring: string }) => i.ring))).toEqual(new Set(['assess']));
    expect(radar.items.find((i: { id: string }) => i.id === 'express').teams).toEqual(
      ['web', 'shop-owners'].slice(0, 1),
    );
    const again = JSON.parse(cto(['office', 'init', '--json', ...args]).stdout);
    expect(again.written).toEqual([]);
  });

  test('the report shows radar coverage and drift in technology strategy, the drawn radar and its list', () => {
    const r = cto(['report', '--json', '--today', '2026-12-06', '--out', join(tempDir(), 'out'), ...db]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout);
    const validate = schemaValidator(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/report-schema.json'), 'utf8')),
    );
    expect(validate(model), JSON.stringify(validate.errors)).toBe(true);
    const s = model.sections.find((x: { id: string }) => x.id === 'technology-strategy');
    const kpi = (id: string) => s.kpis.find((k: { id: string }) => k.id === id);
    const coverage = JSON.parse(cto(['radar', '--json', '--today', '2026-12-06', ...db]).stdout).radar
      .coverage;
    expect(kpi('radar-coverage').value).toBe(coverage.percent);
    expect(kpi('radar-hold-in-use').value).toBe(1);
    const hold = s.findings.filter((f: { rule: string }) => f.rule === 'radar-hold-in-use');
    expect(hold.map((f: { repository: string; severity: string }) => [f.repository, f.severity])).toEqual([
      ['shop', 'medium'],
    ]);
    expect(s.radar.items.map((i: { number: number; title: string }) => [i.number, i.title])).toEqual([
      [1, 'express'],
      [2, 'jQuery'],
      [3, 'Pair programming'],
    ]);
    const chart = s.charts.find((c: { kind: string }) => c.kind === 'radar');
    expect(chart.labels).toEqual(['1', '2', '3']);
    expect(chart.rings).toEqual(['Adopt', 'Trial', 'Assess', 'Hold']);
    expect(s.missing.join(' ')).not.toMatch(/radar/);
    // A workspace with no radar: the area names it as missing, and no radar findings.
    const bare = JSON.parse(
      cto([
        'report',
        '--json',
        '--today',
        '2026-12-06',
        '--out',
        join(tempDir(), 'o'),
        '--workspace',
        tempDir(),
        '--db',
        db[3] as string,
      ]).stdout,
    ).sections.find((x: { id: string }) => x.id === 'technology-strategy');
    expect(bare.missing.join(' ')).toMatch(/technology radar/);
    expect(bare.radar).toBeUndefined();
  });

  test('a workspace without a radar says how to start one', () => {
    const other = tempDir();
    const r = cto(['radar', '--workspace', other, '--db', db[3] as string]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cto office init');
    expect(
      JSON.parse(cto(['radar', '--json', '--workspace', other, '--db', db[3] as string]).stdout).radar,
    ).toBeNull();
  });
});
