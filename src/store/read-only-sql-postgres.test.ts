// `cto sql` on PostgreSQL with the documented set-up (a superuser, trust auth): the statements that
// escape a read-only transaction (server programs and files, role changes from inside a SELECT)
// each fail with a clear code, queries stop on the server, and a missing or changed reader role
// means nothing runs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { eventually } from '../../test/helpers/processes.ts';
import { codeOf } from '../../test/helpers/sql.ts';
import { dropTestSchemas, freshStoreTarget, PG_URL } from '../../test/helpers/stores.ts';
import { ensureSqlReader, readerRoleName } from './engines/postgres/reader.ts';
import { openStore, type Store, sql } from './store.ts';

const roles: string[] = [];

afterAll(async () => {
  await dropTestSchemas();
  await admin(async (c) => {
    for (const r of roles) await c.query(`drop owned by ${r} cascade; drop role if exists ${r}`);
  });
});

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = PG_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function schemaOf(target: string): string {
  return new URL(target).searchParams.get('schema') as string;
}

/** Active `cto sql` queries of the store in `schema`, as the server sees them. */
function activeQueries(schema: string): Promise<number> {
  return admin(async (c) => {
    const r = await c.query(
      "select count(*)::int as n from pg_stat_activity where application_name = 'cto sql' and state = 'active' and query like $1",
      [`%${schema}%`],
    );
    return r.rows[0].n as number;
  });
}

describe('attacks from the issue fail with a clear code', () => {
  test('server programs, server files, large objects and role changes are refused', async () => {
    const target = freshStoreTarget('postgres');
    const store = await openStore(target);
    const file = `/tmp/cto-attack-${randomBytes(4).toString('hex')}`;
    const attacks: Array<[string, string]> = [
      [`copy (select 1) to program 'id > ${file}'`, 'SQL_NOT_ALLOWED'],
      [`copy (select 1) to '${file}'`, 'SQL_NOT_ALLOWED'],
      ["select pg_read_file('/etc/hostname')", 'SQL_NOT_ALLOWED'],
      ["select pg_read_binary_file('/etc/hostname')", 'SQL_NOT_ALLOWED'],
      ["select pg_ls_dir('.')", 'SQL_NOT_ALLOWED'],
      ["select pg_stat_file('/etc/hostname')", 'SQL_NOT_ALLOWED'],
      ["select lo_import('/etc/hostname')", 'SQL_NOT_ALLOWED'],
      [`select lo_export(1, '${file}')`, 'SQL_NOT_ALLOWED'],
      ["select current_setting('data_directory')", 'SQL_NOT_ALLOWED'],
      ['select * from pg_authid', 'SQL_NOT_ALLOWED'],
      ["select set_config('role', 'postgres', true), pg_read_file('/etc/hostname')", 'SQL_NOT_ALLOWED'],
      ["select set_config('session_authorization', 'postgres', false)", 'SQL_NOT_ALLOWED'],
      [
        "select query_to_xml('select set_config(''role'', ''postgres'', true), pg_read_file(''/etc/hostname'')', true, true, '')",
        'SQL_NOT_ALLOWED',
      ],
      [`select 1) a, lateral (select pg_read_file('/etc/hostname')) z, (select 1`, 'SQL_NOT_ALLOWED'],
      ['reset role', 'SQL_NOT_ALLOWED'],
      ['set role postgres', 'SQL_NOT_ALLOWED'],
      ['set session authorization postgres', 'SQL_NOT_ALLOWED'],
      ["select 1; copy (select 1) to program 'id'", 'SQL_NOT_ALLOWED'],
      ["select pg_create_physical_replication_slot('cto_attack')", 'SQL_NOT_ALLOWED'],
      ["select pg_import_system_collations('pg_catalog')", 'SQL_NOT_ALLOWED'],
      [
        'select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid()',
        'SQL_NOT_ALLOWED',
      ],
      ["select nextval('repositories_id_seq')", 'SQL_NOT_ALLOWED'],
      ['with d as (delete from repositories returning 1) select * from d', 'DB_READ_ONLY'],
      ['select * from repositories for update', 'DB_READ_ONLY'],
      ['select * into stolen from repositories', 'DB_READ_ONLY'],
    ];
    const got = [];
    for (const [text] of attacks) got.push([text, await codeOf(store, text)]);
    expect(got).toEqual(attacks);
    expect(existsSync(file)).toBe(false);
    // The statement runs as the store's reader role, whoever connected.
    const who = await store.readOnlyQuery('select current_user, session_user');
    expect(who.rows).toEqual([[readerRoleName('test', schemaOf(target)), 'postgres']]);
    await store.close();
  });

  test('the reader role may execute no function on server files or programs, and is a member of no role', async () => {
    const target = freshStoreTarget('postgres');
    await (await openStore(target)).close();
    const role = readerRoleName('test', schemaOf(target));
    const serverFiles = [
      'pg_read_file',
      'pg_read_binary_file',
      'pg_ls_dir',
      'pg_stat_file',
      'pg_ls_logdir',
      'pg_ls_waldir',
      'pg_ls_tmpdir',
      'pg_ls_archive_statusdir',
      'pg_current_logfile',
      'lo_import',
      'lo_export',
      'pg_reload_conf',
      'pg_rotate_logfile',
      'pg_promote',
      'pg_switch_wal',
    ];
    const { executable, memberOf } = await admin(async (c) => ({
      executable: (
        await c.query(
          "select p.oid::regprocedure::text as f from pg_proc p where p.proname = any($1) and has_function_privilege($2, p.oid, 'execute')",
          [serverFiles, role],
        )
      ).rows.map((r) => r.f),
      memberOf: (
        await c.query(
          'select b.rolname from pg_auth_members m join pg_roles b on b.oid = m.roleid where m.member = (select oid from pg_roles where rolname = $1)',
          [role],
        )
      ).rows.map((r) => r.rolname),
    }));
    expect(executable).toEqual([]);
    expect(memberOf).toEqual([]);
  });

  test("another store's tables in the same database cannot be read", async () => {
    const other = await openStore(freshStoreTarget('postgres'));
    const otherSchema = other.schema as string;
    await other.close();
    const store = await openStore(freshStoreTarget('postgres'));
    expect(await codeOf(store, `select count(*) from ${otherSchema}.repositories`)).toBe('SQL_NOT_ALLOWED');
    await store.close();
  });
});

