import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import {
  ADA,
  addCommits,
  BOB,
  buildRepo,
  type CommitSpec,
  cleanupTemp,
  git,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { Analysis, Metric, ReportArea } from '../analyses/types.ts';
import { givenPlugins } from '../scan/plugins.ts';
import { runScan } from '../scan/run.ts';
import type { Engine } from '../store/migrations/index.ts';
import { createSnapshot, failSnapshot, upsertRepository } from '../store/snapshots.ts';
import { openStore, type Store } from '../store/store.ts';
import { buildReport } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const HISTORY: CommitSpec[] = [
  { author: ADA, date: '2025-01-10T10:00:00Z', files: { 'src/a.ts': 'a\n' } },
  { author: ADA, date: '2025-02-10T10:00:00Z', files: { 'src/a.ts': 'a\nb\n' } },
  { author: BOB, date: '2025-03-10T10:00:00Z', files: { 'src/b.ts': 'b\n' } },
];

/** A stand-in analysis of one report area whose findings are chosen by the test (delivery's has a metric). */
function fake(
  area: ReportArea,
  rules: Array<[string, 'critical' | 'high' | 'medium' | 'low']>,
  leadTimeDays = 4,
): Analysis {
  const metrics: Metric[] =
    area === 'delivery'
      ? [
          {
            metric: 'lead-time-median-365d',
            scope: 'repository',
            subject: '',
            value: leadTimeDays,
            unit: 'days',
          },
        ]
      : [];
  return fakeAnalysis(
    `fake-${area}`,
    async () => ({
      metrics,
      findings: rules.map(([rule, severity]) => ({
        rule,
        severity,
        subject: 'src/a.ts',
        title: `${rule} on src/a.ts`,
        owner: 'payments',
        evidence: { files: ['src/a.ts'], people: [ADA.email] },
      })),
    }),
    { area, metrics: metrics.map((m) => m.metric), rules: rules.map(([rule]) => rule) },
  );
}

async function scan(store: Store, dir: string, analyses: Analysis[]) {
  await runScan(store, {
    paths: [dir],
    depth: 2,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses }),
    workspace: { dir: '.', config: {} },
  });
}

const NOW = new Date('2026-11-01T00:00:00Z');

