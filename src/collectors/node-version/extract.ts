// `.nvmrc` and `.node-version`: the first value is the Node.js version (`20`, `v18.17.0`, `lts/iron`).
import type { CollectorResult, FileInput, Runtime } from '../types.ts';
import { basename, readVersionFile } from '../version-file.ts';

export function extractNodeVersion(file: FileInput, collector: string): CollectorResult {
  const { lines, diagnostic } = readVersionFile(file, collector);
  if (diagnostic) return { diagnostics: [diagnostic] };
  const first = lines[0]!;
  const runtime: Runtime = {
    kind: 'node',
    version: first.value,
    path: file.path,
    source: basename(file.path),
    role: 'pin',
  };
  return { runtimes: [runtime], diagnostics: [] };
}
