// `cto licences [repo]`: each package's licence as an SPDX expression (or unknown; from the files,
// else from the licence feed's cache), judged against the workspace's licence policy at query time,
// with the share of packages with a known licence per ecosystem.
import { Command } from 'commander';
import {
  coverageLine,
  licenceCoverage,
  licenceFindings,
  licenceMetrics,
} from '../analyses/licences/evaluate.ts';
import { inScopes } from '../collectors/exposure.ts';
import { ECOSYSTEMS, type Exposure } from '../collectors/types.ts';
import { licenceOf, type PackageLicence, UNKNOWN } from '../licences/package-licence.ts';
import { policyFromConfig } from '../licences/policy.ts';
import { mergePackages } from '../sbom/packages.ts';
import { currentRepositories, snapshotDependencies } from '../store/deps.ts';
import { snapshotCachedLicences } from '../store/licence-cache.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { choiceOption, globalOptions, scopeOption, withStore } from './context.ts';
import { printJson, printLine, printTable, textColumn } from './output.ts';

interface LicencesFlags {
  ecosystem?: string;
  violations?: boolean;
  scope?: Exposure[];
  json?: boolean;
}

export function licencesCommand(): Command {
  return new Command('licences')
    .alias('licenses')
    .description('licences by package (SPDX), with the findings of the licence policy in cto.yaml')
    .argument('[repo]', 'a repository name (see `cto repos`); all repositories when omitted')
    .addOption(choiceOption('--ecosystem <name>', 'only this ecosystem', ECOSYSTEMS))
    .option('--violations', 'only packages the policy flags (denied, not allowed, unknown)')
    .addOption(scopeOption('packages'))
    .option('--json', 'print a JSON document (schema cto.licences/v1)')
    .action(async (repo: string | undefined, flags: LicencesFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const doc = await licencesDocument(store, ws, { ...flags, repository: repo });
        if (flags.json) {
          printJson('cto.licences/v1', doc);
          return;
        }
        const { policy, repositories: out } = doc;
        // What could not be judged comes first: an unknown licence is not a clean one.
        for (const line of licenceHeadline(out)) printLine(line);
        const rows = out.flatMap((o) =>
          o.packages.map((l) => [
            o.repository,
            l.ecosystem,
            l.name,
            l.version ?? '',
            l.expression ?? UNKNOWN,
            l.verdict ?? '',
            l.exposure,
            l.origin === 'registry' ? `${l.stated.join('; ')} (registry)` : l.stated.join('; '),
          ]),
        );
        if (rows.length > 0)
          printTable(
            [
              'repository',
              'ecosystem',
              'name',
              'version',
              'licence',
              'policy',
              'scope',
              textColumn('stated'),
            ],
            rows,
          );
        for (const o of out) {
          printLine(summary(o.repository, o.packages, o.findings.length, policy !== null));
          for (const c of o.coverage) printLine(`  ${coverageLine(c)}`);
        }
      });
    });
}

/**
 * The first lines of `cto licences`: how many packages have a known licence over the repositories
 * listed, and how to learn the rest (`npm: 0 of 44 known`, then `cto feed update --licences`).
 */
function licenceHeadline(out: ReadonlyArray<{ packages: readonly PackageLicence[] }>): string[] {
  const all = out.flatMap((o) => o.packages);
  if (all.length === 0) return [];
  const unknown = all.filter((l) => l.expression === null).length;
  const repos = `${out.length} ${out.length === 1 ? 'repository' : 'repositories'}`;
  if (unknown === 0) return [`Licence known for all ${all.length} packages in ${repos}.`];
  const share = Math.floor((100 * (all.length - unknown)) / all.length);
  return [
    `Licence known for ${all.length - unknown} of ${all.length} packages in ${repos} (${share}%); ${unknown} unknown.`,
    'To learn the rest: cto feed update --licences (looks each package up in its registry), or cto feed import a licence cache.',
  ];
}

function flagged(l: PackageLicence): boolean {
  return l.verdict !== null && l.verdict !== 'allowed';
}

function summary(repo: string, licences: PackageLicence[], findings: number, policy: boolean): string {
  const unknown = licences.filter((l) => l.expression === null).length;
  const tail = policy
    ? `${findings} finding${findings === 1 ? '' : 's'} under the policy`
    : 'no licence policy in cto.yaml';
  return `${repo}: ${licences.length} packages, ${unknown} with unknown licence; ${tail}`;
}

/** `cto licences --json`'s body (schema cto.licences/v1). */
export async function licencesDocument(
  store: Store,
  ws: Workspace,
  q: {
    repository?: string | undefined;
    ecosystem?: string | undefined;
    violations?: boolean | undefined;
    scope?: Exposure[] | undefined;
  },
) {
  const policy = policyFromConfig(ws.config);
  const repositories = [];
  for (const r of await currentRepositories(store, q.repository)) {
    const eco = q.ecosystem?.toLowerCase();
    const cache = await snapshotCachedLicences(store, r.snapshotId);
    const all = mergePackages(await snapshotDependencies(store, r.snapshotId)).map((p) =>
      licenceOf(p, policy, cache),
    );
    const licences = all.filter(
      (l) => (eco === undefined || l.ecosystem.toLowerCase() === eco) && inScopes(l.exposures, q.scope),
    );
    repositories.push({
      repository: r.name,
      commit: r.commit,
      packages: q.violations ? licences.filter(flagged) : licences,
      findings: licenceFindings(licences),
      counts: licenceMetrics(all).map((m) => ({ licence: m.subject, packages: m.value })),
      coverage: licenceCoverage(licences),
    });
  }
  return { policy, repositories };
}
