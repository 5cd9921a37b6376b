// HTTP for the licence feed: many small GETs to public registries, within limits. At most
// `concurrency` requests at once; per host, requests start at most `perSecond` times a second; each
// has a timeout covering the whole body and a byte cap. A 429 (or 503) waits what Retry-After says
// (up to `maxRetryAfterMs`, else the lookup fails and the host is paused for the rest of the run);
// a host that cannot be reached is not asked again in the same run.

export interface HttpLimits {
  /** Requests in flight at once, over all hosts. */
  concurrency: number;
  /** Requests started per second, per host. */
  perSecond: number;
  /** Time for one request, body included. */
  timeoutMs: number;
  /** Retries after a 429/503 or a dropped connection. */
  retries: number;
  /** The longest Retry-After honoured; longer waits fail the lookup. */
  maxRetryAfterMs: number;
  /** The largest body read. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  concurrency: 8,
  perSecond: 10,
  timeoutMs: 30_000,
  retries: 2,
  maxRetryAfterMs: 60_000,
  maxBytes: 64 * 1024 * 1024,
};

type Fetched =
  | { kind: 'ok'; url: string; body: Uint8Array }
  | { kind: 'not-found'; url: string }
  | { kind: 'failed'; url: string; reason: string };

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

class TooBig extends Error {}

export class Http {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  /** Per host: when the next request may start (epoch ms). */
  private readonly nextStart = new Map<string, number>();
  /** Hosts that could not be reached or asked us to wait too long, with the reason. */
  private readonly down = new Map<string, string>();

  readonly limits: HttpLimits;
  private readonly sleep: Sleep;
  /** Requests per second for particular hosts (crates.io asks crawlers for one). */
  private readonly hostRates: Record<string, number>;

  constructor(limits: HttpLimits, sleep: Sleep = realSleep, hostRates: Record<string, number> = {}) {
    this.limits = limits;
    this.sleep = sleep;
    this.hostRates = hostRates;
  }

  async get(url: string, accept = 'application/json'): Promise<Fetched> {
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      const blocked = this.down.get(host);
      if (blocked) return { kind: 'failed', url, reason: blocked };
      const r = await this.slot(() => this.once(url, host, accept));
      if (r.kind !== 'retry') return r.result;
      if (attempt >= this.limits.retries) return { kind: 'failed', url, reason: r.reason };
      if (r.waitMs > this.limits.maxRetryAfterMs) {
        const reason = `${host} asks to wait ${Math.round(r.waitMs / 1000)} s (${r.reason})`;
        this.down.set(host, reason);
        return { kind: 'failed', url, reason };
      }
      this.nextStart.set(host, Math.max(this.nextStart.get(host) ?? 0, Date.now() + r.waitMs));
    }
  }

  private async slot<T>(run: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.concurrency) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await run();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  private async paced(host: string): Promise<void> {
    const rate = this.hostRates[host] ?? this.limits.perSecond;
    const now = Date.now();
    const start = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, start + 1000 / rate);
    if (start > now) await this.sleep(start - now);
  }

  private async once(
    url: string,
    host: string,
    accept: string,
  ): Promise<{ kind: 'done'; result: Fetched } | { kind: 'retry'; waitMs: number; reason: string }> {
    await this.paced(host);
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept, 'user-agent': 'cto feed update --licences' }, signal });
    } catch (e) {
      if (signal.aborted)
        return done({ kind: 'failed', url, reason: `timed out after ${this.limits.timeoutMs} ms` });
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      if (cause?.code && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/.test(cause.code)) {
        this.down.set(host, `cannot reach ${host} (${why})`);
        return done({ kind: 'failed', url, reason: `cannot reach ${host} (${why})` });
      }
      return { kind: 'retry', waitMs: 1000, reason: why };
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      return done({ kind: 'not-found', url });
    }
    if (res.status === 429 || res.status === 503) {
      await res.body?.cancel();
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? 2000;
      return { kind: 'retry', waitMs: wait, reason: `HTTP ${res.status}` };
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return done({ kind: 'failed', url, reason: `HTTP ${res.status}` });
    }
    try {
      return done({ kind: 'ok', url, body: await readCapped(res.body, this.limits.maxBytes) });
    } catch (e) {
      if (e instanceof TooBig)
        return done({ kind: 'failed', url, reason: `larger than ${this.limits.maxBytes} bytes` });
      if (signal.aborted)
        return done({ kind: 'failed', url, reason: `timed out after ${this.limits.timeoutMs} ms` });
      return { kind: 'retry', waitMs: 1000, reason: (e as Error).message };
    }
  }
}

function done(result: Fetched): { kind: 'done'; result: Fetched } {
  return { kind: 'done', result };
}

async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new TooBig();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body as JSON, or null when it is not JSON. */
export function jsonOf(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return null;
  }
}
