// Reads endoflife.date product data in its two published shapes: `products.json` (the front matter of
// every product page, keyed by product) and the API v1 product document
// (`https://endoflife.date/api/v1/products/<product>`: `{ result: { name, label, identifiers, releases } }`).
import { z } from 'zod';
import type { EolCycle, EolIdentifier, EolProduct, Phase } from './model.ts';

const phase = z.union([z.string(), z.boolean()]).nullish();

const frontMatterRelease = z.looseObject({
  releaseCycle: z.coerce.string(),
  releaseDate: z.string().nullish(),
  lts: phase,
  eoas: phase,
  eol: phase,
  eoes: phase,
  latest: z.coerce.string().nullish(),
});

const frontMatter = z.looseObject({
  title: z.string().optional(),
  identifiers: z.array(z.record(z.string(), z.string())).optional(),
  releases: z.array(frontMatterRelease).default([]),
});

const apiRelease = z.looseObject({
  name: z.coerce.string(),
  releaseDate: z.string().nullish(),
  isLts: z.boolean().nullish(),
  ltsFrom: z.string().nullish(),
  isEoas: z.boolean().nullish(),
  eoasFrom: z.string().nullish(),
  isEol: z.boolean().nullish(),
  eolFrom: z.string().nullish(),
  isEoes: z.boolean().nullish(),
  eoesFrom: z.string().nullish(),
  latest: z.looseObject({ name: z.coerce.string() }).nullish(),
});

const apiProduct = z.looseObject({
  result: z.looseObject({
    name: z.string(),
    label: z.string().optional(),
    identifiers: z.array(z.looseObject({ type: z.string(), id: z.string() })).default([]),
    releases: z.array(apiRelease).default([]),
  }),
});

/** Products from `products.json` (`{ "<key>": <front matter> }`). Products that do not parse are skipped. */
export function loadProductsJson(json: unknown): { products: EolProduct[]; skipped: string[] } {
  const products: EolProduct[] = [];
  const skipped: string[] = [];
  for (const [key, value] of Object.entries(z.record(z.string(), z.unknown()).parse(json))) {
    const parsed = frontMatter.safeParse(value);
    if (!parsed.success) {
      skipped.push(key);
      continue;
    }
    const identifiers: EolIdentifier[] = (parsed.data.identifiers ?? []).flatMap((entry) =>
      Object.entries(entry).map(([type, id]) => ({ type, id })),
    );
    const cycles: EolCycle[] = parsed.data.releases.map((r) => ({
      name: r.releaseCycle,
      releaseDate: r.releaseDate ?? null,
      lts: r.lts ?? null,
      eoas: r.eoas ?? null,
      eol: r.eol ?? null,
      eoes: r.eoes ?? null,
      latest: r.latest ?? null,
    }));
    products.push({ key, label: parsed.data.title ?? key, identifiers, cycles });
  }
  return { products, skipped };
}

/** A date when the API gives one, else its boolean, else null. */
const apiPhase = (from: string | null | undefined, is: boolean | null | undefined): Phase =>
  from ?? is ?? null;

/** One product from the API v1 document. Throws a zod error when the document is not of that shape. */
export function loadApiProduct(json: unknown): EolProduct {
  const { result } = apiProduct.parse(json);
  return {
    key: result.name,
    label: result.label ?? result.name,
    identifiers: result.identifiers.map((i) => ({ type: i.type, id: i.id })),
    cycles: result.releases.map((r) => ({
      name: r.name,
      releaseDate: r.releaseDate ?? null,
      lts: apiPhase(r.ltsFrom, r.isLts),
      eoas: apiPhase(r.eoasFrom, r.isEoas),
      eol: apiPhase(r.eolFrom, r.isEol),
      eoes: apiPhase(r.eoesFrom, r.isEoes),
      latest: r.latest?.name ?? null,
    })),
  };
}
