import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/nuget-project/${name}`, import.meta.url)),
});
const central = [
  fixture('central/Directory.Packages.props', 'Directory.Packages.props'),
  fixture('central/src/Api/Api.csproj', 'src/Api/Api.csproj'),
  fixture('central/tests/Api.Tests/Api.Tests.fsproj', 'tests/Api.Tests/Api.Tests.fsproj'),
];
const line = (d: {
  manifestPath: string;
  name: string;
  version: string | null;
  requirement?: string | null;
  scope: string;
}) => `${d.manifestPath} ${d.name} ${d.version} ${d.requirement} ${d.scope}`;

describe('nuget-project', () => {
  it('matches project files and the Directory props files', () => {
    for (const p of [
      'a/App.csproj',
      'B.fsproj',
      'C.vbproj',
      'Directory.Packages.props',
      'x/Directory.Build.props',
    ]) {
      expect(collector.matches(p)).toBe(true);
    }
    expect(collector.matches('App.sln')).toBe(false);
    expect(collector.matches('packages.config')).toBe(false);
  });

  it('takes versions from the item, VersionOverride or central package management', () => {
    const result = collector.collect(central);
    expect(result.dependencies!.map(line)).toEqual([
      'Directory.Packages.props Nerdbank.GitVersioning 3.6.133 3.6.133 prod',
      'src/Api/Api.csproj Microsoft.EntityFrameworkCore 8.0.4 8.0.4 prod',
      'src/Api/Api.csproj Serilog.AspNetCore 8.0.0 8.0.0 prod',
      'src/Api/Api.csproj Newtonsoft.Json null [13.0.1,14.0) prod',
      'src/Api/Api.csproj StyleCop.Analyzers 1.2.0-beta.556 1.2.0-beta.556 build',
      'src/Api/Api.csproj Missing.Package null null prod',
      'tests/Api.Tests/Api.Tests.fsproj xunit 2.7.0 2.7.0 prod',
      'tests/Api.Tests/Api.Tests.fsproj FsCheck 2.16.6 2.16.6 prod',
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'src/Api/Api.csproj unresolved-version',
    ]);
  });

  it('a .NET Standard target is a floor, not the runtime in use', () => {
    const project =
      '<Project><PropertyGroup><TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks></PropertyGroup></Project>';
    const runtimes = collector.collect([{ path: 'Lib.csproj', content: Buffer.from(project) }]).runtimes!;
    expect(runtimes.map((r) => `${r.version} ${r.role}`)).toEqual(['netstandard2.0 floor', 'net8.0 pin']);
  });

  it('reports target frameworks as .NET runtimes', () => {
    const runtimes = collector.collect([...central, fixture('Legacy.vbproj')]).runtimes!;
    expect(runtimes.map((r) => `${r.path} ${r.version} ${r.source} ${r.role}`)).toEqual([
      'src/Api/Api.csproj net8.0 TargetFrameworks pin',
      'src/Api/Api.csproj net6.0 TargetFrameworks pin',
      'tests/Api.Tests/Api.Tests.fsproj net8.0 TargetFramework pin',
      'Legacy.vbproj v4.7.2 TargetFrameworkVersion pin',
    ]);
  });

  it('expands $(Property) versions and reports unknown ones', () => {
    const result = collector.collect([fixture('Legacy.vbproj')]);
    expect(result.dependencies!.map(line)).toEqual([
      'Legacy.vbproj Dapper 2.1.35 2.1.35 prod',
      'Legacy.vbproj log4net null $(Log4NetVersion) prod',
    ]);
    expect(result.diagnostics[0]).toMatchObject({ code: 'unresolved-version', collector: 'nuget-project' });
  });

  it('does not expand entities and reports malformed or huge files', () => {
    const result = collector.collect([
      {
        path: 'a.csproj',
        content: Buffer.from(
          '<!DOCTYPE x [<!ENTITY v "9.9.9">]><Project><ItemGroup><PackageReference Include="A" Version="&v;" /></ItemGroup></Project>',
        ),
      },
      { path: 'b.csproj', content: Buffer.from('<Project><ItemGroup><PackageReference Include="A"') },
      { path: 'c.csproj', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
      { path: 'd.csproj', content: Buffer.from('{"not": "xml"}') },
    ]);
    expect(result.dependencies!.map((d) => `${d.name} ${d.version} ${d.requirement}`)).toEqual([
      'A null &v;',
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'b.csproj parse-error',
      'c.csproj too-large',
      'd.csproj parse-error',
    ]);
  });
});
