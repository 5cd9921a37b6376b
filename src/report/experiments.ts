// Experiments in the report (docs/office.md "Experiments"): findings of the Innovation area (an
// experiment past its end without an outcome, an outcome the radar does not show yet), its overdue
// count as a key figure, and overdue experiments as decisions needed.
import type { ExperimentFinding } from '../office/experiments/view.ts';
import { q } from './data.ts';
import type { DecisionSource } from './decisions-needed.ts';
import { makeKpi } from './kpi.ts';
import { type ReportOffice, reportOffice } from './office.ts';
import type { Kpi, ReportFinding } from './types.ts';

/** Commits of a repository's current snapshot in a time box: the evidence an experiment is judged on. */
function timeBoxSql(f: ExperimentFinding, repository: string): string {
  return `select c.sha, c.author_email, c.author_date from repositories r join snapshot_segments g on g.snapshot_id = r.current_snapshot_id join commits c on c.snapshot_id = g.segment_id where r.name = ${q(repository)} and substr(c.author_date, 1, 10) between ${q(f.start)} and ${q(f.end)} order by c.author_ts`;
}

/** The experiments' findings on the report's repositories (an experiment is shown once, on its first one in view). */
export function experimentReportFindings(
  office: ReportOffice | null,
  repositories: ReadonlySet<string>,
): ReportFinding[] {
  return (office?.experiments?.findings ?? []).flatMap((f) => {
    const repository = f.repositories.find((r) => repositories.has(r));
    if (repository === undefined) return [];
    return [
      {
        id: `${f.kind}-${f.file}`.replace(/[^A-Za-z0-9_.-]+/g, '-'),
        repository,
        analysis: 'experiments',
        rule: f.kind,
        severity: f.severity,
        subject: f.file,
        title: f.title,
        detail: null,
        owner: f.owner,
        action:
          f.kind === 'experiment-overdue'
            ? `Write the outcome (adopt, trial or drop) in ${f.file}, or extend its end.`
            : 'Move the radar item in the next radar release.',
        evidence: { repositories: f.repositories, files: [f.file] },
        sql: timeBoxSql(f, repository),
      },
    ];
  });
}

/** Innovation key figure: experiments past their end without an outcome (none without an experiments folder). */
export function experimentKpis(office: ReportOffice | null): Kpi[] {
  const view = office?.experiments;
  if (!view || view.experiments.length === 0) return [];
  const overdue = view.experiments.filter((e) => e.state === 'overdue');
  return [
    makeKpi(
      {
        id: 'experiments-overdue',
        label: `experiments past their end without an outcome (of ${view.experiments.length})`,
        value: overdue.length,
        unit: 'experiments',
        better: 'down',
        evidence: { files: overdue.map((e) => e.file) },
        sql: 'experiments/*.md (cto experiments --json: experiments with state "overdue")',
      },
      null,
      null,
    ),
  ];
}

/** An experiment past its end without an outcome: adopt, trial or drop. */
export const experimentsOverdue: DecisionSource = {
  kind: 'experiment-overdue',
  label: 'experiments past their end without an outcome (experiments/*.md)',
  async collect(ctx) {
    const office = await reportOffice(ctx.store, ctx);
    return (office?.experiments?.findings ?? [])
      .filter((f) => f.kind === 'experiment-overdue')
      .map((f) => ({
        kind: 'experiment-overdue',
        title: f.title,
        subject: f.file,
        repository: f.repositories[0] ?? null,
        due: f.end,
        owner: f.owner,
        riskKey: null,
        evidence: { repositories: f.repositories, files: [f.file] },
        sql: 'experiments/*.md (cto experiments --json: experiments with state "overdue")',
      }));
  },
};
