// One compose file in, service images out. `${VAR:-default}` and `${VAR-default}` take their
// default; an image still naming an unset variable is reported, not guessed. Version 1 files
// (services at the top level) are read too.

import { parseImageRef, redactImageRef } from '../image-ref.ts';
import type { CollectorResult, Diagnostic, FileInput, ImageRef } from '../types.ts';
import { diagnostic, isRecord, readYaml, type YamlDocument } from '../yaml-input.ts';
import { ComposeFile, Service } from './schema.ts';

/** Compose interpolation with no environment: defaults are used, `$$` is a literal `$`. */
export function interpolateDefaults(text: string): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (whole, name, fallback) => {
    if (whole === '$$') return '\u0000';
    if (name && fallback !== undefined) return fallback;
    return whole;
  });
}

function servicesOf(doc: YamlDocument): { services: Record<string, unknown>; prefix: string[] } | null {
  const spec = ComposeFile.safeParse(doc.value);
  if (spec.success) return { services: spec.data.services, prefix: ['services'] };
  if (!isRecord(doc.value) || 'version' in doc.value) return null;
  return { services: doc.value, prefix: [] };
}

export function extractCompose(file: FileInput, collector: string): CollectorResult {
  const read = readYaml(file, collector);
  const images: ImageRef[] = [];
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  for (const doc of read.documents) {
    const found = servicesOf(doc);
    if (!found) continue;
    for (const [name, value] of Object.entries(found.services)) {
      const service = Service.safeParse(value);
      if (!service.success || typeof service.data.image !== 'string') continue;
      const line = doc.lineOf([...found.prefix, name, 'image']);
      const resolved = interpolateDefaults(service.data.image);
      const parsed = parseImageRef(resolved.replaceAll('\u0000', '$'));
      if (!parsed || resolved.includes('\u0000')) {
        const message = `service ${name}: image "${redactImageRef(service.data.image).slice(0, 200)}" names an unset variable`;
        diagnostics.push(diagnostic(file.path, collector, 'unresolved-image', message, 'info'));
        continue;
      }
      images.push({ kind: 'compose', name: parsed.name, version: parsed.version, path: file.path, line });
    }
  }
  return { images, diagnostics };
}
