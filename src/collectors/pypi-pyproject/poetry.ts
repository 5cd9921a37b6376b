// Poetry's `[tool.poetry.dependencies]` and groups: a constraint string, a table with
// `version`/`git`/`url`/`path`/`optional`, or a list of such tables (per-marker constraints).
import { normalisePypiName } from '../pep508.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope } from '../types.ts';

const EXACT = /^(?:==)?\s*(\d+(?:\.\d+)*(?:[a-z]+\d*)?(?:\.post\d+)?(?:\.dev\d+)?)$/i;

function sourceOf(spec: Record<string, unknown>): string | null {
  if (typeof spec.git === 'string') {
    const ref = spec.rev ?? spec.tag ?? spec.branch;
    return redactUrl(spec.git) + (typeof ref === 'string' ? `@${ref}` : '');
  }
  if (typeof spec.url === 'string') return redactUrl(spec.url);
  if (typeof spec.path === 'string') return spec.path;
  return null;
}

export function poetryDependencies(
  path: string,
  deps: Record<string, unknown>,
  scope: DependencyScope,
): Dependency[] {
  const out: Dependency[] = [];
  for (const [rawName, value] of Object.entries(deps)) {
    if (rawName.toLowerCase() === 'python') continue;
    const specs = Array.isArray(value) ? value : [value];
    for (const spec of specs) {
      const table: Record<string, unknown> =
        spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : { version: spec };
      const constraint = typeof table.version === 'string' ? table.version.trim() : null;
      const source = sourceOf(table);
      out.push({
        ecosystem: 'PyPI',
        name: normalisePypiName(rawName),
        version: constraint ? (EXACT.exec(constraint)?.[1] ?? null) : null,
        requirement: constraint ?? source,
        direct: true,
        scope: table.optional === true && scope === 'prod' ? 'optional' : scope,
        manifestPath: path,
        source,
      });
    }
  }
  return out;
}

/** `python = "^3.11"` in `[tool.poetry.dependencies]`. */
export function poetryPython(deps: Record<string, unknown> | undefined): string | null {
  const python = deps?.python;
  if (typeof python === 'string') return python;
  if (
    python &&
    typeof python === 'object' &&
    typeof (python as Record<string, unknown>).version === 'string'
  ) {
    return (python as Record<string, string>).version ?? null;
  }
  return null;
}
