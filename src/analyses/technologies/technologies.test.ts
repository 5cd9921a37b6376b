import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dependency, Ecosystem, ImageRef } from '../../collectors/types.ts';
import { loadTechnologies, matchTechnologies, parseTechnologies } from './match.ts';
import { TechnologyTableSchema } from './schema.ts';

const text = readFileSync(new URL('./technologies.yaml', import.meta.url), 'utf8');

const dep = (ecosystem: Ecosystem, name: string, manifestPath = 'manifest'): Dependency => ({
  ecosystem,
  name,
  version: null,
  direct: true,
  scope: 'prod',
  manifestPath,
});
const image = (kind: ImageRef['kind'], name: string, path = 'file'): ImageRef => ({
  kind,
  name,
  version: null,
  path,
});
const ids = (input: Parameters<typeof matchTechnologies>[0]) =>
  matchTechnologies(input).map((m) => m.technology.id);

describe('technologies table', () => {
  it('is valid against the schema, with unique ids and at least 300 entries', () => {
    const table = loadTechnologies();
    expect(TechnologyTableSchema.safeParse(table).success).toBe(true);
    expect(table.length).toBeGreaterThanOrEqual(300);
    expect(new Set(table.map((t) => t.id)).size).toBe(table.length);
    expect(new Set(table.map((t) => t.name)).size).toBe(table.length);
    for (const t of table) {
      const rules = [t.packages, t.images, t.actions, t.terraformProviders, t.terraformModules, t.paths];
      expect(
        [...rules, t.charts].some((r) => r !== undefined),
        `${t.id} has no rule`,
      ).toBe(true);
    }
  });

  it('is cached: loaded once', () => {
    expect(loadTechnologies()).toBe(loadTechnologies());
  });

  it('rejects an entry with an unknown category or a misplaced wildcard', () => {
    expect(() => parseTechnologies('- {id: x, name: X, category: magic, paths: [a]}')).toThrow();
    expect(() => parseTechnologies('- {id: x, name: X, category: library, images: ["a*b"]}')).toThrow();
    expect(() => parseTechnologies('- {id: x, name: X, category: library, imagez: [a]}')).toThrow();
    expect(parseTechnologies(text).length).toBe(loadTechnologies().length);
  });
});

