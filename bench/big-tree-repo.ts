// A deterministic repository with a big tree for benchmarks: `files` small files (a few lines each,
// every one a distinct blob) in folders of 500 under 20 top-level folders, written by three people in
// three commits (Ada adds the first half, Bob the second, Cy changes every tenth file and adds
// CODEOWNERS, manifests and a Dockerfile). Built once with git fast-import and cached.
import { join } from 'node:path';
import { cachedFastImport } from './synthetic.ts';

const EXTENSIONS = ['ts', 'py', 'go', 'java', 'md', 'json', 'c', 'h', 'rb', 'yaml'] as const;
const TOP = 20;
const PER_FOLDER = 500;

export function bigTreePath(i: number): string {
  const folder = Math.floor(i / PER_FOLDER);
  return `svc-${folder % TOP}/mod-${folder}/file-${i}.${EXTENSIONS[i % EXTENSIONS.length]}`;
}

function body(i: number, version: number): string {
  const ext = EXTENSIONS[i % EXTENSIONS.length];
  if (ext === 'json') return `{ "id": ${i}, "version": ${version} }\n`;
  if (ext === 'md') return `# File ${i}\n\nVersion ${version}.\n`;
  if (ext === 'yaml') return `id: ${i}\nversion: ${version}\n`;
  const comment = ext === 'py' || ext === 'rb' ? '#' : '//';
  return `${comment} file ${i}\nvalue_${i} = ${version}\n\n${comment} end\n`;
}

function blob(path: string, content: string): string {
  return `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
}

function header(mark: number, who: string, email: string, day: number, message: string): string {
  const when = `${Date.UTC(2024, 0, day) / 1000} +0000`;
  const from = mark > 1 ? `from :${mark - 1}\n` : '';
  return (
    `commit refs/heads/main\nmark :${mark}\nauthor ${who} <${email}> ${when}\n` +
    `committer ${who} <${email}> ${when}\ndata ${message.length}\n${message}\n${from}`
  );
}

function extras(): string {
  const owners = [
    '# owners per service',
    '* @org/platform',
    ...Array.from({ length: TOP }, (_, t) => `/svc-${t}/ @org/team-${t % 5}`),
    '*.md @org/docs',
    '**/mod-1*/ @org/core',
  ].join('\n');
  const pkg = JSON.stringify({ name: 'big-tree', version: '1.0.0', dependencies: { express: '^4.18.0' } });
  return (
    blob('.github/CODEOWNERS', `${owners}\n`) +
    blob('package.json', `${pkg}\n`) +
    blob('Dockerfile', 'FROM node:20-alpine\nCMD ["node", "index.js"]\n') +
    blob('go.mod', 'module example.com/big\n\ngo 1.22\n')
  );
}

function* stream(files: number): Generator<string> {
  const half = Math.floor(files / 2);
  const chunk = (from: number, to: number, each: (i: number) => string) => {
    const parts: string[] = [];
    for (let i = from; i < to; i++) parts.push(each(i));
    return parts.join('');
  };
  yield header(1, 'Ada Lovelace', 'ada@example.com', 1, 'first half');
  for (let i = 0; i < half; i += 10_000)
    yield chunk(i, Math.min(half, i + 10_000), (k) => blob(bigTreePath(k), body(k, 1)));
  yield '\n';
  yield header(2, 'Bob Builder', 'bob@example.com', 2, 'second half');
  for (let i = half; i < files; i += 10_000)
    yield chunk(i, Math.min(files, i + 10_000), (k) => blob(bigTreePath(k), body(k, 1)));
  yield '\n';
  yield header(3, 'Cy Young', 'cy@example.com', 3, 'every tenth file, owners and manifests');
  yield extras();
  for (let i = 0; i < files; i += 100_000) {
    yield chunk(i, Math.min(files, i + 100_000), (k) =>
      k % 10 === 0 ? blob(bigTreePath(k), body(k, 2)) : '',
    );
  }
  yield '\n';
}

/** Path of the bare repository with `files` files under `cacheDir`, built on first use. */
export function bigTreeRepository(cacheDir: string, files: number): Promise<string> {
  return cachedFastImport(join(cacheDir, `big-tree-${files}.git`), stream(files));
}

if (import.meta.main) {
  const files = Number(process.argv[2] ?? 1_000_000);
  const started = Date.now();
  const dir = await bigTreeRepository(join(import.meta.dirname, '..', '.cto', 'bench'), files);
  console.log(`${dir} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
