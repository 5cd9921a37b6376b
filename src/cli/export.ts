// `cto export cyclonedx [repo]`: a repository's packages as a CycloneDX 1.6 JSON SBOM, with the
// register's vulnerabilities and their analysis; `cto export openvex` and `cto export cyclonedx-vex`:
// the vulnerability decisions as VEX (docs/sbom.md, docs/risk.md#vex).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import { updateRegister } from '../risk/register-update.ts';
import { cyclonedxVex, cyclonedxVulnerabilities, openVexDocument } from '../risk/vex.ts';
import { buildBom, sbomSerial } from '../sbom/cyclonedx.ts';
import { mergePackages } from '../sbom/packages.ts';
import { type CurrentRepository, currentRepositories, snapshotDependencies } from '../store/deps.ts';
import { snapshotCachedLicences } from '../store/licence-cache.ts';
import { registerRows } from '../store/risks.ts';
import { nowIso, type Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, withExistingStoreToUpdate } from './context.ts';
import { printError, printJsonText, safeJson } from './output.ts';

interface OutputFlags {
  output?: string;
}

function write(doc: Record<string, unknown>, flags: OutputFlags, summary: string): void {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (flags.output) {
    writeFileSync(resolve(flags.output), safeJson(text));
    printError(`${summary} written to ${flags.output}`);
  } else printJsonText(text);
}

export async function oneRepository(store: Store, repo: string | undefined): Promise<CurrentRepository> {
  const repos = await currentRepositories(store, repo);
  if (repos.length !== 1)
    throw new CtoError(
      'USAGE',
      repos.length === 0
        ? 'no scanned repository in the store; run `cto scan <path>` first'
        : `name one repository to export (${repos.map((r) => r.name).join(', ')})`,
    );
  return repos[0] as CurrentRepository;
}

/** The register's rows of these repositories, brought up to date with their problems and risks.yaml. */
async function registerOf(store: Store, ws: Workspace, repository: string | undefined) {
  await updateRegister(store, ws, { repository, at: nowIso() });
  return registerRows(store, repository === undefined ? undefined : [repository]);
}

/** The register's rows of these repositories as they stand (the server reads them as the last scan left them). */
type RegisterRows = Awaited<ReturnType<typeof registerRows>>;

/** `cto export cyclonedx`'s document: one repository's SBOM with the open vulnerabilities of its register rows. */
export async function cyclonedxExport(
  store: Store,
  r: CurrentRepository,
  register: RegisterRows,
): Promise<{ doc: Record<string, unknown>; components: number; vulnerabilities: number }> {
  const packages = mergePackages(await snapshotDependencies(store, r.snapshotId));
  const bom = buildBom(
    { name: r.name, commit: r.commit, ref: r.ref, timestamp: r.finishedAt },
    packages,
    await snapshotCachedLicences(store, r.snapshotId),
  );
  const refs = new Map(
    (bom.components as Array<{ purl?: string; 'bom-ref': string }>).flatMap((c) =>
      c.purl ? [[c.purl, c['bom-ref']] as const] : [],
    ),
  );
  const rows = register.filter((x) => x.status !== 'closed');
  const vulnerabilities = cyclonedxVulnerabilities(rows, (purl) => refs.get(purl) ?? null);
  if (vulnerabilities.length > 0) bom.vulnerabilities = vulnerabilities;
  return { doc: bom, components: packages.length, vulnerabilities: vulnerabilities.length };
}

/** `cto export openvex`'s document: the statements of these repositories' register rows. */
export function openVexExport(
  repos: readonly CurrentRepository[],
  register: RegisterRows,
  author: string,
): Record<string, unknown> {
  const products = repos.map((r) => ({ repository: r.name, commit: r.commit }));
  return openVexDocument(register, products, author, nowIso());
}

/** `cto export cyclonedx-vex`'s document: one repository's vulnerability decisions. */
export function cyclonedxVexExport(r: CurrentRepository, register: RegisterRows): Record<string, unknown> {
  const product = { repository: r.name, commit: r.commit };
  return cyclonedxVex(register, product, sbomSerial({ name: r.name, commit: r.commit }), nowIso());
}

function cyclonedxCommand(): Command {
  return new Command('cyclonedx')
    .description('a CycloneDX 1.6 JSON SBOM of one repository, with its vulnerabilities (see docs/sbom.md)')
    .argument('[repo]', 'the repository (see `cto repos`); may be omitted when the store holds one')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (repo: string | undefined, flags: OutputFlags, cmd: Command) => {
      await withExistingStoreToUpdate(globalOptions(cmd), async (store, ws) => {
        const r = await oneRepository(store, repo);
        const out = await cyclonedxExport(store, r, await registerOf(store, ws, r.name));
        write(
          out.doc,
          flags,
          `${r.name}: ${out.components} components, ${out.vulnerabilities} vulnerabilities`,
        );
      });
    });
}

function openVexCommand(): Command {
  return new Command('openvex')
    .description(
      'the vulnerability decisions of the risk register as an OpenVEX 0.2.0 document (see docs/risk.md)',
    )
    .argument('[repo]', 'only this repository (see `cto repos`); all when omitted')
    .option('--author <name>', 'who issues the statements (default: cto)', 'cto')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (repo: string | undefined, flags: OutputFlags & { author: string }, cmd: Command) => {
      await withExistingStoreToUpdate(globalOptions(cmd), async (store, ws) => {
        const repos = await currentRepositories(store, repo);
        const rows = await registerOf(store, ws, repo === undefined ? undefined : repos[0]?.name);
        const doc = openVexExport(repos, rows, flags.author);
        write(doc, flags, `${(doc.statements as unknown[]).length} statements`);
      });
    });
}

function cyclonedxVexCommand(): Command {
  return new Command('cyclonedx-vex')
    .description(
      'the vulnerability decisions of one repository as a CycloneDX 1.6 VEX document (see docs/risk.md)',
    )
    .argument('[repo]', 'the repository (see `cto repos`); may be omitted when the store holds one')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (repo: string | undefined, flags: OutputFlags, cmd: Command) => {
      await withExistingStoreToUpdate(globalOptions(cmd), async (store, ws) => {
        const r = await oneRepository(store, repo);
        const doc = cyclonedxVexExport(r, await registerOf(store, ws, r.name));
        write(doc, flags, `${r.name}: ${(doc.vulnerabilities as unknown[]).length} vulnerabilities`);
      });
    });
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export what the store knows in a standard format')
    .addCommand(cyclonedxCommand())
    .addCommand(openVexCommand())
    .addCommand(cyclonedxVexCommand());
}
