// Terminal output of `cto delivery`.
import type { RepositorySummary, TeamSummary } from '../analyses/delivery/summary.ts';
import type { RepositoryDelivery } from '../store/delivery.ts';
import { type Cell, day, printLine, printTable, shortSha, styled, textColumn } from './output.ts';

const pct = (x: number | null) => (x === null ? '' : `${Math.round(x * 100)}%`);
const d = (x: number | null) => (x === null ? '' : x.toFixed(1));

const FOOTER = [
  'Derived from git: releases are version tags (pre-releases apart); lead time = release date − author date of each',
  'non-merge commit in its first release; frequency in Four Keys buckets; change failure = followed by a patch release',
  'within the window or reverted in the next release; rework = such a fix. Source "events": the repository has recorded',
  'production deployments (cto event, webhooks), and frequency, lead time, change failure and time to restore come',
  'from them and its incidents. Definitions: docs/metrics/delivery.md',
];

export function printSummaries(sums: readonly RepositorySummary[], teams: readonly TeamSummary[]): void {
  const rows: Cell[][] = sums.map((s) =>
    !s.analysed
      ? [s.repository, 'not analysed (rescan)', '', '', '', '', '', '', '', '', '', '']
      : s.releases === 0 && !s.events
        ? [s.repository, 'no releases', '', '', '', '', '', s.unreleased.commits, '', '', '', 'tags']
        : [
            s.repository,
            s.releases,
            s.lastRelease ? `${s.lastRelease.tag} ${day(s.lastRelease.releasedAt)}` : '',
            d(s.intervalDays.median),
            d(s.leadTimeDays.last10.median),
            d(s.leadTimeDays.last10.p90),
            d(s.leadTimeDays.last365d.median),
            s.unreleased.commits,
            s.deploymentFrequency.bucket ?? '',
            `${pct(s.changeFailureRate.last365d)} / ${pct(s.reworkRate.last365d)}`,
            s.timeToRestoreHours ? d(s.timeToRestoreHours.median) : '',
            s.events ? 'events' : 'tags',
          ],
  );
  const headers = [
    'repository',
    'releases',
    'last release',
    'gap d',
    'lead d (10)',
    'p90 d (10)',
    'lead d (365)',
    'unreleased',
    'frequency',
    'fail/rework 365d',
    'restore h',
    'source',
  ];
  printTable(headers, rows);
  if (teams.length > 0) {
    const teamRows: Cell[][] = teams.map((t) => [
      t.team,
      t.repositories.length,
      t.releases365d,
      t.deployments365d,
      d(t.leadTimeMedianDays),
      pct(t.changeFailureRate365d),
      pct(t.reworkRate365d),
      t.unreleasedCommits,
    ]);
    printLine('');
    printTable(
      [
        'team',
        'repositories',
        'releases 365d',
        'deployments 365d',
        'lead d (median of repos)',
        'change failure',
        'rework',
        'unreleased',
      ],
      teamRows,
    );
  }
  printFooter();
}

/** The DORA figures of a repository's recorded events. */
function printEvents(s: RepositorySummary): void {
  const e = s.events;
  if (!e) return;
  const f = s.deploymentFrequency;
  const l = s.leadTimeDays;
  const r = s.timeToRestoreHours;
  printLine(`from events: ${e.productionDeployments} production deployments`);
  printLine(
    `  deployment frequency: ${f.bucket ?? 'no data'} (${f.deploymentsInWindow ?? 0} in the last 3 months)`,
  );
  printLine(
    `  lead time (days): last 10 deployments median ${d(l.last10.median)}, p90 ${d(l.last10.p90)} over ${l.last10.changes} commits; last 365 days median ${d(l.last365d.median)} over ${l.last365d.changes} commits`,
  );
  printLine(
    `  change failure: ${pct(s.changeFailureRate.last365d)} last 365 days, ${pct(s.changeFailureRate.all)} all (${e.failedDeployments.length} deployments linked to incidents)`,
  );
  printLine(
    `  time to restore (hours): median ${d(r?.median ?? null)}, p90 ${d(r?.p90 ?? null)} over ${r?.resolved ?? 0} resolved incidents; ${r?.open ?? 0} open`,
  );
  if (e.deploymentsNotInHistory.length > 0)
    printLine(
      styled(
        'yellow',
        `  not checked: ${e.deploymentsNotInHistory.length} deployments of commits not in the scanned history (rescan): ${e.deploymentsNotInHistory.slice(0, 5).join(', ')}`,
      ),
    );
  if (e.unlinkedIncidents.length > 0)
    printLine(
      `  ${e.unlinkedIncidents.length} incidents name no production deployment or shipped commit: counted for time to restore only`,
    );
}

