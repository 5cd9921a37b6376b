// One vulnerability, many ids: records that name each other in `aliases` (a GHSA and a PYSEC that both
// list the same CVE) form one group. Union-find over ids; the group key is the smallest id.
import type { OsvRecord } from './record.ts';

export function aliasGroups(records: OsvRecord[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (!parent.has(rb)) parent.set(rb, rb);
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  };
  for (const r of records) {
    union(r.id, r.id);
    for (const alias of r.aliases) union(r.id, alias);
  }
  const groupOf = new Map<string, string>();
  for (const r of records) groupOf.set(r.id, find(r.id));
  return groupOf;
}
