// pnpm package keys: `/name@1.0.0(peer@2)` (v6), `name@1.0.0(peer@2)` (v9), and the references
// that point at them from importers and other packages (`1.0.0(peer@2)`, `/alias@1.0.0`, `link:..`).

/** Key without its peer suffix: `react-dom@18.3.1(react@18.3.1)` -> `react-dom@18.3.1`. */
export function withoutPeers(key: string): string {
  const at = key.indexOf('(');
  return at < 0 ? key : key.slice(0, at);
}

/** Name and version of a key; `null` when it has no `name@version` shape. */
export function splitKey(key: string): { name: string; version: string } | null {
  const bare = withoutPeers(key.startsWith('/') ? key.slice(1) : key);
  const at = bare.indexOf('@', 1);
  if (at < 0) return null;
  return { name: bare.slice(0, at), version: bare.slice(at + 1) };
}

/** The key a reference to `name` resolves to, or null for links to local folders. */
export function keyOfRef(name: string, ref: unknown, slash: boolean): string | null {
  if (typeof ref !== 'string' || ref.startsWith('link:') || ref.startsWith('file:')) return null;
  if (ref.startsWith('/')) return slash ? ref : ref.slice(1);
  // v9 aliases: `other@1.0.0`; a plain version starts with a digit.
  if (!slash && /^@?[a-z0-9][^@]*@/i.test(ref) && !/^\d/.test(ref) && !/^[a-z+]+:/.test(ref)) return ref;
  return `${slash ? '/' : ''}${name}@${ref}`;
}
