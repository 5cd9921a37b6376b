// composer.json: `require` (prod) and `require-dev` (dev) as requirements; `php` is the PHP runtime;
// other platform requirements (ext-*, lib-*, composer-*) are not packages.
import { ComposerJson, isPlatform } from '../composer-json.ts';
import type { Dependency, Runtime } from '../types.ts';

export const COLLECTOR_ID = 'composer-manifest';

export function extractComposerJson(path: string, json: unknown) {
  const manifest = ComposerJson.parse(json);
  const dependencies: Dependency[] = [];
  const runtimes: Runtime[] = [];
  for (const [section, scope] of [
    ['require', 'prod'],
    ['require-dev', 'dev'],
  ] as const) {
    for (const [name, constraint] of Object.entries(manifest[section] ?? {})) {
      const requirement = typeof constraint === 'string' ? constraint : null;
      if (name.toLowerCase() === 'php' && requirement) {
        runtimes.push({ kind: 'php', version: requirement, path, source: `${section}.php`, role: 'floor' });
      }
      if (isPlatform(name)) continue;
      dependencies.push({
        ecosystem: 'Packagist',
        name,
        version: null,
        requirement,
        direct: true,
        scope,
        manifestPath: path,
      });
    }
  }
  return { dependencies, runtimes };
}
