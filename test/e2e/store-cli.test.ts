// The store as people meet it: URLs cto cannot use, a workspace without a store, a read-only
// workspace, an older or newer store, and a damaged file.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, test } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { type CliResult, CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

const readOnlyDirs: string[] = [];

afterAll(() => {
  for (const d of readOnlyDirs) chmodSync(d, 0o755);
  cleanupTemp();
});

/** A workspace with one scanned repository. */
function scannedWorkspace(): string {
  const repo = buildRepo(join(tempDir(), 'alpha'), [
    { author: ADA, date: '2023-05-01T08:00:00+02:00', files: { 'x.txt': 'x\n' } },
    { author: BOB, date: '2023-06-01T08:00:00+02:00', files: { 'y.txt': 'y\n' } },
  ]);
  const ws = tempDir();
  expect(cto(['scan', repo, '--workspace', ws]).code).toBe(0);
  return ws;
}

/** Every file under `dir` with its size and modification time. */
function snapshotOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => {
      const s = statSync(join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

/** Run cto as a user who cannot write the workspace: `nobody` when the tests run as root. */
function ctoAsReader(args: string[]): CliResult {
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [CTO_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CTO_DB: '', HOME: '/nonexistent' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function makeReadOnly(ws: string): void {
  for (const d of [ws, join(ws, '.cto')]) {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isFile()) chmodSync(p, 0o444);
    }
    chmodSync(d, 0o555);
    readOnlyDirs.push(d);
  }
}

describe('store URLs', () => {
  test('an unknown scheme is refused with DB_URL and creates nothing', () => {
    const ws = tempDir();
    for (const db of ['mysql://me@db.example/cto', 'sqlite:///srv/cto.db', 'redis://localhost']) {
      const r = cto(['repos', '--workspace', ws, '--db', db]);
      expect([db, r.code]).toEqual([db, 2]);
      expect(r.stderr).toMatch(/cannot use a "[a-z]+:" store.*\[DB_URL\]/);
    }
    writeFileSync(join(ws, 'cto.yaml'), 'db: mysql://me@db.example/cto\n');
    const fromConfig = cto(['scan', ws, '--workspace', ws]);
    expect(fromConfig.stderr).toMatch(/\[DB_URL\]/);
    expect(readdirSync(ws)).toEqual(['cto.yaml']);
    expect(cto(['repos', '--workspace', ws, '--db', 'sqlite:///srv/cto.db']).stderr).toMatch(
      /here: \/srv\/cto\.db/,
    );
  });
});

describe('commands that read', () => {
  test('in a workspace without a store: NO_STORE, and no .cto is created', () => {
    const ws = tempDir();
    for (const args of [['repos'], ['sql', 'select 1'], ['feed', 'list'], ['people'], ['vulns']]) {
      const r = cto([...args, '--workspace', ws]);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.stderr).toMatch(/no store here .*run cto scan first \[NO_STORE\]/);
    }
    expect(readdirSync(ws)).toEqual([]);
  });

  test('a read-only workspace can be browsed, and nothing in it changes', () => {
    const ws = scannedWorkspace();
    makeReadOnly(ws);
    const before = snapshotOf(ws);
    const repos = ctoAsReader(['repos', '--workspace', ws, '--json']);
    expect(repos.stderr).toBe('');
    expect(JSON.parse(repos.stdout).repositories.map((r: { name: string }) => r.name)).toEqual(['alpha']);
    const q = ctoAsReader(['sql', 'select count(*) as n from current_commits', '--workspace', ws, '--json']);
    expect(q.stderr).toBe('');
    expect(JSON.parse(q.stdout).rows).toEqual([{ n: 2 }]);
    expect(ctoAsReader(['people', '--workspace', ws]).code).toBe(0);
    expect(snapshotOf(ws)).toEqual(before);
  });
});

describe('store versions', () => {
  function editMigrations(ws: string, sql: string): void {
    const db = new SqliteDatabase(join(ws, '.cto', 'cto.db'));
    db.exec(sql);
    db.close();
  }

  /** A store as the previous release left it: every migration but the last; returns the last one's name. */
  async function olderStore(ws: string): Promise<string> {
    const provider = migrationProvider('sqlite');
    const names = Object.keys(await provider.getMigrations()).sort();
    const last = names.at(-1) as string;
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(join(ws, '.cto', 'cto.db')) }),
    });
    const { error } = await new Migrator({ db, provider }).migrateTo(names.at(-2) as string);
    await db.destroy();
    if (error) throw error;
    return last;
  }

  test('a store from an older cto is migrated when it can be written, and refused when it cannot', async () => {
    const ws = scannedWorkspace();
    rmSync(join(ws, '.cto'), { recursive: true, force: true });
    mkdirSync(join(ws, '.cto'));
    const last = await olderStore(ws);
    expect(cto(['repos', '--workspace', ws]).code).toBe(0);
    const ran = cto([
      'sql',
      `select count(*) as n from kysely_migration where name = '${last}'`,
      '--workspace',
      ws,
      '--json',
    ]);
    expect(JSON.parse(ran.stdout).rows).toEqual([{ n: 1 }]);
    const older = scannedWorkspace();
    rmSync(join(older, '.cto'), { recursive: true, force: true });
    mkdirSync(join(older, '.cto'));
    await olderStore(older);
    makeReadOnly(older);
    const r = ctoAsReader(['repos', '--workspace', older]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /written by an older cto and must be migrated.*read-only here.*\[STORE_NEEDS_MIGRATION\]/,
    );
  });

  test('a store from a newer cto is refused with STORE_TOO_NEW', () => {
    const ws = scannedWorkspace();
    editMigrations(ws, "insert into kysely_migration (name, timestamp) values ('9999-future', '2099-01-01')");
    const r = cto(['repos', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/written by a newer cto \(it has migration 9999-future\).*\[STORE_TOO_NEW\]/);
  });
});

describe('a damaged store', () => {
  function overwrite(path: string, at: number, bytes: Buffer): void {
    const fd = openSync(path, 'r+');
    writeSync(fd, bytes, 0, bytes.length, at);
    closeSync(fd);
  }

  test('a file that is not a database says what is wrong and how to recover', () => {
    const ws = scannedWorkspace();
    const path = join(ws, '.cto', 'cto.db');
    overwrite(path, 0, Buffer.alloc(100, 0x41));
    for (const args of [['repos'], ['sql', 'select 1'], ['scan', ws]]) {
      const r = cto([...args, '--workspace', ws]);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        /the store .*cto\.db is damaged \(.*not a database.*\).*mv .*cto\.db.*cto scan again.*\[STORE_DAMAGED\]/,
      );
    }
  });

  test('damaged pages found while reading give quick_check findings', () => {
    const ws = scannedWorkspace();
    const path = join(ws, '.cto', 'cto.db');
    const db = new SqliteDatabase(path, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db
      .prepare("select rootpage from sqlite_master where name = 'commits'")
      .pluck()
      .get() as number;
    db.close();
    // Spoil the cells of the commits table's page; the file header and the schema stay readable.
    overwrite(path, (root - 1) * pageSize + pageSize / 2, Buffer.alloc(pageSize / 2, 0xff));
    const r = cto(['sql', 'select * from commits', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is damaged \(quick_check: Tree \d+ page \d+ cell \d+: .+\).*\[STORE_DAMAGED\]/);
    // A command reading the commits through the store's own queries (the report) says the same.
    const report = cto(['report', '--workspace', ws, '-o', join(ws, 'report')]);
    expect(report.stderr).toMatch(/is damaged \(quick_check: Tree .*\[STORE_DAMAGED\]/);
  });
});
