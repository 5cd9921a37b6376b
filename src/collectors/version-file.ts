// Version files with one value a line (`.nvmrc`, `.python-version`, `.ruby-version`):
// comments (`#`) and blank lines are not values. Shared by the version-file collectors.
import { DEFAULT_BUDGET, type Diagnostic, type FileInput } from './types.ts';

interface VersionLine {
  value: string;
  /** 1-based. */
  line: number;
}

/** Largest version file read; a version file is a few bytes. */
const MAX_VERSION_FILE_BYTES = Math.min(DEFAULT_BUDGET.maxBytes, 64 * 1024);

export function versionLines(text: string): VersionLine[] {
  const out: VersionLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const value = raw.replace(/(^|\s)#.*$/, '').trim();
    if (value !== '') out.push({ value, line: index + 1 });
  });
  return out;
}

/** The lines of a file, or a diagnostic when it is too large, binary or empty. */
export function readVersionFile(
  file: FileInput,
  collector: string,
): { lines: VersionLine[]; diagnostic?: Diagnostic } {
  const problem = (code: string, message: string) => ({
    lines: [],
    diagnostic: { path: file.path, collector, code, message, severity: 'warning' as const },
  });
  if (file.content.length > MAX_VERSION_FILE_BYTES) {
    return problem('too-large', `${file.content.length} bytes; a version file is a few bytes`);
  }
  if (file.content.includes(0)) return problem('binary', 'binary content in a version file');
  const lines = versionLines(file.content.toString('utf8'));
  if (lines.length === 0) return problem('no-version', 'the file names no version');
  return { lines };
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
