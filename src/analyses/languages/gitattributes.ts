// A small .gitattributes reader: patterns as git matches them, later lines and deeper files win.
// Macro definitions ([attr]name ...) are ignored, as are macro uses.

/** true: set (`attr`); false: unset (`-attr`); string: a value (`attr=value`). */
export type AttributeValue = true | false | string;
export type Attributes = Record<string, AttributeValue>;

export interface GitattributesFile {
  /** Path of the .gitattributes file in the repository, e.g. `.gitattributes` or `lib/.gitattributes`. */
  path: string;
  content: string;
}

interface Rule {
  /** Folder of the file that holds the rule, with a trailing slash ('' at the root). */
  base: string;
  regex: RegExp;
  /** Pattern without a slash: tested against the base name. */
  basenameOnly: boolean;
  /** null: back to unspecified (`!attr`). */
  attrs: Array<[string, AttributeValue | null]>;
}

function unquote(field: string): string {
  return field
    .slice(1, -1)
    .replace(/\\(["\\tn])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
}

/** Git's wildmatch with the gitattributes rules for `**`, as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const before = i === 0 || glob[i - 1] === '/';
      const after = glob[i + 2] === '/' || i + 2 === glob.length;
      if (before && after) {
        if (i + 2 === glob.length) re += '.*';
        else re += '(?:.*/)?';
        i += 2;
        continue;
      }
      re += '[^/]*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function parseLine(line: string, base: string): Rule | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('[attr]')) return null;
  const m = /^("(?:[^"\\]|\\.)*"|\S+)\s*(.*)$/.exec(trimmed);
  if (!m) return null;
  let pattern = m[1]!.startsWith('"') ? unquote(m[1]!) : m[1]!;
  // Git ignores negated patterns in attributes files, and a pattern for a folder matches no file.
  if (pattern.startsWith('!') || pattern.endsWith('/')) return null;
  const attrs: Rule['attrs'] = [];
  for (const field of m[2]!.split(/\s+/).filter(Boolean)) {
    if (field.startsWith('-')) attrs.push([field.slice(1), false]);
    else if (field.startsWith('!')) attrs.push([field.slice(1), null]);
    else {
      const eq = field.indexOf('=');
      attrs.push(eq === -1 ? [field, true] : [field.slice(0, eq), field.slice(eq + 1)]);
    }
  }
  const basenameOnly = !pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  return { base, regex: globToRegExp(pattern), basenameOnly, attrs };
}

export interface AttributeMatcher {
  attributesFor(path: string): Attributes;
}

/** Reads the repository's .gitattributes files (any order) into a matcher for file paths. */
export function parseGitattributes(files: GitattributesFile[]): AttributeMatcher {
  const sorted = [...files].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const rules: Rule[] = [];
  for (const file of sorted) {
    const slash = file.path.lastIndexOf('/');
    const base = slash === -1 ? '' : file.path.slice(0, slash + 1);
    for (const line of file.content.split(/\r?\n/)) {
      const rule = parseLine(line, base);
      if (rule) rules.push(rule);
    }
  }
  return {
    attributesFor(path: string): Attributes {
      const out: Attributes = {};
      for (const rule of rules) {
        if (!path.startsWith(rule.base)) continue;
        const rel = path.slice(rule.base.length);
        const subject = rule.basenameOnly ? rel.slice(rel.lastIndexOf('/') + 1) : rel;
        if (!rule.regex.test(subject)) continue;
        for (const [name, value] of rule.attrs) {
          if (value === null) delete out[name];
          else out[name] = value;
        }
      }
      return out;
    },
  };
}
