// docs/schemas/*.json are the office schemas as zod converts them: regenerate with
// `UPDATE_SCHEMAS=1 npx vitest run src/schemas.test.ts` after changing a schema.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { schemaValidator } from '../test/helpers/json-schema.ts';
import { officeJsonSchemas } from './schemas.ts';

const DIR = join(import.meta.dirname, '../docs/schemas');

test('the committed JSON Schemas are the office zod schemas, converted', () => {
  const schemas = officeJsonSchemas();
  if (process.env.UPDATE_SCHEMAS) {
    mkdirSync(DIR, { recursive: true });
    for (const [file, text] of Object.entries(schemas)) writeFileSync(join(DIR, file), text);
  }
  for (const [file, text] of Object.entries(schemas)) {
    expect(existsSync(join(DIR, file)), `docs/schemas/${file}`).toBe(true);
    expect(JSON.parse(readFileSync(join(DIR, file), 'utf8')), file).toEqual(JSON.parse(text));
  }
});

test('an editor using them accepts a good file and rejects a misspelt key, as cto does', () => {
  const schemas = officeJsonSchemas();
  const validate = (file: string, yaml: string) =>
    schemaValidator(JSON.parse(schemas[file] as string))(parse(yaml));
  expect(validate('teams.schema.json', 'teams:\n  - name: web\n    owns: [shop]\n')).toBe(true);
  expect(validate('teams.schema.json', 'teams:\n  - name: web\n    member: [a]\n')).toBe(false);
  expect(
    validate('radar-item.schema.json', 'title: Java\nring: hold\nquadrant: tools\ntechnology: java\n'),
  ).toBe(true);
  expect(validate('radar-item.schema.json', 'title: Java\nfeatures: true\n')).toBe(false);
  expect(validate('cto.schema.json', 'radar:\n  rings: [{ id: adopt }]\n')).toBe(true);
  expect(validate('cto.schema.json', 'radar:\n  ring: []\n')).toBe(false);
  expect(
    validate('vendors.schema.json', 'vendors:\n  - vendor: Datadog\n    technologies: [datadog]\n'),
  ).toBe(true);
  expect(validate('vendors.schema.json', 'vendors:\n  - vendor: Datadog\n    renewl: 2027-01-01\n')).toBe(
    false,
  );
  expect(validate('sources.schema.json', 'sources:\n  - github: acme\n    token: GITHUB_TOKEN\n')).toBe(true);
  expect(validate('sources.schema.json', 'sources:\n  - github: acme\n    tokn: GITHUB_TOKEN\n')).toBe(false);
});
