// The radar joined to usage (pure): each item as of the current release with who uses its
// technologies and the trend since the previous release, strategy coverage, and the findings
// (docs/office.md, "Radar findings").
import type { Stance } from '../office/radar/config.ts';
import type { OfficeDiagnostic, Radar } from '../office/radar/load.ts';
import { DAY } from '../reference-date.ts';
import type { TechnologyUse } from './usage.ts';

export interface RadarViewItem {
  /** The blip number on the drawn radar and in the list. */
  number: number;
  id: string;
  title: string;
  ring: string;
  quadrant: string;
  stance: Stance | null;
  featured: boolean;
  technologies: string[];
  repositories: string[];
  runtimeRepositories: string[];
  teams: string[];
  activePeople: number;
  /** Runtime repositories now minus at the previous release; null when not measured. */
  trend: number | null;
  /** The release from which the item has been in its ring, and whether it is new in this release. */
  inRingSince: string;
  isNew: boolean;
  moved: 'in' | 'out' | null;
  history: Array<{ release: string; ring: string }>;
  file: string;
}

export interface RadarFinding {
  rule:
    | 'radar-hold-in-use'
    | 'radar-adopt-single-owner'
    | 'radar-unmentioned-runtime'
    | 'radar-trial-without-decision';
  severity: 'high' | 'medium' | 'low' | 'info';
  /** The radar item id, or the technology id for an unmentioned technology. */
  subject: string;
  title: string;
  repositories: string[];
}

export interface RadarView {
  release: string;
  previousRelease: string | null;
  rings: Array<{ id: string; title: string; stance: Stance | null }>;
  quadrants: Array<{ id: string; title: string }>;
  items: RadarViewItem[];
  coverage: {
    /** Technologies in runtime use anywhere, and how many of them a radar item names. */
    runtimeTechnologies: number;
    mentioned: number;
    percent: number | null;
    unmentioned: Array<{ id: string; name: string; repositories: string[] }>;
  };
  findings: RadarFinding[];
  diagnostics: OfficeDiagnostic[];
}

interface RadarViewInput {
  radar: Radar;
  /** Item id -> technology ids (map.ts), with the mapping's diagnostics. */
  mapping: { technologies: Map<string, string[]>; diagnostics: OfficeDiagnostic[] };
  now: Map<string, TechnologyUse>;
  /** Use on the previous release's day; null when no snapshot shows that day. */
  before: Map<string, TechnologyUse> | null;
  names: Map<string, string>;
  /** Whether teams.yaml declares teams (a single team is only a finding then). */
  teamsDeclared: boolean;
  day: string;
}

/** The current release: the latest on or before the day (the first when all are later). */
export function currentRelease(releases: readonly string[], day: string): string | null {
  return releases.filter((r) => r <= day).at(-1) ?? releases[0] ?? null;
}

const repositories = (n: number) => (n === 1 ? '1 repository' : `${n} repositories`);
const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'];

const days = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / (DAY * 1000));

