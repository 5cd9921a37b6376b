// biome-ignore-all lint/suspicious/noTemplateCurlyInString: tests are about Maven `${...}` property text
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';
import { interpolate } from './resolve.ts';

const fixture = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/maven-pom/${name}`, import.meta.url)),
});
const multi = ['pom.xml', 'bom/pom.xml', 'service/pom.xml', 'legacy/pom.xml'].map((p) =>
  fixture(`multi/${p}`, p),
);
const line = (d: { name: string; version: string | null; requirement?: string | null; scope: string }) =>
  `${d.name} ${d.version} ${d.requirement} ${d.scope}`;

describe('maven-pom', () => {
  it('matches pom.xml files only', () => {
    expect(collector.matches('pom.xml')).toBe(true);
    expect(collector.matches('a/b/pom.xml')).toBe(true);
    expect(collector.matches('a/pom.xml.bak')).toBe(false);
  });

  it('resolves versions through parent, properties, dependencyManagement and an in-repository BOM', () => {
    const deps = collector.collect(multi).dependencies!.filter((d) => d.manifestPath === 'service/pom.xml');
    expect(deps.map(line)).toEqual([
      'com.fasterxml.jackson.core:jackson-databind 2.17.2 2.17.2 prod',
      'com.google.guava:guava 33.2.0-jre 33.2.0-jre prod',
      'org.postgresql:postgresql 42.7.3 42.7.3 prod',
      'com.example.shop:shop-api 2.4.0-SNAPSHOT 2.4.0-SNAPSHOT prod',
      'org.junit.jupiter:junit-jupiter 5.10.2 5.10.2 test',
      'jakarta.servlet:jakarta.servlet-api 6.0.0 6.0.0 provided',
      'io.micrometer:micrometer-registry-prometheus null [1.12,1.14) optional',
      'org.springframework.boot:spring-boot-starter-web null null prod',
      'com.oracle:ojdbc null ${oracle.version} system',
    ]);
    expect(deps.every((d) => d.ecosystem === 'Maven' && d.direct)).toBe(true);
  });

  it('leaves what is outside the repository as a requirement with a diagnostic', () => {
    const diagnostics = collector.collect(multi).diagnostics.map((d) => `${d.path} ${d.code} ${d.message}`);
    expect(diagnostics).toEqual([
      'pom.xml unresolved-reference BOM org.springframework.boot:spring-boot-dependencies:3.3.0 is not in the repository',
      'service/pom.xml unresolved-version org.springframework.boot:spring-boot-starter-web has no version and no dependencyManagement entry',
      'service/pom.xml unresolved-version com.oracle:ojdbc version ${oracle.version} has an unknown property',
      'legacy/pom.xml unresolved-reference parent org.springframework.boot:spring-boot-starter-parent:2.7.18 is not in the repository',
    ]);
  });

  it('reads the Java version from compiler properties or the compiler plugin', () => {
    const runtimes = collector.collect(multi).runtimes!;
    expect(runtimes.map((r) => `${r.path} ${r.kind} ${r.version} ${r.source} ${r.role}`)).toEqual([
      'pom.xml java 21 properties.maven.compiler.release floor',
      'legacy/pom.xml java 1.8 maven-compiler-plugin.configuration.source floor',
    ]);
  });

  it('interpolates nested names, leaves unknown ones and stops on self-reference', () => {
    const props = new Map([
      ['db', 'pg'],
      ['v.pg', '1.2'],
      ['loop', '${loop}${loop}'],
    ]);
    expect(interpolate('${v.${db}}', props)).toBe('1.2');
    expect(interpolate('${v.${nope}}-${x}', props)).toBe('${v.${nope}}-${x}');
    expect(interpolate('${loop}', props).length).toBeLessThan(20_000);
  });

  it('never expands XML entities and reports external entities, malformed and huge files', () => {
    const result = collector.collect([
      fixture('entities.xml', 'bomb/pom.xml'),
      {
        path: 'xxe/pom.xml',
        content: Buffer.from(
          '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><project><version>&x;</version></project>',
        ),
      },
      { path: 'cut/pom.xml', content: Buffer.from('<project><dependencies><dependency><groupId>a') },
      { path: 'big/pom.xml', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
      {
        path: 'deep/pom.xml',
        content: Buffer.from(`<project>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</project>`),
      },
    ]);
    expect(result.dependencies!.map((d) => d.name)).toEqual(['org.example:&lol3;']);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'xxe/pom.xml parse-error',
      'cut/pom.xml parse-error',
      'big/pom.xml too-large',
      'deep/pom.xml parse-error',
    ]);
  });

  it('does not loop on parents that point at each other', () => {
    const pom = (a: string, parent: string) =>
      Buffer.from(
        `<project><parent><groupId>g</groupId><artifactId>${parent}</artifactId><version>1</version><relativePath>../${parent}</relativePath></parent><artifactId>${a}</artifactId><dependencies><dependency><groupId>x</groupId><artifactId>${a}-dep</artifactId><version>\${v}</version></dependency></dependencies></project>`,
      );
    const result = collector.collect([
      { path: 'a/pom.xml', content: pom('a', 'b') },
      { path: 'b/pom.xml', content: pom('b', 'a') },
    ]);
    expect(result.dependencies!.map((d) => d.name)).toEqual(['x:a-dep', 'x:b-dep']);
  });
});

describe('maven-pom parent outside the repository', () => {
  it('is reported once, at the POM that names it, not at every module below', () => {
    const root = Buffer.from(
      '<project><parent><groupId>org.apache</groupId><artifactId>apache</artifactId><version>33</version></parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version></project>',
    );
    const child = Buffer.from(
      '<project><parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version></parent><artifactId>child</artifactId></project>',
    );
    const result = collector.collect([
      { path: 'pom.xml', content: root },
      { path: 'child/pom.xml', content: child },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual(['pom.xml unresolved-reference']);
  });
});
