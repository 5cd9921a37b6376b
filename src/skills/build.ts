// Skills: who has recent work in each technology and language (docs/skills.md). A person knows a
// technology when, in the 365 days up to the reference day, they changed a file of it (a file of its
// language, or a file that declares or reveals it: manifest, Dockerfile, workflow); such a person is
// active by the project's definition (a commit in the 365 days). Rolled up per team.
import { loadTechnologies } from '../analyses/technologies/match.ts';
import { type Team, teamOfPerson, teamsOwning } from '../office/teams.ts';
import { ACTIVE_WINDOW_DAYS, DAY, referenceTs } from '../reference-date.ts';
import { currentCodeFiles } from '../store/code.ts';
import { currentPeople } from '../store/people.ts';
import { currentFileTouches } from '../store/skills.ts';
import type { Store } from '../store/store.ts';

interface Knower {
  person: string;
  name: string;
  /** Commits touching the technology's files in the 365 days. */
  commits: number;
  lastCommit: string;
  teams: string[];
}

interface SkillRow {
  kind: 'technology' | 'language';
  id: string;
  name: string;
  /** Repositories where it is detected (technologies) or has code (languages). */
  repositories: string[];
  /** People with work in it in the 365 days, most commits first. */
  people: Knower[];
  /** People who changed its files before the window and have no commit in it since (departed). */
  departed: number;
  /** The radar stance of the technology, when a radar item names it. */
  stance: string | null;
}

interface SkillFinding {
  rule: 'skills-thin' | 'skills-hold-departed';
  severity: 'medium' | 'low';
  subject: string;
  title: string;
}

interface TeamSkills {
  team: string;
  rows: Array<{
    id: string;
    name: string;
    people: number;
    advice: 'hire or borrow' | 'mentor a second person' | 'covered';
  }>;
}

interface Input {
  today: string;
  teams: readonly Team[];
  /** Technology id → its files per repository (evidence of the technologies analysis). */
  technologyFiles: Array<{ repository: string; technologies: Array<{ id: string; files: string[] }> }>;
  /** Technology id → radar stance (adopt, trial, assess, hold); empty without a radar. */
  stances: Map<string, string>;
}

