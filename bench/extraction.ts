// Supply-chain extraction over many real repositories (not a test): for each repository, the tree
// at HEAD is listed through the hardened git layer, the files any registered collector matches are
// read once, then two things are timed separately in the same run:
//   read        reading those blobs again from git (`git cat-file --batch`): the reference
//   extraction  every collector's `collect` on the contents held in memory (pure parsing)
// Prints per repository and totals: files, bytes, dependencies, runtimes, images, diagnostics, the
// ratio extraction/read and the peak RSS of this process. A missing blob is counted and skipped.
//   node bench/extraction.ts [folder or repository ...]   # default /work/.mirror
//   options: --depth N (search depth, default 4), --max-file-size BYTES (default 10 MiB, as the scan),
//            --files N (slowest files, each collected alone, default 10; 0 to skip),
//            --diagnostics (list every diagnostic instead of counts by collector and code)
import { COLLECTORS } from '../src/collectors/registry.ts';
import type { CollectorResult, Diagnostic, FileCollector, FileInput } from '../src/collectors/types.ts';
import { resolveCommit } from '../src/git/refs.ts';
import { listTree, readBlobs, type TreeEntry } from '../src/git/tree.ts';
import { discoverRepositories } from '../src/scan/discover.ts';

interface Options {
  paths: string[];
  depth: number;
  maxFileSize: number;
  slowFiles: number;
  listDiagnostics: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    paths: [],
    depth: 4,
    maxFileSize: 10 * 1024 * 1024,
    slowFiles: 10,
    listDiagnostics: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${a} needs a number`);
      return n;
    };
    if (a === '--depth') o.depth = value();
    else if (a === '--max-file-size') o.maxFileSize = value();
    else if (a === '--files') o.slowFiles = value();
    else if (a === '--diagnostics') o.listDiagnostics = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.paths.push(a);
  }
  if (o.paths.length === 0) o.paths.push('/work/.mirror');
  return o;
}

interface RepoFigures {
  name: string;
  treeEntries: number;
  files: number;
  blobs: number;
  bytes: number;
  missing: number;
  tooLarge: number;
  listMs: number;
  readMs: number;
  extractMs: number;
  dependencies: number;
  runtimes: number;
  images: number;
  diagnostics: Diagnostic[];
}

interface CollectorFigures {
  files: number;
  bytes: number;
  ms: number;
  dependencies: number;
  runtimes: number;
  images: number;
  diagnostics: number;
  crashes: number;
}

interface SlowFile {
  repository: string;
  collector: string;
  path: string;
  bytes: number;
  ms: number;
}

const READABLE = new Set(['file', 'executable']);
const now = (): bigint => process.hrtime.bigint();
const msSince = (start: bigint): number => Number(now() - start) / 1e6;

async function readAll(gitDir: string, oids: readonly string[]): Promise<Map<string, Buffer | null>> {
  const out = new Map<string, Buffer | null>();
  for await (const blob of readBlobs(gitDir, oids))
    out.set(blob.oid, 'missing' in blob ? null : blob.content);
  return out;
}

/** One collector's `collect`, as the scan runs it: a throw becomes a diagnostic. */
function runCollector(c: FileCollector, files: FileInput[]): { result: CollectorResult; crashed: boolean } {
  try {
    return { result: c.collect(files), crashed: false };
  } catch (e) {
    const diagnostic: Diagnostic = {
      path: files[0]?.path ?? '',
      collector: c.id,
      code: 'collector-crashed',
      message: (e as Error).message,
      severity: 'error',
    };
    return { result: { diagnostics: [diagnostic] }, crashed: true };
  }
}

async function benchRepository(
  name: string,
  gitDir: string,
  o: Options,
  perCollector: Map<string, CollectorFigures>,
  slow: SlowFile[],
): Promise<RepoFigures | null> {
  const commit = await resolveCommit(gitDir, 'HEAD');
  if (!commit) return null;
  const listStart = now();
  const entries: TreeEntry[] = await listTree(gitDir, commit);
  const wanted = new Map<TreeEntry, FileCollector[]>();
  let tooLarge = 0;
  for (const e of entries) {
    if (!READABLE.has(e.kind)) continue;
    const matching = COLLECTORS.filter((c) => c.matches(e.path));
    if (matching.length === 0) continue;
    if ((e.size ?? 0) > o.maxFileSize) {
      tooLarge++;
      continue;
    }
    wanted.set(e, matching);
  }
  const listMs = msSince(listStart);
  const oids = [...new Set([...wanted.keys()].map((e) => e.oid))];

  // Read once: warms the page cache and gives the contents extraction works on.
  const contents = await readAll(gitDir, oids);
  // The reference: the same blobs read again from git, contents discarded.
  const readStart = now();
  let readBack = 0;
  for await (const blob of readBlobs(gitDir, oids)) if (!('missing' in blob)) readBack += blob.content.length;
  const readMs = msSince(readStart);

  const inputs = new Map<FileCollector, FileInput[]>();
  let files = 0;
  let bytes = 0;
  let missing = 0;
  for (const [e, matching] of wanted) {
    const content = contents.get(e.oid);
    if (!content) {
      missing++;
      continue;
    }
    files++;
    bytes += content.length;
    for (const c of matching) {
      const list = inputs.get(c) ?? [];
      list.push({ path: e.path, content });
      inputs.set(c, list);
    }
  }
  // Same blobs, same bytes: a difference would mean the two reads did not see the same objects.
  const unique = [...contents.values()].reduce((n, b) => n + (b?.length ?? 0), 0);
  if (readBack !== unique) throw new Error(`${name}: read back ${readBack} bytes, expected ${unique}`);

  const figures: RepoFigures = {
    name,
    treeEntries: entries.length,
    files,
    blobs: oids.length,
    bytes,
    missing,
    tooLarge,
    listMs,
    readMs,
    extractMs: 0,
    dependencies: 0,
    runtimes: 0,
    images: 0,
    diagnostics: [],
  };
  // Extraction: every collector over all its files at once, as the scan hands them over.
  for (const c of COLLECTORS) {
    const list = inputs.get(c);
    if (!list) continue;
    const start = now();
    const { result, crashed } = runCollector(c, list);
    const ms = msSince(start);
    figures.extractMs += ms;
    figures.dependencies += result.dependencies?.length ?? 0;
    figures.runtimes += result.runtimes?.length ?? 0;
    figures.images += result.images?.length ?? 0;
    figures.diagnostics.push(...result.diagnostics);
    const f = perCollector.get(c.id) ?? {
      files: 0,
      bytes: 0,
      ms: 0,
      dependencies: 0,
      runtimes: 0,
      images: 0,
      diagnostics: 0,
      crashes: 0,
    };
    f.files += list.length;
    f.bytes += list.reduce((n, i) => n + i.content.length, 0);
    f.ms += ms;
    f.dependencies += result.dependencies?.length ?? 0;
    f.runtimes += result.runtimes?.length ?? 0;
    f.images += result.images?.length ?? 0;
    f.diagnostics += result.diagnostics.length;
    if (crashed) f.crashes++;
    perCollector.set(c.id, f);
  }
  // Outside the measured extraction: each file alone, to name the slowest ones.
  if (o.slowFiles > 0) {
    for (const [c, list] of inputs) {
      for (const input of list) {
        // The better of two runs, so a collector's first (cold) call does not dominate the list.
        let best = Number.POSITIVE_INFINITY;
        for (let run = 0; run < 2; run++) {
          const start = now();
          runCollector(c, [input]);
          best = Math.min(best, msSince(start));
        }
        slow.push({
          repository: name,
          collector: c.id,
          path: input.path,
          bytes: input.content.length,
          ms: best,
        });
      }
    }
    slow.sort((a, b) => b.ms - a.ms);
    slow.length = Math.min(slow.length, o.slowFiles);
  }
  return figures;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const secs = (ms: number): string => (ms / 1000).toFixed(3);
const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : '-');

const NUMERIC = /^[-\d.]+$/;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (NUMERIC.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const { repositories, problems } = await discoverRepositories(o.paths, { maxDepth: o.depth });
  for (const p of problems) console.error(`skipped ${p.path}: ${p.error.message}`);
  repositories.sort((a, b) => a.name.localeCompare(b.name));
  console.log(
    `extraction: ${repositories.length} repositories under ${o.paths.join(', ')}, ${COLLECTORS.length} collectors`,
  );

  const perCollector = new Map<string, CollectorFigures>();
  const slow: SlowFile[] = [];
  const results: RepoFigures[] = [];
  for (const r of repositories) {
    try {
      const f = await benchRepository(r.name, r.info.gitDir, o, perCollector, slow);
      if (f) results.push(f);
      else console.error(`skipped ${r.name}: no commit at HEAD`);
    } catch (e) {
      console.error(`skipped ${r.name}: ${(e as Error).message}`);
    }
  }

  const rows = results.map((f) => [
    f.name,
    String(f.treeEntries),
    String(f.files),
    mb(f.bytes),
    String(f.missing),
    secs(f.readMs),
    secs(f.extractMs),
    ratio(f.extractMs, f.readMs),
    String(f.dependencies),
    String(f.runtimes),
    String(f.images),
    String(f.diagnostics.length),
  ]);
  const sum = (pick: (f: RepoFigures) => number) => results.reduce((n, f) => n + pick(f), 0);
  const total = {
    entries: sum((f) => f.treeEntries),
    files: sum((f) => f.files),
    bytes: sum((f) => f.bytes),
    missing: sum((f) => f.missing),
    tooLarge: sum((f) => f.tooLarge),
    listMs: sum((f) => f.listMs),
    readMs: sum((f) => f.readMs),
    extractMs: sum((f) => f.extractMs),
    dependencies: sum((f) => f.dependencies),
    runtimes: sum((f) => f.runtimes),
    images: sum((f) => f.images),
    diagnostics: sum((f) => f.diagnostics.length),
  };
  rows.push([
    `total (${results.length})`,
    String(total.entries),
    String(total.files),
    mb(total.bytes),
    String(total.missing),
    secs(total.readMs),
    secs(total.extractMs),
    ratio(total.extractMs, total.readMs),
    String(total.dependencies),
    String(total.runtimes),
    String(total.images),
    String(total.diagnostics),
  ]);
  console.log('');
  table(
    [
      'repository',
      'tree',
      'files',
      'MB',
      'missing',
      'read s',
      'extract s',
      'ratio',
      'deps',
      'runtimes',
      'images',
      'diags',
    ],
    rows,
  );

  console.log('\nby collector (all repositories)');
  table(
    ['collector', 'files', 'MB', 'extract s', 'MB/s', 'deps', 'runtimes', 'images', 'diags', 'crashes'],
    [...perCollector]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([id, f]) => [
        id,
        String(f.files),
        mb(f.bytes),
        secs(f.ms),
        f.ms > 0 ? (f.bytes / 1024 / 1024 / (f.ms / 1000)).toFixed(1) : '-',
        String(f.dependencies),
        String(f.runtimes),
        String(f.images),
        String(f.diagnostics),
        String(f.crashes),
      ]),
  );

  const diagnostics = results.flatMap((f) => f.diagnostics.map((d) => ({ repository: f.name, ...d })));
  if (diagnostics.length > 0) {
    console.log('\ndiagnostics');
    if (o.listDiagnostics) {
      for (const d of diagnostics)
        console.log(`  ${d.severity} ${d.collector}/${d.code} ${d.repository}:${d.path}: ${d.message}`);
    } else {
      const groups = new Map<string, typeof diagnostics>();
      for (const d of diagnostics) {
        const key = `${d.severity} ${d.collector}/${d.code}`;
        groups.set(key, [...(groups.get(key) ?? []), d]);
      }
      for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
        const first = list[0];
        console.log(
          `  ${String(list.length).padStart(5)}  ${key}  e.g. ${first?.repository}:${first?.path}: ${first?.message}`,
        );
      }
    }
  }

  if (slow.length > 0) {
    console.log(`\nslowest files, each collected alone, best of two runs (not part of the extraction time)`);
    table(
      ['ms', 'collector', 'KB', 'file'],
      slow.map((s) => [
        s.ms.toFixed(1),
        s.collector,
        (s.bytes / 1024).toFixed(0),
        `${s.repository}:${s.path}`,
      ]),
    );
  }

  console.log('');
  console.log(`repositories          ${results.length}`);
  console.log(
    `files matched         ${total.files} (${total.missing} missing blobs skipped, ${total.tooLarge} over the size cap)`,
  );
  console.log(`bytes                 ${mb(total.bytes)} MB`);
  console.log(`list + match          ${secs(total.listMs)} s`);
  console.log(`read (git cat-file)   ${secs(total.readMs)} s`);
  console.log(`extraction (collect)  ${secs(total.extractMs)} s`);
  console.log(`ratio extraction/read ${ratio(total.extractMs, total.readMs)}`);
  console.log(
    `found                 ${total.dependencies} dependencies, ${total.runtimes} runtimes, ${total.images} images`,
  );
  console.log(`diagnostics           ${total.diagnostics}`);
  console.log(`peak RSS              ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

await main();
