// The appendix of definitions: docs/report.md, docs/metrics.md and docs/metrics/*.md as shipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Definition } from './types.ts';

const DOCS = resolve(import.meta.dirname, '../../docs');

export function loadDefinitions(docsDir = DOCS): Definition[] {
  const files = ['report.md', 'metrics.md'];
  const area = join(docsDir, 'metrics');
  if (existsSync(area))
    files.push(
      ...readdirSync(area)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `metrics/${f}`),
    );
  const out: Definition[] = [];
  for (const f of files) {
    const path = join(docsDir, f);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? f;
    out.push({ title, source: `docs/${f}`, text });
  }
  return out;
}
