// pom.xml text -> the few fields the collector uses. fast-xml-parser with entity processing off:
// `&name;` stays literal text, DOCTYPE entities are never expanded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

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

type Node = Record<string, unknown>;

const node = (value: unknown): Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);
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
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth,
  });
  const project = node(node(parser.parse(xml)).project);
  if (Object.keys(project).length === 0) throw new Error('no <project> element');
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
