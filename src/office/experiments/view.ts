// What `cto experiments` and the report show: each experiment's state on the reference day, the
// evidence the store holds (commits and people on its repositories or branches in its time box), and
// whether the radar reflects its outcome; findings for overdue experiments and outcomes the radar does
// not show yet (docs/office.md "Experiments").
import { authorEmailKey } from '../../people/identities/email.ts';
import { referenceTs } from '../../reference-date.ts';
import { commitsInTimeBox, type TimeBoxCommits } from '../../store/experiments.ts';
import type { Store } from '../../store/store.ts';
import type { OfficeDiagnostic } from '../decisions/records.ts';
import { loadDecisionRecords } from '../decisions/records.ts';
import { radarConfig, type Stance } from '../radar/config.ts';
import { loadRadar, type Radar } from '../radar/load.ts';
import { type ExperimentRecord, loadExperiments } from './records.ts';
import type { Outcome } from './schema.ts';

type ExperimentState = 'planned' | 'running' | 'overdue' | 'concluded';

/** planned before its start; running up to its end; overdue past its end without an outcome; concluded with one. */
export function experimentState(
  e: Pick<ExperimentRecord, 'start' | 'end' | 'outcome'>,
  today: string,
): ExperimentState {
  if (e.outcome !== null) return 'concluded';
  if (today < e.start) return 'planned';
  return today <= e.end ? 'running' : 'overdue';
}

interface EvidenceLink {
  repository: string;
  /** The branch named in the file; null for a whole repository (its scanned ref). */
  branch: string | null;
  /** The ref the store holds for the repository (the scan's), null when not scanned or not recorded. */
  ref: string | null;
  /** counted: commits read from the store; not-scanned: no current snapshot; other-ref: the store holds another ref than the branch. */
  status: 'counted' | 'not-scanned' | 'other-ref';
  commits: number | null;
  people: number | null;
  /** The last commit the store holds for the repository: commits after it are not counted. */
  lastCommitAt: string | null;
}

interface ExperimentEvidence {
  links: EvidenceLink[];
  /** Commits in the time box over the counted links (a repository counted once). */
  commits: number;
  /** Distinct people (bots left out, e-mails of one person one person) over the counted links. */
  people: number;
  /** Whether every link could be counted. */
  complete: boolean;
}

