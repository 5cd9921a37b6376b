// requirements*.txt / *.in in, requirements out. `-r` and `-c` are resolved among the files the
// engine hands over: a missing include is a diagnostic; `==` pins of constraint files give
// versions to ranges; a file only ever used as constraints lists no dependencies of its own.
import { dirOf } from '../read-input.ts';
import type { Dependency, DependencyScope, Diagnostic } from '../types.ts';
import type { RequirementsFile } from './parse.ts';

export const COLLECTOR_ID = 'pypi-requirements';

/** `a/b` + `../c.txt` -> `a/c.txt`; null when it leaves the repository. */
function joinPath(dir: string, rel: string): string | null {
  if (rel.startsWith('/') || /^[a-z]+:\/\//i.test(rel)) return null;
  const parts = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function scopeFromPath(path: string): DependencyScope {
  const name = path.toLowerCase();
  if (/(^|[/_.-])tests?([/_.-]|$)/.test(name)) return 'test';
  if (/(^|[/_.-])(dev|develop|lint|docs?|ci)([/_.-]|$)/.test(name)) return 'dev';
  return 'prod';
}

function pinsOf(
  path: string,
  parsed: Map<string, RequirementsFile>,
  seen = new Set<string>(),
): Map<string, string> {
  const pins = new Map<string, string>();
  const file = parsed.get(path);
  if (!file || seen.has(path)) return pins;
  seen.add(path);
  for (const rel of [...file.includes, ...file.constraints]) {
    const target = joinPath(dirOf(path), rel);
    if (target) for (const [k, v] of pinsOf(target, parsed, seen)) pins.set(k, v);
  }
  for (const r of file.requirements) if (r.pinned) pins.set(r.name, r.pinned);
  return pins;
}

export function extractAll(files: Map<string, RequirementsFile>): {
  dependencies: Dependency[];
  diagnostics: Diagnostic[];
} {
  const dependencies: Dependency[] = [];
  const diagnostics: Diagnostic[] = [];
  const constraintOnly = new Set<string>();
  const included = new Set<string>();
  for (const [path, file] of files) {
    const note = (code: string, message: string, severity: Diagnostic['severity']) =>
      diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity });
    for (const [kind, list] of [
      ['-r', file.includes],
      ['-c', file.constraints],
    ] as const) {
      for (const rel of list) {
        const target = joinPath(dirOf(path), rel);
        if (target === null || !files.has(target))
          note('include-not-found', `${kind} ${rel} is not among the scanned files`, 'info');
        else if (kind === '-c') constraintOnly.add(target);
        else included.add(target);
      }
    }
    for (const [line, text] of file.unreadable)
      note('unreadable-line', `line ${line} is not a requirement: ${text}`, 'warning');
  }
  for (const [path, file] of files) {
    if (constraintOnly.has(path) && !included.has(path)) continue;
    const constraintPins = new Map<string, string>();
    for (const rel of file.constraints) {
      const target = joinPath(dirOf(path), rel);
      if (target) for (const [k, v] of pinsOf(target, files)) constraintPins.set(k, v);
    }
    for (const req of file.requirements) {
      const parents = req.via.filter((v) => !v.startsWith('-'));
      dependencies.push({
        ecosystem: 'PyPI',
        name: req.name,
        version: req.pinned ?? constraintPins.get(req.name) ?? null,
        requirement: req.url ?? req.specifier,
        direct: req.via.length === 0 || req.via.some((v) => v.startsWith('-')),
        scope: scopeFromPath(path),
        manifestPath: path,
        ...(parents.length > 0 ? { parents: parents.map((p) => p.split(/\s/)[0]!) } : {}),
        source: req.url,
      });
    }
  }
  return { dependencies, diagnostics };
}
