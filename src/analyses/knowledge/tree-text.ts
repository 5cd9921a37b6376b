// The few files of the scanned tree the knowledge analysis reads itself (.mailmap, CODEOWNERS): read
// from git only when the tree stage could read them (under the scan's size cap) and when they are
// within the analysis's own limit, decided from the stored size before anything is read.
import type { Diagnostic } from '../../collectors/types.ts';
import { runGit } from '../../git/invoke.ts';
import {
  CODEOWNERS_MAX_BYTES,
  type Codeowners,
  findCodeownersFile,
  parseCodeowners,
} from '../../people/codeowners/index.ts';
import { type Mailmap, parseMailmap } from '../../people/identities/index.ts';
import type { TreeFileFact } from '../../store/people.ts';
import type { AnalysisContext } from '../types.ts';

interface TreeTextRequest {
  file: TreeFileFact;
  /** Reported as the diagnostic's collector. */
  collector: string;
  /** Larger files are not read; `reason` says why the limit exists. */
  maxBytes?: number;
  reason?: string;
  /** What not reading the file means for the results. */
  consequence: string;
}

type TreeText = { text: string } | { text: null; diagnostic: Diagnostic };

function notRead(r: TreeTextRequest, code: string, why: string): TreeText {
  return {
    text: null,
    diagnostic: {
      path: r.file.path,
      collector: r.collector,
      code,
      message: `${why}; not read, so ${r.consequence}`,
      severity: 'warning',
    },
  };
}

async function readTreeText(ctx: AnalysisContext, r: TreeTextRequest): Promise<TreeText> {
  const size = r.file.size ?? 0;
  if (r.maxBytes !== undefined && size >= r.maxBytes)
    return notRead(r, 'too-large', `${size} bytes: ${r.reason ?? `over the ${r.maxBytes}-byte limit`}`);
  // The tree stage records what it could not read (over --max-file-size, or a missing object).
  if (r.file.isBinary === null) return notRead(r, 'not-read', 'the scan did not read this file');
  const out = await runGit({
    gitDir: ctx.gitDir,
    args: ['cat-file', 'blob', `${ctx.commit}:${r.file.path}`],
  });
  if (out.code !== 0) return notRead(r, 'not-read', 'git cannot read this file');
  return { text: out.stdout.toString('utf8') };
}

/** The text of a tree file, when it can be read; else null, with a diagnostic saying why. */
async function textOf(ctx: AnalysisContext, r: TreeTextRequest, diagnostics: Diagnostic[]) {
  const read = await readTreeText(ctx, r);
  if (read.text === null) diagnostics.push(read.diagnostic);
  return read.text;
}

/** The repository's .mailmap, when there is one the scan could read. */
export async function readMailmap(
  ctx: AnalysisContext,
  file: TreeFileFact | undefined,
  diagnostics: Diagnostic[],
): Promise<Mailmap | undefined> {
  if (!file) return undefined;
  const text = await textOf(
    ctx,
    { file, collector: 'identities', consequence: 'it is not applied' },
    diagnostics,
  );
  if (text === null) return undefined;
  const parsed = parseMailmap(text, file.path);
  diagnostics.push(...parsed.diagnostics);
  return parsed.mailmap;
}

/**
 * The CODEOWNERS file GitHub would use (path null when there is none) and its rules, null when it
 * cannot be read: 3 MB or more (GitHub does not load it either) or not read by the scan.
 */
export async function readCodeowners(
  ctx: AnalysisContext,
  files: ReadonlyMap<string, TreeFileFact>,
  diagnostics: Diagnostic[],
): Promise<{ path: string | null; codeowners: Codeowners | null }> {
  const path = findCodeownersFile(files.keys());
  const file = path === null ? undefined : files.get(path);
  if (path === null || !file) return { path: null, codeowners: null };
  const text = await textOf(
    ctx,
    {
      file,
      collector: 'codeowners',
      maxBytes: CODEOWNERS_MAX_BYTES,
      reason: 'GitHub does not load a CODEOWNERS file of 3 MB or more',
      consequence: 'it gives no owners',
    },
    diagnostics,
  );
  if (text === null) return { path, codeowners: null };
  const codeowners = parseCodeowners(text, path);
  diagnostics.push(...codeowners.diagnostics);
  return { path, codeowners };
}
