// A big CODEOWNERS (not a test): a one-commit repository of 10,000 small files whose
// .github/CODEOWNERS is about 17 MB (a rule for every file, many times over), scanned in fresh
// workspaces with facts only (the reference) and with every analysis: time and peak RSS of each.
// GitHub does not load a CODEOWNERS of 3 MB or more, and the scan's size cap keeps the tree stage from
// reading it; the analyses must not read it either. Target: analyses add at most the time of the facts
// stage, and little memory.
//   node bench/big-codeowners.ts [megabytes] [--cto path/to/bin/cto.js]
import { join, resolve } from 'node:path';
import { buildRepo, cleanupTemp, tempDir } from '../test/helpers/repo-builder.ts';
import { measuredScan, printComparison } from './big-tree.ts';

const ROOT = resolve(import.meta.dirname, '..');
const FILES = 10_000;

export function bigCodeowners(bytes: number): string {
  const lines = ['# generated: one rule per file and team'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `/services/svc-${i % 50}/module-${i % FILES}/file-${i}.ts @acme/team-${i % 40} owner${i % 97}@example.com`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.main) {
  const megabytes = Number(process.argv[2]?.startsWith('--') ? 17 : (process.argv[2] ?? 17));
  const i = process.argv.indexOf('--cto');
  const cto = resolve(i < 0 ? join(ROOT, 'bin/cto.js') : (process.argv[i + 1] ?? ''));
  const text = bigCodeowners(megabytes * 1_000_000);
  const files: Record<string, string> = { '.github/CODEOWNERS': text };
  for (let f = 0; f < FILES; f++)
    files[`services/svc-${f % 50}/module-${f}/index.ts`] = `export const v = ${f};\n`;
  const repo = buildRepo(join(tempDir('cto-bench-owners-'), 'owners'), [{ files }]);
  console.log(
    `CODEOWNERS: ${(text.length / 1e6).toFixed(1)} MB, ${text.split('\n').length - 2} rules; ${FILES} files`,
  );
  const facts = await measuredScan(cto, repo, ['--no-analyses']);
  const all = await measuredScan(cto, repo, []);
  printComparison(`cto scan with a ${megabytes} MB CODEOWNERS (${cto})`, facts, all);
  cleanupTemp();
}
