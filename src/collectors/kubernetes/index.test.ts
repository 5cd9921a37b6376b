import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const file = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/kubernetes/${name}`, import.meta.url)),
});
const rows = (result: ReturnType<typeof collector.collect>) =>
  result.images?.map((i) => [i.kind, i.name, i.version, i.line]);

describe('kubernetes collector', () => {
  it('considers YAML files, but not the ones known to be something else', () => {
    for (const p of ['k8s/deployment.yaml', 'deploy/app.yml', 'base/kustomization.yaml']) {
      expect(collector.matches(p), p).toBe(true);
    }
    for (const p of [
      '.github/workflows/ci.yml',
      'docker-compose.yml',
      'chart/values.yaml',
      'Chart.yaml',
      'a.json',
    ]) {
      expect(collector.matches(p), p).toBe(false);
    }
  });

  it('reads containers and initContainers of Deployments and CronJobs across documents', () => {
    const result = collector.collect([file('deployment.yaml', 'k8s/payments.yaml')]);
    expect(rows(result)).toEqual([
      ['kubernetes', 'ghcr.io/acme/payments-migrate', '2.4.1', 17],
      ['kubernetes', 'ghcr.io/acme/payments', '2.4.1', 20],
      ['kubernetes', 'envoyproxy/envoy', 'v1.29.2', 23],
      [
        'kubernetes',
        'python',
        '3.12-slim@sha256:a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
        45,
      ],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads List items, StatefulSets and Pods', () => {
    const result = collector.collect([file('statefulset-list.yml')]);
    expect(rows(result)).toEqual([
      ['kubernetes', 'redis', '7.2.4', 12],
      ['kubernetes', 'busybox', null, 19],
    ]);
  });

  it('reads Jobs and DaemonSets', () => {
    const spec = 'spec:\n  template:\n    spec:\n      containers:\n        - image: IMG\n';
    const job = `apiVersion: batch/v1\nkind: Job\n${spec.replace('IMG', 'alpine:3.19')}`;
    const ds = `apiVersion: apps/v1\nkind: DaemonSet\n${spec.replace('IMG', 'fluent/fluent-bit:3.0')}`;
    const result = collector.collect([{ path: 'job.yaml', content: Buffer.from(`${job}---\n${ds}`) }]);
    expect(rows(result)).toEqual([
      ['kubernetes', 'alpine', '3.19', 7],
      ['kubernetes', 'fluent/fluent-bit', '3.0', 15],
    ]);
  });

  it('skips non-manifest YAML and templates silently; reports broken manifests', () => {
    const result = collector.collect([
      { path: 'config/app.yaml', content: Buffer.from('server:\n  port: 8080\n') },
      { path: 'config/broken.yaml', content: Buffer.from('key: [unclosed\n') },
      { path: 'tpl/deploy.yaml', content: Buffer.from('apiVersion: v1\nkind: Pod\n{{ .Values.x }}\n') },
      { path: 'bad/pod.yaml', content: Buffer.from('apiVersion: v1\nkind: Pod\nspec: [unclosed\n') },
      {
        path: 'ok/pod.yaml',
        content: Buffer.from('apiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: nginx}]\n'),
      },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code, d.collector])).toEqual([
      ['bad/pod.yaml', 'parse-error', 'kubernetes'],
    ]);
    expect(rows(result)).toEqual([['kubernetes', 'nginx', null, 4]]);
  });

  it('bounds nesting depth', () => {
    const deep = `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const result = collector.collect([{ path: 'deep.yaml', content: Buffer.from(deep) }]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
  });
});

describe('kubernetes collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/kubernetes/deployment.yaml', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'k8s/app.yaml', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
