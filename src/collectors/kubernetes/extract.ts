// One YAML file in, container images of workload manifests out. A file that does not look like
// a manifest (no top-level apiVersion and kind), or is a Helm/Go template, is not ours: skipped
// without a diagnostic.
import { parseImageRef } from '../image-ref.ts';
import type { CollectorResult, FileInput, ImageRef } from '../types.ts';
import { isRecord, readYaml, type YamlDocument } from '../yaml-input.ts';
import { Container, Manifest } from './schema.ts';

type Path = Array<string | number>;

/** Where the pod spec sits in each workload kind. */
const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

function looksLikeManifest(text: string): boolean {
  return /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text);
}

/** The value at `path` (object keys, array indexes); undefined where the path leaves the tree. */
function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current)) current = typeof key === 'number' ? current[key] : undefined;
    else current = isRecord(current) ? current[key] : undefined;
  }
  return current;
}

function objectImages(doc: YamlDocument, object: unknown, at: Path, file: string, out: ImageRef[]): void {
  const manifest = Manifest.safeParse(object);
  if (!manifest.success) return;
  if (manifest.data.kind === 'List' && Array.isArray(manifest.data.items)) {
    manifest.data.items.forEach((item, i) => {
      objectImages(doc, item, [...at, 'items', i], file, out);
    });
    return;
  }
  const specPath = POD_SPEC_PATHS[manifest.data.kind];
  if (!specPath) return;
  const spec = getIn(object, specPath);
  for (const list of CONTAINER_LISTS) {
    const containers = isRecord(spec) ? spec[list] : undefined;
    if (!Array.isArray(containers)) continue;
    containers.forEach((value, i) => {
      const container = Container.safeParse(value);
      const parsed = container.success && container.data.image ? parseImageRef(container.data.image) : null;
      if (!parsed) return;
      const line = doc.lineOf([...at, ...specPath, list, i, 'image']);
      out.push({ kind: 'kubernetes', name: parsed.name, version: parsed.version, path: file, line });
    });
  }
}

export function extractManifests(file: FileInput, collector: string): CollectorResult {
  const head = file.content.subarray(0, 1024 * 1024).toString('utf8');
  if (!looksLikeManifest(head) || head.includes('{{')) return { diagnostics: [] };
  const read = readYaml(file, collector);
  const images: ImageRef[] = [];
  for (const doc of read.documents) objectImages(doc, doc.value, [], file.path, images);
  return { images, diagnostics: read.diagnostics };
}
