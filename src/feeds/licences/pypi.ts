// PyPI's JSON API `info`: the licence as the project states it, best statement first:
// `license_expression` (PEP 639), then a short `license` text that reads as SPDX, then the one
// licence classifier when it names a licence and its version (pypi-classifiers.json), then whatever
// short text there is (kept, read as unknown). A `license` field holding a whole licence text is not
// a statement cto reads.
import { createRequire } from 'node:module';
import { z } from 'zod';
import { normaliseLicence } from '../../licences/normalise.ts';

const schema = z.object({ classifiers: z.record(z.string(), z.string()) });
let table: Map<string, string> | undefined;

function classifierIds(): Map<string, string> {
  table ??= new Map(
    Object.entries(schema.parse(createRequire(import.meta.url)('./pypi-classifiers.json')).classifiers),
  );
  return table;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
/** A one-line statement, not a licence's full text. */
const short = (v: string | null) => (v !== null && v.length <= 120 && !/[\r\n]/.test(v) ? v : null);

export function pypiLicence(info: Record<string, unknown>): string | null {
  const expression = str(info.license_expression);
  if (expression) return expression;
  const text = short(str(info.license));
  if (text && normaliseLicence(text).expression) return text;
  const classifiers = Array.isArray(info.classifiers)
    ? info.classifiers.filter(
        (c): c is string => typeof c === 'string' && c.startsWith('License ::') && c.split('::').length >= 3,
      )
    : [];
  const only = classifiers.length === 1 ? (classifiers[0] as string) : null;
  const id = only ? classifierIds().get(only) : undefined;
  if (id) return id;
  return text ?? (classifiers.length > 0 ? classifiers.join('; ') : null);
}