describe('queries stop on the server', () => {
  test('pg_sleep(1000) stops at the timeout and leaves nothing running', async () => {
    const target = freshStoreTarget('postgres');
    const store = await openStore(target);
    expect(await codeOf(store, 'select pg_sleep(1000)', { timeoutMs: 500 })).toBe('SQL_TIMEOUT');
    expect(await activeQueries(schemaOf(target))).toBe(0);
    // Turning the timeout off from inside the statement does not lift it.
    expect(
      await codeOf(store, "select set_config('statement_timeout', '0', false), pg_sleep(1000)", {
        timeoutMs: 500,
      }),
    ).toBe('SQL_TIMEOUT');
    await store.close();
  });

  test('a cancelled query is cancelled on the server', async () => {
    const target = freshStoreTarget('postgres');
    const store = await openStore(target);
    const abort = new AbortController();
    const pending = codeOf(store, 'select pg_sleep(1000)', { signal: abort.signal });
    await eventually('the query to start', async () => (await activeQueries(schemaOf(target))) === 1);
    abort.abort();
    expect(await pending).toBe('SQL_CANCELLED');
    await eventually('the server query to end', async () => (await activeQueries(schemaOf(target))) === 0);
    await store.close();
  });
});

describe('the reader role', () => {
  test('every table and view of the store is readable, tables of later migrations too, but no credential hash', async () => {
    const target = freshStoreTarget('postgres');
    const store = await openStore(target);
    const schema = schemaOf(target);
    const role = readerRoleName('test', schema);
    // A later migration's table, made by the same user.
    await sql`create table later_table (a int)`.execute(store.db);
    const unreadable = await admin(async (c) => {
      const r = await c.query(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and c.relkind in ('r', 'v') and not has_table_privilege($2, c.oid, 'select')`,
        [schema, role],
      );
      return r.rows.map((row) => row.relname);
    });
    // The account tables are readable column by column, all but their credential hash.
    expect(unreadable.sort()).toEqual(['api_tokens', 'oidc_logins', 'sessions', 'users']);
    const columns = await admin(async (c) => {
      const r = await c.query(
        `select table_name, column_name, has_column_privilege($2, format('%I.%I', table_schema, table_name), column_name, 'select') as readable
         from information_schema.columns where table_schema = $1 and table_name in ('users', 'api_tokens', 'sessions', 'oidc_logins')`,
        [schema, role],
      );
      return r.rows.filter((row) => !row.readable).map((row) => `${row.table_name}.${row.column_name}`);
    });
    expect(columns.sort()).toEqual([
      'api_tokens.secret_hash',
      'oidc_logins.secret_hash',
      'sessions.secret_hash',
      'users.password_hash',
    ]);
    expect(await codeOf(store, 'select email, role from users')).toBe('ok');
    expect(await codeOf(store, 'select * from later_table')).toBe('ok');
    expect(await codeOf(store, 'select * from current_commits')).toBe('ok');
    await store.close();
  });

  test('setting it up is idempotent and safe when several connections do it at once', async () => {
    const target = freshStoreTarget('postgres');
    const store = await openStore(target);
    const others = await Promise.all([1, 2, 3, 4].map(() => openStore(target)));
    await Promise.all([store, ...others].map((s) => ensureSqlReader(s.db)));
    await Promise.all(others.map((s) => s.close()));
    // Several new stores at once, each with its own role.
    const fresh = await Promise.all([1, 2, 3].map(() => openStore(freshStoreTarget('postgres'))));
    for (const s of fresh) expect(await codeOf(s, 'select count(*) from repositories')).toBe('ok');
    await Promise.all(fresh.map((s) => s.close()));
    expect(await codeOf(store, 'select count(*) from repositories')).toBe('ok');
    await store.close();
  });

  test('a changed role or function, or a user who cannot switch to it, means nothing runs', async () => {
    const target = freshStoreTarget('postgres');
    const schema = schemaOf(target);
    const role = readerRoleName('test', schema);
    const store = await openStore(target);
    await admin((c) => c.query(`grant pg_read_server_files to ${role}`));
    expect(await codeOf(store, 'select 1')).toBe('SQL_GUARD_UNAVAILABLE');
    await admin((c) => c.query(`revoke pg_read_server_files from ${role}`));
    expect(await codeOf(store, 'select 1')).toBe('ok');
    await admin((c) =>
      c.query(
        `create or replace function ${schema}.cto_sql_query(query text) returns table(names text[], vals text) language sql as 'select null::text[], null::text'`,
      ),
    );
    expect(await codeOf(store, 'select 1')).toBe('SQL_GUARD_UNAVAILABLE');
    await ensureSqlReader(store.db);
    expect(await codeOf(store, 'select 1')).toBe('ok');
    await store.close();
    // A user who may read the tables but is not a superuser nor a member of the role.
    const user = `cto_t_${randomBytes(4).toString('hex')}`;
    roles.push(user);
    await admin((c) =>
      c.query(
        `create role ${user} login; grant usage on schema ${schema} to ${user}; grant select on all tables in schema ${schema} to ${user}`,
      ),
    );
    const url = new URL(target);
    url.username = user;
    const limited = await openStore(url.toString(), { mode: 'read' });
    expect(await codeOf(limited, 'select 1')).toBe('SQL_GUARD_UNAVAILABLE');
    await limited.close();
  });

  test('a user with CREATEROLE (not a superuser) sets it up, and cannot climb back from inside a query', async () => {
    const user = `cto_t_${randomBytes(4).toString('hex')}`;
    roles.push(user);
    const target = freshStoreTarget('postgres');
    const schema = schemaOf(target);
    await admin((c) =>
      c.query(`create role ${user} login createrole; create schema ${schema} authorization ${user}`),
    );
    const url = new URL(target);
    url.username = user;
    const store: Store = await openStore(url.toString());
    expect(await codeOf(store, 'select count(*) from repositories')).toBe('ok');
    expect(await codeOf(store, `select set_config('role', '${user}', true)`)).toBe('SQL_NOT_ALLOWED');
    expect(await codeOf(store, `select set_config('session_authorization', '${user}', true)`)).toBe(
      'SQL_NOT_ALLOWED',
    );
    const who = await store.readOnlyQuery('select current_user');
    expect(who.rows).toEqual([[readerRoleName('test', schema)]]);
    await store.close();
  });
});
