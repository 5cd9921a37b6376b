// Credentials written into image references and lockfile URLs never reach the store or the output:
// a repository puts a token in every place an image or a package URL is read from, `cto scan` runs
// with every collector and analysis, and then every column of every table is searched for it.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/store.ts';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const SECRET = 'Sup3rSecretT0ken';

const COMPOSE = `services:
  web:
    image: https://deploy:${SECRET}a@registry.example.com/team/web:1.2.3
  api:
    image: deploy:${SECRET}b@registry/team/api:2.0
  worker:
    image: ${SECRET}c@registry.example.com/team/worker@sha256:abcdef0123456789
  later:
    image: deploy:${SECRET}d@registry/team/later:\${TAG}
`;

const DOCKERFILE = `FROM https://deploy:${SECRET}e@registry.example.com/base/node:20 AS build
COPY --from=deploy:${SECRET}f@registry/tools/bin:1 /bin/tool /bin/tool
FROM deploy:${SECRET}g@registry/team/app:$UNSET
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - name: web
          image: deploy:${SECRET}h@registry.internal/team/web:3.1
`;

const VALUES = `image:
  registry: deploy:${SECRET}i@registry.example.com
  repository: team/chart-app
  tag: "4.0"
sidecar:
  image: https://deploy:${SECRET}j@registry.example.com/team/sidecar:1.0
`;

const WORKFLOW = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container: https://deploy:${SECRET}k@registry.example.com/ci/runner:5
    services:
      db:
        image: deploy:${SECRET}l@registry/ci/postgres:16
    steps:
      - uses: docker://deploy:${SECRET}m@registry.example.com/ci/tool:2
`;

const TERRAFORM = `terraform {
  required_providers {
    internal = { source = "deploy:${SECRET}n@registry.example.com/org/internal", version = "1.0.0" }
  }
}
module "net" {
  source = "git::https://deploy:${SECRET}o@git.example.com/org/net.git?ref=v1.2.0"
}
module "dns" {
  source = "deploy:${SECRET}p@git.example.com/org/dns?ref=v2"
}
`;

const NPM_LOCK = {
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { left: '1.0.0', right: '1.0.0' } },
    'node_modules/left': {
      version: '1.0.0',
      resolved: `https://deploy:${SECRET}q@npm.example.com/left/-/left-1.0.0.tgz`,
    },
    'node_modules/right': {
      version: '1.0.0',
      resolved: `https://npm.example.com/right/-/right-1.0.0.tgz?_authToken=${SECRET}r`,
    },
  },
};

const YARN_LOCK = `# yarn lockfile v1

left@^1.0.0:
  version "1.0.0"
  resolved "https://${SECRET}s@npm.example.com/left/-/left-1.0.0.tgz#abc"
`;

const PNPM_LOCK = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      left:
        specifier: ^1.0.0
        version: 1.0.0
packages:
  left@1.0.0:
    resolution: { tarball: 'https://deploy:${SECRET}t@npm.example.com/left/-/left-1.0.0.tgz' }
snapshots:
  left@1.0.0: {}
`;

/** Every row of every table and view-less base table, as text. */
async function wholeStore(target: string): Promise<string> {
  const store = await openStore(target);
  try {
    const tables =
      store.engine === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
        : await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
            store.db,
          );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(store.db);
      parts.push(`${name}: ${rows.rows.length}`, ...rows.rows.map((r) => JSON.stringify(r)));
    }
    return parts.join('\n');
  } finally {
    await store.close();
  }
}

describe.each(ENGINES)('credentials in references on %s', (engine) => {
  let run: (args: string[]) => ReturnType<typeof cto>;
  let db: string;

  beforeAll(() => {
    const root = tempDir();
    buildRepo(join(root, 'app'), [
      {
        files: {
          'docker-compose.yml': COMPOSE,
          Dockerfile: DOCKERFILE,
          'k8s/deployment.yaml': DEPLOYMENT,
          'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
          'chart/values.yaml': VALUES,
          '.github/workflows/ci.yml': WORKFLOW,
          'infra/main.tf': TERRAFORM,
          'package.json': JSON.stringify({ name: 'app', dependencies: { left: '1.0.0', right: '1.0.0' } }),
          'package-lock.json': JSON.stringify(NPM_LOCK),
          'web/package.json': JSON.stringify({ name: 'web', dependencies: { left: '^1.0.0' } }),
          'web/yarn.lock': YARN_LOCK,
          'ui/package.json': JSON.stringify({ name: 'ui', dependencies: { left: '^1.0.0' } }),
          'ui/pnpm-lock.yaml': PNPM_LOCK,
          '.npmrc': `//npm.example.com/:_authToken=${SECRET}u\n`,
        },
      },
    ]);
    db = freshStoreTarget(engine);
    const ws = tempDir();
    run = (args) => cto([...args, '--workspace', ws, '--db', db]);
    const scan = run(['scan', root]);
    expect(scan.code, scan.stderr).toBe(0);
  });

  test('image references keep registry, name and tag without the credentials', () => {
    const doc = JSON.parse(run(['eol', '--json']).stdout);
    expect(JSON.stringify(doc).toLowerCase()).not.toContain(SECRET.toLowerCase());
    const r = run(['sql', 'select kind, name, version from current_images order by name, version', '--json']);
    const rows = JSON.parse(r.stdout).rows as Array<{ kind: string; name: string; version: string | null }>;
    const images = rows.map((i) => [i.kind, i.name, i.version]);
    expect(images).toEqual(
      expect.arrayContaining([
        ['compose', 'registry.example.com/team/web', '1.2.3'],
        ['compose', 'registry/team/api', '2.0'],
        ['compose', 'registry.example.com/team/worker', 'sha256:abcdef0123456789'],
        ['docker', 'registry.example.com/base/node', '20'],
        ['docker', 'registry/tools/bin', '1'],
        ['kubernetes', 'registry.internal/team/web', '3.1'],
        ['kubernetes', 'registry.example.com/team/chart-app', '4.0'],
        ['kubernetes', 'registry.example.com/team/sidecar', '1.0'],
        ['docker', 'registry.example.com/ci/runner', '5'],
        ['docker', 'registry/ci/postgres', '16'],
        ['docker', 'registry.example.com/ci/tool', '2'],
        ['terraform-provider', 'registry.example.com/org/internal', '1.0.0'],
        ['terraform-module', 'git::https://git.example.com/org/net.git', 'v1.2.0'],
        ['terraform-module', 'git.example.com/org/dns', 'v2'],
      ]),
    );
  });

  test('no table of the store and no command output holds the token', async () => {
    const everything = await wholeStore(db);
    expect(everything).toContain('registry.example.com/team/web');
    expect(everything).toContain('npm.example.com/left/-/left-1.0.0.tgz');
    const leaks = everything.split('\n').filter((line) => line.toLowerCase().includes(SECRET.toLowerCase()));
    expect(leaks).toEqual([]);
    for (const command of [['eol'], ['deps'], ['tech'], ['repos'], ['licences']]) {
      const r = run(command);
      expect((r.stdout + r.stderr).toLowerCase(), command.join(' ')).not.toContain(SECRET.toLowerCase());
    }
  });
});
