// `.python-version` (pyenv: one version a line, all active) and Heroku's `runtime.txt` (`python-3.12.1`).

import type { CollectorResult, FileInput, Runtime } from '../types.ts';
import { basename, readVersionFile } from '../version-file.ts';

export function extractPythonVersion(file: FileInput, collector: string): CollectorResult {
  const { lines, diagnostic } = readVersionFile(file, collector);
  if (diagnostic) return { diagnostics: [diagnostic] };
  const name = basename(file.path);
  if (name === 'runtime.txt') {
    const value = lines[0]!.value;
    const match = /^python-(\S+)$/i.exec(value);
    if (!match) {
      const message = `runtime.txt names "${value.slice(0, 40)}", not python-<version>`;
      return {
        diagnostics: [{ path: file.path, collector, code: 'unsupported', message, severity: 'info' }],
      };
    }
    return { runtimes: [runtime(match[1]!, file.path, name)], diagnostics: [] };
  }
  return { runtimes: lines.map((l) => runtime(l.value, file.path, name)), diagnostics: [] };
}

function runtime(version: string, path: string, source: string): Runtime {
  return { kind: 'python', version, path, source, role: 'pin' };
}
