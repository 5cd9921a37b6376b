// People who left, counted back from one reference date: the departed marking, the truck factor
// among active people and the knowledge-departed finding, on built repositories and both engines.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  cleanupTemp,
  tempDir,
} from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { referenceTs } from '../../reference-date.ts';
import { buildReport } from '../../report/model.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import type { Engine } from '../../store/migrations/index.ts';
import { currentKnowledgeFiles, currentPeople, currentTruckFactors } from '../../store/people.ts';
import { openStore, type Store } from '../../store/store.ts';
import { knowledgeAnalysis } from './analysis.ts';
import { loadDirectory } from './directory.ts';
import { knowledgeReport } from './views.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

// Ada writes three files in 2022; Bob two in June 2023; Cy two in July 2023. The published truck
// factor is 2 (Ada, then Bob: two files of seven left). The last commit is in July 2023.
const HISTORY: CommitSpec[] = [
  { author: ADA, date: '2022-01-10T10:00:00Z', files: { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' } },
  { author: ADA, date: '2022-03-01T10:00:00Z', files: { 'src/c.ts': 'c\n' } },
  { author: BOB, date: '2023-06-01T10:00:00Z', files: { 'lib/d.ts': 'd\n', 'lib/e.ts': 'e\n' } },
  { author: BOB, date: '2023-06-02T10:00:00Z', files: { 'lib/d.ts': 'd\nd\n' } },
  { author: CY, date: '2023-07-01T10:00:00Z', files: { 'app/f.ts': 'f\n', 'app/g.ts': 'g\n' } },
];

async function scan(store: Store, repo: string, ws: string, today?: string): Promise<string> {
  const r = await runScan(store, {
    paths: [repo],
    depth: 2,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: [knowledgeAnalysis] }),
    workspace: { dir: ws, config: {}, ...(today ? { today } : {}) },
  });
  expect(r.repositories[0]?.status).toBe('ok');
  return r.repositories[0]!.status;
}

async function stored(store: Store) {
  const findings = await store.db
    .selectFrom('findings as f')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'f.snapshot_id')
    .select(['f.rule', 'f.severity', 'f.evidence'])
    .where('f.rule', '=', 'knowledge-departed')
    .execute();
  const metrics = await store.db
    .selectFrom('metrics as m')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'm.snapshot_id')
    .select(['m.metric', 'm.value'])
    .where('m.metric', 'in', ['truck-factor', 'truck-factor-active', 'active-key-people'])
    .where('m.scope', '=', 'repository')
    .orderBy('m.metric')
    .execute();
  return { findings, metrics: Object.fromEntries(metrics.map((m) => [m.metric, Number(m.value)])) };
}

/** What `cto knowledge --today <day>` computes from the store. */
async function view(store: Store, ws: string, day: string) {
  const { directory, stored: people } = await loadDirectory(store, ws, {}, day);
  const [repo] = knowledgeReport(
    {
      tfs: await currentTruckFactors(store),
      files: await currentKnowledgeFiles(store),
      people,
      referenceTs: referenceTs(day),
    },
    directory,
    false,
  );
  return {
    truckFactor: repo!.truckFactor,
    active: repo!.active.truckFactor,
    key: `${repo!.active.activeKeyPeople}/${repo!.active.keyPeople}`,
    departed: repo!.active.departed.map((p) => p.name),
    restsOnDeparted: repo!.active.restsOnDeparted,
    dormantSince: repo!.active.dormantSince,
    marked: repo!.people.map((p) => [p.name, p.departed]),
  };
}

describe.each(ENGINES)('people who left, on %s', (engine: Engine) => {
  test('the reference date, not the last commit, decides who has departed', async () => {
    const ws = tempDir();
    const repo = join(tempDir(), 'shop');
    mkdirSync(repo);
    buildRepo(repo, HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    try {
      // Scanned as of 2023-12-31: Ada (last commit March 2022) has departed, Bob and Cy have not.
      await scan(store, repo, ws, '2023-12-31');
      expect(await stored(store)).toEqual({
        findings: [],
        metrics: { 'active-key-people': 1, 'truck-factor': 2, 'truck-factor-active': 1 },
      });
      // The same store read at two dates gives two answers.
      expect(await view(store, ws, '2023-12-31')).toEqual({
        truckFactor: 2,
        active: 1,
        key: '1/2',
        departed: ['Ada Lovelace'],
        restsOnDeparted: false,
        dormantSince: null,
        marked: [
          ['Ada Lovelace', true],
          ['Bob Builder', false],
        ],
      });
      expect(await view(store, ws, '2022-06-01')).toMatchObject({ active: 2, key: '2/2', departed: [] });
      expect(await view(store, ws, '2025-01-01')).toMatchObject({
        active: 0,
        key: '0/2',
        departed: ['Ada Lovelace', 'Bob Builder', 'Cy Young'],
        restsOnDeparted: true,
        // Nobody has committed since Cy in July 2023: the repository is dormant, not just left.
        dormantSince: Date.parse('2023-07-01T10:00:00Z') / 1000,
      });
      // Windows of the people view move with the date too: Cy's July 2023 commit is in the last 365
      // days of 2023-12-31 and in the last 90 days of 2023-08-01.
      const cy = async (day: string) => (await currentPeople(store, day)).find((p) => p.name === 'Cy Young')!;
      expect(await cy('2023-12-31')).toMatchObject({ commits90d: 0, commits365d: 1 });
      expect(await cy('2023-08-01')).toMatchObject({ commits90d: 1, commits365d: 1 });
      expect(await cy('2025-01-01')).toMatchObject({ commits90d: 0, commits365d: 0 });

      // The report's team area counts at the report's date: the finding the scan did not store
      // appears in a report dated 2025, with the active truck factor next to the published one.
      const team = async (day: string) => {
        const model = await buildReport(store, { now: new Date(`${day}T00:00:00Z`) });
        const section = model.sections.find((x) => x.id === 'team-knowledge')!;
        return {
          findings: section.findings.filter((f) => f.rule === 'knowledge-departed').map((f) => f.severity),
          active: section.figures.find((f) => f.id === 'k-active-tf-shop')?.value,
          series: section.charts.find((c) => c.id === 'truck-factor')?.series.map((x) => x.values),
        };
      };
      expect(await team('2023-12-31')).toEqual({ findings: [], active: 1, series: [[1], [2]] });
      expect(await team('2025-01-01')).toEqual({ findings: ['high'], active: 0, series: [[0], [2]] });

      // A rescan on a later reference date runs the analysis again: every key person has departed.
      await scan(store, repo, ws, '2025-01-01');
      const later = await stored(store);
      expect(later.metrics).toEqual({ 'active-key-people': 0, 'truck-factor': 2, 'truck-factor-active': 0 });
      expect(later.findings.map((f) => f.severity)).toEqual(['high']);
    } finally {
      await store.close();
    }
  });

  test('a repository whose last commit is a year old has no active people today', async () => {
    const ws = tempDir();
    const repo = join(tempDir(), 'old');
    mkdirSync(repo);
    buildRepo(repo, HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    try {
      // No reference date given: the scan counts back from today, whatever the last commit's date.
      await scan(store, repo, ws);
      const today = new Date().toISOString().slice(0, 10);
      const people = await currentPeople(store, today);
      expect(people.filter((p) => p.commits365d > 0 || p.commits90d > 0)).toEqual([]);
      expect(await view(store, ws, today)).toMatchObject({ active: 0, restsOnDeparted: true });
      expect((await stored(store)).findings).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
