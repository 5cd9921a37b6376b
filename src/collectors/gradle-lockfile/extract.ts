// gradle.lockfile (Gradle 6+: `group:artifact:version=conf1,conf2`, `empty=...`), its
// buildscript-gradle.lockfile twin, and the older per-configuration files
// gradle/dependency-locks/<configuration>.lockfile (`group:artifact:version`).
import { posix } from 'node:path';
import type { Dependency, DependencyScope, Diagnostic } from '../types.ts';

export const COLLECTOR_ID = 'gradle-lockfile';

type Kind = DependencyScope | 'compile-only';

/** Main source-set runtime -> prod; compile-only -> provided; test -> test; tools (checkstyle, jacoco, kapt, ...) -> build. */
function kindOf(configuration: string): Kind {
  if (/test/i.test(configuration)) return 'test';
  if (
    /^(\w*[rR]untimeClasspath|implementation|api|runtimeOnly|runtime|compile|default|archives)$/.test(
      configuration,
    )
  )
    return 'prod';
  if (/^(\w*[cC]ompileClasspath|\w*[cC]ompileOnly)$/.test(configuration)) return 'compile-only';
  return 'build';
}

/** The widest scope any of the configurations gives: prod, then provided, then test, then build. */
function scopeOf(configurations: string[], buildscript: boolean): DependencyScope {
  if (buildscript) return 'build';
  const kinds = new Set(configurations.map(kindOf));
  if (kinds.has('prod')) return 'prod';
  if (kinds.has('compile-only')) return 'provided';
  return kinds.has('test') ? 'test' : 'build';
}

export function extractGradleLockfile(path: string, text: string) {
  const legacy = /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/.test(path);
  const buildscript = posix.basename(path) === 'buildscript-gradle.lockfile';
  const legacyConfiguration = posix.basename(path, '.lockfile');
  const dependencies: Dependency[] = [];
  let bad = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [coordinates = '', configurationList] = line.split('=');
    if (coordinates === 'empty') continue;
    const parts = coordinates.split(':');
    if (parts.length < 3 || parts.some((p) => p === '') || (!legacy && configurationList === undefined)) {
      bad++;
      continue;
    }
    const configurations = legacy ? [legacyConfiguration] : configurationList!.split(',').filter(Boolean);
    dependencies.push({
      ecosystem: 'Maven',
      name: `${parts[0]}:${parts[1]}`,
      version: parts[2]!,
      direct: false,
      scope: scopeOf(configurations, buildscript),
      manifestPath: path,
    });
  }
  const diagnostics: Diagnostic[] = [];
  if (bad > 0) {
    const message = `${bad} line(s) are not \`group:artifact:version=configurations\``;
    diagnostics.push({ path, collector: COLLECTOR_ID, code: 'parse-error', message, severity: 'warning' });
  }
  return { dependencies, diagnostics };
}
