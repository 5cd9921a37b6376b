// npm/yarn/pnpm workspaces: which package.json files of the snapshot are members of a root's
// `workspaces` globs, so that dependencies on sibling members are known to be local.
import { type PackageJson, parsePackageJson } from '../npm-package-json.ts';
import { dirOf } from '../read-input.ts';

function globToRegExp(glob: string): RegExp {
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let out = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '*' && clean[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function workspaceGlobs(manifest: PackageJson): string[] {
  const ws = manifest.workspaces;
  if (!ws) return [];
  return Array.isArray(ws) ? ws : (ws.packages ?? []);
}

/** Package name -> folder, for every package.json that is a workspace member of some root. */
export function workspaceMembers(files: Array<{ path: string; text: string }>): Map<string, string> {
  const manifests = new Map<string, PackageJson>();
  for (const { path, text } of files) {
    try {
      manifests.set(dirOf(path), parsePackageJson(text));
    } catch {
      // reported by the collector's own pass
    }
  }
  const members = new Map<string, string>();
  for (const [rootDir, root] of manifests) {
    const globs = workspaceGlobs(root);
    const include = globs.filter((g) => !g.startsWith('!')).map(globToRegExp);
    const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(g.slice(1)));
    for (const [dir, manifest] of manifests) {
      if (!manifest.name || (rootDir !== '' && !dir.startsWith(`${rootDir}/`))) continue;
      const rel = rootDir === '' ? dir : dir.slice(rootDir.length + 1);
      if (include.some((r) => r.test(rel)) && !exclude.some((r) => r.test(rel)))
        members.set(manifest.name, dir);
    }
  }
  return members;
}
