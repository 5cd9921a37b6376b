// `cto serve`: the HTTP API over the store (docs/server.md). Binds to 127.0.0.1 unless told otherwise.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import { buildServer } from '../server/server.ts';
import { webhookKey } from '../server/webhook.ts';
import { globalOptions, parseIntOption, withWritableStore } from './context.ts';
import { printError, printLine } from './output.ts';

interface ServeFlags {
  host: string;
  port: number;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy?: string | true;
}

function readTls(flags: ServeFlags): { cert: Buffer; key: Buffer } | undefined {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return undefined;
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    throw new CtoError('USAGE', '--tls-cert and --tls-key go together: give both files');
  }
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new CtoError(
        'SERVER_CONFIG',
        `${name} ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      );
    }
  };
  return { cert: read('--tls-cert', flags.tlsCert), key: read('--tls-key', flags.tlsKey) };
}

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'serve the API over the store (bearer tokens from cto tokens create) and run the scans scheduled in cto.yaml (server.schedules); docs/server.md',
    )
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option(
      '--port <port>',
      'the port to listen on (0: any free port)',
      parseIntOption('--port', 0, 65535),
      8080,
    )
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM, with its chain); needs --tls-key')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM)')
    .option(
      '--trust-proxy [addresses]',
      'honour X-Forwarded-For and X-Forwarded-Proto from a reverse proxy: from the given comma-separated addresses or CIDR ranges, or from any peer without a value (only when nothing but the proxy reaches cto)',
    )
    .action(async (flags: ServeFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      const tls = readTls(flags);
      await withWritableStore(opts, async (store, ws) => {
        const app = await buildServer({
          store,
          ws,
          ...(tls ? { tls } : {}),
          ...(flags.trustProxy !== undefined ? { trustProxy: flags.trustProxy } : {}),
          onScheduleError: printError,
        });
        const address = await app.listen({ host: flags.host, port: flags.port });
        printLine(
          `cto serve: listening on ${address} (API under /api/v1, described at /api/v1/openapi.json)`,
        );
        printLine(
          webhookKey(process.env, ws.config)
            ? 'delivery event webhooks: on (POST /api/v1/events/deployments and /incidents, Standard Webhooks)'
            : 'delivery event webhooks: off (set CTO_WEBHOOK_SECRET to whsec_<base64> to take them)',
        );
        printLine(
          app.oidc
            ? `single sign-on: on (OpenID Connect, issuer ${app.oidc.issuer}, read at the first sign-in; GET /auth/oidc/login)`
            : 'single sign-on: off (configure server.oidc in cto.yaml to sign in with an OpenID provider)',
        );
        for (const s of app.scans.schedules.list())
          printLine(
            `scheduled scan of ${s.scan === 'all' ? 'all sources' : s.scan.join(', ')}: "${s.cron}" (${s.timezone}), next at ${s.nextRunAt ?? 'never'}`,
          );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await app.close();
      });
    });
}
