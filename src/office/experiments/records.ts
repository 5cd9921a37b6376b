// Experiment files: `experiments/*.md`, Markdown with YAML front matter (schema.ts). A bad file is a
// diagnostic naming its file and line; the others still load (docs/office.md "Experiments").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Money } from '../../budget/money.ts';
import { isCtoError } from '../../errors.ts';
import type { OfficeDiagnostic } from '../decisions/records.ts';
import { parseFrontMatter } from '../front-matter.ts';
import { EXPERIMENTS_DIR, experimentSchema, type Outcome } from './schema.ts';

export interface BranchLink {
  repository: string;
  branch: string;
}

export interface ExperimentRecord {
  /** Path from the workspace, `experiments/bun-for-builds.md`. */
  file: string;
  title: string;
  hypothesis: string;
  owner: string;
  start: string;
  end: string;
  budget: Money | null;
  radar: string | null;
  repositories: string[];
  branches: BranchLink[];
  outcome: Outcome | null;
  decision: number | null;
}

interface ExperimentSet {
  records: ExperimentRecord[];
  diagnostics: OfficeDiagnostic[];
}

/** Every `*.md` in `experiments/` but README.md, in file name order; an absent folder gives none. */
export function loadExperiments(workspaceDir: string): ExperimentSet {
  const dir = join(workspaceDir, EXPERIMENTS_DIR);
  if (!existsSync(dir)) return { records: [], diagnostics: [] };
  const records: ExperimentRecord[] = [];
  const diagnostics: OfficeDiagnostic[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    const file = `${EXPERIMENTS_DIR}/${name}`;
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      diagnostics.push({ file, line: null, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const parsed = parseExperiment(text, file, name.slice(0, -3));
    if ('message' in parsed) diagnostics.push(parsed);
    else records.push(parsed);
  }
  return { records, diagnostics };
}

/** One experiment from its text; a diagnostic when its front matter is missing or invalid. */
export function parseExperiment(
  text: string,
  file: string,
  slug: string,
): ExperimentRecord | OfficeDiagnostic {
  let parsed: ReturnType<typeof parseFrontMatter<typeof experimentSchema>>;
  try {
    parsed = parseFrontMatter(text, experimentSchema, file);
  } catch (e) {
    if (!isCtoError(e)) throw e;
    const m = /^[^:]+\.md:(\d+):/.exec(e.message);
    return { file, line: m ? Number(m[1]) : null, message: e.message.replace(/^[^:]+\.md(:\d+)?: /, '') };
  }
  const { data: fm, body } = parsed;
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
  return {
    file,
    title: fm.title ?? heading ?? slug.replace(/-/g, ' '),
    hypothesis: fm.hypothesis,
    owner: fm.owner,
    start: fm.start,
    end: fm.end,
    budget: fm.budget ?? null,
    radar: fm.radar ?? null,
    repositories: fm.repositories ?? [],
    branches: (fm.branches ?? []).map((b) => {
      const i = b.indexOf(':');
      return { repository: b.slice(0, i), branch: b.slice(i + 1) };
    }),
    outcome: fm.outcome ?? null,
    decision: fm.decision ?? null,
  };
}
