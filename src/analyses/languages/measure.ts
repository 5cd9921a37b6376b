// Language, category, lines and indentation of every regular file of a snapshot, reusing the
// previous snapshot's rows for files whose path and blob are unchanged.
import { readBlobs } from '../../git/tree.ts';
import type { CodeFileRow, TreeFile } from '../../store/code.ts';
import { indentation } from '../hotspots/indentation.ts';
import { classify } from './classify.ts';
import { countLines } from './count.ts';
import { type Attributes, parseGitattributes } from './gitattributes.ts';

const isAttributesFile = (path: string): boolean =>
  path === '.gitattributes' || path.endsWith('/.gitattributes');

/** Stands for the content of a file the tree stage found binary: classify only needs the NUL byte. */
const BINARY = new Uint8Array([0]);

interface MeasureResult {
  rows: CodeFileRow[];
  /** Files read and counted in this run (the others came from the previous snapshot or were not read). */
  read: number;
  reused: number;
}

/** The .gitattributes files of the tree, as `path blob` lines: equal keys, equal attributes. */
function attributesKey(files: Array<{ path: string; blobId: string }>): string {
  return files
    .filter((f) => isAttributesFile(f.path))
    .map((f) => `${f.path} ${f.blobId}`)
    .sort()
    .join('\n');
}

async function readAttributes(gitDir: string, files: TreeFile[]) {
  const list = files.filter((f) => isAttributesFile(f.path) && f.isBinary === 0);
  const byOid = new Map<string, string>();
  for await (const b of readBlobs(gitDir, [...new Set(list.map((f) => f.blobId))]))
    if ('content' in b) byOid.set(b.oid, b.content.toString('utf8'));
  return parseGitattributes(
    list
      .filter((f) => byOid.has(f.blobId))
      .map((f) => ({ path: f.path, content: byOid.get(f.blobId) as string })),
  );
}

function unmeasured(
  path: string,
  blobId: string,
  content: Uint8Array | null,
  attrs: Attributes,
): CodeFileRow {
  const c = classify(path, content, attrs);
  return {
    path,
    blob_id: blobId,
    language: c.language,
    category: c.category,
    detectable: c.detectable ? 1 : 0,
    measured: 0,
    code: 0,
    comment: 0,
    blank: 0,
    complexity: null,
    max_indent: null,
  };
}

function measured(path: string, blobId: string, content: Buffer, attrs: Attributes): CodeFileRow {
  const row = unmeasured(path, blobId, content, attrs);
  const indent = indentation(content);
  return {
    ...row,
    measured: 1,
    ...countLines(content, row.language),
    complexity: indent.complexity,
    max_indent: indent.maxIndent,
  };
}

export async function measureFiles(
  gitDir: string,
  files: TreeFile[],
  previous: CodeFileRow[],
): Promise<MeasureResult> {
  const attributes = await readAttributes(gitDir, files);
  const canReuse = previous.length > 0 && attributesKey(files) === attributesKey(previous.map(toKeyed));
  const reusable = new Map(canReuse ? previous.map((r) => [`${r.path}\0${r.blob_id}`, r]) : []);
  const rows: CodeFileRow[] = [];
  const toRead = new Map<string, TreeFile[]>();
  let reused = 0;
  for (const f of files) {
    const known = reusable.get(`${f.path}\0${f.blobId}`);
    const attrs = attributes.attributesFor(f.path);
    // A row left unmeasured before (too large, unreadable) is measured now if the file can be read.
    if (known && (known.measured === 1 || f.isBinary !== 0)) {
      rows.push(known);
      reused++;
    } else if (f.isBinary === 1) rows.push(unmeasured(f.path, f.blobId, BINARY, attrs));
    else if (f.isBinary === null) rows.push(unmeasured(f.path, f.blobId, null, attrs));
    else {
      const same = toRead.get(f.blobId);
      if (same) same.push(f);
      else toRead.set(f.blobId, [f]);
    }
  }
  let read = 0;
  for await (const blob of readBlobs(gitDir, [...toRead.keys()])) {
    for (const f of toRead.get(blob.oid) ?? []) {
      const attrs = attributes.attributesFor(f.path);
      if ('content' in blob) {
        rows.push(measured(f.path, f.blobId, blob.content, attrs));
        read++;
      } else rows.push(unmeasured(f.path, f.blobId, null, attrs));
    }
  }
  return { rows, read, reused };
}

function toKeyed(r: CodeFileRow): { path: string; blobId: string } {
  return { path: r.path, blobId: r.blob_id };
}
