import type { Money } from '../../budget/money.ts';
import { isCtoError } from '../../errors.ts';
import type { OfficeDiagnostic } from '../decisions/records.ts';
import { parseFrontMatter, readRecordFolder } from '../front-matter.ts';
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
  return readRecordFolder(
    workspaceDir,
    EXPERIMENTS_DIR,
    (name) => (name.endsWith('.md') && name.toLowerCase() !== 'readme.md' ? name.slice(0, -3) : null),
    parseExperiment,
  );
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
