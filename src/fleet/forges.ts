// Listing the repositories of a GitHub organisation or a GitLab group through their REST APIs:
// every page (GitHub's `Link: rel="next"`, GitLab's `x-next-page`), a token from the environment,
// rate limits waited out when the wait is short and reported when it is not.
import { CtoError } from '../errors.ts';
import { passesFilters, type Source } from './sources-config.ts';

interface ForgeRepository {
  /** The repository's own name (`flask`). */
  name: string;
  /** Owner and name (`pallets/flask`, `group/sub/project`). */
  fullName: string;
  /** The https clone URL. */
  url: string;
  archived: boolean;
  fork: boolean;
  defaultBranch: string | null;
}

export interface ForgeOptions {
  env?: NodeJS.ProcessEnv;
  /** The longest rate-limit wait taken before giving up (default 60 s). */
  maxWaitMs?: number;
  /** Waits (tests pass one that records instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

type GithubSource = Extract<Source, { github: string }>;
type GitlabSource = Extract<Source, { gitlab: string }>;

const PAGE_SIZE = 100;
/** Pages read at most from one source (100 000 repositories): a loop in paging cannot run forever. */
const MAX_PAGES = 1000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The largest answer read for one page (a page of 100 repositories is well under 1 MiB). */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/** A page's JSON, read up to MAX_PAGE_BYTES: a larger answer stops the source, never fills memory. */
async function boundedJson(res: Response, label: string, url: string): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_PAGE_BYTES) {
      await reader.cancel();
      throw new CtoError(
        'FORGE_FAILED',
        `${label}: ${url} answered more than ${MAX_PAGE_BYTES / 1024 / 1024} MiB for one page`,
      );
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new CtoError('FORGE_FAILED', `${label}: ${url} did not answer JSON`);
  }
}

function tokenOf(source: GithubSource | GitlabSource, env: NodeJS.ProcessEnv): string | null {
  if (!source.token) return null;
  const value = env[source.token];
  if (!value) {
    throw new CtoError('CONFIG_INVALID', `sources.yaml: the token variable ${source.token} is not set`);
  }
  return value;
}

/** Milliseconds to wait before trying again, or null when the answer is not a rate limit. */
function rateLimitWait(res: Response, now: number): number | null {
  const limited =
    res.status === 429 || (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0');
  if (!limited) return null;
  const retryAfter = Number(res.headers.get('retry-after'));
  if (res.headers.has('retry-after') && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return 60_000;
}

function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1]!;
  }
  return null;
}

async function getPages(
  label: string,
  first: string,
  headers: Record<string, string>,
  next: (res: Response, url: string) => string | null,
  opts: ForgeOptions,
): Promise<unknown[]> {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const maxWait = opts.maxWaitMs ?? 60_000;
  const items: unknown[] = [];
  let url: string | null = first;
  for (let page = 0; url !== null; page++) {
    if (page >= MAX_PAGES) throw new CtoError('FORGE_FAILED', `${label}: more than ${MAX_PAGES} pages`);
    let res: Response;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await doFetch(url, {
          headers,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          redirect: 'follow',
        });
      } catch (e) {
        throw new CtoError('FORGE_FAILED', `${label}: ${url}: ${(e as Error).message}`);
      }
      const wait = rateLimitWait(res, Date.now());
      if (wait === null) break;
      if (wait > maxWait || attempt >= 3) {
        throw new CtoError(
          'FORGE_RATE_LIMITED',
          `${label}: rate limited; the API asks to wait ${Math.ceil(wait / 1000)} s (more than ${Math.ceil(maxWait / 1000)} s): run again later or give a token`,
        );
      }
      await sleep(wait);
    }
    if (!res.ok) {
      const body = (await res.text()).slice(0, 200).replace(/\s+/g, ' ');
      throw new CtoError('FORGE_FAILED', `${label}: ${res.status} ${res.statusText} from ${url}: ${body}`);
    }
    const json = await boundedJson(res, label, url);
    if (!Array.isArray(json)) throw new CtoError('FORGE_FAILED', `${label}: ${url} did not answer a list`);
    items.push(...json);
    url = next(res, url);
  }
  return items;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function kept(repos: ForgeRepository[], source: GithubSource | GitlabSource): ForgeRepository[] {
  return repos
    .filter((r) => (source.archived ?? false) || !r.archived)
    .filter((r) => (source.forks ?? false) || !r.fork)
    .filter((r) => passesFilters(r.name, source))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** Every repository of a GitHub organisation (or a user, when no organisation has the name). */
export async function listGithub(source: GithubSource, opts: ForgeOptions = {}): Promise<ForgeRepository[]> {
  const api = (source.api ?? 'https://api.github.com').replace(/\/+$/, '');
  const token = tokenOf(source, opts.env ?? process.env);
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'cto',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const label = `github ${source.github}`;
  const owner = encodeURIComponent(source.github);
  const next = (res: Response) => nextLink(res.headers.get('link'));
  let items: unknown[];
  try {
    items = await getPages(
      label,
      `${api}/orgs/${owner}/repos?per_page=${PAGE_SIZE}&type=all`,
      headers,
      next,
      opts,
    );
  } catch (e) {
    if (!(e instanceof CtoError && / 404 /.test(e.message))) throw e;
    items = await getPages(
      label,
      `${api}/users/${owner}/repos?per_page=${PAGE_SIZE}&type=owner`,
      headers,
      next,
      opts,
    );
  }
  const repos = items.flatMap((raw): ForgeRepository[] => {
    const r = raw as Record<string, unknown>;
    const name = str(r.name);
    const url = str(r.clone_url);
    if (!name || !url) return [];
    return [
      {
        name,
        fullName: str(r.full_name) ?? name,
        url,
        archived: r.archived === true,
        fork: r.fork === true,
        defaultBranch: str(r.default_branch),
      },
    ];
  });
  return kept(repos, source);
}

/** Every project of a GitLab group and its subgroups. */
export async function listGitlab(source: GitlabSource, opts: ForgeOptions = {}): Promise<ForgeRepository[]> {
  const api = (source.api ?? 'https://gitlab.com/api/v4').replace(/\/+$/, '');
  const token = tokenOf(source, opts.env ?? process.env);
  const headers: Record<string, string> = {
    'user-agent': 'cto',
    ...(token ? { 'private-token': token } : {}),
  };
  const group = encodeURIComponent(source.gitlab);
  const first = `${api}/groups/${group}/projects?include_subgroups=true&per_page=${PAGE_SIZE}&page=1&order_by=id&sort=asc`;
  const next = (res: Response, url: string) => {
    const link = nextLink(res.headers.get('link'));
    if (link) return link;
    const page = res.headers.get('x-next-page');
    if (!page) return null;
    const u = new URL(url);
    u.searchParams.set('page', page);
    return u.toString();
  };
  const items = await getPages(`gitlab ${source.gitlab}`, first, headers, next, opts);
  const repos = items.flatMap((raw): ForgeRepository[] => {
    const r = raw as Record<string, unknown>;
    const name = str(r.path) ?? str(r.name);
    const url = str(r.http_url_to_repo);
    if (!name || !url) return [];
    return [
      {
        name,
        fullName: str(r.path_with_namespace) ?? name,
        url,
        archived: r.archived === true,
        fork: r.forked_from_project !== undefined && r.forked_from_project !== null,
        defaultBranch: str(r.default_branch),
      },
    ];
  });
  return kept(repos, source);
}
