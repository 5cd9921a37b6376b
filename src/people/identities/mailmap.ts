// git's .mailmap: four forms, matched the way git matches them (e-mails and names compared
// case-insensitively; a later line overrides an earlier one field by field).
//   Proper Name <commit@email>
//   <proper@email> <commit@email>
//   Proper Name <proper@email> <commit@email>
//   Proper Name <proper@email> Commit Name <commit@email>
import type { Diagnostic } from '../../collectors/types.ts';

export interface Signature {
  name: string;
  email: string;
}

interface Replacement {
  name: string | null;
  email: string | null;
}

interface MailmapEntry extends Replacement {
  /** Entries that also require the commit name (form 4), keyed by lower-cased name. */
  byName: Map<string, Replacement>;
}

export interface Mailmap {
  /** Keyed by lower-cased commit e-mail. */
  entries: Map<string, MailmapEntry>;
}

interface MailmapResult {
  mailmap: Mailmap;
  diagnostics: Diagnostic[];
}

interface NameEmail {
  name: string | null;
  email: string;
  rest: string;
}

/** One `Name <email>` group from the start of `text`; null when there is no `<...>`. */
function takeNameEmail(text: string): NameEmail | null {
  const open = text.indexOf('<');
  if (open < 0) return null;
  const close = text.indexOf('>', open + 1);
  if (close < 0) return null;
  const name = text.slice(0, open).trim();
  return {
    name: name === '' ? null : name,
    email: text.slice(open + 1, close).trim(),
    rest: text.slice(close + 1),
  };
}

function setReplacement(target: Replacement, name: string | null, email: string | null): void {
  if (name !== null) target.name = name;
  if (email !== null) target.email = email;
}

function addEntry(map: Mailmap, proper: Replacement, commitName: string | null, commitEmail: string): void {
  const key = commitEmail.toLowerCase();
  let entry = map.entries.get(key);
  if (!entry) {
    entry = { name: null, email: null, byName: new Map() };
    map.entries.set(key, entry);
  }
  if (commitName === null) {
    setReplacement(entry, proper.name, proper.email);
    return;
  }
  const nameKey = commitName.toLowerCase();
  const sub = entry.byName.get(nameKey) ?? { name: null, email: null };
  setReplacement(sub, proper.name, proper.email);
  entry.byName.set(nameKey, sub);
}

function diagnostic(path: string, line: number, message: string): Diagnostic {
  return {
    path,
    collector: 'identities',
    code: 'bad-mailmap-line',
    message: `line ${line}: ${message}`,
    severity: 'warning',
  };
}

/** Parse a .mailmap's text. Lines that cannot map anything become diagnostics; the rest apply. */
export function parseMailmap(content: string, path = '.mailmap'): MailmapResult {
  const mailmap: Mailmap = { entries: new Map() };
  const diagnostics: Diagnostic[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const first = takeNameEmail(line);
    if (!first) {
      diagnostics.push(diagnostic(path, index + 1, 'no <e-mail> found'));
      return;
    }
    const second = takeNameEmail(first.rest);
    const trailing = (second ? second.rest : first.rest).trim();
    if (trailing !== '' && !trailing.startsWith('#')) {
      diagnostics.push(diagnostic(path, index + 1, `unexpected text after the e-mails: ${trailing}`));
      return;
    }
    if (!second) {
      if (first.name === null || first.email === '') {
        diagnostics.push(diagnostic(path, index + 1, 'a single e-mail with no proper name maps nothing'));
        return;
      }
      addEntry(mailmap, { name: first.name, email: null }, null, first.email);
      return;
    }
    if (second.email === '') {
      diagnostics.push(diagnostic(path, index + 1, 'empty commit e-mail'));
      return;
    }
    const properEmail = first.email === '' ? null : first.email;
    addEntry(mailmap, { name: first.name, email: properEmail }, second.name, second.email);
  });
  return { mailmap, diagnostics };
}

/** The signature as the mailmap rewrites it (unchanged when no line matches). */
export function applyMailmap(mailmap: Mailmap, sig: Signature): Signature {
  const entry = mailmap.entries.get(sig.email.toLowerCase());
  if (!entry) return sig;
  const sub = entry.byName.get(sig.name.toLowerCase());
  const hit = sub ?? entry;
  if (hit.name === null && hit.email === null) return sig;
  return { name: hit.name ?? sig.name, email: hit.email ?? sig.email };
}
