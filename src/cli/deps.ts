// `cto deps [repo]`: each repository's packages, one line per (ecosystem, name, version), merged from
// every manifest and lockfile that states them; `--tree <package>` shows how the project reaches one.
import { Command } from 'commander';
import { ECOSYSTEMS, type Exposure } from '../collectors/types.ts';
import { filterPackages, mergePackages, type PackageEntry } from '../sbom/packages.ts';
import { packagePaths } from '../sbom/tree.ts';
import { currentRepositories, snapshotDependencies } from '../store/deps.ts';
import type { Store } from '../store/store.ts';
import { choiceOption, globalOptions, scopeOption, withStore } from './context.ts';
import { printError, printJson, printLine, printTable, textColumn } from './output.ts';

interface DepsFlags {
  ecosystem?: string;
  direct?: boolean;
  scope?: Exposure[];
  tree?: string;
  json?: boolean;
}

export function depsCommand(): Command {
  return new Command('deps')
    .description(
      'list dependencies per repository: ecosystem, name, version, direct or transitive, scope (exposure: runtime, development, test...), manifests',
    )
    .argument('[repo]', 'a repository name (see `cto repos`); all repositories when omitted')
    .addOption(choiceOption('--ecosystem <name>', 'only this ecosystem', ECOSYSTEMS))
    .option('--direct', 'only packages the project declares itself')
    .addOption(scopeOption('packages'))
    .option('--tree <package>', 'every path from a direct dependency to this package (app > a > b > package)')
    .option('--json', 'print a JSON document (schema cto.deps/v1, or cto.deps-tree/v1 with --tree)')
    .action(async (repo: string | undefined, flags: DepsFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const results = await depsResults(store, { ...flags, repository: repo });
        if (flags.tree !== undefined) return printTree(flags.tree, results, flags.json === true);
        if (flags.json) {
          printJson('cto.deps/v1', depsJson(results));
          return;
        }
        const rows = results.flatMap(({ repository, packages }) =>
          packages.map((p) => [
            repository.name,
            p.ecosystem,
            p.name,
            p.version ?? p.requirements.join(' ') ?? '',
            p.direct ? 'direct' : 'transitive',
            p.exposure,
            p.manifests.join(' '),
          ]),
        );
        if (rows.length > 0)
          printTable(
            ['repository', 'ecosystem', 'name', 'version', 'kind', 'scope', textColumn('manifests')],
            rows,
          );
        for (const { repository, all, packages } of results) {
          if (all.length === 0) printLine(`${repository.name}: no manifest or lockfile found`);
          else printError(`${repository.name}: ${packages.length} of ${all.length} packages`);
        }
        if (results.length === 0) printLine('No repositories in the store yet. Run `cto scan <path>` first.');
      });
    });
}

interface DepsFilter {
  repository?: string | undefined;
  ecosystem?: string | undefined;
  direct?: boolean | undefined;
  scope?: Exposure[] | undefined;
}

/** Each current repository's packages, all and those the filter keeps. */
async function depsResults(store: Store, filter: DepsFilter) {
  const results = [];
  for (const r of await currentRepositories(store, filter.repository)) {
    const all = mergePackages(await snapshotDependencies(store, r.snapshotId));
    const keep = { ecosystem: filter.ecosystem, direct: filter.direct, scopes: filter.scope };
    results.push({ repository: r, all, packages: filterPackages(all, keep) });
  }
  return results;
}

function depsJson(results: Awaited<ReturnType<typeof depsResults>>) {
  const repositories = results.map(({ repository, all, packages }) => ({
    name: repository.name,
    commit: repository.commit,
    manifests: [...new Set(all.flatMap((p) => p.manifests))].sort(),
    packages: packages.map(jsonPackage),
  }));
  return { repositories };
}

/** `cto deps --json`'s body (schema cto.deps/v1). */
export async function depsDocument(store: Store, filter: DepsFilter) {
  return depsJson(await depsResults(store, filter));
}

function jsonPackage(p: PackageEntry) {
  return {
    ecosystem: p.ecosystem,
    name: p.name,
    version: p.version,
    direct: p.direct,
    exposure: p.exposure,
    exposures: p.exposures,
    scopes: p.scopes,
    requirements: p.requirements,
    manifests: p.manifests,
    licenses: p.licenses,
    parents: p.parents,
  };
}

function printTree(
  name: string,
  results: Array<{ repository: { name: string }; all: PackageEntry[] }>,
  json: boolean,
): void {
  const found = results.map(({ repository, all }) => ({
    repository: repository.name,
    packages: packagePaths(all, name),
  }));
  if (json) {
    printJson('cto.deps-tree/v1', { package: name, repositories: found });
    return;
  }
  const lines: string[] = [];
  for (const { repository, packages } of found) {
    for (const p of packages) {
      const versions = p.versions.length > 0 ? ` ${p.versions.join(', ')}` : '';
      lines.push(
        `${repository}: ${p.ecosystem} ${p.name}${versions} (${p.direct ? 'direct' : 'transitive'}; ${p.manifests.join(' ')})`,
      );
      if (!p.graph && !p.direct)
        lines.push(`  the lockfile records no dependency graph (${p.manifests.join(' ')}): paths unknown`);
      for (const path of p.paths) lines.push(`  ${[repository, ...path].join(' > ')}`);
      if (p.truncated) lines.push(`  ... more paths not shown (first ${p.paths.length})`);
    }
  }
  if (lines.length === 0) lines.push(`No repository depends on ${name}.`);
  for (const line of lines) printLine(line);
}
