// Roll-ups of code_files rows for `cto code`: per language (optionally per folder), and the files
// kept apart from language statistics (vendored, generated, documentation, binary, data, ...).

export interface CodeFileFacts {
  repository: string;
  path: string;
  language: string | null;
  category: string;
  detectable: number;
  code: number;
  comment: number;
  blank: number;
}

export interface LineTotals {
  files: number;
  code: number;
  comment: number;
  blank: number;
}

export interface LanguageLine extends LineTotals {
  repository: string;
  folder: string | null;
  language: string;
}

export interface ApartLine extends LineTotals {
  repository: string;
  category: string;
}

export interface CodeSummary {
  languages: LanguageLine[];
  apart: ApartLine[];
  totals: Array<LineTotals & { repository: string }>;
}

/** The first `depth` folders of a path; '.' for a file at the root. */
export function folderOf(path: string, depth: number): string {
  const parts = path.split('/').slice(0, -1);
  return parts.length === 0 ? '.' : parts.slice(0, depth).join('/');
}

function add(t: LineTotals, f: CodeFileFacts): void {
  t.files++;
  t.code += f.code;
  t.comment += f.comment;
  t.blank += f.blank;
}

const zero = (): LineTotals => ({ files: 0, code: 0, comment: 0, blank: 0 });

export function summariseCode(files: CodeFileFacts[], folderDepth: number | null): CodeSummary {
  const languages = new Map<string, LanguageLine>();
  const apart = new Map<string, ApartLine>();
  const totals = new Map<string, LineTotals & { repository: string }>();
  for (const f of files) {
    if (f.detectable === 1 && f.language !== null) {
      const folder = folderDepth === null ? null : folderOf(f.path, folderDepth);
      const key = `${f.repository}\0${folder}\0${f.language}`;
      const line = languages.get(key) ?? {
        repository: f.repository,
        folder,
        language: f.language,
        ...zero(),
      };
      add(line, f);
      languages.set(key, line);
      const total = totals.get(f.repository) ?? { repository: f.repository, ...zero() };
      add(total, f);
      totals.set(f.repository, total);
    } else {
      const key = `${f.repository}\0${f.category}`;
      const line = apart.get(key) ?? { repository: f.repository, category: f.category, ...zero() };
      add(line, f);
      apart.set(key, line);
    }
  }
  const byRepo = (a: { repository: string }, b: { repository: string }) =>
    a.repository.localeCompare(b.repository);
  return {
    languages: [...languages.values()].sort(
      (a, b) =>
        byRepo(a, b) ||
        (a.folder ?? '').localeCompare(b.folder ?? '') ||
        b.code - a.code ||
        a.language.localeCompare(b.language),
    ),
    apart: [...apart.values()].sort(
      (a, b) => byRepo(a, b) || b.files - a.files || a.category.localeCompare(b.category),
    ),
    totals: [...totals.values()].sort(byRepo),
  };
}
