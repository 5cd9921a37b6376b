// `.ruby-version` (rbenv, rvm, chruby): `3.3.0` or `ruby-3.3.0`; other engines (`jruby-9.4.5.0`) as written.

import type { CollectorResult, FileInput } from '../types.ts';
import { readVersionFile } from '../version-file.ts';

export function extractRubyVersion(file: FileInput, collector: string): CollectorResult {
  const { lines, diagnostic } = readVersionFile(file, collector);
  if (diagnostic) return { diagnostics: [diagnostic] };
  const version = lines[0]!.value.replace(/^ruby-/, '');
  return {
    runtimes: [{ kind: 'ruby', version, path: file.path, source: '.ruby-version', role: 'pin' }],
    diagnostics: [],
  };
}
