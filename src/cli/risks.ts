// `cto risks`: the risk register (docs/risk.md#risk-register), brought up to date with the current
// problems and risks.yaml, most urgent first; `--stats` for the time to remediate.
import { Command } from 'commander';
import { registerGaps } from '../risk/gaps.ts';
import { type RemediationGroup, remediationStats } from '../risk/register-stats.ts';
import { updateRegister } from '../risk/register-update.ts';
import { overdueDays, overdueFindings, RISK_STATUSES, selectRisks } from '../risk/register-view.ts';
import { resolveRepositoryName } from '../store/repositories.ts';
import { type RiskRow, registerRows } from '../store/risks.ts';
import type { RiskStatus } from '../store/schema.ts';
import { nowIso, type Store } from '../store/store.ts';
import { globalOptions, parseChoiceList, parseDayOption, withExistingStoreToUpdate } from './context.ts';
import { type Cell, printError, printJson, printLine, printTable, styled, textColumn } from './output.ts';

interface RisksFlags {
  status?: string[];
  repo?: string;
  team?: string;
  stats?: boolean;
  today?: string;
  json?: boolean;
}

const STATUS_CHOICES = [...RISK_STATUSES, 'all'];

function dueCell(r: RiskRow, today: string): Cell {
  const late = overdueDays(r, today);
  if (late !== null) return styled('red', `${r.sla_due} overdue ${late}d`);
  return r.sla_due ?? '';
}

function printRisks(rows: RiskRow[], today: string): void {
  printTable(
    [
      'score',
      'severity',
      'scope',
      'team',
      'SLA due',
      'status',
      'first seen',
      'last seen',
      'key',
      textColumn('title'),
    ],
    rows.map((r) => [
      r.score.toFixed(1),
      r.severity === 'critical' || r.severity === 'high' ? styled('red', r.severity) : r.severity,
      r.exposure,
      r.owner,
      dueCell(r, today),
      r.status,
      r.first_seen_at.slice(0, 10),
      r.last_seen_at.slice(0, 10),
      r.key,
      r.title,
    ]),
  );
}

const days = (n: number | null) => (n === null ? '' : Math.round(n));

function printStats(groups: RemediationGroup[], by: string): void {
  printTable(
    [by, 'closed', 'median days to close', 'open', 'median open days', 'oldest open days', 'oldest open'],
    groups.map((g) => [
      g.name,
      g.closed,
      days(g.medianDaysToClose),
      g.open,
      days(g.medianOpenDays),
      days(g.oldestOpenDays),
      g.oldestOpen ?? '',
    ]),
  );
}

/** The register's rows, of one repository and one owning team when given. */
async function teamRisks(store: Store, repository: string | undefined, team: string | undefined) {
  const all = await registerRows(store, repository === undefined ? undefined : [repository]);
  const t = team?.toLowerCase();
  return t === undefined ? all : all.filter((r) => r.owner.toLowerCase() === t);
}

function risksJson(rows: RiskRow[], statuses: readonly RiskStatus[], today: string, notChecked: string[]) {
  return {
    today,
    statuses,
    /** What the register could not see (vulnerabilities, end of life): absent risks there are unknown, not none. */
    notChecked,
    risks: rows.map((r) => jsonRow(r, today)),
    findings: overdueFindings(rows, today),
  };
}

/**
 * `cto risks --json`'s body (schema cto.risks/v1) from the register as it stands: the register is not
 * brought up to date here (the CLI does that first; the server reads what the last scan left).
 */
export async function risksDocument(
  store: Store,
  q: {
    repository?: string | undefined;
    team?: string | undefined;
    statuses: readonly RiskStatus[];
    today: string;
  },
  /** What the register could not see (registerGaps); the server passes a kept one. */
  gaps: typeof registerGaps = registerGaps,
) {
  const repository = await resolveRepositoryName(store, q.repository);
  const rows = selectRisks(
    await teamRisks(store, repository, q.team),
    { statuses: [...q.statuses] },
    q.today,
  );
  return risksJson(rows, q.statuses, q.today, await gaps(store, { repository, today: q.today }));
}

/** A risk of `cto risks --json` (and of `/api/v1/risks`). */
export type RiskJson = ReturnType<typeof jsonRow>;

