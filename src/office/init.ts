// `cto office init`: a starter office from the last scan. It writes only what is missing and never
// overwrites a file: a radar with every technology in runtime use in a ring to assess, teams.yaml
// from the CODEOWNERS files, a first decision record (MADR 4), an example objective and an example
// experiment.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { EXPERIMENTS_DIR } from './experiments/schema.ts';
import type { RadarConfig } from './radar/config.ts';
import { writeItems } from './radar/write.ts';
import { TEAMS_FILE } from './teams.ts';

interface InitTechnology {
  id: string;
  name: string;
  category: string;
  /** Repositories where it is in runtime use. */
  repositories: string[];
}

interface InitCodeOwnerRule {
  repository: string;
  pattern: string;
  owners: string[];
}

interface InitResult {
  written: string[];
  /** Files (or folders) that exist and were left as they are. */
  kept: string[];
  /** Files not written for want of data. */
  notes: string[];
}

/** The quadrant of AOE's default radar a technology category belongs to. */
const CATEGORY_QUADRANT: Record<string, string> = {
  language: 'languages-and-frameworks',
  framework: 'languages-and-frameworks',
  library: 'languages-and-frameworks',
  testing: 'tools',
  build: 'tools',
  security: 'tools',
  ai: 'tools',
  ci: 'platforms-and-operations',
  database: 'platforms-and-operations',
  cloud: 'platforms-and-operations',
  saas: 'platforms-and-operations',
  infrastructure: 'platforms-and-operations',
  observability: 'platforms-and-operations',
  messaging: 'platforms-and-operations',
};

const DECISIONS_FOLDER = 'decisions';
const OBJECTIVES_FILE = 'objectives.yaml';

export function initOffice(
  dir: string,
  input: {
    config: RadarConfig;
    technologies: InitTechnology[];
    codeOwners: InitCodeOwnerRule[];
    today: string;
  },
): InitResult {
  const result: InitResult = { written: [], kept: [], notes: [] };
  starterRadar(dir, input.config, input.technologies, input.today, result);
  const teams = teamsFromCodeOwners(input.codeOwners);
  if (teams === null && !existsSync(join(dir, TEAMS_FILE)))
    result.notes.push(`${TEAMS_FILE}: not written (no CODEOWNERS file in the last scan names an owner)`);
  writeNew(dir, TEAMS_FILE, teams, result);
  if (
    existsSync(join(dir, DECISIONS_FOLDER)) &&
    readdirSync(join(dir, DECISIONS_FOLDER)).some((f) => f.endsWith('.md'))
  )
    result.kept.push(`${DECISIONS_FOLDER}/`);
  else
    writeNew(
      dir,
      `${DECISIONS_FOLDER}/0001-record-technology-decisions.md`,
      firstDecision(input.today),
      result,
    );
  writeNew(dir, OBJECTIVES_FILE, exampleObjective(input.today), result);
  starterExperiment(dir, input, result);
  return result;
}

function writeNew(dir: string, file: string, text: string | null, result: InitResult): void {
  const abs = join(dir, file);
  if (existsSync(abs)) {
    result.kept.push(file);
    return;
  }
  if (text === null) return;
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text, { flag: 'wx' });
  result.written.push(file);
}

/** A release of today with one item per runtime technology, in the assess ring; none over an existing radar. */
function starterRadar(
  dir: string,
  config: RadarConfig,
  technologies: readonly InitTechnology[],
  today: string,
  result: InitResult,
): void {
  const root = join(dir, config.folder);
  if (existsSync(root) && readdirSync(root).length > 0) {
    result.kept.push(`${config.folder}/`);
    return;
  }
  const ring = config.rings.find((r) => r.stance === 'assess') ?? config.rings.at(-1);
  const quadrantOf = (category: string) => {
    const wanted = CATEGORY_QUADRANT[category];
    return config.quadrants.find((q) => q.id === wanted)?.id ?? config.quadrants[0]?.id;
  };
  const { written } = writeItems(
    dir,
    config.folder,
    technologies.map((t) => ({
      release: today,
      id: t.id,
      front: { title: t.name, ring: ring?.id, quadrant: quadrantOf(t.category), technology: t.id },
      body: `In runtime use in ${t.repositories.join(', ')} at the scan of ${today}. Placed in ${ring?.title ?? 'a ring'} by \`cto office init\`: move it to the ring the office decides.`,
    })),
  );
  result.written.push(...written);
}

/**
 * teams.yaml from CODEOWNERS: one team per `@org/team` owner, and one per repository for the people
 * it names (`<repository>-owners`), each owning what its rules name; null when no rule names an owner.
 */
