import type { CollectorResult, FileCollector, FileInput } from '../types.ts';
import { basename } from '../version-file.ts';
import { extractChartFile } from './extract.ts';

const CHART_FILES = /^(Chart|requirements)\.ya?ml$/;
const VALUES_FILES = /^values.*\.ya?ml$/i;
const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** Values files count only next to a Chart.yaml; a lone values.yaml is not a chart's. */
function collect(files: FileInput[]): CollectorResult {
  const charts = new Set(files.filter((f) => basename(f.path) === 'Chart.yaml').map((f) => dirOf(f.path)));
  const results = files
    .filter((f) => charts.has(dirOf(f.path)))
    .map((f) => extractChartFile(f, 'helm-values', VALUES_FILES.test(basename(f.path))));
  return {
    images: results.flatMap((r) => r.images ?? []),
    diagnostics: results.flatMap((r) => r.diagnostics),
  };
}

export const collector: FileCollector = {
  id: 'helm-values',
  version: 2,
  emits: ['images'],
  files: ['**/{Chart,requirements}.{yml,yaml}', '**/values*.{yml,yaml}'],
  spec: 'https://helm.sh/docs/topics/charts/',
  matches: (path) => CHART_FILES.test(basename(path)) || VALUES_FILES.test(basename(path)),
  collect,
};
