import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateDefaults } from './extract.ts';
import { collector } from './index.ts';

const file = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/compose/${name}`, import.meta.url)),
});

describe('compose collector', () => {
  it('matches compose file names only', () => {
    for (const p of [
      'docker-compose.yml',
      'ops/docker-compose.prod.yaml',
      'compose.yaml',
      'compose.override.yml',
    ]) {
      expect(collector.matches(p), p).toBe(true);
    }
    for (const p of ['composer.json', 'compose.json', 'my-compose.yml', 'docker-compose.yml.orig']) {
      expect(collector.matches(p), p).toBe(false);
    }
  });

  it('interpolates defaults and leaves unset variables alone', () => {
    expect(interpolateDefaults(`\${A:-x}/\${B-y}:\${C}`)).toBe(`x/y:\${C}`);
  });

  it('reads service images with defaults, digests and line numbers; build-only services have none', () => {
    const result = collector.collect([file('docker-compose.yml')]);
    expect(result.images?.map((i) => [i.kind, i.name, i.version, i.line])).toEqual([
      ['compose', 'postgres', '16.2-alpine', 10],
      ['compose', 'redis', '7.2', 15],
      [
        'compose',
        'docker.io/bitnami/rabbitmq',
        '3.13@sha256:0c3b5a1f2e4d6c8b0a1f3e5d7c9b1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b',
        17,
      ],
      ['compose', 'opensearchproject/opensearch', '2.12.0', 26],
    ]);
    expect(result.diagnostics).toMatchObject([{ code: 'unresolved-image', path: 'docker-compose.yml' }]);
    expect(result.diagnostics[0]?.message).toContain('worker');
  });

  it('follows merge keys (<<: *anchor), as compose files often share service settings', () => {
    const text =
      'x-app: &app\n  image: node:20-alpine\n  restart: always\nservices:\n  web:\n    <<: *app\n    ports: ["80:80"]\n';
    const result = collector.collect([{ path: 'compose.yaml', content: Buffer.from(text) }]);
    expect(result.images?.map((i) => [i.name, i.version])).toEqual([['node', '20-alpine']]);
  });

  it('reads version 1 files with services at the top level', () => {
    const result = collector.collect([file('compose-v1.yml', 'docker-compose.yml')]);
    expect(result.images?.map((i) => [i.name, i.version, i.line])).toEqual([['nginx', '1.25', 2]]);
  });

  it('turns broken YAML and alias bombs into diagnostics, still reading other files', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${'abcdefghijklmnop'[i]}: &${'abcdefghijklmnop'[i]} [${`*${'abcdefghijklmnop'[i - 1]}, `.repeat(9)}]`,
      );
    const result = collector.collect([
      { path: 'a/compose.yaml', content: Buffer.from('services:\n  db:\n    image: [unclosed\n') },
      { path: 'b/compose.yaml', content: Buffer.from(`${bomb.join('\n')}\nservices: {}\n`) },
      { path: 'c/compose.yaml', content: Buffer.from('services:\n  db:\n    image: mysql:8.4\n') },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code, d.collector])).toEqual([
      ['a/compose.yaml', 'parse-error', 'compose'],
      ['b/compose.yaml', 'too-many-aliases', 'compose'],
    ]);
    expect(result.images?.map((i) => i.name)).toEqual(['mysql']);
  });
});

describe('compose collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/compose/docker-compose.yml', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'docker-compose.yml', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
