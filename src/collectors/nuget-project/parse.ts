// MSBuild XML (*.csproj, *.fsproj, *.vbproj, Directory.Packages.props, Directory.Build.props) -> the
// items and properties the collector reads. fast-xml-parser with entity processing off.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface PackageItem {
  kind: 'PackageReference' | 'PackageVersion' | 'GlobalPackageReference';
  /** Include, or Update (an edit of an item declared elsewhere). */
  name: string;
  update: boolean;
  version: string | null;
  versionOverride: string | null;
  privateAssets: string | null;
}

export interface MsBuildFile {
  path: string;
  properties: Record<string, string>;
  items: PackageItem[];
}

type Node = Record<string, unknown>;
const node = (v: unknown): Node =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);
const text = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
/** An attribute, or the child element of the same name (`<Version>1.0</Version>`). */
const field = (item: Node, name: string) => text(item[`@_${name}`]) ?? text(item[name]);

const KINDS = ['PackageReference', 'PackageVersion', 'GlobalPackageReference'] as const;

export function parseMsBuild(path: string, xml: string, maxDepth: number): MsBuildFile {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    maxNestedTags: maxDepth,
  });
  const project = node(node(parser.parse(xml)).Project);
  if (Object.keys(project).length === 0) throw new Error('no <Project> element');
  const properties: Record<string, string> = {};
  for (const group of list(project.PropertyGroup)) {
    for (const [key, value] of Object.entries(node(group))) {
      const s = text(value);
      if (!key.startsWith('@_') && s !== null) properties[key] = s;
    }
  }
  const items: PackageItem[] = [];
  for (const group of list(project.ItemGroup)) {
    for (const kind of KINDS) {
      for (const raw of list(node(group)[kind])) {
        const item = node(raw);
        const include = text(item['@_Include']);
        const name = include ?? text(item['@_Update']);
        if (!name) continue;
        items.push({
          kind,
          name,
          update: include === null,
          version: field(item, 'Version'),
          versionOverride: field(item, 'VersionOverride'),
          privateAssets: field(item, 'PrivateAssets'),
        });
      }
    }
  }
  return { path, properties, items };
}
