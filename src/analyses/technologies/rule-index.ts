// Rules compiled for lookup: exact names in a map, prefixes in a list, path rules indexed by
// their last segment so that a repository of many files is matched quickly.
import type { Technology } from './schema.ts';

export interface Hit {
  technology: Technology;
  rule: string;
}

export class NameIndex {
  readonly exact = new Map<string, Hit[]>();
  readonly prefixes: Array<[string, Hit]> = [];
  readonly normalise: (name: string) => string;
  constructor(normalise: (name: string) => string) {
    this.normalise = normalise;
  }
  add(technology: Technology, rule: string): void {
    const hit = { technology, rule };
    if (rule.endsWith('*')) {
      this.prefixes.push([this.normalise(rule.slice(0, -1)), hit]);
      return;
    }
    const key = this.normalise(rule);
    this.exact.set(key, [...(this.exact.get(key) ?? []), hit]);
  }
  /** Every rule that names `name` (also checked: each `alsoExact` form, such as an action's owner/repo). */
  lookup(name: string, alsoExact: string[] = []): Hit[] {
    const key = this.normalise(name);
    const hits = [key, ...alsoExact.map(this.normalise)].flatMap((k) => this.exact.get(k) ?? []);
    for (const [prefix, hit] of this.prefixes) if (key.startsWith(prefix)) hits.push(hit);
    return hits;
  }
}

function globToRegExp(rule: string): RegExp {
  const body = rule
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`(^|/)${body}$`);
}

/** Path rules match the end of a path, whole segments at a time; `*` stays within a segment. */
export class PathIndex {
  /** Rules whose last segment is literal, by that segment. */
  readonly byBasename = new Map<string, Array<[RegExp, Hit]>>();
  /** Rules whose last segment is `*.ext`, by `.ext` (most wildcard rules). */
  readonly bySuffix = new Map<string, Array<[RegExp, Hit]>>();
  readonly wildcards: Array<[RegExp, Hit]> = [];
  add(technology: Technology, rule: string): void {
    const entry: [RegExp, Hit] = [globToRegExp(rule), { technology, rule }];
    const last = rule.slice(rule.lastIndexOf('/') + 1);
    const suffix = /^\*(\.[^*]+)$/.exec(last)?.[1];
    if (suffix) append(this.bySuffix, suffix, entry);
    else if (last.includes('*')) this.wildcards.push(entry);
    else append(this.byBasename, last, entry);
  }
  lookup(path: string): Hit[] {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const candidates = [...(this.byBasename.get(base) ?? []), ...this.wildcards];
    for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
      candidates.push(...(this.bySuffix.get(base.slice(dot)) ?? []));
    }
    return candidates.filter(([re]) => re.test(path)).map(([, hit]) => hit);
  }
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}
