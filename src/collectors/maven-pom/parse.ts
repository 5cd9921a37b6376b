// pom.xml text -> the few fields the collector uses.
import { pomList as list, type PomNode as Node, pomNode as node, pomProject } from '../pom-xml.ts';

interface PomCoordinates {
  groupId: string | null;
  artifactId: string | null;
  version: string | null;
}

export interface PomParent extends PomCoordinates {
  /** As written; null when absent (Maven's default `../pom.xml`), '' for `<relativePath/>`. */
  relativePath: string | null;
}

export interface PomDependency extends PomCoordinates {
  scope: string | null;
  type: string | null;
  optional: string | null;
}

export interface PomPlugin {
  artifactId: string | null;
  configuration: Record<string, string>;
}

export interface RawPom extends PomCoordinates {
  path: string;
  parent: PomParent | null;
  properties: Record<string, string>;
  dependencies: PomDependency[];
  managed: PomDependency[];
  plugins: PomPlugin[];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : null;

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(node(value))) {
    const s = text(v);
    if (s !== null) out[key] = s;
  }
  return out;
}

function coordinates(value: Node): PomCoordinates {
  return { groupId: text(value.groupId), artifactId: text(value.artifactId), version: text(value.version) };
}

function dependencies(holder: unknown): PomDependency[] {
  return list(node(holder).dependency).map((raw) => {
    const d = node(raw);
    return { ...coordinates(d), scope: text(d.scope), type: text(d.type), optional: text(d.optional) };
  });
}

function plugins(build: Node): PomPlugin[] {
  const all = [
    ...list(node(build.plugins).plugin),
    ...list(node(node(build.pluginManagement).plugins).plugin),
  ];
  return all.map((raw) => {
    const p = node(raw);
    return { artifactId: text(p.artifactId), configuration: strings(p.configuration) };
  });
}

export function parsePom(path: string, xml: string, maxDepth: number): RawPom {
  const read = pomProject(xml, maxDepth);
  if ('error' in read) throw new Error(read.error);
  const { project } = read;
  const parentNode = project.parent === undefined ? null : node(project.parent);
  return {
    path,
    ...coordinates(project),
    parent: parentNode && {
      ...coordinates(parentNode),
      relativePath: text(parentNode.relativePath) ?? (parentNode.relativePath === '' ? '' : null),
    },
    properties: strings(project.properties),
    dependencies: dependencies(project.dependencies),
    managed: dependencies(node(project.dependencyManagement).dependencies),
    plugins: plugins(node(project.build)),
  };
}
