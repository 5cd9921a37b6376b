// One requirements file (pip's format) into entries: requirements, `-r`/`-c` includes, and the
// `# via` notes pip-compile writes after each pinned line. Options pip takes per line
// (`--hash`, index URLs) are dropped; nothing here keeps an index URL or its credentials.

import { normalisePypiName, parsePep508, pinnedVersion } from '../pep508.ts';
import { redactUrl } from '../redact-url.ts';

export interface RequirementLine {
  name: string;
  specifier: string | null;
  pinned: string | null;
  url: string | null;
  line: number;
  /** Packages or files named by pip-compile's `# via` comments. */
  via: string[];
}

export interface RequirementsFile {
  requirements: RequirementLine[];
  includes: string[];
  constraints: string[];
  /** Lines that could not be read as a requirement (line number, text). */
  unreadable: Array<[number, string]>;
}

const IGNORED_OPTION =
  /^(-i|-f|--index-url|--extra-index-url|--find-links|--trusted-host|--no-index|--pre|--prefer-binary|--require-hashes|--no-binary|--only-binary|--use-feature|--upgrade-strategy)\b/;
const INCLUDE = /^(?:-r|--requirement)(?:\s*=\s*|\s+)?(\S+)/;
const CONSTRAINT = /^(?:-c|--constraint)(?:\s*=\s*|\s+)?(\S+)/;
const EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|file:)/i;

/** Logical lines: continuations joined, comments split off, with the first physical line number. */
function logicalLines(text: string): Array<{ line: number; body: string; comment: string | null }> {
  const out: Array<{ line: number; body: string; comment: string | null }> = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let joined = physical[i]!;
    while (/\\\s*$/.test(joined) && i + 1 < physical.length)
      joined = joined.replace(/\\\s*$/, ' ') + physical[++i]!;
    const hash = joined.search(/(^|\s)#/);
    const body = (hash >= 0 ? joined.slice(0, hash) : joined).trim();
    const comment = hash >= 0 ? joined.slice(hash).replace(/^\s*#\s?/, '') : null;
    out.push({ line: start + 1, body, comment });
  }
  return out;
}

/** Version in a wheel (`name-1.0-py3-none-any.whl`) or sdist (`name-1.0.tar.gz`) file name. */
function artifactVersion(url: string): string | null {
  const file = url.split(/[?#]/)[0]!.split('/').at(-1) ?? '';
  if (file.endsWith('.whl')) return file.split('-')[1] ?? null;
  return /-(\d[^-]*)\.(?:tar\.gz|tar\.bz2|zip)$/.exec(file)?.[1] ?? null;
}

function urlRequirement(raw: string, line: number): RequirementLine | null {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(raw);
  if (!egg) return null;
  return {
    name: normalisePypiName(egg[1]!),
    specifier: null,
    pinned: artifactVersion(raw),
    url: redactUrl(raw),
    line,
    via: [],
  };
}

export function parseRequirements(text: string): RequirementsFile {
  const file: RequirementsFile = { requirements: [], includes: [], constraints: [], unreadable: [] };
  let viaList: string[] | null = null;
  for (const { line, body, comment } of logicalLines(text)) {
    const last = file.requirements.at(-1);
    if (body === '') {
      const note = comment?.trim() ?? '';
      const single = /^via\s+(\S.*)$/.exec(note);
      if (last && single) last.via.push(single[1]!.trim());
      else if (last && note === 'via') viaList = last.via;
      else if (viaList && comment && /^\s{2,}\S/.test(comment)) viaList.push(note);
      else viaList = null;
      continue;
    }
    viaList = null;
    const clean = body
      .replace(/\s--(hash|global-option|config-settings|install-option)(=|\s+)\S+/g, '')
      .trim();
    const include = INCLUDE.exec(clean);
    const constraint = CONSTRAINT.exec(clean);
    if (include) file.includes.push(include[1]!);
    else if (constraint) file.constraints.push(constraint[1]!);
    else if (IGNORED_OPTION.test(clean)) continue;
    else {
      const target = EDITABLE.exec(clean)?.[1] ?? clean;
      const req = URL_LIKE.test(target) ? urlRequirement(target, line) : fromPep508(target, line);
      if (req) {
        file.requirements.push(req);
        const inline = comment ? /^via\s+(\S.*)$/.exec(comment.trim()) : null;
        if (inline) req.via.push(inline[1]!.trim());
      } else if (!clean.startsWith('-') && !URL_LIKE.test(target))
        file.unreadable.push([line, clean.split(/\s+/).map(redactUrl).join(' ').slice(0, 120)]);
    }
  }
  return file;
}

function fromPep508(text: string, line: number): RequirementLine | null {
  const req = parsePep508(text);
  if (!req) return null;
  const pinned = req.pinned ?? pinnedVersion(req.specifier);
  return { name: req.name, specifier: req.specifier, pinned, url: req.url, line, via: [] };
}