const refName = (ref: string | null) => (ref ?? '').replace(/^refs\/heads\//, '');

/** The evidence of an experiment from its repositories' commits in its time box (store rows, one per repository). */
export function experimentEvidence(
  e: Pick<ExperimentRecord, 'repositories' | 'branches'>,
  rows: readonly TimeBoxCommits[],
): ExperimentEvidence {
  const byRepo = new Map(rows.map((r) => [r.repository, r]));
  const links: EvidenceLink[] = [];
  const counted = new Map<string, TimeBoxCommits>();
  const wanted = [
    ...e.repositories.map((repository) => ({ repository, branch: null as string | null })),
    ...e.branches.map((b) => ({ repository: b.repository, branch: b.branch as string | null })),
  ];
  for (const w of wanted) {
    const row = byRepo.get(w.repository);
    if (!row) {
      links.push({ ...w, ref: null, status: 'not-scanned', commits: null, people: null, lastCommitAt: null });
      continue;
    }
    if (w.branch !== null && refName(row.ref) !== w.branch) {
      links.push({
        ...w,
        ref: row.ref,
        status: 'other-ref',
        commits: null,
        people: null,
        lastCommitAt: row.lastCommitAt,
      });
      continue;
    }
    counted.set(row.repository, row);
    const own = tally([row]);
    links.push({ ...w, ref: row.ref, status: 'counted', ...own, lastCommitAt: row.lastCommitAt });
  }
  return { links, ...tally([...counted.values()]), complete: links.every((l) => l.status === 'counted') };
}

/** Commits and distinct people (bots out) over rows; a person's e-mails across repositories make one person. */
function tally(rows: readonly TimeBoxCommits[]): { commits: number; people: number } {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let p = parent.get(k) ?? k;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    return p;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const bots = new Set<string>();
  for (const r of rows)
    for (const p of r.people) {
      const keys = p.emails.map(authorEmailKey);
      for (const k of keys.slice(1)) union(keys[0] as string, k);
      if (p.bot) for (const k of keys) bots.add(k);
    }
  let commits = 0;
  const people = new Set<string>();
  for (const r of rows)
    for (const c of r.byEmail) {
      commits += c.commits;
      const key = authorEmailKey(c.email);
      if (!bots.has(key)) people.add(find(key));
    }
  return { commits, people: people.size };
}

/** The radar stance an outcome asks for. */
const WANTED: Record<Outcome, Stance> = { adopt: 'adopt', trial: 'trial', drop: 'hold' };

interface RadarStanding {
  /** The item named by the experiment; null when it is not on the radar. */
  item: string | null;
  ring: string | null;
  /** The release the item was last declared in, and the radar's latest release. */
  release: string | null;
  latestRelease: string | null;
  /** The stance the outcome asks for; null without an outcome. */
  wanted: Stance | null;
  /** Whether the item's ring has the stance the outcome asks for; null without an outcome or item. */
  reflected: boolean | null;
  message: string;
}

/** Where the experiment's radar item stands now, against what its outcome asks. */
export function radarStanding(
  e: Pick<ExperimentRecord, 'radar' | 'outcome'>,
  radar: Radar | null,
): RadarStanding | null {
  if (e.radar === null) return null;
  const latestRelease = radar?.releases.at(-1) ?? null;
  const wanted = e.outcome === null ? null : WANTED[e.outcome];
  const name = e.radar.toLowerCase();
  const item =
    radar?.items.find((i) => i.id === name) ??
    radar?.items.find((i) => i.title.toLowerCase() === name) ??
    null;
  if (!item)
    return {
      item: null,
      ring: null,
      release: null,
      latestRelease,
      wanted,
      reflected: null,
      message: radar === null ? 'no radar in the workspace' : `radar item "${e.radar}" is not on the radar`,
    };
  const release = item.history.at(-1)?.release ?? null;
  const ring = radar?.config.rings.find((r) => r.id === item.ring);
  const stance = ring?.stance ?? null;
  const shown = item.ring.toUpperCase();
  const where = release === latestRelease ? 'in the latest release' : `since ${release}`;
  const reflected = wanted === null ? null : stance === wanted;
  const message =
    e.outcome === null
      ? `radar ${shown} ${where}`
      : reflected
        ? `outcome ${e.outcome}, radar ${shown} ${where}: reflected`
        : `outcome ${e.outcome}, radar still ${shown} ${where}: move it to ${wantedRing(radar, wanted)} in the next release`;
  return { item: item.id, ring: item.ring, release, latestRelease, wanted, reflected, message };
}

function wantedRing(radar: Radar | null, wanted: Stance | null): string {
  const ring = radar?.config.rings.find((r) => r.stance === wanted);
  return (ring?.id ?? wanted ?? '').toUpperCase();
}

export interface ExperimentView extends ExperimentRecord {
  state: ExperimentState;
  /** Days past the end (overdue) or left until it (running); null otherwise. */
  days: number | null;
  /** Null when there is no store (nothing scanned yet). */
  evidence: ExperimentEvidence | null;
  radarStanding: RadarStanding | null;
  /** The decision record file the `decision:` number names, when it exists. */
  decisionFile: string | null;
}

export interface ExperimentFinding {
  kind: 'experiment-overdue' | 'experiment-radar-not-moved';
  file: string;
  title: string;
  owner: string;
  repositories: string[];
  /** The time box. */
  start: string;
  end: string;
  due: string;
  severity: 'medium' | 'low';
}

export interface ExperimentsView {
  reference: string;
  experiments: ExperimentView[];
  findings: ExperimentFinding[];
  diagnostics: OfficeDiagnostic[];
}

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

export async function experimentsView(
  store: Store | null,
  workspace: { dir: string; config: Record<string, unknown> },
  today: string,
): Promise<ExperimentsView> {
  const { records, diagnostics } = loadExperiments(workspace.dir);
  const radar = records.some((r) => r.radar !== null)
    ? loadRadar(workspace.dir, radarConfig(workspace.config.radar as Parameters<typeof radarConfig>[0]))
    : null;
  const decisions = records.some((r) => r.decision !== null)
    ? loadDecisionRecords(workspace.dir).records
    : [];
  const experiments: ExperimentView[] = [];
  for (const r of records) {
    const state = experimentState(r, today);
    let evidence: ExperimentEvidence | null = null;
    if (store !== null) {
      const repos = [...new Set([...r.repositories, ...r.branches.map((b) => b.repository)])];
      const rows = await commitsInTimeBox(
        store,
        repos,
        Date.parse(`${r.start}T00:00:00Z`) / 1000,
        referenceTs(r.end),
      );
      evidence = experimentEvidence(r, rows);
    }
    const standing = radarStanding(r, radar);
    if (standing && standing.item === null && radar !== null)
      diagnostics.push({ file: r.file, line: null, message: `radar: ${standing.message}` });
    const decisionFile =
      r.decision === null ? null : (decisions.find((d) => d.number === r.decision)?.file ?? null);
    if (r.decision !== null && decisionFile === null)
      diagnostics.push({
        file: r.file,
        line: null,
        message: `decision: ${r.decision} is not a decision record in decisions/`,
      });
    experiments.push({
      ...r,
      state,
      days:
        state === 'overdue'
          ? daysBetween(r.end, today)
          : state === 'running'
            ? daysBetween(today, r.end)
            : null,
      evidence,
      radarStanding: standing,
      decisionFile,
    });
  }
  return { reference: today, experiments, findings: experimentFindings(experiments), diagnostics };
}

/** Overdue experiments, and outcomes the radar does not show yet. */
function experimentFindings(experiments: readonly ExperimentView[]): ExperimentFinding[] {
  const out: ExperimentFinding[] = [];
  for (const e of experiments) {
    const repositories = [...new Set([...e.repositories, ...e.branches.map((b) => b.repository)])];
    if (e.state === 'overdue')
      out.push({
        kind: 'experiment-overdue',
        file: e.file,
        title: `Experiment "${e.title}" ended ${e.end} (${e.days} days ago) without an outcome: adopt, trial or drop.`,
        owner: e.owner,
        repositories,
        start: e.start,
        end: e.end,
        due: e.end,
        severity: 'medium',
      });
    if (e.radarStanding?.reflected === false)
      out.push({
        kind: 'experiment-radar-not-moved',
        file: e.file,
        title: `Experiment "${e.title}": ${e.radarStanding.message}.`,
        owner: e.owner,
        repositories,
        start: e.start,
        end: e.end,
        due: e.end,
        severity: 'low',
      });
  }
  return out;
}
