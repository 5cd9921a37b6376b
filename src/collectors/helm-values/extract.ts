// A chart folder in, images out: container images found under `image` keys of its values
// files, and the chart's dependencies (Chart.yaml, or requirements.yaml of Helm 2) as `helm`.
import { parseImageRef, redactImageRef } from '../image-ref.ts';
import type { CollectorResult, FileInput, ImageRef } from '../types.ts';
import { isRecord, readYaml, type YamlDocument } from '../yaml-input.ts';
import { ChartDependency, ChartFile, ImageBlock } from './schema.ts';

type Path = Array<string | number>;

function blockImage(value: unknown): { name: string; version: string | null } | null {
  if (typeof value === 'string') return parseImageRef(value);
  const block = ImageBlock.safeParse(value);
  if (!block.success) return null;
  const { registry, digest } = block.data;
  const repository = block.data.repository ?? block.data.name;
  if (!repository || /\s|\{\{/.test(repository)) return null;
  const joined = registry ? `${registry.replace(/\/$/, '')}/${repository}` : repository;
  const name = redactImageRef(joined);
  const tag = block.data.tag === undefined || block.data.tag === '' ? null : String(block.data.tag);
  const version = tag && digest ? `${tag}@${digest}` : (tag ?? digest ?? null);
  return { name, version };
}

/** Every `image` key in the document, breadth-first, without recursion. */
function valuesImages(doc: YamlDocument, path: string): ImageRef[] {
  const out: ImageRef[] = [];
  const queue: Array<[unknown, Path]> = [[doc.value, []]];
  while (queue.length > 0) {
    const [value, at] = queue.shift()!;
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isRecord(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of entries) {
      const image = key === 'image' ? blockImage(child) : null;
      if (image) {
        const line = doc.lineOf([...at, key]);
        out.push({ kind: 'kubernetes', name: image.name, version: image.version, path, line });
      } else queue.push([child, [...at, key]]);
    }
  }
  return out;
}

function chartDependencies(doc: YamlDocument, path: string): ImageRef[] {
  const chart = ChartFile.safeParse(doc.value);
  if (!chart.success) return [];
  return (chart.data.dependencies ?? []).flatMap((value, i) => {
    const dep = ChartDependency.safeParse(value);
    if (!dep.success) return [];
    const version = dep.data.version === undefined ? null : String(dep.data.version);
    const line = doc.lineOf(['dependencies', i, 'name']);
    return [{ kind: 'helm' as const, name: dep.data.name, version, path, line }];
  });
}

export function extractChartFile(file: FileInput, collector: string, isValues: boolean): CollectorResult {
  const read = readYaml(file, collector);
  const images = read.documents.flatMap((doc) =>
    isValues ? valuesImages(doc, file.path) : chartDependencies(doc, file.path),
  );
  return { images, diagnostics: read.diagnostics };
}
