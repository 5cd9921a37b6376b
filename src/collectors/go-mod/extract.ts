// go.mod: the module versions of the build (require with replace and exclude applied; from go 1.17
// on that is the whole build list, `// indirect` included), and the go and toolchain directives.
// Versions, pseudo-versions and `+incompatible` are kept as written.
import { type GoBuildModule, goBuildList, goModLines } from '../go-modfile.ts';
import type { Dependency, Diagnostic, Runtime } from '../types.ts';

export const COLLECTOR_ID = 'go-mod';

/**
 * A replacement by another module version is what is built: that module and version, with the
 * require it replaces as the source. A replacement by a folder is local code: no module version.
 */
function dependencyOf(m: GoBuildModule, path: string): Dependency {
  const base = { ecosystem: 'Go', direct: !m.indirect, scope: 'prod', manifestPath: path } as const;
  const r = m.replacement;
  if (r && r.toVersion !== null)
    return {
      ...base,
      name: r.to,
      version: r.toVersion,
      requirement: r.toVersion,
      source: `replaces ${m.path}@${m.version}`,
    };
  if (r) return { ...base, name: m.path, version: null, requirement: m.version, source: r.to };
  return { ...base, name: m.path, version: m.version, requirement: m.version, source: null };
}

const VERBS = new Set([
  'module',
  'go',
  'toolchain',
  'require',
  'replace',
  'exclude',
  'retract',
  'godebug',
  'tool',
  'ignore',
]);

export function extractGoMod(path: string, text: string) {
  const lines = goModLines(text);
  const diagnostics: Diagnostic[] = [];
  const unknown = lines.filter((l) => !VERBS.has(l.verb));
  if (unknown.length > 0 || !lines.some((l) => l.verb === 'module')) {
    const what =
      unknown.length > 0
        ? `${unknown.length} line(s) with an unknown directive, first \`${unknown[0]!.verb.slice(0, 40)}\``
        : 'no module directive';
    diagnostics.push({
      path,
      collector: COLLECTOR_ID,
      code: 'parse-error',
      message: `not a well-formed go.mod: ${what}`,
      severity: 'warning',
    });
  }
  const { modules, excluded } = goBuildList(lines);
  const dependencies = modules.map((m) => dependencyOf(m, path));
  for (const r of excluded) {
    diagnostics.push({
      path,
      collector: COLLECTOR_ID,
      code: 'excluded-requirement',
      message: `${r.path} ${r.version} is required and excluded: go builds a later version, not known without the module proxy`,
      severity: 'info',
    });
  }
  const runtimes: Runtime[] = [];
  for (const { verb, args } of lines) {
    if ((verb === 'go' || verb === 'toolchain') && args[0]) {
      // `go` is the minimum the module supports, `toolchain` the Go release that builds it.
      const role = verb === 'go' ? 'floor' : 'pin';
      runtimes.push({ kind: 'go', version: args[0], path, source: `${verb} directive`, role });
    }
  }
  return { dependencies, runtimes, diagnostics };
}
