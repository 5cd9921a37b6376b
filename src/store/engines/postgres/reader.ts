// The PostgreSQL role that `cto sql` runs user SQL as. One NOLOGIN role per store (database and
// schema): it has USAGE on the store's schema and SELECT on its tables and views, nothing else.
// User SQL runs inside `cto_sql_query`, a SECURITY DEFINER function owned by that role: there
// PostgreSQL refuses to change `role` or `session_authorization` (set_config included), so a
// statement cannot climb back to the connecting user however it is written.

import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { SECRET_COLUMNS } from '../../tables/accounts.ts';

/** The body of `cto_sql_query(query text) returns table(names text[], vals text)`. */
export const SQL_QUERY_FUNCTION_BODY = `
begin
  -- One row per result row: its values as a JSON object {"f1":..,"f2":..} in column order,
  -- the column names (duplicates kept) on the first row only.
  return query execute
    'select case when row_number() over () = 1 then array(select json_object_keys(row_to_json(q))) end, '
    || 'row_to_json(row(q.*))::text from (' || query || E'\\n) q';
  if not found then
    -- No rows: one row with the column names only.
    return query execute
      'select array(select json_object_keys(row_to_json(t))), null::text from (select q.* from (select) o left join ('
      || query || E'\\n) q on true) t';
  end if;
end
`;

/** The reader role of the store in `schema` of `database`: cluster-wide, so named after both. */
export function readerRoleName(database: string, schema: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([database, schema]))
    .digest('hex');
  return `cto_reader_${hash.slice(0, 12)}`;
}

async function currentStore<DB>(db: Kysely<DB>): Promise<{ database: string; schema: string }> {
  const r = await sql<{ database: string; schema: string }>`
    select current_database() as database, current_schema() as schema`.execute(db);
  const row = r.rows[0];
  if (!row?.schema) throw new Error('no current schema: the search path names no existing schema');
  return row;
}

/**
 * Create (or repair) the reader role, its grants and the query function, all or nothing.
 * Safe to run concurrently from several stores of one cluster, and idempotent. A user who may not
 * create roles leaves everything as it was (a notice); `cto sql` then refuses to run.
 */
export async function ensureSqlReader<DB>(db: Kysely<DB>): Promise<void> {
  const { database, schema } = await currentStore(db);
  const reader = readerRoleName(database, schema);
  await sql
    .raw(`do $do$
declare
  reader text := '${reader}';
  sch text := current_schema();
  superuser boolean := (select rolsuper from pg_roles where rolname = current_user);
begin
  -- Roles are cluster-global: serialise with other stores setting up the same role.
  perform pg_advisory_xact_lock(hashtext('cto sql reader ' || reader));
  if not exists (select 1 from pg_roles where rolname = reader) then
    begin
      execute format('create role %I nologin', reader);
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  -- A user who is not a superuser needs membership to SET ROLE, and the role needs CREATE on the
  -- schema for a moment to own the function.
  if not superuser then
    execute format('grant %I to %I', reader, current_user);
    execute format('grant create on schema %I to %I', sch, reader);
  end if;
  execute format('grant usage on schema %I to %I', sch, reader);
  execute format('grant select on all tables in schema %I to %I', sch, reader);
  execute format('alter default privileges in schema %I grant select on tables to %I', sch, reader);
  execute format(
    'create or replace function %I.cto_sql_query(query text) returns table(names text[], vals text) '
    'language plpgsql security definer as %L', sch, $body$${SQL_QUERY_FUNCTION_BODY}$body$);
  execute format('revoke all on function %I.cto_sql_query(text) from public', sch);
  execute format('alter function %I.cto_sql_query(text) owner to %I', sch, reader);
  if not superuser then
    execute format('revoke create on schema %I from %I', sch, reader);
  end if;
exception when insufficient_privilege then
  raise notice 'cto: % cannot set up the role % for cto sql: %', current_user, reader, sqlerrm;
end
$do$`)
    .execute(db);
}

/** Re-grant SELECT on every table and view, for tables made by a user the default privileges miss. */
export async function grantSqlReader<DB>(db: Kysely<DB>): Promise<void> {
  const { database, schema } = await currentStore(db);
  const reader = readerRoleName(database, schema);
  await sql
    .raw(`do $do$
begin
  if exists (select 1 from pg_roles where rolname = '${reader}') then
    perform pg_advisory_xact_lock(hashtext('cto sql reader ${reader}'));
    execute format('grant select on all tables in schema %I to %I', current_schema(), '${reader}');
${secretColumnRevokes(reader)}
  end if;
exception when insufficient_privilege then null;
end
$do$`)
    .execute(db);
}

/** Credential columns: the reader may select every other column of their tables, not these. */
function secretColumnRevokes(reader: string): string {
  return Object.entries(SECRET_COLUMNS)
    .map(
      ([table, column]) => `    if to_regclass(format('%I.%I', current_schema(), '${table}')) is not null then
      execute format('revoke select on %I.%I from %I', current_schema(), '${table}', '${reader}');
      execute format('grant select (%s) on %I.%I to %I',
        (select string_agg(quote_ident(column_name), ', ') from information_schema.columns
          where table_schema = current_schema() and table_name = '${table}' and column_name <> '${column}'),
        current_schema(), '${table}', '${reader}');
    end if;`,
    )
    .join('\n');
}

/** What is wrong with the reader role and its function, or null when they are as cto made them. */
export const VERIFY_READER_SQL = `
select r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolreplication or r.rolbypassrls or r.rolcanlogin as powerful,
  exists (select 1 from pg_auth_members m where m.member = r.oid) as member_of_roles,
  exists (select 1 from pg_auth_members m where m.roleid = r.oid
          and m.member <> (select oid from pg_roles where rolname = session_user)) as others_can_enter,
  p.oid is not null as has_function,
  coalesce(p.prosecdef and p.proowner = r.oid and p.prosrc = $2 and p.proconfig is null, false) as function_intact
from pg_roles r
left join pg_proc p on p.proname = 'cto_sql_query'
  and p.pronamespace = (select oid from pg_namespace where nspname = current_schema())
where r.rolname = $1`;

export interface ReaderState {
  powerful: boolean;
  member_of_roles: boolean;
  others_can_enter: boolean;
  has_function: boolean;
  function_intact: boolean;
}

/** Why the reader cannot be trusted, in words; null when it can. */
export function readerProblem(role: string, state: ReaderState | undefined): string | null {
  if (!state) return `the role ${role} does not exist`;
  if (state.powerful)
    return `the role ${role} has been given attributes beyond reading (superuser, login, create...)`;
  if (state.member_of_roles) return `the role ${role} has been made a member of other roles`;
  if (state.others_can_enter) return `other users have been made members of the role ${role}`;
  if (!state.has_function) return 'the function cto_sql_query does not exist in the store schema';
  if (!state.function_intact) return 'the function cto_sql_query has been changed';
  return null;
}
