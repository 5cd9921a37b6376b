// yarn.lock (classic v1 and berry v2+) into a graph of resolved packages. Both formats go through
// @yarnpkg/parsers' parseSyml; berry keeps several descriptors in one key, classic splits them.
import { parseSyml } from '@yarnpkg/parsers';
import { asObject, parsing, scalarText } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';

export interface YarnNode {
  id: string;
  name: string;
  version: string;
  source: string | null;
  /** Descriptors (`name@range`) this package depends on. */
  needs: string[];
}

export interface YarnGraph {
  berry: boolean;
  /** Descriptor -> node id. */
  descriptors: Map<string, string>;
  nodes: Map<string, YarnNode>;
  /** Descriptors that workspace entries (berry) depend on. */
  workspaceNeeds: string[];
}

/** `@scope/name@range` -> [`@scope/name`, `range`]. */
function splitDescriptor(descriptor: string): [string, string] {
  const at = descriptor.indexOf('@', 1);
  return at < 0 ? [descriptor, ''] : [descriptor.slice(0, at), descriptor.slice(at + 1)];
}

const REGISTRY = /^https:\/\/registry\.(yarnpkg\.com|npmjs\.org)\//;

function sourceOf(berry: boolean, entry: Record<string, unknown>): string | null {
  if (berry) {
    const range = splitDescriptor(scalarText(entry.resolution) ?? '')[1];
    return /^(npm|patch):/.test(range) || range === '' ? null : redactUrl(range);
  }
  const resolved = typeof entry.resolved === 'string' ? entry.resolved : '';
  return resolved === '' || REGISTRY.test(resolved) ? null : redactUrl(resolved);
}

function needsOf(entry: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['dependencies', 'optionalDependencies']) {
    const deps = entry[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, range] of Object.entries(deps)) {
      const text = scalarText(range);
      if (text !== null) out.push(`${name}@${text}`);
    }
  }
  return out;
}

export function parseYarnLock(text: string): YarnGraph {
  const parsed = parsing(() => parseSyml(text)) as unknown;
  const data = asObject(parsed, 'yarn.lock');
  const berry = '__metadata' in data;
  const graph: YarnGraph = { berry, descriptors: new Map(), nodes: new Map(), workspaceNeeds: [] };
  for (const [key, value] of Object.entries(data)) {
    if (key === '__metadata' || !value || typeof value !== 'object') continue;
    const entry = value as Record<string, unknown>;
    const descriptors = key.split(/\s*,\s*/).map((d) => d.replace(/^"|"$/g, ''));
    let [name] = splitDescriptor(descriptors[0]!);
    if (entry.linkType === 'soft' || entry.version === '0.0.0-use.local') {
      graph.workspaceNeeds.push(...needsOf(entry));
      continue;
    }
    const version = scalarText(entry.version);
    if (version === null) continue;
    // An alias (`@babel-8/core@npm:@babel/core@^8`) installs the package its resolution names.
    if (berry && typeof entry.resolution === 'string' && entry.resolution.includes('@', 1))
      name = splitDescriptor(entry.resolution)[0];
    const range = splitDescriptor(descriptors[0]!)[1];
    if (!berry && range.startsWith('npm:')) name = splitDescriptor(range.slice(4))[0];
    const id = berry
      ? (scalarText(entry.resolution) ?? key)
      : `${name}@${version}@${scalarText(entry.resolved) ?? ''}`;
    graph.nodes.set(id, { id, name, version, source: sourceOf(berry, entry), needs: needsOf(entry) });
    for (const d of descriptors) graph.descriptors.set(d, id);
  }
  return graph;
}
