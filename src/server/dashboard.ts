// The dashboard's files (web/, built into web/dist by `npm run build:web`, which `npm ci` runs) served
// at `/` (docs/dashboard.md): the HTML under a strict Content-Security-Policy, the hashed assets
// cached for a year, client routes answered with the HTML, and /api/* kept to JSON 404s.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const DASHBOARD_DIR = resolve(import.meta.dirname, '../../web/dist');

/** No inline script or style anywhere; data only from this server; never framed. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite names what it builds under assets/ by content hash: such a file never changes. */
  immutable: boolean;
}

/** Every file of the built dashboard, read once at start-up (a few hundred KiB). */
function readDist(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const url = `/${relative(dir, path).split(sep).join('/')}`;
        files.set(url, {
          body: readFileSync(path),
          type: TYPES[extname(name)] ?? 'application/octet-stream',
          immutable: url.startsWith('/assets/'),
        });
      }
    }
  };
  walk(dir);
  return files;
}

const NOT_BUILT = `The dashboard is not built: run "npm run build:web" in the cto checkout (npm ci does it), then restart cto serve. The API is served under /api/v1.\n`;

/**
 * GET / and every path outside /api/: a file of the build, or the dashboard's HTML for a client route
 * (a path without an extension). Served to anyone: the files hold no data; the API asks who calls.
 */
export function registerDashboard(app: FastifyInstance, dir = DASHBOARD_DIR): void {
  const files = existsSync(join(dir, 'index.html')) ? readDist(dir) : null;
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such route' } });
    }
    if (!files) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    const file = files.get(path);
    if (file && path !== '/index.html') {
      reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type(file.type).send(file.body);
    }
    if (file === undefined && extname(path) !== '') {
      return reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
    }
    const html = files.get('/index.html') as StaticFile;
    reply.header('content-security-policy', DASHBOARD_CSP);
    reply.header('cache-control', 'no-cache');
    return reply.type(html.type).send(html.body);
  };
  const config: Record<string, unknown> = { permission: 'web:files' };
  app.route({ method: 'GET', url: '/', config, handler });
  app.route({ method: 'GET', url: '/*', config, handler });
}
