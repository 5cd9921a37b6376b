// PEP 508 requirement strings (`name[extra]>=1,<2; python_version<"3.12"`, `name @ url`) and
// PEP 503 name normalisation, shared by the PyPI collectors.
import { redactUrl } from './redact-url.ts';

interface Pep508 {
  name: string;
  extras: string[];
  /** Version specifier as written, without parentheses; null when none. */
  specifier: string | null;
  /** Exact version of an `==`/`===` pin without wildcards. */
  pinned: string | null;
  /** `name @ url`, credentials removed. */
  url: string | null;
  marker: string | null;
}

/** PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalisePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** The version of a `==1.2.3` / `===1.2.3` specifier, or null for ranges and wildcards. */
export function pinnedVersion(specifier: string | null): string | null {
  const m = /^\s*===?\s*([^\s,;*]+)\s*$/.exec(specifier ?? '');
  return m ? m[1]! : null;
}

const HEAD = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s;

/** Parses one requirement; null when the text does not start with a project name. */
export function parsePep508(text: string): Pep508 | null {
  const m = HEAD.exec(text);
  if (!m) return null;
  let rest = m[3]!.trim();
  let url: string | null = null;
  let marker: string | null = null;
  if (rest.startsWith('@')) {
    const body = rest.slice(1).trim();
    const semi = body.search(/\s;|;\s/);
    url = redactUrl((semi >= 0 ? body.slice(0, semi) : body).trim());
    marker = semi >= 0 ? body.slice(semi).replace(/^\s*;\s*/, '') || null : null;
    rest = '';
  } else {
    const semi = rest.indexOf(';');
    if (semi >= 0) {
      marker = rest.slice(semi + 1).trim() || null;
      rest = rest.slice(0, semi).trim();
    }
  }
  if (rest !== '' && !/^[(<>=!~]/.test(rest)) return null;
  const specifier = rest.replace(/^\((.*)\)$/s, '$1').replace(/\s+/g, '') || null;
  const extras = (m[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return { name: normalisePypiName(m[1]!), extras, specifier, pinned: pinnedVersion(specifier), url, marker };
}