export async function buildSkills(store: Store, input: Input) {
  const ref = referenceTs(input.today);
  const from = ref - ACTIVE_WINDOW_DAYS * DAY;
  const catalogue = new Map(loadTechnologies().map((t) => [t.id, t]));
  const byName = new Map(loadTechnologies().map((t) => [t.name.toLowerCase(), t.id]));
  // Identities: e-mail (lower-cased) → person of the repository's snapshot; bots left out.
  const people = await currentPeople(store, input.today);
  const who = new Map<string, { id: string; name: string; keys: string[] }>();
  const bots = new Set<string>();
  for (const p of people)
    for (const e of p.emails) {
      const key = `${p.repository}\0${e.toLowerCase()}`;
      if (p.bot) bots.add(key);
      else
        who.set(key, {
          id: p.emails[0]?.toLowerCase() ?? p.personId,
          name: p.name,
          keys: [p.name, ...p.emails],
        });
    }
  const language = new Map<string, string>();
  const languageRepos = new Map<string, Set<string>>();
  for (const f of await currentCodeFiles(store))
    if (f.language && f.category !== 'vendored' && f.category !== 'generated') {
      language.set(`${f.repository}\0${f.path}`, f.language);
      add(languageRepos, f.language, f.repository);
    }
  const techOfFile = new Map<string, string[]>();
  const techRepos = new Map<string, Set<string>>();
  for (const r of input.technologyFiles)
    for (const t of r.technologies) {
      add(techRepos, t.id, r.repository);
      for (const f of t.files)
        techOfFile.set(`${r.repository}\0${f}`, [...(techOfFile.get(`${r.repository}\0${f}`) ?? []), t.id]);
    }
  type Acc = { commits: Set<string>; last: number; before: boolean };
  const work = new Map<string, Map<string, Acc>>(); // subject → person → work
  const lastAny = new Map<string, number>();
  const names = new Map<string, { name: string; keys: string[] }>();
  for (const t of await currentFileTouches(store)) {
    const key = `${t.repository}\0${t.authorEmail.toLowerCase()}`;
    if (bots.has(key)) continue;
    const p = who.get(key) ?? {
      id: t.authorEmail.toLowerCase(),
      name: t.authorName,
      keys: [t.authorName, t.authorEmail],
    };
    names.set(p.id, p);
    if (t.authorTs > ref) continue;
    lastAny.set(p.id, Math.max(lastAny.get(p.id) ?? 0, t.authorTs));
    const lang = language.get(`${t.repository}\0${t.path}`);
    const subjects = [...(techOfFile.get(`${t.repository}\0${t.path}`) ?? [])];
    if (lang) {
      subjects.push(`language:${lang}`);
      const tech = byName.get(lang.toLowerCase());
      if (tech && techRepos.get(tech)?.has(t.repository)) subjects.push(tech);
    }
    for (const s of new Set(subjects)) {
      const m = work.get(s) ?? new Map<string, Acc>();
      work.set(s, m);
      const a = m.get(p.id) ?? { commits: new Set<string>(), last: 0, before: false };
      m.set(p.id, a);
      if (t.authorTs > from) a.commits.add(t.sha);
      else a.before = true;
      a.last = Math.max(a.last, t.authorTs);
    }
  }
  const rows: SkillRow[] = [];
  for (const [subject, m] of work) {
    const isLang = subject.startsWith('language:');
    const id = isLang ? subject.slice('language:'.length) : subject;
    const knowers: Knower[] = [...m.entries()]
      .filter(([, a]) => a.commits.size > 0)
      .map(([pid, a]) => {
        const n = names.get(pid) as { name: string; keys: string[] };
        return {
          person: pid,
          name: n.name,
          commits: a.commits.size,
          lastCommit: new Date(a.last * 1000).toISOString().slice(0, 10),
          teams: teamOfPerson(input.teams, n.keys),
        };
      })
      .sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name));
    const departed = [...m.entries()].filter(
      ([pid, a]) => a.before && a.commits.size === 0 && (lastAny.get(pid) ?? 0) <= from,
    ).length;
    rows.push({
      kind: isLang ? 'language' : 'technology',
      id,
      name: isLang ? id : (catalogue.get(id)?.name ?? id),
      repositories: [...((isLang ? languageRepos : techRepos).get(id) ?? [])].sort(),
      people: knowers,
      departed,
      stance: isLang ? null : (input.stances.get(id) ?? null),
    });
  }
  rows.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) || b.people.length - a.people.length || a.name.localeCompare(b.name),
  );
  return { rows, findings: findingsOf(rows), teams: teamTable(rows, input.teams) };
}

function add(m: Map<string, Set<string>>, k: string, v: string) {
  const s = m.get(k) ?? new Set<string>();
  s.add(v);
  m.set(k, s);
}

/** ADOPT or TRIAL with at most one active knowledgeable person; HOLD known only by people who left. */
function findingsOf(rows: readonly SkillRow[]): SkillFinding[] {
  const out: SkillFinding[] = [];
  for (const r of rows.filter((x) => x.kind === 'technology')) {
    // Everyone with work in it in the 365 days is active (docs/metrics/people.md: active = a commit in 365 days).
    const active = r.people.length;
    if ((r.stance === 'adopt' || r.stance === 'trial') && active <= 1)
      out.push({
        rule: 'skills-thin',
        severity: 'medium',
        subject: r.id,
        title: `${r.name} (${r.stance.toUpperCase()}) has ${active === 0 ? 'no' : 'one'} active person with recent work in it: mentor or hire`,
      });
    if (r.stance === 'hold' && r.people.length === 0 && r.departed > 0)
      out.push({
        rule: 'skills-hold-departed',
        severity: 'low',
        subject: r.id,
        title: `${r.name} (HOLD) is still in ${r.repositories.length} repositories, and only people who left (${r.departed}) worked on it`,
      });
  }
  return out;
}

/** Per team, the technologies its repositories use and how many of its members have recent work in them. */
function teamTable(rows: readonly SkillRow[], teams: readonly Team[]): TeamSkills[] {
  return teams.map((t) => ({
    team: t.name,
    rows: rows
      .filter(
        (r) =>
          r.kind === 'technology' && r.repositories.some((repo) => teamsOwning(teams, repo).includes(t.name)),
      )
      .map((r) => {
        const n = r.people.filter((p) => p.teams.includes(t.name)).length;
        return {
          id: r.id,
          name: r.name,
          people: n,
          advice:
            n === 0
              ? ('hire or borrow' as const)
              : n === 1
                ? ('mentor a second person' as const)
                : ('covered' as const),
        };
      }),
  }));
}
