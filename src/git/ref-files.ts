// What a plain repository is and which commit its HEAD names, read from its files without starting git:
// the no-op rescan of a fleet decides `unchanged` from these. Only the plain layout is read here (a git
// directory of its own, HEAD a commit or one `ref:` to a loose or packed ref, a config with nothing git
// would read differently); anything else (linked worktrees, `.git` files or links, symbolic ref chains,
// reftable, includes, extensions) returns null and the caller asks git (src/git/refs.ts).
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What `git rev-parse` says of a plain repository (the fields of RepoInfo). */
interface PlainInfo {
  gitDir: string;
  commonDir: string;
  bare: boolean;
  shallow: boolean;
}

/** A SHA-1 object name (SHA-256 repositories declare an extension, and are left to git). */
const OID = /^[0-9a-f]{40}$/;

/**
 * A plain repository's identity from its files, as `git rev-parse --absolute-git-dir --git-common-dir
 * --is-bare-repository --is-shallow-repository` with `--git-dir=<path>` gives it; null when the layout is
 * not plain (the caller asks git).
 */
export async function plainRepoInfo(path: string): Promise<PlainInfo | null> {
  try {
    if (!(await lstat(path)).isDirectory()) return null; // a `.git` file or link
    if (await exists(join(path, 'commondir'))) return null; // a linked worktree's git directory
    if (await exists(join(path, 'reftable'))) return null;
    const [objects, refs] = await Promise.all([stat(join(path, 'objects')), stat(join(path, 'refs'))]);
    if (!objects.isDirectory() || !refs.isDirectory()) return null;
    if (parseHead(await readFile(join(path, 'HEAD'), 'utf8')) === null) return null;
    const config = plainConfig(await readFile(join(path, 'config'), 'utf8'));
    if (config === null) return null;
    const gitDir = await realpath(path);
    return {
      gitDir,
      commonDir: gitDir,
      bare: config.bare,
      shallow: await stat(join(path, 'shallow')).then(
        () => true,
        () => false,
      ),
    };
  } catch {
    return null;
  }
}

/**
 * The commit HEAD names and the branch it is on (null when detached), as `git rev-parse HEAD` and `git
 * symbolic-ref -q HEAD` give them, for a git directory of the plain layout (`plainRepoInfo`); null for
 * anything else (another layout, an unborn branch, a chain of symbolic refs, a ref file git would read
 * differently).
 *
 * The commit is the ref's value: that it names a commit object is not checked here (the caller compares
 * it with a commit it stored, and asks git when they differ).
 */
export async function headFromFiles(gitDir: string): Promise<{ commit: string; ref: string | null } | null> {
  try {
    if ((await plainRepoInfo(gitDir)) === null) return null;
    const head = parseHead(await readFile(join(gitDir, 'HEAD'), 'utf8'));
    if (head === null) return null;
    if (head.oid) return { commit: head.oid, ref: null };
    const ref = head.ref as string;
    const loose = await readFile(join(gitDir, ref), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (loose !== null) {
      const oid = loose.endsWith('\n') ? loose.slice(0, -1) : loose;
      return OID.test(oid) ? { commit: oid, ref } : null; // `ref:` again (a chain), or not a ref
    }
    const packed = await readFile(join(gitDir, 'packed-refs'), 'utf8').catch(() => null);
    const oid = packed === null ? null : packedRef(packed, ref);
    return oid === null ? null : { commit: oid, ref };
  } catch {
    return null;
  }
}

/** HEAD's content: a commit (detached) or one symbolic ref under refs/ whose name git would accept. */
function parseHead(text: string): { oid?: string; ref?: string } | null {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (OID.test(line)) return { oid: line };
  const m = /^ref: (refs\/[A-Za-z0-9._/-]+)$/.exec(line);
  if (!m) return null;
  const ref = m[1] as string;
  const parts = ref.split('/');
  const badPart = (p: string) => p === '' || p.startsWith('.') || p.endsWith('.lock') || p.endsWith('.');
  if (ref.includes('..') || parts.some(badPart)) return null;
  return { ref };
}

/** A ref's value in a packed-refs file (`<oid> <name>` lines, `^<oid>` peeled lines after tags). */
function packedRef(text: string, ref: string): string | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^') || line === '') continue;
    const space = line.indexOf(' ');
    if (line.slice(space + 1) !== ref) continue;
    const oid = line.slice(0, space);
    return OID.test(oid) ? oid : null;
  }
  return null;
}

/**
 * `core.bare` from a config file git reads no other way: plain sections and `key = value` lines; null
 * for anything that could make git read it differently (includes, extensions, `core.worktree`, a
 * repository format above 1, quoting, continued lines, a value of `core.bare` other than true or false).
 */
export function plainConfig(text: string): { bare: boolean } | null {
  let section = '';
  let bare = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.endsWith('\\')) return null;
    const header = /^\[([A-Za-z0-9.-]+)(\s+"[^"\\]*")?\]$/.exec(line);
    if (header) {
      const name = (header[1] as string).toLowerCase();
      if (name === 'include' || name === 'includeif' || name === 'extensions') return null;
      if (name.includes('.')) return null; // `[section.sub]`: the older subsection form
      section = header[2] === undefined ? name : `${name} "..."`;
      continue;
    }
    if (line.startsWith('[')) return null;
    if (section !== 'core') continue;
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!kv) return null;
    const key = (kv[1] as string).toLowerCase();
    const value = kv[2];
    if (key === 'worktree') return null;
    if (key === 'repositoryformatversion' && value !== '0' && value !== '1') return null;
    if (key === 'bare') {
      if (value === undefined || /^true$/i.test(value)) bare = true;
      else if (/^false$/i.test(value)) bare = false;
      else return null;
    }
  }
  return { bare };
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
