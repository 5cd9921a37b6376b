// go.sum: one line per module version (`path version h1:hash`), plus `version/go.mod` lines that only
// hash a module's go.mod. Each module version counts once. Direct = that module version is a direct
// require of the go.mod in the same folder, when there is one.
import { goModLines, goRequires } from '../go-mod/extract.ts';
import type { Dependency, Diagnostic } from '../types.ts';

export const COLLECTOR_ID = 'go-sum';

export function directModules(goModText: string): Set<string> {
  return new Set(
    goRequires(goModLines(goModText))
      .filter((r) => !r.indirect)
      .map((r) => `${r.path}@${r.version}`),
  );
}

export function extractGoSum(path: string, text: string, direct: Set<string>) {
  const seen = new Set<string>();
  const dependencies: Dependency[] = [];
  let bad = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [name, rawVersion, hash, extra] = line.trim().split(/\s+/);
    if (!name || !rawVersion || !hash?.includes(':') || extra !== undefined) {
      bad++;
      continue;
    }
    const version = rawVersion.endsWith('/go.mod') ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion;
    if (seen.has(`${name}@${version}`)) continue;
    seen.add(`${name}@${version}`);
    dependencies.push({
      ecosystem: 'Go',
      name,
      version,
      direct: direct.has(`${name}@${version}`),
      scope: 'prod',
      manifestPath: path,
    });
  }
  const diagnostics: Diagnostic[] = [];
  if (bad > 0) {
    const message = `${bad} line(s) are not \`module version hash\``;
    diagnostics.push({ path, collector: COLLECTOR_ID, code: 'parse-error', message, severity: 'warning' });
  }
  return { dependencies, diagnostics };
}
