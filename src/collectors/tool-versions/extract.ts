// asdf's `.tool-versions`: `<tool> <version> [fallback versions...]` a line. The first version
// is the one used; tools that are not a known runtime (kubectl, helm) are not runtimes.

import type { CollectorResult, FileInput, Runtime, RuntimeKind } from '../types.ts';
import { readVersionFile } from '../version-file.ts';

/** asdf plugin name -> runtime kind. */
const TOOL_KINDS: Readonly<Record<string, RuntimeKind>> = {
  nodejs: 'node',
  node: 'node',
  python: 'python',
  ruby: 'ruby',
  java: 'java',
  golang: 'go',
  go: 'go',
  dotnet: 'dotnet',
  'dotnet-core': 'dotnet',
  terraform: 'terraform',
  opentofu: 'terraform',
  rust: 'rust',
  php: 'php',
};

export function extractToolVersions(file: FileInput, collector: string): CollectorResult {
  const { lines, diagnostic } = readVersionFile(file, collector);
  if (diagnostic) return { diagnostics: [diagnostic] };
  const runtimes: Runtime[] = [];
  for (const { value } of lines) {
    const [tool, version] = value.split(/\s+/);
    const kind = TOOL_KINDS[tool!.toLowerCase()];
    if (!kind || !version || version === 'system') continue;
    runtimes.push({ kind, version, path: file.path, source: `.tool-versions ${tool}`, role: 'pin' });
  }
  return { runtimes, diagnostics: [] };
}
