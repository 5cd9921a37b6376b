// Objectives scored from the store: each key result's value at every point `cto trend` knows (the
// historical snapshots of `scan --history` and the current ones), against its straight line.
import { join } from 'node:path';
import { isCtoError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { buildTrend, type Trend, type TrendGroup } from '../../trend/build.ts';
import type { OfficeDiagnostic } from '../decisions/records.ts';
import type { Team } from '../teams.ts';
import { readYamlFile } from '../yaml-file.ts';
import { type KeyResultInput, type KeyResultScope, OBJECTIVES_FILE, objectivesFileSchema } from './schema.ts';
import {
  expectedValue,
  type Line,
  type ObjectiveStatus,
  progressShare,
  statusOn,
  worstStatus,
} from './score.ts';

interface KeyResultPoint {
  date: string;
  kind: 'historical' | 'current';
  value: number | null;
  expected: number;
  status: ObjectiveStatus;
}

interface KeyResultView {
  title: string;
  /** `metric <id> (<scope>)` or `sql`. */
  measure: string;
  metric: string | null;
  scope: string | null;
  sql: string | null;
  owner: string | null;
  baseline: number | null;
  /** `objectives.yaml`, or the date of the snapshot point the baseline was read from. */
  baselineFrom: string | null;
  target: number;
  start: string;
  due: string;
  unit: string | null;
  value: number | null;
  expected: number | null;
  /** Share of the way from baseline to target (1 = target reached). */
  progress: number | null;
  status: ObjectiveStatus;
  /** Why it is not measured, when it is not. */
  note: string | null;
  points: KeyResultPoint[];
}

export interface ObjectiveView {
  title: string;
  owner: string | null;
  start: string | null;
  due: string | null;
  status: ObjectiveStatus;
  keyResults: KeyResultView[];
}

export interface ObjectivesView {
  reference: string;
  objectives: ObjectiveView[];
  diagnostics: OfficeDiagnostic[];
}

interface Context {
  store: Store;
  today: string;
  teams: readonly Team[];
  eolWindowMonths: number;
  trends: Map<string, Promise<Trend>>;
}

export async function objectivesView(
  store: Store,
  workspace: { dir: string },
  options: { today: string; teams: readonly Team[]; eolWindowMonths: number },
): Promise<ObjectivesView> {
  const empty = { reference: options.today, objectives: [] };
  let file: ReturnType<typeof readObjectives>;
  try {
    file = readObjectives(workspace.dir);
  } catch (e) {
    if (!isCtoError(e)) throw e;
    const line = /^objectives\.yaml:(\d+):/.exec(e.message);
    const message = e.message.replace(/^objectives\.yaml(:\d+)?: /, '');
    return {
      ...empty,
      diagnostics: [{ file: OBJECTIVES_FILE, line: line ? Number(line[1]) : null, message }],
    };
  }
  const ctx: Context = { store, ...options, trends: new Map() };
  const objectives: ObjectiveView[] = [];
  for (const o of file?.objectives ?? []) {
    const keyResults: KeyResultView[] = [];
    for (const k of o['key-results']) keyResults.push(await keyResult(ctx, k, o));
    objectives.push({
      title: o.title,
      owner: o.owner ?? null,
      start: o.start ?? null,
      due: o.due ?? null,
      status: worstStatus(keyResults.map((k) => k.status)),
      keyResults,
    });
  }
  return { ...empty, objectives, diagnostics: [] };
}

function readObjectives(dir: string) {
  return readYamlFile(join(dir, OBJECTIVES_FILE), objectivesFileSchema, OBJECTIVES_FILE);
}

async function keyResult(
  ctx: Context,
  k: KeyResultInput,
  o: { start?: string; due?: string; owner?: string },
): Promise<KeyResultView> {
  const declaredStart = k.start ?? o.start;
  const due = (k.due ?? o.due) as string; // the schema requires one of them
  let start = declaredStart ?? ctx.today;
  const scope = k.metric === undefined ? null : scopeText(k.scope ?? 'portfolio');
  const base: KeyResultView = {
    title: k.title,
    measure: k.metric === undefined ? 'sql' : `${k.metric} (${scope})`,
    metric: k.metric ?? null,
    scope,
    sql: k.sql ?? null,
    owner: k.owner ?? o.owner ?? null,
    baseline: k.baseline ?? null,
    baselineFrom: k.baseline === undefined ? null : OBJECTIVES_FILE,
    target: k.target,
    start,
    due,
    unit: null,
    value: null,
    expected: null,
    progress: null,
    status: 'not measured',
    note: null,
    points: [],
  };
  const measured = k.metric === undefined ? await sqlPoint(ctx, k.sql as string) : await metricPoints(ctx, k);
  if ('note' in measured) return { ...base, note: measured.note };
  // Without a start, the line starts at the first point with a value.
  if (declaredStart === undefined) start = measured.points.find((p) => p.value !== null)?.date ?? ctx.today;
  let baseline = k.baseline;
  let baselineFrom = base.baselineFrom;
  if (baseline === undefined) {
    // The value at start: the latest point on or before it, else the first known one.
    const known = measured.points.filter((p) => p.value !== null);
    const at = [...known].reverse().find((p) => p.date <= start) ?? known[0];
    if (!at)
      return { ...base, unit: measured.unit, note: 'no value in any snapshot to take the baseline from' };
    baseline = at.value as number;
    baselineFrom = at.date;
  }
  const line: Line = { baseline, target: k.target, start, due };
  if (start >= due)
    return { ...base, start, note: `the line starts ${start}, not before its due date ${due}` };
  const points = measured.points.map((p) => ({
    ...p,
    expected: round(expectedValue(line, p.date)),
    status: statusOn(line, p.date, p.value),
  }));
  const last = points.at(-1);
  return {
    ...base,
    start,
    baseline,
    baselineFrom,
    unit: measured.unit,
    value: last?.value ?? null,
    expected: round(expectedValue(line, ctx.today)),
    progress: last?.value == null ? null : Math.round(progressShare(line, last.value) * 100) / 100,
    status: last?.status ?? 'not measured',
    note: last?.value == null ? 'the current snapshots give no value' : null,
    points,
  };
}

type Measured =
  | {
      points: Array<{ date: string; kind: 'historical' | 'current'; value: number | null }>;
      unit: string | null;
    }
  | { note: string };

async function metricPoints(ctx: Context, k: KeyResultInput): Promise<Measured> {
  const scope = k.scope ?? 'portfolio';
  const by: TrendGroup = scope === 'portfolio' ? 'portfolio' : 'team' in scope ? 'team' : 'repository';
  const subject = scope === 'portfolio' ? 'portfolio' : 'team' in scope ? scope.team : scope.repository;
  const key = `${k.metric}\0${by}`;
  let trend = ctx.trends.get(key);
  if (!trend) {
    trend = buildTrend(ctx.store, {
      metric: k.metric,
      by,
      today: ctx.today,
      teams: ctx.teams,
      eolWindowMonths: ctx.eolWindowMonths,
    });
    ctx.trends.set(key, trend);
  }
  let t: Trend;
  try {
    t = await trend;
  } catch (e) {
    if (isCtoError(e)) return { note: e.message };
    throw e;
  }
  const all = t.series.filter((s) => s.subject === subject);
  // A family name (`vulnerabilities`) is also its total's id: that one series is meant.
  const exact = all.filter((s) => s.metric === k.metric);
  const matching = exact.length > 0 ? exact : all;
  if (matching.length === 0)
    return {
      note:
        t.points.length === 0
          ? 'no snapshot in the store yet'
          : `no ${by} named "${subject}" in the store${by === 'team' ? ' owning a whole repository (teams.yaml)' : ''}`,
    };
  if (matching.length > 1)
    return {
      note: `"${k.metric}" names ${matching.length} series (${matching.map((s) => s.metric).join(', ')}): name one`,
    };
  const series = matching[0] as Trend['series'][number];
  return {
    points: t.points.map((p, i) => ({ date: p.date, kind: p.kind, value: series.values[i] ?? null })),
    unit: series.unit || null,
  };
}

async function sqlPoint(ctx: Context, text: string): Promise<Measured> {
  try {
    const r = await ctx.store.readOnlyQuery(text, { timeoutMs: 30_000 });
    const cell = r.rows[0]?.[0];
    const value =
      typeof cell === 'number'
        ? cell
        : typeof cell === 'string' || typeof cell === 'bigint'
          ? Number(cell)
          : Number.NaN;
    if (!Number.isFinite(value)) return { note: 'the query gave no number in its first row and column' };
    return { points: [{ date: ctx.today, kind: 'current', value }], unit: null };
  } catch (e) {
    if (isCtoError(e)) return { note: `the query failed: ${e.message}` };
    throw e;
  }
}

function scopeText(scope: KeyResultScope): string {
  if (scope === 'portfolio') return 'portfolio';
  return 'team' in scope ? `team ${scope.team}` : `repository ${scope.repository}`;
}

const round = (v: number) => Math.round(v * 10) / 10;
