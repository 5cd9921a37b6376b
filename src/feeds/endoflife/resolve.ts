// Maps what a scan found (a runtime kind, a container image, a package purl) to an endoflife.date
// product: first the alias data file, then the product's own identifiers (purl, repology), then a
// product key equal to the name.
import { normaliseImageName, withoutTag } from '../../collectors/image-ref.ts';
import aliases from './aliases.json' with { type: 'json' };
import type { EolProduct } from './model.ts';

export type EolSubject =
  | { kind: 'runtime'; name: string }
  | { kind: 'image'; name: string }
  | { kind: 'package'; purl: string };

interface EolCatalog {
  byKey: Map<string, EolProduct>;
  /** purl without version, qualifiers or subpath, lower case -> product key. */
  byPurl: Map<string, string>;
  byRepology: Map<string, string>;
}

const RUNTIME_ALIASES: Record<string, string> = aliases.runtime;
const IMAGE_ALIASES: Record<string, string> = aliases.image;
const PACKAGE_ALIASES: Record<string, string> = aliases.package;

/** The products that are language runtimes (`nodejs`, `python`, `go`, ...): what a runtime kind names. */
export const RUNTIME_PRODUCTS: ReadonlySet<string> = new Set(Object.values(RUNTIME_ALIASES));

function purlBase(purl: string): string {
  return purl
    .toLowerCase()
    .split(/[?#]/)[0]!
    .replace(/@[^/]*$/, '');
}

export function buildCatalog(products: EolProduct[]): EolCatalog {
  const catalog: EolCatalog = { byKey: new Map(), byPurl: new Map(), byRepology: new Map() };
  for (const p of products) {
    catalog.byKey.set(p.key, p);
    for (const id of p.identifiers) {
      const map = id.type === 'purl' ? catalog.byPurl : id.type === 'repology' ? catalog.byRepology : null;
      const value = id.type === 'purl' ? purlBase(id.id) : id.id.toLowerCase();
      if (map && !map.has(value)) map.set(value, p.key);
    }
  }
  return catalog;
}

function resolveImage(catalog: EolCatalog, image: string): string | undefined {
  const name = normaliseImageName(withoutTag(image.trim()));
  const short = name.replace(/^library\//, '');
  return (
    IMAGE_ALIASES[short] ??
    catalog.byPurl.get(`pkg:docker/${name}`) ??
    (catalog.byKey.has(short) ? short : undefined)
  );
}

/** The product for a runtime, image or package, or null when none is known. */
export function resolveProduct(catalog: EolCatalog, subject: EolSubject): EolProduct | null {
  let key: string | undefined;
  if (subject.kind === 'runtime') {
    const name = subject.name.toLowerCase();
    key = RUNTIME_ALIASES[name] ?? catalog.byRepology.get(name) ?? name;
  } else if (subject.kind === 'image') {
    key = resolveImage(catalog, subject.name);
  } else {
    const base = purlBase(subject.purl);
    key = catalog.byPurl.get(base) ?? PACKAGE_ALIASES[base];
  }
  return (key && catalog.byKey.get(key)) || null;
}
