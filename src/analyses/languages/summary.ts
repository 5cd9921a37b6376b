// Roll-ups of code_files rows for `cto code`: per language (optionally per folder), and the files
// kept apart from language statistics (vendored, generated, documentation, binary, data, ...).

interface CodeFileFacts {
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

export interface PortfolioTotals {
  /** Repositories with at least one counted file. */
  repositories: number;
  /** Per language across every repository, most code first. */
  languages: Array<LineTotals & { language: string }>;
  /** Every counted file of every repository (cloc's SUM). */
  total: LineTotals;
}

export interface CodeSummary {
  languages: LanguageLine[];
  apart: ApartLine[];
  totals: Array<LineTotals & { repository: string }>;
  portfolio: PortfolioTotals;
}

/** The first `depth` folders of a path; '.' for a file at the root. */
function folderOf(path: string, depth: number): string {
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

/** Totals across repositories, per language and in all, from the per-repository lines. */
function portfolioOf(lines: LanguageLine[], repositories: number): PortfolioTotals {
  const byLanguage = new Map<string, LineTotals & { language: string }>();
  const total = zero();
  for (const l of lines) {
    const t = byLanguage.get(l.language) ?? { language: l.language, ...zero() };
    for (const into of [t, total]) {
      into.files += l.files;
      into.code += l.code;
      into.comment += l.comment;
      into.blank += l.blank;
    }
    byLanguage.set(l.language, t);
  }
  const languages = [...byLanguage.values()].sort(
    (a, b) => b.code - a.code || a.language.localeCompare(b.language),
  );
  return { repositories, languages, total };
}

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
  const lines = [...languages.values()];
  return {
    portfolio: portfolioOf(lines, totals.size),
    languages: lines.sort(
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
