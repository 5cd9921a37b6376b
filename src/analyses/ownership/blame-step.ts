// One commit of the replay, decided file by file as `git blame` decides it (blame.c, pass_blame):
// a path the parent has is diffed against it; a path the parent lacks is followed to the file
// blame's own rename search picks (not the log's pairing); a merge takes a file whole from the
// first parent holding the identical blob at the same path, then from the first whose rename
// source is identical, else line by line from the parents in order (the combined diff).
import type { FileRecord } from './diff-records.ts';
import { type FollowContext, pairHunks, RenameFinder } from './follow.ts';
import {
  addedFile,
  applyHunks,
  keptFromCombined,
  keptLines,
  mergeLines,
  type Origins,
} from './line-origins.ts';
import type { RenameFile } from './rename-source.ts';
import { type FileState, Tree } from './tree.ts';

const NO_FILES = new Tree();

/** Applies one commit to `tree`, which holds its first parent's files and is changed in place. */
export async function applyCommit(
  ctx: FollowContext,
  tree: Tree,
  parents: Tree[],
  files: FileRecord[],
  combined: FileRecord[],
  commit: number,
): Promise<void> {
  const step = new Step(ctx, parents, files, commit);
  const updates = parents.length < 2 ? await step.plain() : await step.merge(combined);
  for (const f of files) if (f.status === 'D' || f.status === 'R') tree.delete(f.oldPath);
  for (const [path, state] of updates) tree.set(path, state);
}

class Step {
  private readonly ctx: FollowContext;
  private readonly parents: Tree[];
  private readonly commit: number;
  private readonly first: Tree;
  /** Paths of the first parent the commit no longer has: blame's rename sources. */
  private readonly gone = new Set<string>();
  /** Paths deleted and added again as another kind of file (git's type change): never followed. */
  private readonly retyped = new Set<string>();
  private readonly changed: FileRecord[];

  constructor(ctx: FollowContext, parents: Tree[], files: FileRecord[], commit: number) {
    this.ctx = ctx;
    this.parents = parents;
    this.commit = commit;
    this.first = parents[0] ?? NO_FILES;
    const added = new Set(files.filter((f) => f.status === 'A').map((f) => f.newPath));
    for (const f of files) {
      if (f.status === 'D' && added.has(f.oldPath)) this.retyped.add(f.oldPath);
      else if (f.status === 'D' || f.status === 'R') this.gone.add(f.oldPath);
    }
    this.changed = files.filter((f) => f.status !== 'D');
  }

  /** A commit with one parent (or none). */
  async plain(): Promise<Array<[string, FileState]>> {
    const follows = new Set(
      this.changed.filter((f) => (f.status === 'A' && !this.retyped.has(f.newPath)) || f.status === 'R'),
    );
    const finder = new RenameFinder(this.ctx, this.sources(this.first, this.gone));
    // With one source, blame's choice for a destination the log paired with it is that source.
    const ask = new Set([...follows].filter((f) => !(f.status === 'R' && this.gone.size === 1)));
    if (!finder.empty) await finder.prepare([...ask].map((f) => this.dest(f)));
    const source = new Map<FileRecord, string | undefined>();
    for (const f of follows) source.set(f, ask.has(f) ? finder.find(this.dest(f))?.path : f.oldPath);
    const pairs = await this.pairs([...source].filter(([f, s]) => this.needsPair(f, s)));
    const out: Array<[string, FileState]> = [];
    for (const f of this.changed) {
      const before = f.status === 'A' ? undefined : this.first.get(f.oldPath);
      const blob = this.blobOf(f);
      const special = f.status === 'R' && f.blobs.length === 0 ? before?.special : f.special;
      let origins: Origins;
      if (f.status === 'M')
        origins = before && !f.binary ? applyHunks(before.origins, f.hunks, this.commit) : null;
      else if (!follows.has(f)) origins = f.binary ? null : addedFile(f, this.commit);
      else origins = this.followed(f, source.get(f), blob, pairs.get(f));
      out.push([f.newPath, special ? { blob, origins, special } : { blob, origins }]);
    }
    return out;
  }

  /** Origins of a destination that blame follows to `source` in the first parent (or to none). */
  private followed(
    f: FileRecord,
    source: string | undefined,
    blob: string,
    pair: FileRecord | undefined,
  ): Origins {
    if (f.binary) return null;
    if (source === undefined) return f.status === 'A' ? addedFile(f, this.commit) : null;
    const from = this.first.get(source);
    if (!from || from.origins === null) return null;
    if (f.status === 'R' && source === f.oldPath) return applyHunks(from.origins, f.hunks, this.commit);
    if (from.blob === blob) return from.origins;
    return pair ? applyHunks(from.origins, pair.hunks, this.commit) : null;
  }

  /** Whether following `f` to `source` needs a diff the log did not show. */
  private needsPair(f: FileRecord, source: string | undefined): boolean {
    if (source === undefined || f.binary || (f.status === 'R' && source === f.oldPath)) return false;
    const from = this.first.get(source);
    return from !== undefined && from.origins !== null && from.blob !== this.blobOf(f);
  }

  /** The diffs from each file's source to it, all asked at once of the replay's diff shell (it answers in order). */
  private async pairs(todo: Array<[FileRecord, string | undefined]>): Promise<Map<FileRecord, FileRecord>> {
    const diffs = await Promise.all(
      todo.map(([f, source]) =>
        pairHunks(this.ctx.diffs, this.first.get(source as string)?.blob ?? '', this.blobOf(f)),
      ),
    );
    const out = new Map<FileRecord, FileRecord>();
    for (const [i, [f]] of todo.entries()) {
      const pair = diffs[i];
      if (pair) out.set(f, pair);
    }
    return out;
  }

