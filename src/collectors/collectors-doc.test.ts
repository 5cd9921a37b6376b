// docs/collectors.md is generated from the registry: each collector's files, what it emits and its
// specification. After changing a collector: npx vitest run src/collectors/collectors-doc.test.ts -u
import { expect, test } from 'vitest';
import { COLLECTORS } from './registry.ts';
import type { FileCollector } from './types.ts';

function row(c: FileCollector): string {
  const files = c.files.map((f) => `\`${f}\``).join(', ');
  const spec = `[${new URL(c.spec).host}](${c.spec})`;
  return `| \`${c.id}\` | ${files} | ${c.emits.join(', ')} | ${spec} |`;
}

function page(collectors: readonly FileCollector[]): string {
  return [
    '# Collectors',
    '',
    '<!-- Generated from src/collectors/registry.ts by src/collectors/collectors-doc.test.ts: do not edit. -->',
    '',
    'A collector reads one kind of file from the committed tree of each snapshot and emits facts and',
    'diagnostics ([scan.md](scan.md)). Facts are of three kinds, one table each in the store:',
    '**dependencies** (packages a manifest or lockfile states; `cto deps`), **runtimes** (language',
    'runtime and tool versions asked for; `cto eol`) and **images** (container images, CI actions,',
    'infrastructure providers and modules; `cto eol`, `cto tech`). A collector declares the kinds it',
    'emits, and the registry tests fail when it emits another. The patterns are globs of the paths a',
    'collector reads (`**/` is any folder); lockfile collectors also read the manifest beside the',
    'lockfile; nothing under `node_modules/` is read as an npm manifest or lockfile; `kubernetes`',
    'reads YAML files other than CI, Compose, Helm and other known YAML files, and keeps the documents',
    'that are Kubernetes objects.',
    '',
    '| collector | files | emits | specification |',
    '| --- | --- | --- | --- |',
    ...collectors.map(row),
    '',
  ].join('\n');
}

test('docs/collectors.md lists every registered collector as the registry declares it', async () => {
  await expect(page(COLLECTORS)).toMatchFileSnapshot('../../docs/collectors.md');
});
