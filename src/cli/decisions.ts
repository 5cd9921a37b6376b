// `cto decisions`: the decision records of the workspace (decisions/, MADR 4), their checks evaluated
// against the current snapshots, and the proposed decisions waiting too long (docs/office.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { type DecisionsView, decisionsView } from '../decisions/view.ts';
import { CtoError, isCtoError } from '../errors.ts';
import { INDEX_FILE, renderIndex, supersedeEdges } from '../office/decisions/index-file.ts';
import { loadDecisionRecords } from '../office/decisions/records.ts';
import { DECISION_STATUSES, DECISIONS_DIR } from '../office/decisions/schema.ts';
import { newDecision, supersede } from '../office/decisions/write.ts';
import { referenceDay } from '../reference-date.ts';
import type { Store } from '../store/store.ts';
import { loadWorkspace, type Workspace } from '../workspace.ts';
import { choiceOption, globalOptions, parseDayOption, parseIntOption, withStore } from './context.ts';
import { printError, printJson, printLine, printTable, styled, textColumn } from './output.ts';

interface ListFlags {
  status?: string;
  today?: string;
  json?: boolean;
}

export function decisionsCommand(): Command {
  return new Command('decisions')
    .description(
      'decision records (decisions/, MADR 4): status, supersede graph, and the checks of accepted decisions evaluated against the current snapshots',
    )
    .addOption(choiceOption('--status <status>', 'only records with this status', DECISION_STATUSES))
    .option(
      '--today <date>',
      'the reference day proposed decisions age against, YYYY-MM-DD (default: today, UTC)',
      parseDayOption('--today'),
    )
    .option('--json', 'print a JSON document (schema cto.decisions/v1, docs/office.md)')
    .action(async (flags: ListFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      const today = referenceDay(flags.today);
      const view = await withStoreIfAny(opts, (store, ws) => decisionsView(store, ws, today));
      const shown = flags.status ? view.records.filter((r) => r.status === flags.status) : view.records;
      if (flags.json) {
        printJson('cto.decisions/v1', decisionsJson(view, shown, today));
        return;
      }
      printView(view, shown);
    })
    .addCommand(newCommand())
    .addCommand(supersedeCommand())
    .addCommand(indexCommand());
}

function decisionsJson(view: DecisionsView, shown: DecisionsView['records'], today: string) {
  return {
    reference: today,
    records: shown,
    supersedes: supersedeEdges(view.records).map(([by, old]) => ({ decision: by, supersedes: old })),
    checked: view.evaluation !== null,
    checks: view.evaluation?.outcomes ?? [],
    violations: view.evaluation?.violations ?? [],
    decisionsNeeded: view.needed,
    proposedMaxAgeDays: view.proposedMaxAgeDays,
    diagnostics: view.diagnostics,
  };
}

/** `cto decisions --json`'s body (schema cto.decisions/v1), optionally of one status. */
export async function decisionsDocument(
  store: Store,
  ws: Workspace,
  q: { status?: string | undefined; today: string },
) {
  const view = await decisionsView(store, ws, q.today);
  const shown = q.status ? view.records.filter((r) => r.status === q.status) : view.records;
  return decisionsJson(view, shown, q.today);
}

/** Run with the store when there is one; with none (nothing scanned yet) the checks are not evaluated. */
async function withStoreIfAny<T>(
  opts: ReturnType<typeof globalOptions>,
  fn: (
    store: Parameters<Parameters<typeof withStore>[1]>[0] | null,
    ws: ReturnType<typeof loadWorkspace>,
  ) => Promise<T>,
): Promise<T> {
  try {
    return await withStore(opts, fn);
  } catch (e) {
    if (isCtoError(e) && e.code === 'NO_STORE') return fn(null, loadWorkspace(opts.workspace));
    throw e;
  }
}

