// The runtime versions a workflow's setup steps install (`actions/setup-node` `node-version`,
// `setup-python`, `setup-go`, `setup-java`, `setup-dotnet`, `ruby/setup-ruby`, `dtolnay/rust-toolchain`,
// `actions-rs/toolchain`): pins of the runtimes CI runs on. A `${{ matrix.x }}` value is every value of
// the job's matrix under `x` (lists, scalars and `include` entries, less the values every combination of which an `exclude`
// entry removes); other
// expressions and version files (`node-version-file`) are left out. A label that is not a version
// (`lts/*`, `stable`, `nightly`, `latest`) or a range (`20.x`, `^1`) is kept as written: the end-of-life
// match rates a version by its leading number, so a label gets no judgement. `pypy-3.11` and
// `graalpy-24` name another interpreter than CPython and are left out with a diagnostic.
import { parseUses } from '../actions-uses.ts';
import type { CollectorResult, Diagnostic, FileInput, Runtime, RuntimeKind } from '../types.ts';
import { diagnostic, readYaml } from '../yaml-input.ts';
import { Job, Step, Workflow } from './schema.ts';

/** Action name (lower case) -> the runtime it installs and the inputs naming versions. */
const SETUP: Record<string, { kind: RuntimeKind; inputs: string[] }> = {
  'actions/setup-node': { kind: 'node', inputs: ['node-version'] },
  'actions/setup-python': { kind: 'python', inputs: ['python-version'] },
  'actions/setup-go': { kind: 'go', inputs: ['go-version'] },
  'actions/setup-java': { kind: 'java', inputs: ['java-version'] },
  'actions/setup-dotnet': { kind: 'dotnet', inputs: ['dotnet-version'] },
  'ruby/setup-ruby': { kind: 'ruby', inputs: ['ruby-version'] },
  'dtolnay/rust-toolchain': { kind: 'rust', inputs: ['toolchain'] },
  'actions-rs/toolchain': { kind: 'rust', inputs: ['toolchain'] },
};

/** `dtolnay/rust-toolchain@1.75` names the toolchain in its ref; `@master` and `@v1` do not. */
const TOOLCHAIN_REF = /^(stable|beta|nightly|\d+\.\d+(\.\d+)?)(-.+)?$/;

/** setup-python versions of interpreters that are not CPython (their own release cycles). */
const OTHER_PYTHON = /^(pypy|graalpy)/i;

const MATRIX_REF = /^\$\{\{\s*matrix\.([\w-]+(?:\.[\w-]+)*)\s*\}\}$/;

/** A scalar as YAML gave it: `3.10` unquoted is the number 3.1, as GitHub Actions reads it too. */
const scalar = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null;

/** A version input: one value, a YAML list, or several lines (setup-python, setup-dotnet). */
function values(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalar).filter((x): x is string => x !== null);
  const text = scalar(v);
  return text
    ? text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}

function at(value: unknown, keys: string[]): unknown[] {
  let level: unknown[] = Array.isArray(value) ? value : [value];
  for (const key of keys) {
    level = level.flatMap((v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
      const next = (v as Record<string, unknown>)[key];
      return Array.isArray(next) ? next : next === undefined ? [] : [next];
    });
  }
  return level;
}

/** GitHub's limit on the jobs one matrix makes: a larger product is not expanded. */
const MAX_COMBINATIONS = 256;

/** An `exclude` entry matches a value when every key it names matches (a partial match, as GitHub reads it). */
function partialMatch(value: unknown, pattern: unknown): boolean {
  if (pattern !== null && typeof pattern === 'object' && !Array.isArray(pattern)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.entries(pattern).every(([k, p]) => partialMatch((value as Record<string, unknown>)[k], p));
  }
  const a = scalar(value);
  return a !== null && a === scalar(pattern);
}

/**
 * The values the matrix's own lists give `key` in the combinations left after `exclude`: the product
 * of every list, less each combination an `exclude` entry matches. Null when the lists cannot be
 * expanded (an expression instead of a list, or more combinations than GitHub runs).
 */
