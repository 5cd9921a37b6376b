// Each registry's answer shape, read from recorded responses on a local server; 404, 429 with
// Retry-After, a timeout and an unreachable host; the licence text matcher on real licence texts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  closedPort,
  licenceText,
  type RegistryServer,
  startRegistryServer,
} from '../../../test/fixtures/feeds/licences/test-registry.ts';
import { normaliseLicence } from '../../licences/normalise.ts';
import { goRegistry } from './go.ts';
import { DEFAULT_LIMITS, Http, retryAfterMs } from './http.ts';
import { cratesRegistry, npmRegistry, pypiRegistry, rubygemsRegistry } from './json-registries.ts';
import { identifyLicenceText } from './licence-text.ts';
import { mavenRegistry } from './maven.ts';
import { nugetRegistry, packagistRegistry } from './packagist-nuget.ts';
import type { Registry } from './types.ts';

let server: RegistryServer;
const sleeps: number[] = [];
const fakeSleep = async (ms: number) => {
  sleeps.push(ms);
};
const http = (limits = {}) => new Http({ ...DEFAULT_LIMITS, ...limits }, fakeSleep);

beforeAll(async () => {
  server = await startRegistryServer();
});
afterAll(() => server.close());

async function ask(registry: Registry, name: string, version: string, prefix = '') {
  const base = prefix ? `${server.base}/${prefix}` : (server.urls[registry.ecosystem] as string);
  return registry.lookup({ ecosystem: registry.ecosystem, name, version }, base, http());
}

const answer = (r: { status: string; licence?: string | null }) => [r.status, r.licence ?? null];

describe('registry answers', () => {
  test('npm: version documents (real), scoped names, no licence, the old licenses array, 404', async () => {
    expect(answer(await ask(npmRegistry, 'ms', '2.1.3'))).toEqual(['found', 'MIT']);
    const scoped = await ask(npmRegistry, '@tootallnate/once', '2.0.0');
    expect(answer(scoped)).toEqual(['found', 'MIT']);
    expect(scoped.source).toBe(`${server.base}/npm/@tootallnate%2Fonce/2.0.0`);
    expect(answer(await ask(npmRegistry, 'mime', '1.2.11'))).toEqual(['none', null]);
    expect(answer(await ask(npmRegistry, 'json-schema', '0.2.3'))).toEqual(['found', 'AFLv2.1 OR BSD']);
    expect(answer(await ask(npmRegistry, 'no-such-package', '1.0.0'))).toEqual(['not-found', null]);
  });

  test('PyPI: license_expression, a versionless classifier kept as text, a licence text skipped for the classifier', async () => {
    expect(answer(await ask(pypiRegistry, 'blinker', '1.9.0'))).toEqual(['found', 'MIT']);
    const bsd = await ask(pypiRegistry, 'itsdangerous', '2.2.0');
    expect(answer(bsd)).toEqual(['found', 'License :: OSI Approved :: BSD License']);
    // Stated, but it does not say which BSD: unknown, never a guess.
    expect(normaliseLicence((bsd as { licence: string }).licence).expression).toBeNull();
    expect(answer(await ask(pypiRegistry, 'six', '1.16.0'))).toEqual(['found', 'MIT']);
  });

  test('crates.io: SPDX, and the old slash for OR', async () => {
    expect(answer(await ask(cratesRegistry, 'regex', '1.10.2'))).toEqual(['found', 'MIT OR Apache-2.0']);
    expect(answer(await ask(cratesRegistry, 'memchr', '2.5.0'))).toEqual(['found', 'Unlicense OR MIT']);
  });

  test('RubyGems: licenses, several as alternatives', async () => {
    expect(answer(await ask(rubygemsRegistry, 'rake', '13.0.6'))).toEqual(['found', 'MIT']);
    expect(answer(await ask(rubygemsRegistry, 'racc', '1.7.3'))).toEqual(['found', 'Ruby OR BSD-2-Clause']);
  });

  test('Packagist: minified p2 metadata expanded; inherited and unset fields; v prefixes; unknown version', async () => {
    expect(answer(await ask(packagistRegistry, 'monolog/monolog', '3.5.0'))).toEqual(['found', 'MIT']);
    expect(answer(await ask(packagistRegistry, 'monolog/monolog', 'v3.4.0'))).toEqual(['found', 'MIT']);
    expect(answer(await ask(packagistRegistry, 'monolog/monolog', '1.0.0'))).toEqual(['none', null]);
    expect(answer(await ask(packagistRegistry, 'monolog/monolog', '9.9.9'))).toEqual(['not-found', null]);
  });

  test('NuGet: registration leaf to catalog entry licenseExpression; a licence file URL kept as a pointer', async () => {
    const mit = await ask(nugetRegistry, 'Newtonsoft.Json', '13.0.3');
    expect(answer(mit)).toEqual(['found', 'MIT']);
    expect(mit.source).toBe(`${server.base}/catalog/newtonsoft.json.13.0.3.json`);
    const file = await ask(nugetRegistry, 'Old.Package', '1.0.0');
    expect(answer(file)).toEqual(['found', 'SEE LICENSE IN https://example.com/eula.html']);
    expect(normaliseLicence((file as { licence: string }).licence).expression).toBeNull();
  });

  test('Maven: licences from the parent POM when the POM has none; several licences are alternatives', async () => {
    const slf4j = await ask(mavenRegistry, 'org.slf4j:slf4j-api', '2.0.9');
    expect(answer(slf4j)).toEqual(['found', 'MIT License']);
    expect(slf4j.source).toMatch(/slf4j-parent-2\.0\.9\.pom$/);
    expect(normaliseLicence('MIT License').expression).toBe('MIT');
    const logback = await ask(mavenRegistry, 'ch.qos.logback:logback-core', '1.4.11');
    expect(answer(logback)).toEqual([
      'found',
      'Eclipse Public License - v 1.0 OR GNU Lesser General Public License v2.1',
    ]);
    expect(answer(await ask(mavenRegistry, 'org.example:missing', '1.0'))).toEqual(['not-found', null]);
  });

  test('Go: the top-level LICENSE of the module zip (case-encoded path); several licences are not guessed', async () => {
    const toml = await ask(goRegistry, 'github.com/BurntSushi/toml', 'v1.3.2');
    expect(answer(toml)).toEqual(['found', 'MIT']);
    expect(toml.source).toBe(`${server.base}/go/github.com/!burnt!sushi/toml/@v/v1.3.2.zip#COPYING`);
    expect(answer(await ask(goRegistry, 'gopkg.in/yaml.v3', 'v3.0.1'))).toEqual(['none', null]);
    expect(answer(await ask(goRegistry, 'example.com/gone', 'v1.0.0'))).toEqual(['not-found', null]);
  });
});

