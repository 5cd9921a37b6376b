// JSON Schema validation with ajv (and ajv-formats): the CycloneDX 1.6 schema as
// @cyclonedx/cyclonedx-library ships it, or any schema a test gives.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

interface Validator {
  (doc: unknown): boolean;
  errors?: unknown[] | null;
}

function newAjv() {
  const Ajv = require('ajv').default;
  const addFormats = require('ajv-formats').default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** A validator for `schema` (draft 7), with the standard formats. */
export function schemaValidator(schema: object): Validator {
  return newAjv().compile(schema);
}

export function cyclonedxValidator(): Validator {
  const dir = join(require.resolve('@cyclonedx/cyclonedx-library/package.json'), '..', 'res', 'schema');
  const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const ajv = newAjv();
  for (const f of ['idn-email', 'iri-reference']) ajv.addFormat(f, true);
  for (const f of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json'])
    ajv.addSchema({ ...load(f), $id: `http://cyclonedx.org/schema/${f}` });
  return ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
}