function jsonRow(r: RiskRow, today: string) {
  return {
    key: r.key,
    kind: r.kind,
    area: r.area,
    repository: r.repository,
    subject: r.subject,
    title: r.title,
    owner: r.owner,
    exposure: r.exposure,
    severity: r.severity,
    score: r.score,
    status: r.status,
    firstSeen: r.first_seen_at,
    lastSeen: r.last_seen_at,
    closedAt: r.closed_at,
    slaDue: r.sla_due,
    overdueDays: overdueDays(r, today),
    decision: r.decision === null ? null : JSON.parse(r.decision),
    aliases: JSON.parse(r.aliases) as string[],
    versions: JSON.parse(r.versions) as string[],
    action: r.action,
  };
}

export function risksCommand(): Command {
  return new Command('risks')
    .description(
      'the risk register: every open problem across areas, most urgent first (overdue, then by score)',
    )
    .option(
      '--status <list>',
      `statuses to list, comma-separated: ${STATUS_CHOICES.join(', ')} (default open)`,
      parseChoiceList('--status', STATUS_CHOICES),
    )
    .option('--repo <name>', 'only this repository (name as `cto repos` shows it)')
    .option('--team <name>', 'only risks owned by this team (teams.yaml; `unassigned` for none)')
    .option(
      '--stats',
      'time to remediate: median days from first seen to closed, and the age of what is open',
    )
    .option(
      '--today <date>',
      'the reference date (YYYY-MM-DD) for SLAs, expiries and ages',
      parseDayOption('--today'),
    )
    .option('--json', 'print a JSON document (schema cto.risks/v1, or cto.risk-stats/v1 with --stats)')
    .action(async (flags: RisksFlags, cmd: Command) => {
      await withExistingStoreToUpdate(globalOptions(cmd), async (store, ws) => {
        const today = flags.today ?? nowIso().slice(0, 10);
        const at = flags.today ? `${flags.today}T00:00:00.000Z` : nowIso();
        const repository = await resolveRepositoryName(store, flags.repo);
        await updateRegister(store, ws, { repository, at });
        const mine = await teamRisks(store, repository, flags.team);
        if (flags.stats) {
          const stats = remediationStats(mine, today);
          if (flags.json) return printJson('cto.risk-stats/v1', { ...stats });
          const a = stats.all;
          const closed =
            a.closed === 0
              ? 'no risk closed yet'
              : `${a.closed} risks closed, median ${days(a.medianDaysToClose)} days from first seen to closed`;
          const open =
            a.open === 0
              ? 'none open'
              : `${a.open} open, median ${days(a.medianOpenDays)} days old, oldest ${days(a.oldestOpenDays)} days (${a.oldestOpen})`;
          printLine(`On ${today}: ${closed}; ${open}.`);
          printStats(stats.bySeverity, 'severity');
          printStats(stats.byTeam, 'team');
          printStats(stats.byRepository, 'repository');
          return;
        }
        const wanted = flags.status?.includes('all')
          ? RISK_STATUSES
          : ((flags.status ?? ['open']) as RiskStatus[]);
        const rows = selectRisks(mine, { statuses: wanted }, today);
        const findings = overdueFindings(rows, today);
        const notChecked = await registerGaps(store, { repository, today });
        if (flags.json) return printJson('cto.risks/v1', risksJson(rows, wanted, today, notChecked));
        // What was not checked comes first: an empty register is clean only where it could see.
        for (const line of notChecked) printLine(styled('yellow', line));
        if (notChecked.length > 0)
          printLine(styled('dim', 'cto vulns and cto eol say what is missing and how to load it.'));
        if (rows.length === 0) {
          printLine(
            `No ${wanted.join(' or ')} risks in the register${notChecked.length > 0 ? ' among what was checked' : ''}.`,
          );
          return;
        }
        printRisks(rows, today);
        const count = (s: RiskStatus) => mine.filter((r) => r.status === s).length;
        printError(
          `${rows.length} risks listed; register: ${count('open')} open (${findings.length} overdue), ` +
            `${count('accepted')} accepted, ${count('not-affected')} not affected, ` +
            `${count('false-positive')} false positive, ${count('closed')} closed`,
        );
      });
    });
}
