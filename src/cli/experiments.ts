// `cto experiments`: the experiments of the workspace (experiments/*.md), their state on the reference
// day, the commits and people on their repositories or branches in their time box, and whether the radar
// reflects their outcome (docs/office.md "Experiments").
import { Command } from 'commander';
import { formatMoney } from '../budget/money.ts';
import { isCtoError } from '../errors.ts';
import { EXPERIMENTS_DIR } from '../office/experiments/schema.ts';
import { type ExperimentsView, experimentsView } from '../office/experiments/view.ts';
import { referenceDay } from '../reference-date.ts';
import type { Store } from '../store/store.ts';
import { loadWorkspace, type Workspace } from '../workspace.ts';
import { globalOptions, parseDayOption, withStore } from './context.ts';
import { printError, printJson, printLine, printTable, styled, textColumn } from './output.ts';

export function experimentsCommand(): Command {
  return new Command('experiments')
    .description(
      'experiments (experiments/*.md): state, commits and people on their repositories in their time box, and whether the radar shows their outcome',
    )
    .option(
      '--today <date>',
      'the reference day states are judged on, YYYY-MM-DD (default: today, UTC)',
      parseDayOption('--today'),
    )
    .option('--json', 'print a JSON document (schema cto.experiments/v1, docs/office.md)')
    .action(async (flags: { today?: string; json?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      const today = referenceDay(flags.today);
      let view: ExperimentsView;
      try {
        view = await withStore(opts, (store, ws) => experimentsView(store, ws, today));
      } catch (e) {
        if (!isCtoError(e) || e.code !== 'NO_STORE') throw e;
        view = await experimentsView(null, loadWorkspace(opts.workspace), today);
      }
      if (flags.json) {
        printJson('cto.experiments/v1', experimentsJson(view));
        return;
      }
      printView(view);
    });
}

function printView(view: ExperimentsView): void {
  const list = view.experiments;
  if (list.length === 0 && view.diagnostics.length === 0) {
    printLine(`No experiment in ${EXPERIMENTS_DIR}/ (docs/office.md "Experiments" describes the file).`);
    return;
  }
  const count = (s: string) => list.filter((e) => e.state === s).length;
  const parts = ['running', 'overdue', 'planned', 'concluded']
    .filter((s) => count(s) > 0)
    .map((s) => `${count(s)} ${s}`);
  printLine(
    `${list.length} experiments on ${view.reference}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}.`,
  );
  const overdue = view.findings.filter((f) => f.kind === 'experiment-overdue');
  const notMoved = view.findings.filter((f) => f.kind === 'experiment-radar-not-moved');
  if (overdue.length > 0) printLine(styled('red', `${overdue.length} past their end without an outcome.`));
  if (notMoved.length > 0) printLine(styled('yellow', `${notMoved.length} outcomes not yet on the radar.`));
  if (list.length > 0 && list.every((e) => e.evidence === null))
    printLine('Evidence not read: no store yet (run `cto scan`).');
  printLine('');
  printTable(
    [
      'state',
      textColumn('experiment'),
      'owner',
      'time box',
      'budget',
      'commits',
      'people',
      textColumn('radar'),
    ],
    list.map((e) => [
      e.state === 'overdue' ? `overdue ${e.days}d` : e.state === 'concluded' ? `${e.outcome}` : e.state,
      e.title,
      e.owner,
      `${e.start}..${e.end}`,
      e.budget ? formatMoney(e.budget) : '',
      e.evidence === null ? 'not read' : `${e.evidence.commits}${e.evidence.complete ? '' : '*'}`,
      e.evidence === null ? '' : e.evidence.people,
      e.radarStanding?.message ?? '',
    ]),
  );
  const partial = list.flatMap((e) =>
    (e.evidence?.links ?? [])
      .filter((l) => l.status !== 'counted')
      .map((l) =>
        l.status === 'not-scanned'
          ? `* ${e.file}: ${l.repository} is not in the store: not counted`
          : `* ${e.file}: ${l.repository}:${l.branch} not counted: the store holds only ${l.ref ?? 'an unnamed ref'} of ${l.repository} (scan the branch with --rev)`,
      ),
  );
  for (const line of partial) printLine(line);
  for (const f of view.findings) printLine(`${f.severity}: ${f.title} (${f.file}, owner ${f.owner})`);
  for (const d of view.diagnostics)
    printError(`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`);
}

function experimentsJson(view: ExperimentsView) {
  return { ...view, evidenceRead: view.experiments.some((e) => e.evidence) };
}

/** `cto experiments --json`'s body (schema cto.experiments/v1). */
export async function experimentsDocument(store: Store, ws: Workspace, today: string) {
  return experimentsJson(await experimentsView(store, ws, today));
}