export function buildRadarView(input: RadarViewInput): RadarView | null {
  const { radar, mapping, now, before, names, day } = input;
  const release = currentRelease(radar.releases, day);
  if (!release) return null;
  const previousRelease = radar.releases.filter((r) => r < release).at(-1) ?? null;
  const ringOrder = radar.config.rings.map((r) => r.id);
  const stanceOf = (ring: string) => radar.config.rings.find((r) => r.id === ring)?.stance ?? null;
  const quadrantOrder = radar.config.quadrants.map((q) => q.id);
  const items = radar.items
    .map((item) => ({ item, history: item.history.filter((h) => h.release <= release) }))
    .filter(({ history }) => history.length > 0)
    .map(({ item, history }) => {
      const last = history.at(-1)!;
      let since = history.length - 1;
      while (since > 0 && history[since - 1]?.ring === last.ring) since--;
      const prior = history.at(-2);
      const technologies = mapping.technologies.get(item.id) ?? [];
      const uses = technologies.map((t) => now.get(t)).filter((u) => u !== undefined);
      const runtime = (m: Map<string, TechnologyUse>) =>
        new Set(
          technologies.flatMap((t) =>
            (m.get(t)?.repositories ?? []).filter((r) => r.runtime).map((r) => r.repository),
          ),
        );
      const runtimeNow = runtime(now);
      return {
        number: 0,
        id: item.id,
        title: item.title,
        ring: last.ring,
        quadrant: last.quadrant,
        stance: stanceOf(last.ring),
        featured: item.featured,
        technologies,
        repositories: [...new Set(uses.flatMap((u) => u.repositories.map((r) => r.repository)))].sort(),
        runtimeRepositories: [...runtimeNow].sort(),
        teams: [...new Set(uses.flatMap((u) => u.teams))].sort(),
        activePeople: Math.max(0, ...uses.map((u) => u.activePeople)),
        trend: before && technologies.length > 0 ? runtimeNow.size - runtime(before).size : null,
        inRingSince: history[since]?.release ?? last.release,
        isNew: history.length === 1 && last.release === release,
        moved:
          prior && prior.ring !== last.ring && last.release === release
            ? ringOrder.indexOf(last.ring) < ringOrder.indexOf(prior.ring)
              ? ('in' as const)
              : ('out' as const)
            : null,
        history: history.map((h) => ({ release: h.release, ring: h.ring })),
        file: last.file,
        decision: item.decision,
      };
    })
    .sort(
      (a, b) =>
        quadrantOrder.indexOf(a.quadrant) - quadrantOrder.indexOf(b.quadrant) ||
        ringOrder.indexOf(a.ring) - ringOrder.indexOf(b.ring) ||
        a.title.localeCompare(b.title),
    );
  items.forEach((item, i) => {
    item.number = i + 1;
  });
  const mentioned = new Set(items.flatMap((i) => i.technologies));
  const inRuntime = [...now.values()].filter((u) => u.repositories.some((r) => r.runtime));
  const unmentioned = inRuntime
    .filter((u) => !mentioned.has(u.id))
    .map((u) => ({
      id: u.id,
      name: names.get(u.id) ?? u.id,
      repositories: u.repositories.filter((r) => r.runtime).map((r) => r.repository),
    }))
    .sort((a, b) => b.repositories.length - a.repositories.length || a.name.localeCompare(b.name));
  const findings: RadarFinding[] = [];
  for (const item of items) {
    if (item.stance === 'hold' && item.runtimeRepositories.length > 0) {
      const grew = item.trend !== null && item.trend > 0;
      findings.push({
        rule: 'radar-hold-in-use',
        severity: grew ? 'high' : 'medium',
        subject: item.id,
        title: `${item.title} is on HOLD but in runtime use in ${repositories(item.runtimeRepositories.length)}${grew ? `, ${item.trend} more than at the ${previousRelease} release` : ''}`,
        repositories: item.runtimeRepositories,
      });
    }
    const singleTeam = input.teamsDeclared && item.teams.length === 1;
    if (item.stance === 'adopt' && item.repositories.length > 0 && (singleTeam || item.activePeople === 1)) {
      findings.push({
        rule: 'radar-adopt-single-owner',
        severity: 'low',
        subject: item.id,
        title: `${item.title} is ADOPT but used by ${singleTeam ? `one team only (${item.teams[0]})` : 'one active person only'}`,
        repositories: item.repositories,
      });
    }
    const age = days(item.inRingSince, day);
    if (item.stance === 'trial' && item.decision === null && age > radar.config.trialMaxAgeDays) {
      findings.push({
        rule: 'radar-trial-without-decision',
        severity: 'low',
        subject: item.id,
        title: `${item.title} has been in TRIAL for ${age} days (since ${item.inRingSince}) without a decision`,
        repositories: item.repositories,
      });
    }
  }
  for (const u of unmentioned)
    findings.push({
      rule: 'radar-unmentioned-runtime',
      severity: 'info',
      subject: u.id,
      title: `${u.name} is in runtime use in ${repositories(u.repositories.length)} but not on the radar`,
      repositories: u.repositories,
    });
  return {
    release,
    previousRelease,
    rings: radar.config.rings,
    quadrants: radar.config.quadrants,
    items: items.map(({ decision: _, ...i }) => i),
    coverage: {
      runtimeTechnologies: inRuntime.length,
      mentioned: inRuntime.length - unmentioned.length,
      percent:
        inRuntime.length === 0
          ? null
          : Math.round((100 * (inRuntime.length - unmentioned.length)) / inRuntime.length),
      unmentioned,
    },
    findings: findings.sort(
      (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
    ),
    diagnostics: [...radar.diagnostics, ...mapping.diagnostics],
  };
}
