/**
 * A name as compared for merging: Unicode NFKD with combining marks removed, lower case,
 * runs of white space as one space, trimmed. `José  Silva` and `jose silva` compare equal.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
