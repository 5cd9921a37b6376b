import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../image-ref.ts';
import { collector } from './index.ts';

const file = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/dockerfile/${name}`, import.meta.url)),
});
const refs = (result: ReturnType<typeof collector.collect>) =>
  result.images?.map((i) => [i.name, i.version, i.line]);

describe('parseImageRef', () => {
  it('splits registry ports, tags and digests', () => {
    expect(parseImageRef('postgres')).toEqual({ name: 'postgres', version: null });
    expect(parseImageRef('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', version: null });
    expect(parseImageRef('localhost:5000/app:1.0')).toEqual({ name: 'localhost:5000/app', version: '1.0' });
    expect(parseImageRef('nginx:1.25@sha256:abc')).toEqual({ name: 'nginx', version: '1.25@sha256:abc' });
    expect(parseImageRef('nginx@sha256:abc')).toEqual({ name: 'nginx', version: 'sha256:abc' });
    expect(parseImageRef('$IMAGE')).toBeNull();
    expect(parseImageRef('')).toBeNull();
  });
});

describe('dockerfile collector', () => {
  it('matches Dockerfile name variants only', () => {
    for (const p of ['Dockerfile', 'svc/Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'dockerfile']) {
      expect(collector.matches(p), p).toBe(true);
    }
    for (const p of [
      'Dockerfile.dockerignore',
      'docker-compose.yml',
      'Dockerfiles/readme.md',
      'xDockerfile',
    ]) {
      expect(collector.matches(p), p).toBe(false);
    }
  });

  it('reads a multi-stage Dockerfile: ARG defaults, --platform, stages, digests, COPY --from images', () => {
    const result = collector.collect([file('Dockerfile')]);
    expect(refs(result)).toEqual([
      ['node', '20.11-alpine', 7],
      ['docker.io/library/alpine', '3.19', 18],
      ['ghcr.io/acme/healthcheck', '1.2.0', 20],
      [
        'gcr.io/distroless/nodejs20-debian12',
        'sha256:6c6d8a0e8f2c3d5b1f0e2a9c4b7d8e1f2a3b4c5d6e7f8091a2b3c4d5e6f70819',
        22,
      ],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('states build for the images of stages the last stage is not built from', () => {
    const exposures = (text: string) =>
      collector
        .collect([{ path: 'Dockerfile', content: Buffer.from(text) }])
        .images?.map((i) => [i.name, i.exposure ?? 'runtime']);
    expect(collector.collect([file('Dockerfile')]).images?.map((i) => i.exposure ?? 'runtime')).toEqual([
      'build',
      'build',
      'build',
      'runtime',
    ]);
    // The last stage built FROM an earlier one ships that stage's image; COPY --from there ships too.
    expect(
      exposures(
        'FROM golang:1.22 AS build\nFROM alpine:3 AS base\nFROM base\nCOPY --from=busybox:1 /bin/sh /sh\n',
      ),
    ).toEqual([
      ['golang', 'build'],
      ['alpine', 'runtime'],
      ['busybox', 'runtime'],
    ]);
    expect(exposures('FROM python:3.12\n')).toEqual([['python', 'runtime']]);
  });

  it('honours the backtick escape directive and skips scratch', () => {
    const result = collector.collect([file('backtick.Dockerfile')]);
    expect(refs(result)).toEqual([['mcr.microsoft.com/windows/servercore', 'ltsc2022', 3]]);
  });

  it('treats keywords and stage names case-insensitively; unresolved variables become diagnostics', () => {
    const result = collector.collect([file('Dockerfile.python')]);
    expect(refs(result)).toEqual([
      ['python', '3.12-slim', 1],
      ['registry.example.com:5000/platform/python-runtime', '3.12', 4],
    ]);
    expect(result.diagnostics).toMatchObject([
      { path: 'Dockerfile.python', collector: 'dockerfile', code: 'unresolved-image', severity: 'info' },
    ]);
  });

  it('skips the bodies of BuildKit heredocs', () => {
    const result = collector.collect([file('heredoc.Dockerfile')]);
    expect(refs(result)).toEqual([
      ['debian', 'bookworm-slim', 2],
      ['gcr.io/distroless/base-debian12', 'nonroot', 11],
    ]);
  });

  it('survives junk and huge files, still reading the others', () => {
    const result = collector.collect([
      { path: 'a/Dockerfile', content: Buffer.from('FROM\nFROM \\\n') },
      { path: 'b/Dockerfile', content: Buffer.alloc(17 * 1024 * 1024, 0x41) },
      { path: 'c/Dockerfile', content: Buffer.from([0xff, 0xfe, 0, 0x46]) },
      { path: 'd/Dockerfile', content: Buffer.from('FROM redis:7\n') },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([['b/Dockerfile', 'too-large']]);
    expect(refs(result)).toEqual([['redis', '7', 1]]);
  });
});

describe('dockerfile collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/dockerfile/Dockerfile', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'Dockerfile', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
