import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractProjects } from './extract.ts';
import { type MsBuildFile, parseMsBuild } from './parse.ts';

function collect(files: FileInput[]): CollectorResult {
  const parsed: MsBuildFile[] = [];
  const diagnostics: CollectorResult['diagnostics'] = [];
  for (const { path, content } of files) {
    const fail = (code: string, message: string) =>
      diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      fail('too-large', `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`);
      continue;
    }
    try {
      parsed.push(
        parseMsBuild(path, content.toString('utf8').replace(/^\uFEFF/, ''), DEFAULT_BUDGET.maxDepth),
      );
    } catch (error) {
      fail('parse-error', `not a readable MSBuild file: ${(error as Error).message}`);
    }
  }
  const found = extractProjects(parsed);
  return { ...found, diagnostics: [...diagnostics, ...found.diagnostics] };
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies', 'runtimes'],
  files: ['**/*.{csproj,fsproj,vbproj}', '**/Directory.{Packages,Build}.props'],
  spec: 'https://learn.microsoft.com/en-us/nuget/consume-packages/package-references-in-project-files',
  matches: (path) => /\.(cs|fs|vb)proj$/.test(path) || /(^|\/)Directory\.(Packages|Build)\.props$/.test(path),
  collect,
};