function keptValues(m: Record<string, unknown>, key: string): unknown[] | null {
  const dimensions = Object.entries(m).filter(([k]) => k !== 'include' && k !== 'exclude');
  if (dimensions.some(([, v]) => !Array.isArray(v))) return null;
  const size = dimensions.reduce((n, [, v]) => n * (v as unknown[]).length, 1);
  if (size > MAX_COMBINATIONS) return null;
  let combinations: Record<string, unknown>[] = [{}];
  for (const [k, list] of dimensions) {
    combinations = combinations.flatMap((c) => (list as unknown[]).map((v) => ({ ...c, [k]: v })));
  }
  const excludes = Array.isArray(m.exclude) ? m.exclude : [];
  const kept = combinations.filter((c) => !excludes.some((e) => partialMatch(c, e)));
  // In the order the list gives them.
  const list = m[key];
  return Array.isArray(list) ? list.filter((v) => kept.some((c) => c[key] === v)) : [];
}

/**
 * Every value of `matrix.<path>`: the matrix's own list under the key, less what `exclude` removes from
 * every combination, and its `include` entries.
 */
function matrixValues(matrix: unknown, path: string): string[] | null {
  if (matrix === null || typeof matrix !== 'object' || Array.isArray(matrix)) return null;
  const [key, ...rest] = path.split('.');
  const m = matrix as Record<string, unknown>;
  const listed = key === 'include' || key === 'exclude' ? [] : (keptValues(m, key!) ?? m[key!]);
  const own = at(listed, rest);
  const included = at(m.include, [key!, ...rest]);
  const found = [...new Set([...own, ...included].flatMap(values))];
  return found.some((v) => v.includes('${{')) || found.length === 0 ? null : found;
}

function setupOf(uses: string): { kind: RuntimeKind; inputs: string[]; ref: string | null } | null {
  const ref = parseUses(uses);
  if (ref?.kind !== 'github-action') return null;
  const setup = SETUP[ref.name.toLowerCase()];
  return setup ? { ...setup, ref: ref.version } : null;
}

export function extractSetupVersions(file: FileInput, collector: string): CollectorResult {
  const read = readYaml(file, collector);
  const runtimes = new Map<string, Runtime>();
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const add = (kind: RuntimeKind, version: string, source: string) => {
    if (kind === 'python' && OTHER_PYTHON.test(version)) {
      const message = `${source} names ${version}, not CPython: its release cycle is not rated`;
      diagnostics.push(diagnostic(file.path, collector, 'other-interpreter', message, 'info'));
      return;
    }
    const r: Runtime = { kind, version, path: file.path, source, role: 'pin' };
    runtimes.set(`${kind}\u0000${version}\u0000${source}`, r);
  };
  for (const doc of read.documents) {
    const workflow = Workflow.safeParse(doc.value);
    if (!workflow.success) continue;
    for (const value of Object.values(workflow.data.jobs)) {
      const job = Job.safeParse(value);
      if (!job.success) continue;
      for (const raw of job.data.steps ?? []) {
        const step = Step.safeParse(raw);
        const setup = step.success && step.data.uses ? setupOf(step.data.uses) : null;
        if (!step.success || !setup) continue;
        const name = step.data.uses!.split('@')[0]!;
        let named = false;
        for (const input of setup.inputs) {
          for (const v of values(step.data.with?.[input])) {
            named = true;
            const ref = MATRIX_REF.exec(v);
            if (!ref) {
              if (v.includes('${{')) {
                const message = `${name} ${input} is an expression (${v}): the version it installs is not known`;
                diagnostics.push(diagnostic(file.path, collector, 'unresolved-version', message, 'info'));
              } else add(setup.kind, v, `${name} ${input}`);
              continue;
            }
            const found = matrixValues(job.data.strategy?.matrix, ref[1]!);
            if (!found) {
              const message = `${name} ${input} comes from matrix.${ref[1]}, which names no plain values`;
              diagnostics.push(diagnostic(file.path, collector, 'unresolved-version', message, 'info'));
            }
            for (const m of found ?? []) add(setup.kind, m, `${name} ${input} (matrix.${ref[1]})`);
          }
        }
        if (!named && setup.ref && TOOLCHAIN_REF.test(setup.ref)) add(setup.kind, setup.ref, `${name}@ref`);
      }
    }
  }
  return { runtimes: [...runtimes.values()], diagnostics };
}