  /** A merge: each changed file from its parents, as blame passes lines to them in order. */
  async merge(combined: FileRecord[]): Promise<Array<[string, FileState]>> {
    const byPath = new Map(combined.map((f) => [f.newPath, f]));
    const out: Array<[string, FileState]> = [];
    const rest: FileRecord[] = [];
    for (const f of this.changed) {
      const blob = this.blobOf(f);
      const same = this.parents.map((t) => t.get(f.newPath)).find((s) => s !== undefined && s.blob === blob);
      if (same && !this.retyped.has(f.newPath)) out.push([f.newPath, same]);
      else rest.push(f);
    }
    if (rest.length === 0) return out;
    const finders = await this.mergeFinders(rest);
    for (const f of rest) out.push([f.newPath, await this.mergedFile(f, byPath.get(f.newPath), finders)]);
    return out;
  }

  /** For each parent lacking some of `files`, blame's rename search over what the merge dropped. */
  private async mergeFinders(files: FileRecord[]): Promise<Array<RenameFinder | undefined>> {
    const kept = new Set(this.changed.map((f) => f.newPath));
    const finders: Array<RenameFinder | undefined> = [];
    for (const [i, t] of this.parents.entries()) {
      const lacking = files.filter((f) => !t.has(f.newPath));
      if (lacking.length === 0) {
        finders.push(undefined);
        continue;
      }
      const gone = i === 0 ? this.gone : this.droppedFrom(t, kept);
      const finder = new RenameFinder(this.ctx, this.sources(t, gone));
      await finder.prepare(lacking.map((f) => this.dest(f)));
      finders.push(finder);
    }
    return finders;
  }

  /**
   * The paths of parent `t` the merge does not have: those the first parent lacks too, and those
   * the merge deletes from the first parent, unless the merge has a file there (`kept`).
   */
  private droppedFrom(t: Tree, kept: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const p of t.pathsMissingFrom(this.first)) if (!kept.has(p)) out.push(p);
    for (const p of this.gone) if (!kept.has(p) && t.has(p) && this.first.has(p)) out.push(p);
    return out;
  }

  private async mergedFile(
    f: FileRecord,
    combined: FileRecord | undefined,
    finders: Array<RenameFinder | undefined>,
  ): Promise<FileState> {
    const blob = this.blobOf(f);
    const unsure: FileState = { blob, origins: null };
    if (this.retyped.has(f.newPath) || f.binary || combined?.binary) return unsure;
    const from: Array<FileState | undefined> = [];
    const paths: Array<string | undefined> = [];
    for (const [i, t] of this.parents.entries()) {
      let path: string | undefined = f.newPath;
      if (!t.has(path)) path = finders[i]?.find(this.dest(f))?.path;
      const s = path === undefined ? undefined : t.get(path);
      if (s && s.blob === blob) return s;
      if (s && s.origins === null) return unsure;
      from.push(s);
      paths.push(path);
    }
    const kept = await this.keptByParent(from, paths, combined, blob);
    if (!kept) return unsure;
    const origins = mergeLines(
      kept.length,
      kept.kept,
      from.map((s) => s?.origins ?? null),
      this.commit,
    );
    return f.special ? { blob, origins, special: true } : { blob, origins };
  }

  /**
   * Which line of each parent's file every line of the merge's file is kept from: from the
   * combined diff where its column compares with the file blame takes (it names the log's pairing
   * per parent), else from `git diff` of the two blobs.
   */
  private async keptByParent(
    from: Array<FileState | undefined>,
    paths: Array<string | undefined>,
    combined: FileRecord | undefined,
    blob: string,
  ): Promise<{ length: number; kept: Array<Int32Array | undefined> } | null> {
    const logPaths = combined?.parentPaths?.length === paths.length ? combined.parentPaths : undefined;
    const lengths = from.map((s, i) =>
      logPaths && paths[i] === (logPaths[i] ?? undefined) ? (s?.origins?.length ?? 0) : undefined,
    );
    let out: { length: number; kept: Array<Int32Array | undefined> } | null = {
      length: -1,
      kept: lengths.map(() => undefined),
    };
    if (combined && lengths.some((n) => n !== undefined)) out = keptFromCombined(combined, lengths);
    if (!out) return null;
    for (const [i, s] of from.entries()) {
      if (lengths[i] !== undefined || !s?.origins) continue;
      const pair = await pairHunks(this.ctx.diffs, s.blob, blob);
      const k = pair ? keptLines(s.origins.length, pair.hunks) : null;
      if (!k || (out.length >= 0 && k.length !== out.length)) return null;
      out.length = k.length;
      out.kept[i] = k;
    }
    return out.length >= 0 ? out : null;
  }

  private blobOf(f: FileRecord): string {
    return f.blobs[f.blobs.length - 1] ?? this.first.get(f.oldPath)?.blob ?? '';
  }

  private dest(f: FileRecord): RenameFile {
    return { path: f.newPath, blob: this.blobOf(f), regular: !f.special };
  }

  private sources(t: Tree, paths: Iterable<string>): RenameFile[] {
    const out: RenameFile[] = [];
    for (const path of paths) {
      const s = t.get(path);
      if (s) out.push({ path, blob: s.blob, regular: !s.special });
    }
    return out;
  }
}
