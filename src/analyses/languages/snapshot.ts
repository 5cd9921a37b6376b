// Classifies and counts every file of a commit, reading contents from git objects.
import { listTree, readBlobs } from '../../git/tree.ts';
import { type Category, classify } from './classify.ts';
import { countLines } from './count.ts';
import { parseGitattributes } from './gitattributes.ts';

interface FileLanguage {
  path: string;
  language: string | null;
  category: Category;
  detectable: boolean;
  code: number;
  comment: number;
  blank: number;
}

interface LanguageTotal {
  language: string;
  files: number;
  code: number;
  comment: number;
  blank: number;
}

const isAttributesFile = (path: string): boolean =>
  path === '.gitattributes' || path.endsWith('/.gitattributes');

/** Regular files of the commit (symlinks and submodules have no lines and are left out). */
export async function analyseCommit(gitDir: string, commit: string): Promise<FileLanguage[]> {
  const entries = (await listTree(gitDir, commit)).filter(
    (e) => e.kind === 'file' || e.kind === 'executable',
  );
  const contents = new Map<string, Buffer>();
  for await (const blob of readBlobs(
    gitDir,
    entries.map((e) => e.oid),
  )) {
    if ('content' in blob) contents.set(blob.oid, blob.content);
  }
  const attributes = parseGitattributes(
    entries
      .filter((e) => isAttributesFile(e.path) && contents.has(e.oid))
      .map((e) => ({ path: e.path, content: contents.get(e.oid)!.toString('utf8') })),
  );
  return entries.map((e) => {
    const content = contents.get(e.oid) ?? null;
    const c = classify(e.path, content, attributes.attributesFor(e.path));
    const counts = content === null ? { code: 0, comment: 0, blank: 0 } : countLines(content, c.language);
    return { path: e.path, ...c, ...counts };
  });
}

/** What the totals read of a file: its language, whether it counts (a flag or 0/1 as stored) and lines. */
type CountedFile = Pick<FileLanguage, 'language' | 'code' | 'comment' | 'blank'> & {
  detectable: boolean | number;
};

/** Per-language totals over the files that count in statistics (`detectable`), most code first. */
export function languageTotals(files: Iterable<CountedFile>): LanguageTotal[] {
  const totals = new Map<string, LanguageTotal>();
  for (const f of files) {
    if (!f.detectable || f.language === null) continue;
    const t = totals.get(f.language) ?? { language: f.language, files: 0, code: 0, comment: 0, blank: 0 };
    t.files++;
    t.code += f.code;
    t.comment += f.comment;
    t.blank += f.blank;
    totals.set(f.language, t);
  }
  return [...totals.values()].sort((a, b) => b.code - a.code || a.language.localeCompare(b.language));
}
