// pyproject.toml as the PyPI collectors read it: the fields of PEP 621, PEP 735 and Poetry, and
// PEP 735 dependency groups (lists of requirement strings and `{include-group = "..."}` tables,
// expanded with cycle detection).
import { z } from 'zod';
import { normalisePypiName } from './pep508.ts';
import type { DependencyScope } from './types.ts';

const strings = z.array(z.unknown()).optional().catch(undefined);
const table = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** The fields of pyproject.toml the collectors read: PEP 621, PEP 735 and Poetry. */
export const Pyproject = z.object({
  project: z
    .object({
      'requires-python': z.string().optional().catch(undefined),
      dependencies: strings,
      'optional-dependencies': table,
    })
    .optional()
    .catch(undefined),
  'dependency-groups': table,
  tool: z
    .object({
      poetry: z
        .object({
          dependencies: table,
          'dev-dependencies': table,
          group: table,
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
});
export type Pyproject = z.infer<typeof Pyproject>;

/** Scope a group name implies: test groups are `test`, every other group is development. */
export function groupScope(group: string): DependencyScope {
  return /^tests?$|^testing$|test/.test(group.toLowerCase()) ? 'test' : 'dev';
}

/** Requirement strings of a group, includes expanded; problems go to `problems`. */
export function expandGroup(
  groups: Record<string, unknown>,
  name: string,
  problems: string[],
  stack: string[] = [],
): string[] {
  const key = Object.keys(groups).find((k) => normalisePypiName(k) === normalisePypiName(name));
  if (key === undefined) {
    problems.push(`include-group "${name}" names no group`);
    return [];
  }
  if (stack.includes(normalisePypiName(key))) {
    problems.push(`include-group cycle: ${[...stack, normalisePypiName(key)].join(' -> ')}`);
    return [];
  }
  const items = groups[key];
  if (!Array.isArray(items)) return [];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (
      item &&
      typeof item === 'object' &&
      typeof (item as Record<string, unknown>)['include-group'] === 'string'
    ) {
      const included = (item as Record<string, string>)['include-group']!;
      out.push(...expandGroup(groups, included, problems, [...stack, normalisePypiName(key)]));
    }
  }
  return out;
}
