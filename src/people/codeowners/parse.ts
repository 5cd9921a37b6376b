// GitHub CODEOWNERS: one rule per line, `pattern owner...`; `#` starts a comment; the last
// matching rule wins (a rule with no owners leaves the path without owners). A line GitHub
// would reject is reported and skipped, the others still apply.
import type { Diagnostic } from '../../collectors/types.ts';
import { checkPattern, lazyPattern, type PathMatcher } from './pattern.ts';
import { indexRules, type RuleIndex } from './rule-index.ts';

type OwnerKind = 'user' | 'team' | 'email';

interface Owner {
  kind: OwnerKind;
  /** As written: `@user`, `@org/team`, `someone@example.com`. */
  value: string;
}

export interface OwnerRule {
  pattern: string;
  owners: Owner[];
  /** 1-based line in the CODEOWNERS file. */
  line: number;
  matches: PathMatcher;
}

export interface Codeowners {
  path: string;
  rules: OwnerRule[];
  diagnostics: Diagnostic[];
}

/** GitHub looks for the file in this order and uses the first one it finds. */
export const CODEOWNERS_LOCATIONS: readonly string[] = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

/**
 * GitHub does not load a CODEOWNERS file of 3 MB or more ("CODEOWNERS files must be under 3 MB in
 * size"), so it gives no owners. Read as 3,000,000 bytes, the smaller reading: a file GitHub may not
 * load is never used here.
 */
export const CODEOWNERS_MAX_BYTES = 3_000_000;

/** The CODEOWNERS file GitHub would use among a snapshot's paths, or null. */
export function findCodeownersFile(paths: Iterable<string>): string | null {
  const present = new Set(paths);
  return CODEOWNERS_LOCATIONS.find((p) => present.has(p)) ?? null;
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function parseOwner(text: string): Owner | null {
  if (TEAM.test(text)) return { kind: 'team', value: text };
  if (USER.test(text)) return { kind: 'user', value: text };
  if (EMAIL.test(text)) return { kind: 'email', value: text };
  return null;
}

function stripComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash < 0 ? line : line.slice(0, hash);
}

/** Parse a CODEOWNERS file's text. */
export function parseCodeowners(content: string, path = '.github/CODEOWNERS'): Codeowners {
  const rules: OwnerRule[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, message: string): void => {
    diagnostics.push({
      path,
      collector: 'codeowners',
      code: 'bad-codeowners-line',
      message: `line ${line}: ${message}`,
      severity: 'warning',
    });
  };
  const lines = content.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const fields = stripComment(raw)
      .trim()
      .split(/\s+/)
      .filter((f) => f !== '');
    const [pattern, ...ownerTexts] = fields;
    if (pattern === undefined) continue;
    const problem = checkPattern(pattern);
    if (problem) {
      report(line, `pattern ${pattern}: ${problem}`);
      continue;
    }
    const owners = ownerTexts.map(parseOwner);
    const bad = ownerTexts.filter((_, i) => owners[i] === null);
    if (bad.length > 0) {
      report(line, `invalid owner ${bad.join(', ')}`);
      continue;
    }
    rules.push({ pattern, owners: owners as Owner[], line, matches: lazyPattern(pattern) });
  }
  return { path, rules, diagnostics };
}

const indexes = new WeakMap<Codeowners, RuleIndex>();

/** The rule that decides a path's owners (the last one matching), or null when none matches. */
export function ruleFor(codeowners: Codeowners, path: string): OwnerRule | null {
  let index = indexes.get(codeowners);
  if (!index) {
    index = indexRules(codeowners.rules.map((r) => r.pattern));
    indexes.set(codeowners, index);
  }
  return codeowners.rules[index.lastMatch(path)] ?? null;
}

/** Owners of a path (empty when no rule matches or the deciding rule names none). */
export function ownersOf(codeowners: Codeowners, path: string): Owner[] {
  return ruleFor(codeowners, path)?.owners ?? [];
}
