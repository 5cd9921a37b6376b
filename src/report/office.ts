// The office files the report reads (decision records, objectives): read once per report and shared by
// the Innovation area and the decisions-needed sources (docs/report.md, docs/office.md).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Violation } from '../decisions/checks.ts';
import { type DecisionsView, decisionsView } from '../decisions/view.ts';
import { DECISIONS_DIR } from '../office/decisions/schema.ts';
import { EXPERIMENTS_DIR } from '../office/experiments/schema.ts';
import { type ExperimentsView, experimentsView } from '../office/experiments/view.ts';
import { OBJECTIVES_FILE } from '../office/objectives/schema.ts';
import { type ObjectivesView, objectivesView } from '../office/objectives/view.ts';
import type { Team } from '../office/teams.ts';
import { ownerResolver } from '../risk/owners.ts';
import type { Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { q } from './data.ts';
import type { DecisionSource } from './decisions-needed.ts';
import type { ReportFinding } from './types.ts';

export interface ReportOffice {
  /** Null when the workspace has no decisions/ folder. */
  decisions: DecisionsView | null;
  /** Null when the workspace has no objectives.yaml. */
  objectives: ObjectivesView | null;
  /** Null when the workspace has no experiments/ folder (report/experiments.ts reads it). */
  experiments: ExperimentsView | null;
}

interface OfficeOptions {
  workspaceDir: string | null;
  today: string;
  teams: readonly Team[];
  windowMonths: number;
}

const read = new WeakMap<Store, Map<string, Promise<ReportOffice | null>>>();

/** The office of the workspace as the report sees it; null when there is none (no folder, no files). */
export function reportOffice(store: Store, o: OfficeOptions): Promise<ReportOffice | null> {
  const key = `${o.workspaceDir}\0${o.today}\0${o.windowMonths}`;
  let byKey = read.get(store);
  if (!byKey) {
    byKey = new Map();
    read.set(store, byKey);
  }
  let office = byKey.get(key);
  if (!office) {
    office = readOffice(store, o);
    byKey.set(key, office);
  }
  return office;
}

async function readOffice(store: Store, o: OfficeOptions): Promise<ReportOffice | null> {
  const dir = o.workspaceDir;
  if (dir === null) return null;
  const hasDecisions = existsSync(join(dir, DECISIONS_DIR));
  const hasObjectives = existsSync(join(dir, OBJECTIVES_FILE));
  const hasExperiments = existsSync(join(dir, EXPERIMENTS_DIR));
  if (!hasDecisions && !hasObjectives && !hasExperiments) return null;
  const config = loadWorkspace(dir).config;
  return {
    decisions: hasDecisions ? await decisionsView(store, { dir, config }, o.today) : null,
    objectives: hasObjectives
      ? await objectivesView(
          store,
          { dir },
          { today: o.today, teams: o.teams, eolWindowMonths: o.windowMonths },
        )
      : null,
    experiments: hasExperiments ? await experimentsView(store, { dir, config }, o.today) : null,
  };
}

/** Decision violations in the report's repositories, as Innovation findings with the decision as evidence. */
export function violationFindings(
  office: ReportOffice | null,
  repositories: ReadonlySet<string>,
  teams: readonly Team[],
): ReportFinding[] {
  const ownerOf = ownerResolver(teams);
  return (office?.decisions?.evaluation?.violations ?? [])
    .filter((v) => repositories.has(v.repository))
    .map((v) => ({
      id: `decision-${v.decision}-${v.check}-${v.repository}`.replace(/[^A-Za-z0-9_.-]+/g, '-'),
      repository: v.repository,
      analysis: 'decisions',
      rule: `${v.action}-${v.kind}`,
      severity: v.severity,
      subject: v.value,
      title: v.message,
      detail: v.evidence.length > 0 ? v.evidence.join('; ') : null,
      owner: ownerOf(v.repository, evidencePaths(v)),
      action: `Follow decision ${v.decision} (${v.file}), or supersede it with a new decision.`,
      evidence: { repositories: [v.repository], files: [v.file, ...evidencePaths(v)].slice(0, 20) },
      sql: violationSql(v),
    }));
}

/** The paths in a violation's evidence (`package-lock.json: npm lodash 4.17.20` → package-lock.json). */
function evidencePaths(v: Violation): string[] {
  if (v.kind === 'technology') return [];
  return [...new Set(v.evidence.map((e) => e.split(/:(?:\d+:)? /)[0] as string))];
}

function violationSql(v: Violation): string {
  const repo = q(v.repository);
  switch (v.kind) {
    case 'technology':
      return `select subject, value, evidence from current_metrics where repository = ${repo} and metric = 'technology' and subject = ${q(v.value.toLowerCase())}`;
    case 'package':
    case 'licence':
      return `select ecosystem, name, version, license, manifest_path from current_dependencies where repository = ${repo} order by name`;
    case 'runtime':
      return `select kind, version, role, path from current_runtimes where repository = ${repo}`;
    case 'image':
      return `select name, version, path, line from current_images where repository = ${repo}`;
    case 'file':
      return `select path from current_files where repository = ${repo} order by path`;
  }
}

/** Proposed decisions older than `decisions.proposedMaxAgeDays` (docs/office.md#decisions-needed). */
export const proposedDecisions: DecisionSource = {
  kind: 'decision-proposed',
  label: 'proposed decisions older than decisions.proposedMaxAgeDays (default 30)',
  async collect(ctx) {
    const office = await reportOffice(ctx.store, ctx);
    return (office?.decisions?.needed ?? []).map((d) => ({
      kind: 'decision-proposed',
      title: `Decision ${d.decision} proposed ${d.date === null ? 'without a date' : `${d.ageDays} days ago (${d.date})`}: ${d.title}. Accept or reject it.`,
      subject: d.file,
      repository: null,
      due: null,
      owner:
        office?.decisions?.records.find((r) => r.number === d.decision)?.decisionMakers.join(', ') ||
        'unassigned',
      riskKey: null,
      evidence: { files: [d.file] },
      sql: FACT_COUNT_SQL,
    }));
  },
};

/** Objectives off track by the progress rule (docs/office.md#progress-rule). */
export const objectivesOffTrack: DecisionSource = {
  kind: 'objective-off-track',
  label: 'objectives off track (objectives.yaml, scored from the snapshots)',
  async collect(ctx) {
    const office = await reportOffice(ctx.store, ctx);
    return (office?.objectives?.objectives ?? [])
      .filter((o) => o.status === 'off track')
      .map((o) => {
        const off = o.keyResults.filter((k) => k.status === 'off track');
        const due = off.map((k) => k.due).sort()[0] ?? o.due;
        return {
          kind: 'objective-off-track',
          title: `Objective off track: ${o.title} (${off.map((k) => `${k.title}: ${k.value ?? 'n/a'} against ${k.expected ?? 'n/a'} expected`).join('; ')}). Change the plan or the target.`,
          subject: o.title,
          repository: null,
          due,
          owner: o.owner ?? off[0]?.owner ?? 'unassigned',
          riskKey: null,
          evidence: { files: ['objectives.yaml'] },
          sql: off.find((k) => k.sql)?.sql ?? FACT_COUNT_SQL,
        };
      });
  },
};

/** What the office joins to: the current snapshots' facts per repository. */
const FACT_COUNT_SQL =
  'select repository, count(*) as files from current_files group by repository order by repository';
