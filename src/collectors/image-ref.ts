// Splits a container image reference (`registry:5000/ns/name:tag@sha256:...`) into the
// name and the version (tag, digest, or `tag@digest`). Shared by the image collectors.
// Credentials are removed first: files write `https://user:token@registry/app:1` or
// `user:token@registry/app:1`, which no registry accepts but which would otherwise put the token
// in the name or the tag.

import { redactUrl } from './redact-url.ts';

interface ParsedImage {
  name: string;
  version: string | null;
}

/** `sha256:...`: what may follow the `@` of a reference without a registry path. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-z0-9=_-]+$/i;
const KNOWN_DIGESTS = /^(sha256|sha384|sha512|blake3):/i;

/**
 * The reference without a URL scheme, without userinfo (`user:token@` before the registry) and
 * without secret-looking query parameters. Use it on every image text that is stored or printed,
 * diagnostics included. An `@` in the first path segment is userinfo unless a digest follows it
 * and the reference has no path (`nginx@sha256:...`).
 */
export function redactImageRef(text: string): string {
  const ref = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = ref.indexOf('/');
  const first = slash >= 0 ? ref.slice(0, slash) : ref;
  const at = first.lastIndexOf('@');
  let clean = ref;
  if (at >= 0) {
    const after = first.slice(at + 1);
    const isDigest = slash < 0 && DIGEST.test(after) && KNOWN_DIGESTS.test(after);
    if (!isDigest) clean = ref.slice(at + 1);
  }
  return clean.includes('?') ? redactUrl(clean) : clean;
}

/** Null when the text is not an image reference (empty, spaces, unresolved variables). */
export function parseImageRef(text: string): ParsedImage | null {
  const ref = redactImageRef(text);
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

/**
 * The one image-name normaliser, for names without tag or digest: `docker.io/postgres` ->
 * `library/postgres`. Lower case, Docker Hub's host dropped and its `library/` namespace implied;
 * other registries keep their host.
 */
export function normaliseImageName(name: string): string {
  const bare = name.toLowerCase().replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  return bare.includes('/') ? bare : `library/${bare}`;
}

/** `registry:5000/ns/app:1.2@sha256:...` -> `registry:5000/ns/app`: the name without tag and digest. */
export function withoutTag(image: string): string {
  const name = image.split('@')[0]!;
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return colon === -1 ? name : name.slice(0, colon);
}
