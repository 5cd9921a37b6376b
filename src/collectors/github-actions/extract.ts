// Workflows and action metadata in, actions and container images out. `uses:` of steps and of
// reusable-workflow jobs (`owner/repo@ref`, `owner/repo/path@ref`, `docker://image:tag`; local
// `./x` skipped), job `container:` and `services:` images, and composite/Docker `action.yml`.
import { parseUses } from '../actions-uses.ts';
import { parseImageRef } from '../image-ref.ts';
import type { CollectorResult, FileInput, ImageRef } from '../types.ts';
import { readYaml, type YamlDocument } from '../yaml-input.ts';
import { Action, Container, Job, Step, Workflow } from './schema.ts';

type Path = Array<string | number>;

function containerImage(value: unknown): string | null {
  const parsed = Container.safeParse(value);
  if (!parsed.success) return null;
  return typeof parsed.data === 'string' ? parsed.data : (parsed.data.image ?? null);
}

class Collected {
  readonly images: ImageRef[] = [];
  readonly doc: YamlDocument;
  readonly path: string;
  constructor(doc: YamlDocument, path: string) {
    this.doc = doc;
    this.path = path;
  }
  uses(value: string | undefined, at: Path): void {
    const ref = value ? parseUses(value) : null;
    if (ref) this.images.push({ ...ref, path: this.path, line: this.doc.lineOf(at) });
  }
  image(value: unknown, at: Path): void {
    const text = containerImage(value);
    const ref = text ? parseImageRef(text) : null;
    if (ref) this.images.push({ kind: 'docker', ...ref, path: this.path, line: this.doc.lineOf(at) });
  }
  steps(steps: unknown[] | undefined, at: Path): void {
    steps?.forEach((value, i) => {
      const step = Step.safeParse(value);
      if (step.success) this.uses(step.data.uses, [...at, i, 'uses']);
    });
  }
}

function workflowImages(c: Collected): void {
  const workflow = Workflow.safeParse(c.doc.value);
  if (!workflow.success) return;
  for (const [id, value] of Object.entries(workflow.data.jobs)) {
    const job = Job.safeParse(value);
    if (!job.success) continue;
    c.uses(job.data.uses, ['jobs', id, 'uses']);
    c.steps(job.data.steps, ['jobs', id, 'steps']);
    if (job.data.container !== undefined) c.image(job.data.container, ['jobs', id, 'container']);
    for (const [name, service] of Object.entries(job.data.services ?? {})) {
      c.image(service, ['jobs', id, 'services', name]);
    }
  }
}

function actionImages(c: Collected): void {
  const action = Action.safeParse(c.doc.value);
  if (!action.success) return;
  c.steps(action.data.runs.steps, ['runs', 'steps']);
  if (action.data.runs.image?.startsWith('docker://')) c.uses(action.data.runs.image, ['runs', 'image']);
}

export function extractActions(file: FileInput, collector: string, isAction: boolean): CollectorResult {
  const read = readYaml(file, collector);
  const images: ImageRef[] = [];
  for (const doc of read.documents) {
    const c = new Collected(doc, file.path);
    if (isAction) actionImages(c);
    else workflowImages(c);
    images.push(...c.images);
  }
  return { images, diagnostics: read.diagnostics };
}
