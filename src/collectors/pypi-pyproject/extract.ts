// pyproject.toml in: PEP 621 dependencies and extras, PEP 735 dependency groups, Poetry
// dependencies and groups, and the Python runtime (`requires-python` or Poetry's `python`).

import { parsePep508 } from '../pep508.ts';
import { expandGroup, groupScope, Pyproject } from '../pyproject.ts';
import { asObject, type FileFacts, readToml, scalarText } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope, Diagnostic, Runtime } from '../types.ts';
import { poetryDependencies, poetryPython } from './poetry.ts';

export const COLLECTOR_ID = 'pypi-pyproject';

function fromStrings(path: string, items: unknown[], scope: DependencyScope, bad: string[]): Dependency[] {
  const out: Dependency[] = [];
  for (const item of items) {
    const req = typeof item === 'string' ? parsePep508(item) : null;
    if (!req) {
      bad.push(
        (scalarText(item) ?? JSON.stringify(item) ?? '').split(/\s+/).map(redactUrl).join(' ').slice(0, 120),
      );
      continue;
    }
    out.push({
      ecosystem: 'PyPI',
      name: req.name,
      version: req.pinned,
      requirement: req.url ?? req.specifier,
      direct: true,
      scope,
      manifestPath: path,
      source: req.url,
    });
  }
  return out;
}

export function extractPyproject(path: string, text: string): FileFacts {
  const doc = Pyproject.parse(asObject(readToml(text), 'pyproject.toml'));
  const bad: string[] = [];
  const problems: string[] = [];
  const deps: Dependency[] = [];
  const project = doc.project;
  deps.push(...fromStrings(path, project?.dependencies ?? [], 'prod', bad));
  for (const items of Object.values(project?.['optional-dependencies'] ?? {})) {
    if (Array.isArray(items)) deps.push(...fromStrings(path, items, 'optional', bad));
  }
  const groups = doc['dependency-groups'] ?? {};
  for (const group of Object.keys(groups)) {
    const items = [...new Set(expandGroup(groups, group, problems))];
    deps.push(...fromStrings(path, items, groupScope(group), bad));
  }
  const poetry = doc.tool?.poetry;
  if (poetry?.dependencies) deps.push(...poetryDependencies(path, poetry.dependencies, 'prod'));
  if (poetry?.['dev-dependencies']) deps.push(...poetryDependencies(path, poetry['dev-dependencies'], 'dev'));
  for (const [group, body] of Object.entries(poetry?.group ?? {})) {
    const groupDeps = (body as { dependencies?: unknown } | null)?.dependencies;
    if (groupDeps && typeof groupDeps === 'object') {
      deps.push(...poetryDependencies(path, groupDeps as Record<string, unknown>, groupScope(group)));
    }
  }

  const runtimes: Runtime[] = [];
  const requires = project?.['requires-python'];
  if (requires)
    runtimes.push({
      kind: 'python',
      version: requires,
      path,
      source: 'project.requires-python',
      role: 'floor',
    });
  const python = poetryPython(poetry?.dependencies);
  if (python)
    runtimes.push({
      kind: 'python',
      version: python,
      path,
      source: 'tool.poetry.dependencies.python',
      role: 'floor',
    });

  const diagnostics: Diagnostic[] = [
    ...bad.map((b) => ({ code: 'bad-requirement', message: `not a PEP 508 requirement: ${b}` })),
    ...problems.map((p) => ({ code: 'bad-dependency-group', message: p })),
  ].map((d) => ({ ...d, path, collector: COLLECTOR_ID, severity: 'warning' as const }));
  return { dependencies: deps, runtimes, diagnostics };
}
