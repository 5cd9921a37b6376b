// PackageReference items with versions from the item, Directory.Packages.props (central package
// management, nearest ancestor) or VersionOverride; `$(Property)` from the file's own properties or
// the central file's. TargetFramework(s) -> Runtime dotnet.
import { posix } from 'node:path';
import type { Dependency, Diagnostic, Runtime } from '../types.ts';
import type { MsBuildFile, PackageItem } from './parse.ts';

export const COLLECTOR_ID = 'nuget-project';

const expand = (value: string, props: Record<string, string>) =>
  value.replace(/\$\(([\w.-]+)\)/g, (whole, name: string) => props[name] ?? whole);
const isExact = (v: string) => v !== '' && !/[[\]()*,$&]/.test(v);

function nearestCentral(path: string, centrals: Map<string, MsBuildFile>): MsBuildFile | undefined {
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const found = centrals.get(dir);
    if (found || dir === '.' || dir === '/') return found;
  }
}

function dependency(file: MsBuildFile, item: PackageItem, requirement: string | null): Dependency {
  return {
    ecosystem: 'NuGet',
    name: item.name,
    version: requirement && isExact(requirement) ? requirement : null,
    requirement,
    direct: true,
    scope: item.privateAssets?.toLowerCase() === 'all' ? 'build' : 'prod',
    manifestPath: file.path,
  };
}

/**
 * A target framework is the .NET the project is built for and runs on (a pin); `netstandardX.Y` is
 * an API surface that many runtimes implement, so it only sets a floor.
 */
function frameworks(file: MsBuildFile): Runtime[] {
  const runtimes: Runtime[] = [];
  for (const key of ['TargetFramework', 'TargetFrameworks', 'TargetFrameworkVersion']) {
    for (const tfm of (file.properties[key] ?? '').split(';').map((s) => s.trim())) {
      if (!tfm || tfm.includes('$(')) continue;
      const role = /^netstandard/i.test(tfm) ? 'floor' : 'pin';
      runtimes.push({ kind: 'dotnet', version: tfm, path: file.path, source: key, role });
    }
  }
  return runtimes;
}

export function extractProjects(files: MsBuildFile[]) {
  const centrals = new Map(
    files
      .filter((f) => posix.basename(f.path) === 'Directory.Packages.props')
      .map((f) => [posix.dirname(f.path), f]),
  );
  const dependencies: Dependency[] = [];
  const runtimes: Runtime[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const central = nearestCentral(file.path, centrals);
    const props = { ...central?.properties, ...file.properties };
    const centralVersions = new Map(
      (central?.items ?? [])
        .filter((i) => i.kind === 'PackageVersion')
        .map((i) => [i.name.toLowerCase(), i.version]),
    );
    for (const item of file.items) {
      if (item.kind === 'PackageVersion' || (item.update && item.version === null)) continue;
      const raw =
        item.versionOverride ?? item.version ?? centralVersions.get(item.name.toLowerCase()) ?? null;
      const requirement = raw === null ? null : expand(raw, props);
      if (requirement === null || requirement.includes('$(')) {
        const message = `${item.name} has ${requirement ? `version ${requirement} with an unknown property` : 'no version here or in Directory.Packages.props'}`;
        diagnostics.push({
          path: file.path,
          collector: COLLECTOR_ID,
          code: 'unresolved-version',
          message,
          severity: 'warning',
        });
      }
      dependencies.push(dependency(file, item, requirement));
    }
    runtimes.push(...frameworks(file));
  }
  return { dependencies, runtimes, diagnostics };
}
