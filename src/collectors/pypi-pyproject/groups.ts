// PEP 735 dependency groups: lists of requirement strings and `{include-group = "..."}` tables,
// expanded with cycle detection.
import type { DependencyScope } from '../types.ts';

/** Scope a group name implies: test groups are `test`, every other group is development. */
export function groupScope(group: string): DependencyScope {
  return /^tests?$|^testing$|test/.test(group.toLowerCase()) ? 'test' : 'dev';
}

const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Requirement strings of a group, includes expanded; problems go to `problems`. */
export function expandGroup(
  groups: Record<string, unknown>,
  name: string,
  problems: string[],
  stack: string[] = [],
): string[] {
  const key = Object.keys(groups).find((k) => normal(k) === normal(name));
  if (key === undefined) {
    problems.push(`include-group "${name}" names no group`);
    return [];
  }
  if (stack.includes(normal(key))) {
    problems.push(`include-group cycle: ${[...stack, normal(key)].join(' -> ')}`);
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
      out.push(...expandGroup(groups, included, problems, [...stack, normal(key)]));
    }
  }
  return out;
}