function printView(view: DecisionsView, shown: DecisionsView['records']): void {
  const violations = view.evaluation?.violations ?? [];
  const active = view.records.filter((r) => r.status === 'accepted' && r.checks.length > 0).length;
  if (view.records.length === 0 && view.diagnostics.length === 0) {
    printLine(`No decision record in ${DECISIONS_DIR}/: \`cto decisions new "<title>"\` writes one.`);
    return;
  }
  const counts = DECISION_STATUSES.map((s) => [s, view.records.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  printLine(`${view.records.length} decision records (${counts}).`);
  if (view.evaluation === null) printLine('Checks not evaluated: no store yet (run `cto scan`).');
  else {
    const repos = new Set(violations.map((v) => v.repository)).size;
    printLine(
      violations.length === 0
        ? `${view.evaluation.outcomes.length} checks of ${active} accepted decisions evaluated on the current snapshots: no violation.`
        : styled(
            'red',
            `${violations.length} violations in ${repos === 1 ? '1 repository' : `${repos} repositories`} of ${view.evaluation.outcomes.length} checks (${active} accepted decisions with checks).`,
          ),
    );
  }
  if (view.needed.length > 0)
    printLine(
      `${view.needed.length} proposed decisions older than ${view.proposedMaxAgeDays} days: decisions needed.`,
    );
  printLine('');
  printTable(
    ['number', 'status', 'date', textColumn('title'), 'checks', 'supersedes', 'superseded by'],
    shown.map((r) => [
      r.number,
      r.status,
      r.date ?? '',
      r.title,
      r.checks.length,
      r.supersedes.join(' '),
      r.supersededBy ?? '',
    ]),
  );
  if (violations.length > 0) {
    printLine('');
    printTable(
      ['decision', 'check', 'severity', 'repository', textColumn('violation'), textColumn('evidence')],
      violations.map((v) => [
        v.decision,
        v.check,
        v.severity,
        v.repository,
        `${v.action} ${v.kind} ${v.value}`,
        v.evidence.length === 0
          ? '(absent)'
          : `${v.evidence.slice(0, 2).join('; ')}${v.evidence.length > 2 ? ` +${v.evidence.length - 2}` : ''}`,
      ]),
    );
  }
  const unjudged = (view.evaluation?.outcomes ?? []).flatMap((o) =>
    o.notChecked.map((n) => `decision ${o.decision} check ${o.check}: not checked for ${n}`),
  );
  for (const line of unjudged) printLine(line);
  for (const d of view.needed)
    printLine(
      `decision needed: ${d.decision} ${d.title} (proposed ${d.date ?? 'without a date'}${d.ageDays === null ? '' : `, ${d.ageDays} days ago`})`,
    );
  for (const d of view.diagnostics)
    printError(`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`);
}

function newCommand(): Command {
  return new Command('new')
    .description(
      'write decisions/NNNN-<title>.md from the MADR 4 template, status proposed, with the next number',
    )
    .argument('<title>', 'the decision, as a short sentence')
    .option('--decision-makers <names>', 'comma-separated names for the decision-makers field')
    .option(
      '--today <date>',
      'the date of the record, YYYY-MM-DD (default: today, UTC)',
      parseDayOption('--today'),
    )
    .action((title: string, _flags: unknown, cmd: Command) => {
      // --today is also an option of `cto decisions`: read it wherever it was given.
      const flags = cmd.optsWithGlobals() as { decisionMakers?: string; today?: string; workspace: string };
      const ws = loadWorkspace(flags.workspace);
      const file = newDecision(ws.dir, title, {
        date: referenceDay(flags.today),
        decisionMakers: flags.decisionMakers
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      printLine(`wrote ${file}`);
    });
}

function supersedeCommand(): Command {
  return new Command('supersede')
    .description(
      "mark decision <old> superseded by decision <new> (--by): both records are edited; the old one's checks stop",
    )
    .argument('<old>', 'number of the decision superseded', parseIntOption('<old>', 0))
    .requiredOption('--by <new>', 'number of the decision that supersedes it', parseIntOption('--by', 0))
    .action((old: number, flags: { by: number }, cmd: Command) => {
      const ws = loadWorkspace(globalOptions(cmd).workspace);
      const [a, b] = supersede(ws.dir, old, flags.by);
      printLine(`${a}: superseded by ${flags.by}`);
      printLine(`${b}: supersedes ${old}`);
    });
}

function indexCommand(): Command {
  return new Command('index')
    .description(
      `write ${DECISIONS_DIR}/${INDEX_FILE}: the table of records and the supersede graph (mermaid)`,
    )
    .option('--stdout', 'print it instead of writing the file')
    .action((flags: { stdout?: boolean }, cmd: Command) => {
      const ws = loadWorkspace(globalOptions(cmd).workspace);
      const { records, diagnostics } = loadDecisionRecords(ws.dir);
      if (records.length === 0 && diagnostics.length === 0)
        throw new CtoError('USAGE', `no decision record in ${DECISIONS_DIR}/ to index`);
      const text = renderIndex(records);
      if (flags.stdout) printLine(text);
      else {
        writeFileSync(join(ws.dir, DECISIONS_DIR, INDEX_FILE), text);
        printLine(`wrote ${DECISIONS_DIR}/${INDEX_FILE} (${records.length} records)`);
      }
      for (const d of diagnostics)
        printError(`${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`);
    });
}
