import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleSource } from './extract.ts';
import { collector } from './index.ts';

const file = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/terraform/${name}`, import.meta.url)),
});
const rows = (result: ReturnType<typeof collector.collect>) =>
  result.images?.map((i) => [i.kind, i.name, i.version, i.line]);

describe('terraform collector', () => {
  it('matches .tf files and the lock file', () => {
    expect(collector.matches('infra/main.tf')).toBe(true);
    expect(collector.matches('infra/.terraform.lock.hcl')).toBe(true);
    expect(collector.matches('infra/terraform.tfvars')).toBe(false);
    expect(collector.matches('infra/main.tf.json')).toBe(false);
  });

  it('reads required_version and required_providers; comments do not count', () => {
    const result = collector.collect([file('versions.tf')]);
    expect(result.runtimes).toEqual([
      {
        kind: 'terraform',
        version: '>= 1.5.0, < 2.0.0',
        path: 'versions.tf',
        source: 'terraform.required_version',
        role: 'floor',
      },
    ]);
    expect(rows(result)).toEqual([
      ['terraform-provider', 'hashicorp/aws', '~> 5.40', 6],
      ['terraform-provider', 'cloudflare/cloudflare', '>= 4.20', 10],
      ['terraform-provider', 'datadog/datadog', null, 15],
    ]);
  });

  it('reads modules, not heredoc text; local modules skipped; credentials removed', () => {
    const result = collector.collect([file('main.tf')]);
    expect(result.runtimes).toEqual([]);
    expect(rows(result)).toEqual([
      ['terraform-module', 'terraform-aws-modules/vpc/aws', '5.5.2', 11],
      ['terraform-module', 'git::https://github.com/acme/terraform-dns.git?depth=1', 'v1.4.0', 21],
    ]);
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
  });

  it('reads the legacy string form of required_providers', () => {
    const result = collector.collect([file('legacy.tf')]);
    expect(result.runtimes?.map((r) => r.version)).toEqual(['~> 0.12.0']);
    expect(rows(result)).toEqual([['terraform-provider', 'hashicorp/google', '~> 3.0', 4]]);
  });

  it('reads provider versions from .terraform.lock.hcl', () => {
    const result = collector.collect([file('terraform.lock.hcl', 'infra/.terraform.lock.hcl')]);
    expect(rows(result)).toEqual([
      ['terraform-provider', 'hashicorp/aws', '5.40.0', 4],
      ['terraform-provider', 'cloudflare/cloudflare', '4.26.0', 13],
    ]);
  });

  it('splits module source refs and keeps other query parameters', () => {
    expect(moduleSource('github.com/acme/mod?ref=v2')).toEqual({ name: 'github.com/acme/mod', ref: 'v2' });
    expect(moduleSource('s3::https://s3.amazonaws.com/b/m.zip')).toEqual({
      name: 's3::https://s3.amazonaws.com/b/m.zip',
      ref: null,
    });
  });

  it('survives truncated, unbalanced and deeply nested input', () => {
    const deep = `terraform ${'a {'.repeat(1000)}`;
    const result = collector.collect([
      { path: 'a.tf', content: Buffer.from('terraform {\n  required_version = "1.6\nmodule "x" {') },
      { path: 'b.tf', content: Buffer.from('}}}] ) module "m" { source = "acme/m/aws" }') },
      { path: 'c.tf', content: Buffer.from(deep) },
      { path: 'd.tf', content: Buffer.from('/* unterminated comment\nmodule "z" { source = "x/y/z" }') },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([['c.tf', 'too-deep']]);
    expect(rows(result)).toEqual([['terraform-module', 'acme/m/aws', null, 1]]);
  });
});

describe('terraform collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/terraform/main.tf', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'main.tf', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

it('a module source with a malformed percent escape in its ref is read, not thrown', () => {
  const r = collector.collect([
    {
      path: 'main.tf',
      content: Buffer.from('module "x" {\n  source = "git::https://example.com/m.git?ref=v1%ZZ"\n}\n'),
    },
  ]);
  expect(r.images).toEqual([expect.objectContaining({ kind: 'terraform-module', version: 'v1%ZZ' })]);
});
