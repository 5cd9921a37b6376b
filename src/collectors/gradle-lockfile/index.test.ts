import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const read = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/collectors/gradle-lockfile/${name}`, import.meta.url));
/** Independent count: every non-comment line that is not `empty=`, as `group:artifact@version`. */
const listed = (name: string) =>
  read(name)
    .toString()
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('empty='))
    .map((l) => l.split('=')[0]!.replace(/:([^:]+)$/, '@$1'))
    .sort();

describe('gradle-lockfile', () => {
  it('matches the lockfiles of Gradle 6+ and the older per-configuration ones', () => {
    expect(collector.matches('gradle.lockfile')).toBe(true);
    expect(collector.matches('app/buildscript-gradle.lockfile')).toBe(true);
    expect(collector.matches('gradle/dependency-locks/compileClasspath.lockfile')).toBe(true);
    expect(collector.matches('yarn.lock')).toBe(false);
  });

  it('lists exactly the locked modules, with the widest scope of their configurations', () => {
    const deps = collector.collect([{ path: 'gradle.lockfile', content: read('gradle.lockfile') }])
      .dependencies!;
    expect(deps.map((d) => `${d.name}@${d.version}`).sort()).toEqual(listed('gradle.lockfile'));
    const scope = Object.fromEntries(deps.map((d) => [d.name.split(':')[1], d.scope]));
    expect(scope).toEqual({
      'jackson-annotations': 'prod',
      'jackson-databind': 'prod',
      'auto-service': 'build',
      checkstyle: 'build',
      'org.jacoco.ant': 'build',
      'jakarta.servlet-api': 'provided',
      'apiguardian-api': 'test',
      'junit-jupiter-api': 'test',
      'junit-bom': 'test',
      postgresql: 'prod',
    });
  });

  it('gives build scope to the buildscript lockfile and reads legacy files', () => {
    const result = collector.collect([
      { path: 'buildscript-gradle.lockfile', content: read('buildscript-gradle.lockfile') },
      {
        path: 'gradle/dependency-locks/compileClasspath.lockfile',
        content: read('compileClasspath.lockfile'),
      },
    ]);
    expect(result.dependencies!.map((d) => `${d.name}@${d.version} ${d.scope}`)).toEqual([
      'com.diffplug.spotless:spotless-plugin-gradle@6.25.0 build',
      'org.jetbrains.kotlin:kotlin-gradle-plugin@1.9.23 build',
      'com.google.guava:guava@28.2-jre provided',
      'com.google.guava:failureaccess@1.0.1 provided',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports lines that are not lock entries and oversized files', () => {
    const result = collector.collect([
      { path: 'a/gradle.lockfile', content: Buffer.from('<<<<<<< HEAD\na:b:1=runtimeClasspath\n') },
      { path: 'b/gradle.lockfile', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'a/gradle.lockfile parse-error',
      'b/gradle.lockfile too-large',
    ]);
    expect(result.dependencies).toHaveLength(1);
  });
});