describe('matchTechnologies', () => {
  const packageCases: Array<[Ecosystem, string, string]> = [
    ['npm', 'pg', 'postgresql'],
    ['npm', '@sentry/node', 'sentry'],
    ['npm', 'aws-sdk', 'aws'],
    ['npm', '@aws-sdk/client-s3', 'aws'],
    ['npm', '@aws-sdk/client-s3', 'amazon-s3'],
    ['npm', 'react', 'react'],
    ['npm', 'next', 'nextjs'],
    ['npm', 'express', 'express'],
    ['npm', 'stripe', 'stripe'],
    ['npm', 'twilio', 'twilio'],
    ['npm', 'dd-trace', 'datadog'],
    ['npm', '@auth0/nextjs-auth0', 'auth0'],
    ['npm', 'kafkajs', 'kafka'],
    ['npm', 'amqplib', 'rabbitmq'],
    ['npm', 'openai', 'openai'],
    ['npm', '@angular/core', 'angular'],
    ['npm', 'jest', 'jest'],
    ['PyPI', 'Django', 'django'],
    ['PyPI', 'psycopg2_binary', 'postgresql'],
    ['PyPI', 'boto3', 'aws'],
    ['PyPI', 'sentry-sdk', 'sentry'],
    ['PyPI', 'google-cloud-storage', 'google-cloud'],
    ['PyPI', 'Flask', 'flask'],
    ['RubyGems', 'rails', 'rails'],
    ['RubyGems', 'sidekiq', 'sidekiq'],
    ['Maven', 'org.springframework.boot:spring-boot-starter-web', 'spring-boot'],
    ['Maven', 'org.postgresql:postgresql', 'postgresql'],
    ['Maven', 'software.amazon.awssdk:s3', 'aws'],
    ['Maven', 'org.apache.kafka:kafka-clients', 'kafka'],
    ['Go', 'github.com/gin-gonic/gin', 'gin'],
    ['Go', 'github.com/jackc/pgx/v5', 'postgresql'],
    ['Go', 'github.com/aws/aws-sdk-go-v2/service/s3', 'aws'],
    ['NuGet', 'Microsoft.AspNetCore.Authentication.JwtBearer', 'aspnet-core'],
    ['NuGet', 'npgsql.entityframeworkcore.postgresql', 'postgresql'],
    ['Packagist', 'laravel/framework', 'laravel'],
    ['crates.io', 'tokio-postgres', 'postgresql'],
    ['crates.io', 'axum', 'axum'],
  ];
  it.each(packageCases)('%s package %s -> %s', (ecosystem, name, id) => {
    expect(ids({ dependencies: [dep(ecosystem, name)] })).toContain(id);
  });

  it('does not take a prefix of one ecosystem for another, nor an exact name as a prefix', () => {
    expect(ids({ dependencies: [dep('PyPI', '@sentry/node')] })).toEqual([]);
    expect(ids({ dependencies: [dep('npm', 'pg-something-else')] })).not.toContain('postgresql');
    expect(ids({ dependencies: [dep('Maven', 'org.springframework.boot.x:y')] })).not.toContain(
      'spring-boot',
    );
  });

  const imageCases: Array<[ImageRef['kind'], string, string]> = [
    ['docker', 'postgres', 'postgresql'],
    ['compose', 'docker.io/library/postgres', 'postgresql'],
    ['kubernetes', 'bitnami/postgresql', 'postgresql'],
    ['docker', 'redis', 'redis'],
    ['compose', 'confluentinc/cp-kafka', 'kafka'],
    ['docker', 'mcr.microsoft.com/dotnet/aspnet', 'dotnet'],
    ['github-action', 'aws-actions/configure-aws-credentials', 'aws'],
    ['github-action', 'github/codeql-action/init', 'codeql'],
    ['github-action', 'actions/setup-node', 'nodejs'],
    ['terraform-provider', 'hashicorp/aws', 'aws'],
    ['terraform-provider', 'hashicorp/google', 'google-cloud'],
    ['terraform-provider', 'datadog/datadog', 'datadog'],
    ['terraform-module', 'terraform-aws-modules/vpc/aws', 'aws'],
    ['helm', 'postgresql', 'postgresql'],
  ];
  it.each(imageCases)('%s %s -> %s', (kind, name, id) => {
    expect(ids({ images: [image(kind, name)] })).toContain(id);
  });

  const pathCases: Array<[string, string]> = [
    ['.circleci/config.yml', 'circleci'],
    ['Jenkinsfile', 'jenkins'],
    ['ci/Jenkinsfile', 'jenkins'],
    ['serverless.yml', 'serverless'],
    ['services/api/serverless.yml', 'serverless'],
    ['.github/workflows/ci.yml', 'github-actions'],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['infra/main.tf', 'terraform'],
    ['deploy/Dockerfile.prod', 'docker'],
    ['go.mod', 'go'],
    ['images/base.pkr.hcl', 'packer'],
    ['src/Api/Api.csproj', 'csharp'],
    ['.woodpecker/build.yml', 'woodpecker'],
  ];
  it.each(pathCases)('path %s -> %s', (path, id) => {
    expect(ids({ paths: [path] })).toContain(id);
  });

  it('matches path rules on whole segments only', () => {
    expect(ids({ paths: ['notJenkinsfile', 'x.circleci/config.yml', 'docs/serverless.yml.md'] })).toEqual([]);
  });

  it('returns each technology once, in table order, with deduplicated evidence', () => {
    const result = matchTechnologies({
      dependencies: [
        dep('npm', 'pg', 'package.json'),
        dep('npm', 'pg', 'package.json'),
        dep('PyPI', 'asyncpg', 'req.txt'),
      ],
      images: [
        image('compose', 'postgres:16', 'docker-compose.yml'),
        image('compose', 'postgres', 'docker-compose.yml'),
      ],
      paths: ['Jenkinsfile'],
    });
    const pg = result.find((m) => m.technology.id === 'postgresql');
    expect(pg?.evidence).toEqual([
      { kind: 'package', value: 'pg', path: 'package.json', rule: 'pg' },
      { kind: 'package', value: 'asyncpg', path: 'req.txt', rule: 'asyncpg' },
      { kind: 'image', value: 'postgres', path: 'docker-compose.yml', rule: 'postgres' },
    ]);
    const order = loadTechnologies().map((t) => t.id);
    const positions = result.map((m) => order.indexOf(m.technology.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(result.filter((m) => m.technology.id === 'postgresql')).toHaveLength(1);
  });

  it('accepts a custom table', () => {
    const table = parseTechnologies('- {id: acme, name: Acme, category: saas, packages: {npm: ["@acme/*"]}}');
    expect(
      matchTechnologies({ dependencies: [dep('npm', '@acme/sdk')] }, table).map((m) => m.technology.id),
    ).toEqual(['acme']);
  });
});
