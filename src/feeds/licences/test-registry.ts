// For tests: a local HTTP server playing the eight registries with recorded answers. npm documents
// are real (recorded from the npm registry); the others are written from each registry's documented
// API shape. Also: a 429 with Retry-After, a slow route that never answers, request counts.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { zipSync } from 'fflate';

const FIXTURES = join(import.meta.dirname, 'fixtures');
export const licenceText = (name: string) => readFileSync(join(FIXTURES, 'texts', name), 'utf8');
const npmDoc = (file: string) => readFileSync(join(FIXTURES, 'npm', file), 'utf8');

type Answer = { status?: number; headers?: Record<string, string>; body: string | Uint8Array };

function goZip(module: string, version: string, files: Record<string, string>): Uint8Array {
  const root = `${module}@${version}/`;
  const entries: Record<string, Uint8Array> = { [`${root}go.mod`]: Buffer.from(`module ${module}\n`) };
  for (const [name, text] of Object.entries(files)) entries[root + name] = Buffer.from(text);
  entries[`${root}sub/LICENSE`] = Buffer.from(
    'GNU GENERAL PUBLIC LICENSE Version 3 (a vendored folder, not read)',
  );
  return zipSync(entries);
}

const pom = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>${body}</project>`;

/** Recorded answers by path (the part after each registry's base URL, with the registry prefix). */
export function recordedAnswers(base: string): Record<string, Answer> {
  const json = (v: unknown): Answer => ({ body: JSON.stringify(v) });
  return {
    '/npm/ms/2.1.3': { body: npmDoc('ms-2.1.3.json') },
    '/npm/@tootallnate%2Fonce/2.0.0': { body: npmDoc('tootallnate-once-2.0.0.json') },
    '/npm/mime/1.2.11': { body: npmDoc('mime-1.2.11.json') },
    '/npm/json-schema/0.2.3': { body: npmDoc('json-schema-0.2.3.json') },
    '/pypi/pypi/blinker/1.9.0/json': json({
      info: { name: 'blinker', version: '1.9.0', license: null, license_expression: 'MIT', classifiers: [] },
      urls: [],
    }),
    '/pypi/pypi/itsdangerous/2.2.0/json': json({
      info: {
        name: 'itsdangerous',
        version: '2.2.0',
        license: '',
        classifiers: [
          'Development Status :: 5 - Production/Stable',
          'License :: OSI Approved :: BSD License',
        ],
      },
    }),
    '/pypi/pypi/six/1.16.0/json': json({
      info: {
        name: 'six',
        version: '1.16.0',
        license: licenceText('MIT.txt'),
        classifiers: ['License :: OSI Approved', 'License :: OSI Approved :: MIT License'],
      },
    }),
    '/crates/api/v1/crates/memchr/2.5.0': json({
      version: { crate: 'memchr', num: '2.5.0', license: 'Unlicense/MIT', yanked: false },
    }),
    '/crates/api/v1/crates/regex/1.10.2': json({
      version: { crate: 'regex', num: '1.10.2', license: 'MIT OR Apache-2.0', yanked: false },
    }),
    '/rubygems/api/v2/rubygems/rake/versions/13.0.6.json': json({
      name: 'rake',
      version: '13.0.6',
      licenses: ['MIT'],
    }),
    '/rubygems/api/v2/rubygems/racc/versions/1.7.3.json': json({
      name: 'racc',
      version: '1.7.3',
      licenses: ['Ruby', 'BSD-2-Clause'],
    }),
    '/packagist/p2/monolog/monolog.json': json({
      minified: 'composer/2.0',
      packages: {
        'monolog/monolog': [
          { name: 'monolog/monolog', version: '3.5.0', version_normalized: '3.5.0.0', license: ['MIT'] },
          { version: '3.4.0', version_normalized: '3.4.0.0' },
          { version: 'v1.0.0', version_normalized: '1.0.0.0', license: '__unset' },
        ],
      },
    }),
    '/nuget/newtonsoft.json/13.0.3.json': json({
      '@id': `${base}/nuget/newtonsoft.json/13.0.3.json`,
      catalogEntry: `${base}/catalog/newtonsoft.json.13.0.3.json`,
      listed: true,
      packageContent: `${base}/flat/newtonsoft.json.13.0.3.nupkg`,
    }),
    '/catalog/newtonsoft.json.13.0.3.json': json({
      id: 'Newtonsoft.Json',
      version: '13.0.3',
      licenseExpression: 'MIT',
      licenseUrl: 'https://licenses.nuget.org/MIT',
    }),
    '/nuget/old.package/1.0.0.json': json({
      catalogEntry: { id: 'Old.Package', version: '1.0.0', licenseUrl: 'https://example.com/eula.html' },
    }),
    '/maven/org/slf4j/slf4j-api/2.0.9/slf4j-api-2.0.9.pom': {
      body: pom(
        '<parent><groupId>org.slf4j</groupId><artifactId>slf4j-parent</artifactId><version>2.0.9</version></parent><artifactId>slf4j-api</artifactId>',
      ),
    },
    '/maven/org/slf4j/slf4j-parent/2.0.9/slf4j-parent-2.0.9.pom': {
      body: pom(
        '<groupId>org.slf4j</groupId><artifactId>slf4j-parent</artifactId><version>2.0.9</version><licenses><license><name>MIT License</name><url>http://www.opensource.org/licenses/mit-license.php</url></license></licenses>',
      ),
    },
    '/maven/ch/qos/logback/logback-core/1.4.11/logback-core-1.4.11.pom': {
      body: pom(
        '<groupId>ch.qos.logback</groupId><artifactId>logback-core</artifactId><version>1.4.11</version><licenses><license><name>Eclipse Public License - v 1.0</name></license><license><name>GNU Lesser General Public License v2.1</name></license></licenses>',
      ),
    },
    '/go/github.com/!burnt!sushi/toml/@v/v1.3.2.zip': {
      body: goZip('github.com/BurntSushi/toml', 'v1.3.2', { COPYING: licenceText('MIT.txt') }),
    },
    '/go/gopkg.in/yaml.v3/@v/v3.0.1.zip': {
      body: goZip('gopkg.in/yaml.v3', 'v3.0.1', { LICENSE: licenceText('several.txt') }),
    },
  };
}

export interface RegistryServer {
  base: string;
  /** Base URL per ecosystem, as `updateLicences` and the CTO_* variables take them. */
  urls: Record<string, string>;
  /** The same as environment variables for `cto`. */
  env: Record<string, string>;
  requests: string[];
  close(): Promise<void>;
}

/**
 * Starts the server. `/slow/...` never answers; `/busy/<n>/...` answers 429 with `Retry-After: <n>`
 * the first time a path is asked, then the recorded answer for the rest of the path.
 */
export async function startRegistryServer(): Promise<RegistryServer> {
  const requests: string[] = [];
  const asked = new Set<string>();
  let answers: Record<string, Answer> = {};
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url.startsWith('/slow/')) return; // never answers
    const busy = /^\/busy\/(\d+)(\/.*)$/.exec(url);
    if (busy && !asked.has(url)) {
      asked.add(url);
      res.writeHead(429, { 'retry-after': busy[1] as string }).end('slow down');
      return;
    }
    const a = answers[busy ? (busy[2] as string) : url];
    if (!a) res.writeHead(404).end('not found');
    else res.writeHead(a.status ?? 200, a.headers ?? {}).end(a.body);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  answers = recordedAnswers(base);
  const prefixes: Record<string, [string, string]> = {
    npm: ['npm', 'CTO_NPM_REGISTRY_URL'],
    PyPI: ['pypi', 'CTO_PYPI_URL'],
    'crates.io': ['crates', 'CTO_CRATES_URL'],
    RubyGems: ['rubygems', 'CTO_RUBYGEMS_URL'],
    Packagist: ['packagist', 'CTO_PACKAGIST_URL'],
    NuGet: ['nuget', 'CTO_NUGET_URL'],
    Maven: ['maven', 'CTO_MAVEN_URL'],
    Go: ['go', 'CTO_GOPROXY_URL'],
  };
  const urls = Object.fromEntries(Object.entries(prefixes).map(([e, [p]]) => [e, `${base}/${p}`]));
  const env = Object.fromEntries(Object.entries(prefixes).map(([e, [, v]]) => [v, urls[e] as string]));
  return {
    base,
    urls,
    env,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}
