// Splits a container image reference (`registry:5000/ns/name:tag@sha256:...`) into the
// name and the version (tag, digest, or `tag@digest`). Shared by the image collectors.

export interface ParsedImage {
  name: string;
  version: string | null;
}

/** Null when the text is not an image reference (empty, spaces, unresolved variables). */
export function parseImageRef(text: string): ParsedImage | null {
  const ref = text.trim();
  if (ref === '' || /\s|\$/.test(ref)) return null;
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  const base = at >= 0 ? ref.slice(0, at) : ref;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? base.slice(0, colon) : base;
  const tag = hasTag ? base.slice(colon + 1) : null;
  if (name === '' || name.endsWith('/')) return null;
  const version = tag && digest ? `${tag}@${digest}` : (tag ?? digest);
  return { name, version: version === '' ? null : version };
}
