import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const text = readFileSync(
  new URL('../../../test/fixtures/collectors/nuget-lock/packages.lock.json', import.meta.url),
  'utf8',
);
const lock = { path: 'src/Shop.Api/packages.lock.json', content: Buffer.from(text) };

/** Independent count: `"name": { "type": "...", ... "resolved": "v"` pairs by regular expression. */
function listed(): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(
    /"([^"]+)": \{\s*"type": "(\w+)",(?:\s*"requested": "[^"]*",)?\s*"resolved": "([^"]+)"/g,
  )) {
    found.add(`${m[1]}@${m[3]}`);
  }
  return [...found].sort();
}

describe('nuget-lock', () => {
  it('matches packages.lock.json only', () => {
    expect(collector.matches('packages.lock.json')).toBe(true);
    expect(collector.matches('src/App/packages.lock.json')).toBe(true);
    expect(collector.matches('package-lock.json')).toBe(false);
  });

  it('lists every locked package once across frameworks, without projects', () => {
    const deps = collector.collect([lock]).dependencies!;
    expect(deps.map((d) => `${d.name}@${d.version}`).sort()).toEqual(listed());
    expect(deps).toHaveLength(6);
    expect(deps.some((d) => d.name === 'shop.domain')).toBe(false);
  });

  it('keeps Direct, requested ranges and parents', () => {
    const deps = collector.collect([lock]).dependencies!;
    const by = (id: string) => deps.find((d) => `${d.name}@${d.version}` === id)!;
    expect(by('Microsoft.EntityFrameworkCore@8.0.4')).toMatchObject({
      direct: true,
      requirement: '[8.0.4, )',
    });
    expect(by('Microsoft.EntityFrameworkCore@7.0.18').direct).toBe(true);
    expect(by('Serilog@3.1.1')).toMatchObject({ direct: false, parents: ['shop.domain'] });
    expect(by('Microsoft.Extensions.Logging@8.0.0')).toMatchObject({
      direct: false,
      parents: ['Microsoft.EntityFrameworkCore'],
    });
    expect(deps.every((d) => d.ecosystem === 'NuGet' && d.manifestPath === lock.path)).toBe(true);
  });

  it('turns malformed, foreign and deep files into diagnostics and reads the rest', () => {
    const result = collector.collect([
      { path: 'a/packages.lock.json', content: Buffer.from('{"version": 1, "dependencies": {') },
      { path: 'b/packages.lock.json', content: Buffer.from('{"name": "not nuget"}') },
      {
        path: 'c/packages.lock.json',
        content: Buffer.from(`{"dependencies":${'{"a":'.repeat(400)}1${'}'.repeat(400)}}`),
      },
      { path: 'd/packages.lock.json', content: Buffer.from('{"version": 7, "dependencies": {}}') },
      lock,
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'a/packages.lock.json parse-error',
      'b/packages.lock.json parse-error',
      'c/packages.lock.json too-deep',
      'd/packages.lock.json unsupported-version',
    ]);
    expect(result.dependencies).toHaveLength(6);
  });
});
