// One effective POM -> its own declared dependencies (versions from dependencyManagement when
// omitted) and the Java version it asks for.
import type { Dependency, DependencyScope, Diagnostic, Runtime } from '../types.ts';
import type { PomDependency } from './parse.ts';
import { type Effective, interpolate } from './resolve.ts';

export const COLLECTOR_ID = 'maven-pom';

const SCOPES: Record<string, DependencyScope> = {
  compile: 'prod',
  runtime: 'prod',
  test: 'test',
  provided: 'provided',
  system: 'system',
};

const JAVA_PROPERTIES = [
  'maven.compiler.release',
  'maven.compiler.source',
  'maven.compiler.target',
  'java.version',
];
const JAVA_PLUGIN_KEYS = ['release', 'source', 'target'];

function isExact(version: string): boolean {
  return version !== '' && !/[[\]()${},]/.test(version);
}

function toDependency(e: Effective, d: PomDependency, problems: string[]): Dependency | null {
  const at = (value: string | null) => (value === null ? null : interpolate(value, e.properties));
  const name = `${at(d.groupId)}:${at(d.artifactId)}`;
  const managed = e.managed.get(name);
  const rawScope = at(d.scope) ?? managed?.scope ?? 'compile';
  if (rawScope === 'import') return null;
  const requirement = at(d.version) ?? managed?.version ?? null;
  if (requirement === null) problems.push(`${name} has no version and no dependencyManagement entry`);
  else if (requirement.includes('${'))
    problems.push(`${name} version ${requirement} has an unknown property`);
  let scope = SCOPES[rawScope] ?? 'prod';
  if (at(d.optional) === 'true' && scope === 'prod') scope = 'optional';
  return {
    ecosystem: 'Maven',
    name,
    version: requirement !== null && isExact(requirement) ? requirement : null,
    requirement,
    direct: true,
    scope,
    manifestPath: e.pom.path,
  };
}

/** release, then source, then target; properties before the compiler plugin's configuration. */
function javaVersion(e: Effective): Runtime | null {
  const own = e.pom.properties;
  for (const key of JAVA_PROPERTIES) {
    const value = own[key];
    if (value)
      return {
        kind: 'java',
        version: interpolate(value, e.properties),
        path: e.pom.path,
        source: `properties.${key}`,
        role: 'floor',
      };
  }
  const compiler = e.pom.plugins.find((p) => p.artifactId === 'maven-compiler-plugin');
  for (const key of JAVA_PLUGIN_KEYS) {
    const value = compiler?.configuration[key];
    if (value) {
      const source = `maven-compiler-plugin.configuration.${key}`;
      return {
        kind: 'java',
        version: interpolate(value, e.properties),
        path: e.pom.path,
        source,
        role: 'floor',
      };
    }
  }
  return null;
}

export function extractPom(e: Effective) {
  const problems = [...e.problems];
  const dependencies = e.pom.dependencies
    .map((d) => toDependency(e, d, problems))
    .filter((d): d is Dependency => d !== null);
  const runtime = javaVersion(e);
  const diagnostics: Diagnostic[] = problems.map((message) => ({
    path: e.pom.path,
    collector: COLLECTOR_ID,
    code: message.includes('not in the repository') ? 'unresolved-reference' : 'unresolved-version',
    message,
    severity: 'warning',
  }));
  return { dependencies, runtimes: runtime ? [runtime] : [], diagnostics };
}
