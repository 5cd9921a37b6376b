// Everything the dashboard asks the server, under /api/v1: the session (cookie, CSRF token kept in
// memory) and the read routes, whose documents are the CLI's `--json` documents.
import { useEffect, useState } from 'react';

export interface SessionUser {
  email: string;
  role: string;
}

interface Session {
  user: SessionUser;
  csrfToken: string;
}

/** An answer of the API that is not 2xx: its error code and message (docs/errors.md). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(res.status, body.error?.code ?? 'HTTP', body.error?.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, 'HTTP', `the server answered ${res.status}`);
  }
}

let csrfToken = '';

async function send(method: string, url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function getJson<T>(url: string): Promise<T> {
  const res = await send('GET', url);
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** A state-changing request (with the session's CSRF token); its answer's document. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await send('POST', url, body);
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** A document read afresh, not kept: for a page that follows something changing (a running scan). */
export function readFresh<T>(url: string): Promise<T> {
  return getJson<T>(url);
}

/** Documents read in this session, by URL: pages that share one (the report) ask for it once. */
const cache = new Map<string, Promise<unknown>>();

function cachedJson<T>(url: string): Promise<T> {
  let p = cache.get(url);
  if (!p) {
    p = getJson<T>(url);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p as Promise<T>;
}

/** The signed-in user, or null when there is no session (401). */
export async function currentSession(): Promise<Session | null> {
  const res = await send('GET', '/api/v1/session');
  if (res.status === 401) return null;
  if (!res.ok) throw await errorOf(res);
  const s = (await res.json()) as Session;
  csrfToken = s.csrfToken;
  return s;
}

/** How one may sign in (GET /api/v1/session/options): single sign-on when the server has it. */
export interface LoginOptions {
  password: boolean;
  sso: { configured: boolean; loginUrl: string | null };
}

export async function loginOptions(): Promise<LoginOptions> {
  return getJson<LoginOptions>('/api/v1/session/options');
}

export async function logIn(email: string, password: string): Promise<Session> {
  const res = await send('POST', '/api/v1/session', { email, password });
  if (!res.ok) throw await errorOf(res);
  const s = (await res.json()) as Session;
  csrfToken = s.csrfToken;
  return s;
}

export async function logOut(): Promise<void> {
  const res = await send('DELETE', '/api/v1/session');
  csrfToken = '';
  cache.clear();
  if (!res.ok && res.status !== 401) throw await errorOf(res);
}

interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/** Reads a document; `url` null reads nothing (the page has no right to it or needs no data). */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: url !== null });
  useEffect(() => {
    if (url === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    cachedJson<T>(url).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (e: unknown) =>
        live &&
        setState({
          data: undefined,
          error: e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return state;
}

/** A list the route pages itself (`{schema,total,limit,offset,items}`: the scans). */
export interface Page<T> {
  schema: string;
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/**
 * A list route's document (docs/server.md#routes): the command's `--json` with its list `K` cut to the
 * page, and `page` saying where the page stands.
 */
export type ListDocument<K extends string, T> = {
  schema: string;
  page: { list: K; total: number; limit: number; offset: number };
} & Record<K, T[]>;

/** `?a=1&b=2` of the defined values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A repository of `GET /api/v1/repositories` (as `cto repos --json`). */
export interface RepositorySummary {
  name: string;
  path: string;
  snapshotId: number | null;
  commit: string | null;
  ref: string | null;
  status: string | null;
  commits: number;
  authors: number;
  files: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
  scannedAt: string | null;
}
