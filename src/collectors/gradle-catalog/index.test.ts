import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const catalog = {
  path: 'gradle/libs.versions.toml',
  content: readFileSync(
    new URL('../../../test/fixtures/collectors/gradle-catalog/libs.versions.toml', import.meta.url),
  ),
};

describe('gradle-catalog', () => {
  it('matches catalogs in a gradle folder', () => {
    expect(collector.matches('gradle/libs.versions.toml')).toBe(true);
    expect(collector.matches('app/gradle/tools.versions.toml')).toBe(true);
    expect(collector.matches('libs.versions.toml')).toBe(false);
    expect(collector.matches('gradle/wrapper/gradle-wrapper.properties')).toBe(false);
  });

  it('reads libraries in every spelling, with version.ref and rich versions', () => {
    const deps = collector.collect([catalog]).dependencies!;
    expect(deps.map((d) => `${d.name} ${d.version} ${d.requirement} ${d.scope}`)).toEqual([
      'com.google.guava:guava 33.1.0-jre 33.1.0-jre prod',
      'com.fasterxml.jackson.core:jackson-databind 2.17.0 2.17.0 prod',
      'com.fasterxml.jackson.module:jackson-module-kotlin 2.17.0 2.17.0 prod',
      'org.springframework:spring-core null [6.0, 6.2[ prod',
      'org.junit:junit-bom 5.10.2 5.10.2 prod',
      'org.junit.jupiter:junit-jupiter null null prod',
      'org.slf4j:slf4j-api 2.0.12 2.0.12 prod',
      'io.example:typo null null prod',
      'org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin 1.9.23 1.9.23 build',
      'com.diffplug.spotless:com.diffplug.spotless.gradle.plugin 6.25.0 6.25.0 build',
    ]);
    expect(deps.every((d) => d.ecosystem === 'Maven' && d.direct && d.manifestPath === catalog.path)).toBe(
      true,
    );
  });

  it('reports unknown version refs and bundle members', () => {
    const messages = collector.collect([catalog]).diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(messages).toEqual([
      'unresolved-version typo: version.ref names no entry of [versions]',
      'unresolved-reference bundle testing names mockk, which is not in [libraries]',
    ]);
  });

  it('turns a broken file into a diagnostic and reads the others', () => {
    const result = collector.collect([
      { path: 'gradle/bad.versions.toml', content: Buffer.from('[libraries\nx = ') },
      catalog,
    ]);
    expect(result.diagnostics[0]).toMatchObject({
      path: 'gradle/bad.versions.toml',
      code: 'parse-error',
      collector: 'gradle-catalog',
    });
    expect(result.dependencies).toHaveLength(10);
  });
});
