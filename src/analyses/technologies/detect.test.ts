import { expect, test } from 'vitest';
import { detectTechnologies, EVIDENCE_LIMIT } from './detect.ts';

test('packages, images, runtimes and paths name technologies, with evidence by kind', () => {
  const metrics = detectTechnologies({
    dependencies: [{ ecosystem: 'npm', name: 'express', manifestPath: 'package.json' }],
    images: [{ kind: 'docker', name: 'postgres', path: 'Dockerfile' }],
    runtimes: [{ kind: 'node', version: '20', path: '.nvmrc' }],
    paths: ['Jenkinsfile'],
  });
  const by = Object.fromEntries(metrics.map((m) => [m.subject, m]));
  expect(by.express).toMatchObject({
    metric: 'technology',
    value: 2,
    evidence: { packages: ['express'], files: ['package.json'] },
  });
  expect(by.postgresql?.evidence).toEqual({
    images: ['postgres'],
    files: ['Dockerfile'],
    exposures: ['runtime'],
  });
  expect(by.nodejs?.evidence?.files).toEqual(['.nvmrc']);
  expect(by.jenkins?.evidence?.files).toEqual(['Jenkinsfile']);
  expect(by.jenkins?.evidence?.exposures).toEqual(['ci']);
  expect(by['']).toMatchObject({ metric: 'technologies', value: metrics.length - 1 });
});

test('evidence lists stop at the limit; the value counts every fact', () => {
  const paths = Array.from({ length: EVIDENCE_LIMIT + 10 }, (_, i) => `src/F${i}.java`);
  const java = detectTechnologies({ dependencies: [], images: [], runtimes: [], paths }).find(
    (m) => m.subject === 'java',
  );
  expect(java?.value).toBe(EVIDENCE_LIMIT + 10);
  expect(java?.evidence?.files).toHaveLength(EVIDENCE_LIMIT);
});

test('nothing found: only the count, zero', () => {
  expect(detectTechnologies({ dependencies: [], images: [], runtimes: [], paths: ['notes.txt'] })).toEqual([
    { metric: 'technologies', scope: 'repository', subject: '', value: 0, unit: 'technologies' },
  ]);
});

test("a technology's exposures are those of the facts behind it, most exposed first", () => {
  const metrics = detectTechnologies(
    {
      dependencies: [
        { ecosystem: 'npm', name: 'jest', manifestPath: 'package.json', exposure: 'development' },
        { ecosystem: 'npm', name: 'jest', manifestPath: 'examples/a/package.json', exposure: 'example' },
        { ecosystem: 'npm', name: 'express', manifestPath: 'package.json', exposure: 'runtime' },
      ],
      images: [{ kind: 'docker', name: 'postgres', path: 'Dockerfile', exposure: 'build' }],
      runtimes: [],
      paths: ['demo/main.tf'],
    },
    undefined,
    { example: ['demo/**'] },
  );
  const by = Object.fromEntries(metrics.map((m) => [m.subject, m.evidence?.exposures]));
  expect(by.jest).toEqual(['development', 'example']);
  expect(by.express).toEqual(['runtime']);
  expect(by.postgresql).toEqual(['build']);
  // A file named by its path alone is judged by the workspace's path rules.
  expect(by.terraform).toEqual(['example']);
});

test("a tool's own config file does not make it a runtime technology; what ships still does", () => {
  const metrics = detectTechnologies({
    dependencies: [],
    images: [],
    runtimes: [],
    paths: [
      'eslint.config.js',
      'gulpfile.js',
      'codecov.yml',
      '.devcontainer/devcontainer.json',
      'src/App.java',
    ],
  });
  const exposures = (id: string) => metrics.find((m) => m.subject === id)?.evidence?.exposures;
  expect(exposures('eslint')).toEqual(['development']);
  expect(exposures('devcontainers')).toEqual(['development']);
  expect(exposures('gulp')).toEqual(['build']);
  expect(exposures('codecov')).toEqual(['ci']);
  expect(exposures('java')).toEqual(['runtime']);
  // A testing library declared where no test scope exists (go.mod) is test code all the same.
  const go = detectTechnologies({
    dependencies: [{ ecosystem: 'Go', name: 'github.com/stretchr/testify', manifestPath: 'go.mod' }],
    images: [],
    runtimes: [],
    paths: [],
  });
  expect(go.find((m) => m.subject === 'testify')?.evidence?.exposures).toEqual(['test']);
});
