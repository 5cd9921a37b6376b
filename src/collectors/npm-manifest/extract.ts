// package.json in, declared dependencies and the Node.js runtime (`engines.node`) out.

import { DEP_FIELDS, parsePackageJson } from '../npm-package-json.ts';
import type { FileFacts } from '../read-input.ts';
import type { Dependency, Runtime } from '../types.ts';
import { readRequirement } from './requirement.ts';

export const COLLECTOR_ID = 'npm-manifest';

export function extractPackageJson(path: string, text: string, members: Map<string, string>): FileFacts {
  const manifest = parsePackageJson(text);
  const dependencies: Dependency[] = [];
  for (const [field, scope] of DEP_FIELDS) {
    for (const [name, raw] of Object.entries(manifest[field] ?? {})) {
      if (typeof raw !== 'string') continue;
      const req = readRequirement(name, raw);
      const member = members.get(req.name);
      const local = req.requirement.startsWith('workspace:') || (member !== undefined && req.source === null);
      dependencies.push({
        ecosystem: 'npm',
        name: req.name,
        version: local ? null : req.version,
        requirement: req.requirement,
        direct: true,
        scope,
        manifestPath: path,
        source: local && member !== undefined ? `workspace:${member}` : req.source,
      });
    }
  }
  const runtimes: Runtime[] = [];
  const node = manifest.engines?.node;
  if (typeof node === 'string' && node.trim()) {
    runtimes.push({ kind: 'node', version: node.trim(), path, source: 'engines.node', role: 'floor' });
  }
  return { dependencies, runtimes };
}
