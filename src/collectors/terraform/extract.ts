// Terraform files in, facts out: `required_version` (runtime), `required_providers` and
// `.terraform.lock.hcl` providers (terraform-provider), `module` sources (terraform-module).
// Module sources are returned with credentials removed and `?ref=` moved to the version.

import { redactImageRef } from '../image-ref.ts';
import { decodeSafe, redactUrl } from '../redact-url.ts';
import {
  type Budget,
  type CollectorResult,
  DEFAULT_BUDGET,
  type FileInput,
  type ImageRef,
  type Runtime,
} from '../types.ts';
import { diagnostic } from '../yaml-input.ts';
import { type Attribute, type Body, parseHcl, TooDeepError } from './parse.ts';

const DEFAULT_REGISTRIES = /^(registry\.terraform\.io|registry\.opentofu\.org)\//i;

const str = (a: Attribute | undefined): string | null => (typeof a?.value === 'string' ? a.value : null);

/**
 * `registry.terraform.io/hashicorp/aws` -> `hashicorp/aws`; a bare `aws` -> `hashicorp/aws`. A
 * scheme or credentials before the host are dropped like those of an image reference.
 */
function providerName(source: string): string {
  const name = redactImageRef(source).toLowerCase().replace(DEFAULT_REGISTRIES, '');
  return name.includes('/') ? name : `hashicorp/${name}`;
}

/** Credentials removed, `git::` style getters kept, `ref` query parameter split off as the version. */
export function moduleSource(source: string): { name: string; ref: string | null } {
  const getter = /^([a-z0-9]+::)/i.exec(source)?.[1] ?? '';
  const clean = redactUrl(source.slice(getter.length));
  const q = clean.indexOf('?');
  if (q < 0) return { name: getter + clean, ref: null };
  const params = clean.slice(q + 1).split('&');
  const ref = params.find((p) => p.startsWith('ref='))?.slice(4) ?? null;
  const rest = params.filter((p) => !p.startsWith('ref=')).join('&');
  return {
    name: getter + clean.slice(0, q) + (rest ? `?${rest}` : ''),
    ref: ref ? decodeSafe(ref) : null,
  };
}

function terraformBlock(body: Body, path: string, out: { runtimes: Runtime[]; images: ImageRef[] }): void {
  const required = str(body.attributes.required_version);
  if (required)
    out.runtimes.push({
      kind: 'terraform',
      version: required,
      path,
      source: 'terraform.required_version',
      role: 'floor',
    });
  for (const block of body.blocks.filter((b) => b.type === 'required_providers')) {
    for (const [local, attr] of Object.entries(block.body.attributes)) {
      const { value } = attr;
      const source = value && typeof value === 'object' ? str(value.source) : null;
      const version = typeof value === 'string' ? value : value ? str(value.version) : null;
      const name = providerName(source ?? local);
      out.images.push({ kind: 'terraform-provider', name, version, path, line: attr.line });
    }
  }
}

function moduleBlock(body: Body, path: string, line: number, images: ImageRef[]): void {
  const source = str(body.attributes.source);
  if (!source || source.startsWith('./') || source.startsWith('../') || source.includes('${')) return;
  const { name, ref } = moduleSource(source);
  images.push({ kind: 'terraform-module', name, version: str(body.attributes.version) ?? ref, path, line });
}

function lockProviders(body: Body, path: string, images: ImageRef[]): void {
  for (const block of body.blocks) {
    if (block.type !== 'provider' || !block.labels[0]) continue;
    const version = str(block.body.attributes.version);
    images.push({
      kind: 'terraform-provider',
      name: providerName(block.labels[0]),
      version,
      path,
      line: block.line,
    });
  }
}

export function extractTerraform(
  file: FileInput,
  collector: string,
  budget: Budget = DEFAULT_BUDGET,
): CollectorResult {
  if (file.content.length > budget.maxBytes) {
    return { diagnostics: [diagnostic(file.path, collector, 'too-large', `${file.content.length} bytes`)] };
  }
  let body: Body;
  try {
    body = parseHcl(file.content.toString('utf8'), budget.maxDepth);
  } catch (error) {
    const code = error instanceof TooDeepError ? 'too-deep' : 'parse-error';
    return { diagnostics: [diagnostic(file.path, collector, code, `cannot read HCL (${code})`, 'error')] };
  }
  const out = { runtimes: [] as Runtime[], images: [] as ImageRef[] };
  if (file.path.endsWith('.terraform.lock.hcl')) lockProviders(body, file.path, out.images);
  for (const block of body.blocks) {
    if (block.type === 'terraform') terraformBlock(block.body, file.path, out);
    if (block.type === 'module') moduleBlock(block.body, file.path, block.line, out.images);
  }
  return { ...out, diagnostics: [] };
}
