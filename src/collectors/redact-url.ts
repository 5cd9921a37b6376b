// Removes credentials from a URL-like string before it is stored: userinfo (`user:token@`) and
// query parameters whose names look secret. Works on strings `URL` cannot parse too
// (`git+ssh://git@host:org/repo`, `user:pw@host/path`), because scanned files hold any of these.

const SECRET_WORDS = new Set([
  'token',
  'key',
  'apikey',
  'password',
  'passwd',
  'pwd',
  'secret',
  'auth',
  'authorization',
  'sig',
  'signature',
  'credential',
  'credentials',
  'session',
]);

/** `access_token`, `X-Amz-Signature`, `api-key`, `_authToken`: secret when any word of the name is. */
function isSecretParam(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[-_.\s]+/)
    .some((word) => SECRET_WORDS.has(word));
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .filter((part) => part !== '' && !isSecretParam(decodeSafe(part.split('=')[0] ?? '')))
    .join('&');
}

/** Percent-decoding that leaves malformed escapes as written instead of throwing. */
export function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Userinfo kept only when it is a bare user name that carries no secret (`git@github.com`). */
function redactAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  if (at < 0) return authority;
  const userinfo = authority.slice(0, at);
  const host = authority.slice(at + 1);
  if (userinfo === 'git' || userinfo === 'ssh') return authority;
  return host;
}

export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const beforeFragment = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = beforeFragment.indexOf('?');
  const query = queryAt >= 0 ? beforeFragment.slice(queryAt + 1) : null;
  const base = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment;

  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)/i.exec(base);
  if (!scheme) {
    // No scheme: only a leading `user:password@host.tld` is userinfo; other `@` belong to paths or specs.
    const bare = base.replace(
      /^[^/@\s:]+:[^/@\s]+@(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[:/]|$))/i,
      '',
    );
    return withQuery(bare, query, fragment);
  }
  const prefix = scheme[1]!;
  const rest = base.slice(prefix.length);
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '';
  const cleanBase = prefix + redactAuthority(authority) + path;

  return withQuery(cleanBase, query, fragment);
}

function withQuery(base: string, query: string | null, fragment: string): string {
  if (query === null) return base + fragment;
  const cleanQuery = redactQuery(query);
  return base + (cleanQuery ? `?${cleanQuery}` : '') + fragment;
}
