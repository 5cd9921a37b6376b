// Maven Central: the version's POM `<licenses>`, each `<license><name>` an alternative (the POM
// reference: "it is assumed that the user can select any of those licenses"). A POM without
// `<licenses>` inherits them from its parent, so parents are followed, at most MAX_PARENTS of them.
// Entities are never expanded (src/collectors/pom-xml.ts).
import { pomList as list, pomNode as node, pomProject } from '../../collectors/pom-xml.ts';
import type { PackageKey } from '../../store/licence-cache.ts';
import type { Http } from './http.ts';
import { alternativesOf, found, type LookupResult, type Registry } from './types.ts';

const MAX_PARENTS = 5;

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null;

interface PomLicences {
  /** The names in `<licenses>`; null when the POM has no `<licenses>` element. */
  licences: string[] | null;
  parent: { groupId: string; artifactId: string; version: string } | null;
}

function readPom(xml: string): PomLicences | null {
  const read = pomProject(xml, 64);
  if ('error' in read) return null;
  const { project } = read;
  const p = node(project.parent);
  const [g, a, v] = [text(p.groupId), text(p.artifactId), text(p.version)];
  return {
    licences:
      project.licenses === undefined
        ? null
        : list(node(project.licenses).license)
            .map((l) => text(node(l).name) ?? text(node(l).url))
            .filter((n): n is string => n !== null),
    parent: g && a && v ? { groupId: g, artifactId: a, version: v } : null,
  };
}

const pomUrl = (base: string, groupId: string, artifactId: string, version: string) =>
  `${base}/${groupId.split('.').map(encodeURIComponent).join('/')}/${encodeURIComponent(artifactId)}/${encodeURIComponent(version)}/${encodeURIComponent(artifactId)}-${encodeURIComponent(version)}.pom`;

export const mavenRegistry: Registry = {
  ecosystem: 'Maven',
  env: 'CTO_MAVEN_URL',
  defaultUrl: 'https://repo1.maven.org/maven2',
  async lookup(p: PackageKey, base: string, http: Http): Promise<LookupResult> {
    const [groupId, artifactId] = p.name.split(':');
    const first = pomUrl(base, groupId ?? '', artifactId ?? '', p.version);
    if (!groupId || !artifactId || p.version.includes('${'))
      return { status: 'not-found', licence: null, source: first };
    let coords = { groupId, artifactId, version: p.version };
    for (let depth = 0; depth <= MAX_PARENTS; depth++) {
      const url = pomUrl(base, coords.groupId, coords.artifactId, coords.version);
      const r = await http.get(url, 'application/xml, text/xml');
      if (r.kind === 'failed') return { status: 'failed', reason: r.reason, source: url };
      // The package's own POM missing is `not-found`; a missing parent ends the search.
      if (r.kind === 'not-found')
        return depth === 0 ? { status: 'not-found', licence: null, source: url } : found(null, first);
      const pom = readPom(Buffer.from(r.body).toString('utf8'));
      if (!pom) return { status: 'failed', reason: 'the POM is not readable XML', source: url };
      if (pom.licences !== null) return found(alternativesOf(pom.licences), url);
      if (!pom.parent) return found(null, first);
      coords = pom.parent;
    }
    return found(null, first);
  },
};
