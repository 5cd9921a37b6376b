// A small .gitattributes reader: patterns as git matches them, later lines and deeper files win.
// Macro definitions ([attr]name ...) are ignored, as are macro uses.

/** true: set (`attr`); false: unset (`-attr`); string: a value (`attr=value`). */
export type AttributeValue = true | false | string;
export type Attributes = Record<string, AttributeValue>;

interface GitattributesFile {
  /** Path of the .gitattributes file in the repository, e.g. `.gitattributes` or `lib/.gitattributes`. */
  path: string;
  content: string;
}

/** A rule of one .gitattributes file; kept under the folder of its file. */
interface Rule {
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

function parseLine(line: string): Rule | null {
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
  return { regex: globToRegExp(pattern), basenameOnly, attrs };
}

interface AttributeMatcher {
  attributesFor(path: string): Attributes;
}

/**
 * Reads the repository's .gitattributes files (any order) into a matcher for file paths. Rules are
 * kept per folder of their file, so a path is tested only against the files in the folders it is in
 * (a tree with a .gitattributes in every folder costs no more per path than one with a single file).
 */
export function parseGitattributes(files: GitattributesFile[]): AttributeMatcher {
  const rulesByBase = new Map<string, Rule[]>();
  for (const file of files) {
    const slash = file.path.lastIndexOf('/');
    const base = slash === -1 ? '' : file.path.slice(0, slash + 1);
    const rules = rulesByBase.get(base) ?? [];
    rulesByBase.set(base, rules);
    for (const line of file.content.split(/\r?\n/)) {
      const rule = parseLine(line);
      if (rule) rules.push(rule);
    }
  }
  const apply = (out: Attributes, path: string, base: string): void => {
    const rules = rulesByBase.get(base);
    if (!rules) return;
    const rel = path.slice(base.length);
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    for (const rule of rules) {
      if (!rule.regex.test(rule.basenameOnly ? name : rel)) continue;
      for (const [attr, value] of rule.attrs) {
        if (value === null) delete out[attr];
        else out[attr] = value;
      }
    }
  };
  const nested = [...rulesByBase.keys()].some((base) => base !== '');
  return {
    attributesFor(path: string): Attributes {
      const out: Attributes = {};
      // Outer files first, so that deeper files and later lines win.
      apply(out, path, '');
      if (nested) {
        for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1))
          apply(out, path, path.slice(0, slash + 1));
      }
      return out;
    },
  };
}