describe.each(ENGINES)('report model on %s', (engine: Engine) => {
  test('an empty store gives a report that says so, every area grey', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const m = await buildReport(store, { now: NOW });
    expect(m.notice).toMatch(/no scanned repository/);
    expect(m.summary.areas.map((a) => a.rating)).toEqual(Array(6).fill('grey'));
    expect(m.summary.areas.find((a) => a.id === 'budget-vendors')?.line).toMatch(
      /^Not measured: no cost data \(`cto costs import`\), no vendors.yaml and no labour rate/,
    );
    expect(renderHtml(m)).toContain('Executive summary');
    expect(renderMarkdown(m)).toContain('no scanned repository');
    await store.close();
  });

  test('a store with only failed scans names them', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const repo = await upsertRepository(store, '/nowhere/x.git', 'x', '/nowhere/x');
    const id = await createSnapshot(store, {
      repositoryId: repo.id,
      commit: 'a'.repeat(40),
      ref: null,
      historyMode: 'full',
      baseSnapshotId: null,
      toolVersion: '0',
      shallow: false,
    });
    await failSnapshot(store, id, 'objects missing');
    const m = await buildReport(store, { now: NOW });
    expect(m.notice).toMatch(/Every scan in the store failed \(1 repositories\)/);
    expect(m.appendix.data.failedScans).toEqual([
      expect.objectContaining({ repository: 'x', error: 'objects missing' }),
    ]);
    await store.close();
  });

  test("a result's area is the one its analysis declared, whatever its id and rule say", async () => {
    const store = await openStore(freshStoreTarget(engine));
    const dir = buildRepo(tempDir(), HISTORY);
    const radar = fakeAnalysis(
      'vulnerability-costs',
      async () => ({
        metrics: [{ metric: 'truck-factor', scope: 'repository', subject: '', value: 1 }],
        findings: [{ rule: 'licence-denied', severity: 'high', subject: 'x', title: 'x' }],
      }),
      { area: 'innovation', metrics: ['truck-factor'], rules: ['licence-denied'] },
    );
    await scan(store, dir, [radar]);
    const m = await buildReport(store, { now: NOW });
    const rating = Object.fromEntries(m.summary.areas.map((a) => [a.id, a.rating]));
    expect(rating).toMatchObject({
      innovation: 'amber',
      'infrastructure-security': 'grey',
      'team-knowledge': 'grey',
      'budget-vendors': 'grey',
    });
    await store.close();
  });

  test('ratings follow the rule, risks are ranked, and --since lists what changed', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const dir = buildRepo(tempDir(), HISTORY, { tags: [{ name: 'v1.0.0', at: 2 }] });
    await scan(store, dir, [
      fake('infrastructure-security', [['vulnerability-old', 'high']]),
      fake('team-knowledge', [['truck-factor-one', 'high']]),
      fake('delivery', []),
    ]);
    await store.db.updateTable('snapshots').set({ finished_at: '2026-01-10T12:00:00.000Z' }).execute();
    addCommits(dir, [{ author: BOB, date: '2026-02-01T10:00:00Z', files: { 'src/c.ts': 'c\n' } }]);
    git(dir, ['tag', 'v1.1.0', 'main']);
    await scan(store, dir, [
      fake('infrastructure-security', [['vulnerability-new', 'critical']]),
      fake('team-knowledge', [['truck-factor-one', 'high']]),
      fake('delivery', [['hotspot-churn', 'medium']], 6),
    ]);

    const m = await buildReport(store, { now: NOW, since: '2026-01-15' });
    const rating = Object.fromEntries(m.summary.areas.map((a) => [a.id, a.rating]));
    expect(rating).toMatchObject({
      'infrastructure-security': 'red',
      'team-knowledge': 'amber',
      delivery: 'amber',
      innovation: 'grey',
      'budget-vendors': 'grey',
    });
    // The register (brought up to date by the scan) gives the top risks, highest score first.
    expect(m.summary.topRisks.map((r) => [r.severity, r.kind, r.owner, r.status])).toEqual([
      ['critical', 'finding:fake-infrastructure-security:vulnerability-new', 'payments', 'open'],
      ['high', 'finding:fake-team-knowledge:truck-factor-one', 'payments', 'open'],
      ['medium', 'finding:fake-delivery:hotspot-churn', 'payments', 'open'],
    ]);
    for (const r of m.summary.topRisks) expect(r.findingId).not.toBeNull();
    const c = m.changes;
    expect(c?.message).toBeNull();
    expect(c?.newFindings.map((f) => f.rule).sort()).toEqual(['hotspot-churn', 'vulnerability-new']);
    expect(c?.fixedFindings.map((f) => f.rule)).toEqual(['vulnerability-old']);
    expect(c?.risksOpened.map((f) => f.rule)).toEqual(['vulnerability-new']);
    expect(c?.metricChanges).toContainEqual({
      repository: expect.any(String),
      metric: 'commits',
      unit: 'commits',
      subject: '',
      before: 3,
      after: 4,
    });
    expect(c?.releases.map((r) => r.tag)).toEqual(['v1.1.0']);
    expect(c?.runwayConsumedDays).toBe(290);
    const charts = m.sections.flatMap((s) => s.charts.map((x) => x.id));
    expect(charts).toEqual(expect.arrayContaining(['activity', 'lead-time', 'knowledge-concentration']));

    // KPIs: the delivery analysis stored a median lead time of 4 days, then 6; compared with the
    // snapshot current on --since, and without it with the snapshot before the current one.
    const lead = (r: typeof m) =>
      r.sections.find((s) => s.id === 'delivery')?.kpis.find((k) => k.id === 'kpi-lead-time');
    expect(lead(m)).toMatchObject({
      value: 6,
      display: '6 days',
      previous: 4,
      previousPeriod: '2026-01-15',
      change: 2,
      changeRelative: 0.5,
      direction: 'up',
      better: 'down',
    });
    expect(lead(await buildReport(store, { now: NOW }))).toMatchObject({
      previous: 4,
      previousPeriod: '2026-01-10',
      direction: 'up',
    });
    for (const s of m.sections) {
      expect(s.kpis.length === 0 || (s.kpis.length >= 3 && s.kpis.length <= 6)).toBe(true);
      for (const k of s.kpis) expect(k.sql).toMatch(/^select /);
    }
    expect(m.sections.filter((s) => s.kpis.length > 0).map((s) => s.id)).toEqual([
      'technology-strategy',
      'infrastructure-security',
      'team-knowledge',
      'delivery',
    ]);
    // The findings that matter: the security finding, ranked by its risk score, links to the full list.
    const security = m.sections.find((s) => s.id === 'infrastructure-security');
    expect(security?.topFindings).toEqual([
      {
        id: security?.findings[0]?.id,
        score: m.summary.topRisks[0]?.score,
        repositories: [expect.any(String)],
      },
    ]);

    // Raw metric ids stay in the appendix: the body, with what changed since a date, names none of the
    // ids docs/metrics defines (the fake findings' titles quote their rule ids on purpose and are left out).
    const fakeRules = new Set([
      'vulnerability-new',
      'vulnerability-old',
      'truck-factor-one',
      'hotspot-churn',
    ]);
    const ids = [
      ...new Set(
        readdirSync('docs/metrics')
          .filter((f) => f.endsWith('.md'))
          .flatMap((f) => [
            ...readFileSync(join('docs/metrics', f), 'utf8').matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`/g),
          ])
          .map((x) => x[1] as string),
      ),
    ].filter((id) => !fakeRules.has(id));
    expect(ids).toContain('lead-time-median-365d');
    const md = renderMarkdown(m);
    const [mdBody = '', mdAppendix = ''] = md.split('## Appendix');
    const html = renderHtml(m);
    const [htmlBody = '', htmlAppendix = ''] = html.split('<section id="appendix">');
    expect(mdBody).toContain('Figures that moved');
    expect(mdBody).toMatch(
      /\| Lead time for changes, median of repositories \(365 days\) \| 6 days \| ↑ up 2 days \(\+50%\) from 4 days \|/,
    );
    for (const body of [mdBody, htmlBody.replace(/<(script|style)[\s\S]*?<\/\1>|<[^>]*>/g, ' ')]) {
      const found = ids.filter((id) => new RegExp(`(^|[^a-z0-9-])${id}($|[^a-z0-9-])`).test(body));
      expect(found).toEqual([]);
      expect(body).not.toContain('lead-time-median-365d (');
    }
    expect(mdAppendix).toContain('| `lead-time-median-365d` |');
    expect(mdAppendix).toMatch(/\| Median lead time for changes \(365 days\), [^|]+ \| 6 days \|/);
    expect(htmlAppendix).toContain('<code>lead-time-median-365d</code>');
    expect(htmlAppendix).toContain(`id="findings-infrastructure-security"`);
    expect(htmlBody).toContain('href="#findings-infrastructure-security"');
    // Every figure and finding carries a query to reproduce it.
    for (const s of m.sections)
      for (const x of [...s.figures, ...s.findings]) expect(x.sql).toMatch(/^select /);

    const before = await buildReport(store, { now: NOW, since: '2025-12-01' });
    expect(before.changes?.message).toMatch(
      /No snapshot had finished by 2025-12-01: the first finished on 2026-01-10/,
    );

    const team = await buildReport(store, { now: NOW, team: 'platform' });
    expect(team.summary.topRisks).toEqual([]);
    const repo = m.appendix.data.repositories[0]?.repository ?? '';
    const teams = [{ name: 'web', members: [], handles: [], owns: [repo] }];
    const web = await buildReport(store, { now: NOW, team: 'web', teams });
    expect(web.scope.note).toMatch(/repositories it owns/);
    expect(web.appendix.data.repositories.map((r) => r.repository)).toEqual([repo]);
    expect(web.summary.topRisks).toEqual([]);
    const none = await buildReport(store, {
      now: NOW,
      team: 'web',
      teams: [{ ...teams[0], owns: ['elsewhere'] } as (typeof teams)[0]],
    });
    expect(none.appendix.data.repositories).toEqual([]);

    const anon = JSON.stringify(await buildReport(store, { now: NOW, anonymize: true }));
    expect(anon).not.toMatch(/ada@example\.com|Ada Lovelace|bob@example\.com/);
    expect(anon).toMatch(/person-[0-9a-f]{8}/);
    await store.close();
  });
});
