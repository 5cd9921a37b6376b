// go.sum: checksums, not a dependency list. `path version h1:hash` hashes a module's files (the
// module was downloaded to build something); `path version/go.mod h1:hash` hashes only its go.mod
// (read while resolving the module graph, not necessarily built). From go 1.17 on go.mod lists the
// whole build, so go.sum adds nothing. Before 1.17 (or with no go.mod beside it), the modules go.mod
// does not name are taken from the module hashes, the highest version of each: the one the minimal
// version selection built when go.sum is tidy. `/go.mod` lines are never dependencies.
import { goScheme } from '../../versions/go.ts';
import type { Dependency, Diagnostic } from '../types.ts';

export const COLLECTOR_ID = 'go-sum';

interface SumLine {
  name: string;
  version: string;
}

/** Module-hash lines (`/go.mod` lines left out) and the number of lines that are not go.sum lines. */
function moduleHashes(text: string): { lines: SumLine[]; bad: number } {
  const lines: SumLine[] = [];
  let bad = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [name, version, hash, extra] = line.trim().split(/\s+/);
    if (!name || !version || !hash?.includes(':') || extra !== undefined) bad++;
    else if (!version.endsWith('/go.mod')) lines.push({ name, version });
  }
  return { lines, bad };
}

function higher(a: string, b: string): boolean {
  if (!goScheme.valid(a) || !goScheme.valid(b)) return false;
  return goScheme.compare(a, b) > 0;
}

/** The highest hashed version of each module whose path go.mod does not decide about (`known`). */
export function extractGoSum(path: string, text: string, known: ReadonlySet<string>) {
  const { lines, bad } = moduleHashes(text);
  const chosen = new Map<string, string>();
  for (const { name, version } of lines) {
    if (known.has(name)) continue;
    const current = chosen.get(name);
    if (current === undefined || higher(version, current)) chosen.set(name, version);
  }
  const dependencies: Dependency[] = [...chosen].map(([name, version]) => ({
    ecosystem: 'Go',
    name,
    version,
    direct: false,
    scope: 'prod',
    manifestPath: path,
  }));
  const diagnostics: Diagnostic[] = [];
  if (bad > 0) {
    const message = `${bad} line(s) are not \`module version hash\``;
    diagnostics.push({ path, collector: COLLECTOR_ID, code: 'parse-error', message, severity: 'warning' });
  }
  return { dependencies, diagnostics };
}
