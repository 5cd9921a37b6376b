// asdf's `.tool-versions`: `<tool> <version> [fallback versions...]` a line. The first version
// is the one used; tools that are not a known runtime (kubectl, helm) are not runtimes.

import { runtimeKindOfTool } from '../tool-kinds.ts';
import type { CollectorResult, FileInput, Runtime } from '../types.ts';
import { readVersionFile } from '../version-file.ts';

export function extractToolVersions(file: FileInput, collector: string): CollectorResult {
  const { lines, diagnostic } = readVersionFile(file, collector);
  if (diagnostic) return { diagnostics: [diagnostic] };
  const runtimes: Runtime[] = [];
  for (const { value } of lines) {
    const [tool, version] = value.split(/\s+/);
    const kind = runtimeKindOfTool(tool!);
    if (!kind || !version || version === 'system') continue;
    runtimes.push({ kind, version, path: file.path, source: `.tool-versions ${tool}`, role: 'pin' });
  }
  return { runtimes, diagnostics: [] };
}
