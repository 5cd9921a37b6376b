// Inheritance inside the repository: parents (relativePath, default ../pom.xml, else by coordinates),
// properties with nested `${a.${b}}` and `project.*`, dependencyManagement and BOM imports.
// As in Maven, inherited values are interpolated with the child's properties. Nothing is fetched:
// a parent or BOM outside the repository leaves a problem for a diagnostic.
import { posix } from 'node:path';
import type { RawPom } from './parse.ts';

export interface Managed {
  version: string | null;
  scope: string | null;
}

export interface Effective {
  pom: RawPom;
  properties: Map<string, string>;
  /** `groupId:artifactId` -> managed version and scope, interpolated. */
  managed: Map<string, Managed>;
  problems: string[];
}

const MAX_PASSES = 32;
const MAX_LENGTH = 4096;

/** Interpolates innermost `${...}` first, so `${a.${b}}` works; unknown names stay as written. */
export function interpolate(value: string, props: Map<string, string>): string {
  let out = value;
  for (let pass = 0; pass < MAX_PASSES && out.includes('${') && out.length < MAX_LENGTH; pass++) {
    const next = out.replace(
      /\$\{([^${}]*)\}/g,
      (_whole, name: string) => props.get(name) ?? `\u0000{${name}}`,
    );
    if (next === out) break;
    out = next;
  }
  return out.replaceAll('\u0000{', '${');
}

export class PomIndex {
  readonly #byPath = new Map<string, RawPom>();
  readonly #byCoordinates = new Map<string, RawPom>();
  readonly #cache = new Map<string, Effective>();

  constructor(poms: RawPom[]) {
    for (const pom of poms) this.#byPath.set(pom.path, pom);
    for (const pom of poms) {
      const group = pom.groupId ?? pom.parent?.groupId;
      this.#byCoordinates.set(`${group}:${pom.artifactId}:${pom.version ?? pom.parent?.version}`, pom);
      this.#byCoordinates.set(`${group}:${pom.artifactId}:*`, pom);
    }
  }

  parentOf(pom: RawPom): RawPom | null {
    const parent = pom.parent;
    if (!parent) return null;
    if (parent.relativePath !== '') {
      let rel = posix.join(posix.dirname(pom.path), parent.relativePath ?? '../pom.xml');
      if (!rel.endsWith('.xml')) rel = posix.join(rel, 'pom.xml');
      const found = this.#byPath.get(posix.normalize(rel));
      if (found && found.artifactId === parent.artifactId) return found;
    }
    return this.find(parent.groupId, parent.artifactId, parent.version);
  }

  find(groupId: string | null, artifactId: string | null, version: string | null): RawPom | null {
    const exact = this.#byCoordinates.get(`${groupId}:${artifactId}:${version}`);
    return exact ?? this.#byCoordinates.get(`${groupId}:${artifactId}:*`) ?? null;
  }

  /** Root first, the POM itself last. */
  #chain(pom: RawPom, problems: string[]): RawPom[] {
    const chain = [pom];
    for (let at = pom; at.parent; ) {
      const parent = this.parentOf(at);
      if (!parent || chain.includes(parent)) {
        const p = at.parent;
        if (!parent && at === pom)
          problems.push(`parent ${p.groupId}:${p.artifactId}:${p.version} is not in the repository`);
        break;
      }
      chain.unshift(parent);
      at = parent;
    }
    return chain;
  }

  effective(pom: RawPom, importing: Set<string> = new Set()): Effective {
    const cached = this.#cache.get(pom.path);
    if (cached) return cached;
    const problems: string[] = [];
    const chain = this.#chain(pom, problems);
    const properties = new Map<string, string>();
    for (const level of chain) for (const [k, v] of Object.entries(level.properties)) properties.set(k, v);
    const groupId = pom.groupId ?? pom.parent?.groupId;
    const version = pom.version ?? pom.parent?.version;
    const builtins: Array<[string, string | null | undefined]> = [
      ['project.groupId', groupId],
      ['project.artifactId', pom.artifactId],
      ['project.version', version],
      ['project.parent.groupId', pom.parent?.groupId],
      ['project.parent.artifactId', pom.parent?.artifactId],
      ['project.parent.version', pom.parent?.version],
      ['pom.version', version],
    ];
    for (const [key, value] of builtins) if (value != null) properties.set(key, value);
    const effective: Effective = { pom, properties, managed: new Map(), problems };
    this.#manage(effective, chain, new Set([...importing, pom.path]));
    this.#cache.set(pom.path, effective);
    return effective;
  }

  /** Declared entries (child over parent) first, then BOM imports fill what is still missing. */
  #manage(target: Effective, chain: RawPom[], importing: Set<string>): void {
    const at = (value: string | null) => (value === null ? null : interpolate(value, target.properties));
    const imports: Array<[string, string | null, string | null, boolean]> = [];
    for (const level of chain) {
      const own: typeof imports = [];
      for (const d of level.managed) {
        const [groupId, artifactId] = [at(d.groupId), at(d.artifactId)];
        if (at(d.scope) === 'import' && at(d.type) === 'pom')
          own.push([`${groupId}`, artifactId, at(d.version), level === target.pom]);
        else target.managed.set(`${groupId}:${artifactId}`, { version: at(d.version), scope: at(d.scope) });
      }
      imports.unshift(...own);
    }
    for (const [groupId, artifactId, version, declaredHere] of imports) {
      const bom = this.find(groupId, artifactId, version);
      if (!bom || importing.has(bom.path)) {
        if (declaredHere)
          target.problems.push(`BOM ${groupId}:${artifactId}:${version} is not in the repository`);
        continue;
      }
      for (const [key, value] of this.effective(bom, importing).managed) {
        if (!target.managed.has(key)) target.managed.set(key, value);
      }
    }
  }
}