function teamsFromCodeOwners(rules: readonly InitCodeOwnerRule[]): string | null {
  const teams = new Map<string, { name: string; handles: string[]; owns: Map<string, Set<string>> }>();
  for (const rule of rules) {
    for (const owner of rule.owners) {
      const m = /^@[^/\s]+\/([^/\s]+)$/.exec(owner);
      const key = m ? owner : `${rule.repository}-owners`;
      const team = teams.get(key) ?? {
        name: m ? (m[1] as string) : key,
        handles: [] as string[],
        owns: new Map(),
      };
      teams.set(key, team);
      if (!team.handles.includes(owner)) team.handles.push(owner);
      const paths = team.owns.get(rule.repository) ?? new Set<string>();
      team.owns.set(rule.repository, paths);
      paths.add(rule.pattern);
    }
  }
  if (teams.size === 0) return null;
  const names = new Set<string>();
  const list = [...teams.values()].map((t) => {
    const name = names.has(t.name) ? (t.handles[0]?.slice(1) ?? t.name) : t.name;
    names.add(name);
    return {
      name,
      handles: t.handles,
      owns: [...t.owns].map(([repository, paths]) =>
        paths.has('*') || paths.has('/') || paths.has('/*') || paths.has('**')
          ? repository
          : { repository, paths: [...paths] },
      ),
    };
  });
  const header =
    '# Teams: who is in each and what each owns (docs/teams.md). Written by `cto office init` from the\n' +
    '# CODEOWNERS files of the last scan; add members (names or e-mails) and owners CODEOWNERS does not name.\n';
  return `${header}${stringify({ teams: list }, { lineWidth: 0 })}`;
}

/** A minimal MADR 4 record: front matter, title, context, options, outcome, consequences. */
function firstDecision(today: string): string {
  return `---
status: accepted
date: ${today}
decision-makers: [CTO]
---

# Record technology decisions as code

## Context and Problem Statement

Technology decisions live in slides and chat and drift from what the code does. We want them
reviewed like code and checked against every scan.

## Considered Options

* Markdown Architectural Decision Records (MADR 4) in \`decisions/\`, checked by \`cto\`
* A wiki page

## Decision Outcome

Chosen option: "MADR 4 records in \`decisions/\`", because they are reviewed in pull requests and
\`cto\` can check them against the facts of each scan.

### Consequences

* Good, because a decision names what it forbids or requires and its violations are findings.
* Bad, because each decision needs a record.
`;
}

function exampleObjective(today: string): string {
  const due = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return `# Objectives and key results, scored from the store on each scan. The schema is in
# docs/office.md ("Objectives"). Written by \`cto office init\` as an example: edit or replace it.
objectives:
  - title: Nothing in production past its end of life
    owner: CTO
    key-results:
      - title: Runtimes, images and packages past end of life (cto trend end-of-life)
        metric: end-of-life
        scope: portfolio
        target: 0
        due: ${due}
`;
}

/** An example experiment on a scanned repository, running from today for six weeks; none over existing experiments. */
function starterExperiment(
  dir: string,
  input: {
    config: RadarConfig;
    technologies: InitTechnology[];
    codeOwners: InitCodeOwnerRule[];
    today: string;
  },
  result: InitResult,
): void {
  const folder = join(dir, EXPERIMENTS_DIR);
  if (existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.md'))) {
    result.kept.push(`${EXPERIMENTS_DIR}/`);
    return;
  }
  const tech = input.technologies.find((t) => t.repositories.length > 0);
  const repository = tech?.repositories[0] ?? input.codeOwners[0]?.repository;
  if (repository === undefined) {
    result.notes.push(`${EXPERIMENTS_DIR}/: no example written (no repository in the last scan)`);
    return;
  }
  // Linked to the radar only when the item is there (the starter radar writes one per technology).
  const onRadar = tech && existsSync(join(dir, input.config.folder, input.today, `${tech.id}.md`));
  const end = new Date(Date.parse(`${input.today}T00:00:00Z`) + 42 * 86_400_000).toISOString().slice(0, 10);
  writeNew(
    dir,
    `${EXPERIMENTS_DIR}/example.md`,
    `---
title: Example experiment
hypothesis: What we expect to learn, in one sentence we can prove wrong
owner: CTO
start: ${input.today}
end: ${end}
budget: { amount: "0", currency: EUR }
${onRadar ? `radar: ${tech.id}\n` : ''}repositories: [${JSON.stringify(repository)}]
outcome: null
---

# Example experiment

Written by \`cto office init\` as an example: edit or delete it. The fields are described in
docs/office.md ("Experiments"). Set \`outcome\` to adopt, trial or drop when it ends.
`,
    result,
  );
}
