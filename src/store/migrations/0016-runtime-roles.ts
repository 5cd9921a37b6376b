// 0016: whether a runtime fact is a `floor` (a declared minimum: `engines.node`, `requires-python`,
// Cargo `rust-version`, go.mod's `go` line, Maven's compiler release) or a `pin` (the runtime in use:
// `.nvmrc`, `.python-version`, go.mod's `toolchain` line, ...). Rows written before take their role
// from the source they were read from, which names it without doubt; the collectors were bumped, so
// the next scan of a repository writes its runtimes again with the role their collector gives.
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Engine } from './engine.ts';
import { replaceCurrentView } from './views.ts';

/** The sources of floors when this migration was written; every other source of then is a pin. */
const FLOOR_SOURCES = [
  'engines.node',
  'project.requires-python',
  'tool.poetry.dependencies.python',
  'package.rust-version',
  'workspace.package.rust-version',
  'package.rust-version (workspace)',
  'go directive',
  'terraform.required_version',
  'require.php',
  'require-dev.php',
  'properties.java.version',
];

export function runtimeRoles(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runtimes').addColumn('role', 'text').execute();
      const floors = sql.join(FLOOR_SOURCES.map((s) => sql.lit(s)));
      await sql`update runtimes set role = case
      when source in (${floors}) or source like 'properties.maven.compiler.%'
        or source like 'maven-compiler-plugin.configuration.%' then 'floor'
      else 'pin' end`.execute(db);
      await replaceCurrentView(db, 'runtimes', engine);
    },
  };
}
