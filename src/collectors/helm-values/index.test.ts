import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const file = (name: string, path: string) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/helm-values/${name}`, import.meta.url)),
});
const rows = (result: ReturnType<typeof collector.collect>) =>
  result.images?.map((i) => [i.kind, i.name, i.version, i.path, i.line]);

describe('helm-values collector', () => {
  it('matches Chart.yaml, requirements.yaml and values files', () => {
    for (const p of ['charts/app/Chart.yaml', 'values.yaml', 'chart/values-prod.yml', 'requirements.yaml']) {
      expect(collector.matches(p), p).toBe(true);
    }
    expect(collector.matches('chart/templates/deployment.yaml')).toBe(false);
  });

  it('reads chart dependencies and every image pattern of the values file', () => {
    const result = collector.collect([
      file('Chart.yaml', 'deploy/chart/Chart.yaml'),
      file('values.yaml', 'deploy/chart/values.yaml'),
    ]);
    expect(rows(result)).toEqual([
      ['helm', 'postgresql', '13.4.4', 'deploy/chart/Chart.yaml', 8],
      ['helm', 'redis', '~18.6.0', 'deploy/chart/Chart.yaml', 12],
      ['helm', 'common', null, 'deploy/chart/Chart.yaml', 15],
      ['kubernetes', 'ghcr.io/acme/storefront', null, 'deploy/chart/values.yaml', 3],
      [
        'kubernetes',
        'acme/storefront-worker',
        '3.2@sha256:4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0',
        'deploy/chart/values.yaml',
        23,
      ],
      ['kubernetes', 'quay.io/prometheus/statsd-exporter', 'v0.26.0', 'deploy/chart/values.yaml', 13],
      ['kubernetes', 'nginx', '1.25.4-alpine', 'deploy/chart/values.yaml', 20],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('ignores values files with no Chart.yaml beside them', () => {
    const result = collector.collect([
      file('Chart.yaml', 'chart/Chart.yaml'),
      file('values.yaml', 'other/values.yaml'),
    ]);
    expect(result.images?.every((i) => i.path === 'chart/Chart.yaml')).toBe(true);
  });

  it('reports a broken values file and still reads the chart', () => {
    const result = collector.collect([
      file('Chart.yaml', 'Chart.yaml'),
      { path: 'values.yaml', content: Buffer.from('image: {repository: [\n') },
    ]);
    expect(result.diagnostics).toMatchObject([
      { path: 'values.yaml', code: 'parse-error', collector: 'helm-values' },
    ]);
    expect(result.images).toHaveLength(3);
  });
});

describe('helm-values collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/helm-values/values.yaml', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([
          { path: 'Chart.yaml', content: Buffer.from('apiVersion: v2\nname: x\n') },
          { path: 'values.yaml', content },
        ]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
