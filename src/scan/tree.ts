// Stage 4, tree: the files of the scanned commit, read from git objects (never the disk), and the
// contents of the files some collector wants, for the collect stage.
import type { Diagnostic, FileCollector, FileInput } from '../collectors/types.ts';
import { countLines, isBinary, listTree, readBlobs, type TreeEntry } from '../git/tree.ts';
import { fileFactsByBlob } from '../store/snapshots.ts';
import type { Store, TableRow } from '../store/store.ts';
import type { OnStage, SnapshotWork } from './stages.ts';

interface TreeOptions {
  /** Files larger than this are recorded but not read (default 10 MiB). */
  maxFileSize: number;
  collectors: readonly FileCollector[];
  onStage?: OnStage;
}

interface TreeResult {
  files: number;
  diagnostics: Diagnostic[];
  /** The files each collector matched, with their contents, in tree order; collectors with none are absent. */
  inputs: Map<FileCollector, FileInput[]>;
}

/** The tree of the new snapshot; what the base snapshot knew about unchanged blobs is reused. */
export async function treeStage(work: SnapshotWork): Promise<TreeResult> {
  const { store, plan } = work;
  const reuse = plan.kind === 'incremental' ? await fileFactsByBlob(store, plan.baseId) : new Map();
  const tree = await ingestTree(store, work.found.info.gitDir, work.snapshotId, plan.commit, reuse, {
    maxFileSize: work.maxFileSize,
    collectors: work.plugins.collectors,
    onStage: work.onStage,
  });
  for (const d of tree.diagnostics) work.diagnostics.push(d); // one per file: never spread
  return tree;
}

type BlobFacts = { binary: number | null; lines: number | null };

const READABLE = new Set(['file', 'executable']);

/** Read the tree of `commit` into `files` rows; blob facts known from `reuse` are not read again. */
async function ingestTree(
  store: Store,
  gitDir: string,
  snapshotId: number,
  commit: string,
  reuse: Map<string, BlobFacts>,
  options: TreeOptions,
): Promise<TreeResult> {
  const entries = await listTree(gitDir, commit);
  const diagnostics: Diagnostic[] = [];
  const facts = new Map<string, BlobFacts>();
  const wanted = new Map<string, FileCollector[]>(); // path -> collectors that want it
  const toRead = new Set<string>();
  const notRead = new Set<string>(); // paths over the size cap, already reported
  for (const e of entries) {
    if (!READABLE.has(e.kind)) continue;
    if ((e.size ?? 0) > options.maxFileSize) {
      diagnostics.push(tooLarge(e, options.maxFileSize));
      notRead.add(e.path);
      continue;
    }
    const matching = options.collectors.filter((c) => c.matches(e.path));
    if (matching.length > 0) {
      wanted.set(e.path, matching);
      toRead.add(e.oid);
    }
    const known = reuse.get(e.oid);
    if (known) facts.set(e.oid, known);
    else toRead.add(e.oid);
  }
  const contents = new Map<string, Buffer>();
  const wantedOids = new Set(entries.filter((e) => wanted.has(e.path)).map((e) => e.oid));
  let read = 0;
  options.onStage?.({ stage: 'tree', read, total: toRead.size });
  for await (const blob of readBlobs(gitDir, [...toRead])) {
    if (++read % 64 === 0) options.onStage?.({ stage: 'tree', read, total: toRead.size });
    if ('missing' in blob) continue;
    if (!facts.has(blob.oid)) {
      const binary = isBinary(blob.content);
      facts.set(blob.oid, { binary: binary ? 1 : 0, lines: binary ? null : countLines(blob.content) });
    }
    if (wantedOids.has(blob.oid)) contents.set(blob.oid, blob.content);
  }
  const rows = entries.map((e) => fileRow(snapshotId, e, facts.get(e.oid), notRead, diagnostics));
  await store.insertMany('files', rows);
  options.onStage?.({ stage: 'tree', read, total: toRead.size });
  return { files: entries.length, diagnostics, inputs: collectorInputs(entries, wanted, contents) };
}

function fileRow(
  snapshotId: number,
  e: TreeEntry,
  f: BlobFacts | undefined,
  notRead: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): TableRow<'files'> {
  if (READABLE.has(e.kind) && !f && !notRead.has(e.path)) {
    diagnostics.push({
      path: e.path,
      collector: 'tree',
      code: 'unreadable',
      message: `object ${e.oid} cannot be read`,
      severity: 'error',
    });
  }
  return {
    snapshot_id: snapshotId,
    path: e.path,
    blob_id: e.oid,
    mode: e.mode,
    kind: e.kind,
    size: e.size,
    is_binary: f?.binary ?? null,
    lines: f?.lines ?? null,
  };
}

function tooLarge(e: TreeEntry, cap: number): Diagnostic {
  return {
    path: e.path,
    collector: 'tree',
    code: 'too-large',
    message: `${e.size} bytes is over the ${cap}-byte cap; recorded, not read`,
    severity: 'info',
  };
}

function collectorInputs(
  entries: TreeEntry[],
  wanted: Map<string, FileCollector[]>,
  contents: Map<string, Buffer>,
): TreeResult['inputs'] {
  const inputs: TreeResult['inputs'] = new Map();
  for (const e of entries) {
    const content = contents.get(e.oid);
    if (!content) continue;
    for (const c of wanted.get(e.path) ?? []) {
      const list = inputs.get(c) ?? [];
      list.push({ path: e.path, content });
      inputs.set(c, list);
    }
  }
  return inputs;
}