function printFooter(): void {
  printLine('');
  for (const line of FOOTER) printLine(styled('dim', line));
}

export function printRepository(r: RepositoryDelivery, s: RepositorySummary): void {
  const w = (line: string) => printLine(line);
  printLine(styled('bold', `${s.repository} at ${shortSha(s.commit)}`));
  if (!s.analysed) {
    w('not analysed yet: scan it again with this version of cto');
    return;
  }
  if (s.events) printEvents(s);
  if (s.releases === 0)
    w(`no releases (${s.prereleases} pre-releases, ${s.ignoredTags} tags that are not versions)`);
  else {
    w(
      `releases: ${s.releases} (+${s.prereleases} pre-releases; ${s.ignoredTags} tags that are not versions ignored)`,
    );
    w(
      `per year: ${Object.entries(s.perYear)
        .map(([y, n]) => `${y} ${n}`)
        .join(', ')}`,
    );
    w(`days between releases: median ${d(s.intervalDays.median)}, p90 ${d(s.intervalDays.p90)}`);
    const l10 = s.leadTimeDays.last10;
    const l365 = s.leadTimeDays.last365d;
    w(
      `lead time (days): last 10 releases median ${d(l10.median)}, p90 ${d(l10.p90)} over ${l10.changes} commits; last 365 days median ${d(l365.median)}, p90 ${d(l365.p90)} over ${l365.changes} commits`,
    );
    if (!s.events) {
      const f = s.deploymentFrequency;
      w(
        `deployment frequency: ${f.bucket ?? 'no data'} (${f.deploymentsInWindow ?? 0} in the last 3 months, from ${f.source})`,
      );
      w(
        `change failure: ${pct(s.changeFailureRate.last365d)} last 365 days, ${pct(s.changeFailureRate.all)} all; rework: ${pct(s.reworkRate.last365d)} last 365 days, ${pct(s.reworkRate.all)} all`,
      );
    } else w(`rework (from tags): ${pct(s.reworkRate.last365d)} last 365 days, ${pct(s.reworkRate.all)} all`);
  }
  w(
    `unreleased: ${s.unreleased.commits ?? 0} commits, median age ${d(s.unreleased.medianAgeDays)} days, oldest ${d(s.unreleased.maxAgeDays)} days`,
  );
  const recent = r.releases.filter((x) => x.prerelease === 0).slice(-15);
  if (recent.length > 0) {
    w('');
    const rows: Cell[][] = recent.map((x) => [
      x.tag,
      day(x.released_at),
      x.tag_date ? 'tag' : 'commit',
      x.changes,
      x.lead_median_days,
      x.lead_p90_days,
      x.failed ? 'failed' : x.rework ? 'rework' : '',
      x.reasons ? (JSON.parse(x.reasons) as { reasons: string[] }).reasons.join('; ') : '',
    ]);
    printTable(
      ['release', 'date', 'dated by', 'commits', 'lead d', 'p90 d', 'outcome', textColumn('why')],
      rows,
    );
  }
  const months = r.activity.filter((a) => a.period_kind === 'month').slice(-12);
  if (months.length > 0) {
    w('');
    printTable(
      ['month', 'commits', 'contributors', 'lines +', 'lines −'],
      months.map((a) => [
        a.period_start.slice(0, 7),
        a.commits,
        a.contributors,
        a.lines_added,
        a.lines_deleted,
      ]),
    );
  }
  printFooter();
}
