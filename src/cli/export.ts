// `cto export cyclonedx [repo]`: a repository's packages as a CycloneDX 1.6 JSON SBOM.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import { buildBom } from '../sbom/cyclonedx.ts';
import { mergePackages } from '../sbom/packages.ts';
import { currentRepositories, snapshotDependencies } from '../store/deps.ts';
import { snapshotCachedLicences } from '../store/licence-cache.ts';
import { globalOptions, withStore } from './context.ts';
import { printError, printJsonText, safeJson } from './output.ts';

export function exportCommand(): Command {
  const cyclonedx = new Command('cyclonedx')
    .description('a CycloneDX 1.6 JSON SBOM of one repository (see docs/sbom.md)')
    .argument('[repo]', 'the repository (see `cto repos`); may be omitted when the store holds one')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (repo: string | undefined, flags: { output?: string }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const repos = await currentRepositories(store, repo);
        if (repos.length !== 1)
          throw new CtoError(
            'USAGE',
            repos.length === 0
              ? 'no scanned repository in the store; run `cto scan <path>` first'
              : `name one repository to export (${repos.map((r) => r.name).join(', ')})`,
          );
        const r = repos[0] as (typeof repos)[number];
        const packages = mergePackages(await snapshotDependencies(store, r.snapshotId));
        const bom = buildBom(
          { name: r.name, commit: r.commit, ref: r.ref, timestamp: r.finishedAt },
          packages,
          await snapshotCachedLicences(store, r.snapshotId),
        );
        const text = `${JSON.stringify(bom, null, 2)}\n`;
        if (flags.output) {
          writeFileSync(resolve(flags.output), safeJson(text));
          printError(`${r.name}: ${packages.length} components written to ${flags.output}`);
        } else printJsonText(text);
      });
    });
  return new Command('export')
    .description('export what the store knows in a standard format')
    .addCommand(cyclonedx);
}