describe('limits', () => {
  test('a 429 waits what Retry-After says, then asks again', async () => {
    sleeps.length = 0;
    const r = await ask(npmRegistry, 'ms', '2.1.3', 'busy/3/npm');
    expect(answer(r)).toEqual(['found', 'MIT']);
    expect(Math.max(...sleeps)).toBeGreaterThan(2500);
    expect(server.requests.filter((u) => u === '/busy/3/npm/ms/2.1.3')).toHaveLength(2);
  });

  test('a Retry-After beyond the limit fails the lookup and pauses the host; nothing is guessed', async () => {
    const h = http({ maxRetryAfterMs: 10_000 });
    const p = { ecosystem: 'npm', name: 'ms', version: '2.1.3' };
    const first = await npmRegistry.lookup(p, `${server.base}/busy/3600/npm`, h);
    expect(first).toMatchObject({ status: 'failed', reason: expect.stringMatching(/asks to wait 3600 s/) });
    const before = server.requests.length;
    const second = await npmRegistry.lookup(
      { ...p, name: 'mime', version: '1.2.11' },
      `${server.base}/busy/3600/npm`,
      h,
    );
    expect(second.status).toBe('failed');
    expect(server.requests.length).toBe(before);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(
      60_000,
    );
  });

  test('a request that does not answer in time fails with a timeout', async () => {
    const r = await npmRegistry.lookup(
      { ecosystem: 'npm', name: 'ms', version: '2.1.3' },
      `${server.base}/slow`,
      http({ timeoutMs: 300, retries: 0 }),
    );
    expect(r).toMatchObject({ status: 'failed', reason: 'timed out after 300 ms' });
  });

  test('an unreachable host fails once and is not asked again', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const h = http();
    const a = await npmRegistry.lookup({ ecosystem: 'npm', name: 'ms', version: '2.1.3' }, base, h);
    expect(a).toMatchObject({ status: 'failed', reason: expect.stringMatching(/cannot reach 127\.0\.0\.1/) });
  });

  test('requests to one host are paced at the per-second limit', async () => {
    sleeps.length = 0;
    const h = http({ perSecond: 2 });
    await Promise.all(
      ['ms', 'mime'].map((name, i) =>
        npmRegistry.lookup(
          { ecosystem: 'npm', name, version: i === 0 ? '2.1.3' : '1.2.11' },
          server.urls.npm as string,
          h,
        ),
      ),
    );
    expect(Math.max(...sleeps)).toBeGreaterThan(400);
  });
});

describe('licence texts', () => {
  const dir = join(import.meta.dirname, '../../../test/fixtures/feeds/licences/texts');
  test('real licence texts are recognised; several licences or an unknown text are not', () => {
    const got = Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((f) => [f, identifyLicenceText(licenceText(f))]),
    );
    expect(got).toEqual({
      '0BSD.txt': '0BSD',
      'Apache-2.0.txt': 'Apache-2.0',
      'BSD-2-Clause.txt': 'BSD-2-Clause',
      'BSD-3-Clause.txt': 'BSD-3-Clause',
      'ISC.txt': 'ISC',
      'MIT.txt': 'MIT',
      'MPL-2.0.txt': 'MPL-2.0',
      'several.txt': null,
      'unknown.txt': null,
    });
  });

  test('spacing, case and punctuation do not matter; a missing clause does', () => {
    const mit = licenceText('MIT.txt');
    expect(identifyLicenceText(mit.toUpperCase().replace(/\n/g, '\n\n   '))).toBe('MIT');
    expect(identifyLicenceText(mit.replace(/The above copyright notice[^.]*\./, ''))).toBeNull();
  });
});
