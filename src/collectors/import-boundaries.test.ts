// Collectors are one flat floor: a file of a collector folder imports from its own folder, from the
// shared modules beside the folders (src/collectors/*.ts) and from the rest of src/, never from
// another collector folder nor from the registry (which imports them all). Shared modules import
// from no collector folder. Import specifiers are read with a TypeScript parser (oxc, through
// rolldown): static imports and re-exports, type-only imports, import() and `import('...')` types.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, tsFiles } from '../../test/helpers/import-specifiers.ts';

const here = import.meta.dirname;

const folders = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** The collector folder a path lies in, or null for a shared module or anything outside. */
function folderOf(path: string): string | null {
  const [first, ...rest] = relative(here, path).split('/');
  return rest.length > 0 && first !== '..' && folders.includes(first!) ? first! : null;
}

/** `file -> specifier` for each relative import of `file` that `forbidden` rejects. */
function offending(files: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importSpecifiers(file, readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.') && forbidden(resolve(dirname(file), s), file))
      .map((s) => `${relative(here, file)} -> ${s}`),
  );
}

describe('collector folders are one flat floor', () => {
  it('reads every kind of import specifier', () => {
    const text = [
      "import type { A } from '../a/x.ts';",
      "import { type B, c } from '../b/x.ts';",
      "export type { C } from '../c/x.ts';",
      "export * from '../d/x.ts';",
      "import '../e/x.ts';",
      "const f = await import('../f/x.ts');",
      "type G = import('../g/x.ts').G;",
      "const h: Array<typeof import('../h/x.ts')> = [];",
    ].join('\n');
    expect(importSpecifiers('x.ts', text).sort()).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((d) => `../${d}/x.ts`),
    );
  });

  it('no file of a collector folder imports from another collector folder or the registry', () => {
    const files = folders.flatMap((f) => tsFiles(join(here, f)));
    expect(files.length).toBeGreaterThan(folders.length);
    const bad = offending(files, (target, file) => {
      const to = folderOf(target);
      return (to !== null && to !== folderOf(file)) || target === join(here, 'registry.ts');
    });
    expect(bad).toEqual([]);
  });

  it('shared modules beside the folders import from no collector folder', () => {
    const shared = readdirSync(here)
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && n !== 'registry.ts')
      .map((n) => join(here, n));
    expect(offending(shared, (target) => folderOf(target) !== null)).toEqual([]);
  });
});
