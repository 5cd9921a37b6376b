// The office files' zod schemas published as JSON Schema for editors (docs/schemas/, docs/office.md):
// the same schemas that check the files, converted by zod's own z.toJSONSchema. Rules a JSON Schema
// cannot say (a pattern that must compile, a date after another) are only checked by cto.
import { z } from 'zod';
import { loadTechnologies } from './analyses/technologies/match.ts';
import { sourcesFileSchema } from './fleet/sources-config.ts';
import { frontMatterSchema } from './office/decisions/schema.ts';
import { experimentSchema } from './office/experiments/schema.ts';
import { objectivesFileSchema } from './office/objectives/schema.ts';
import { peopleConfigSchema } from './office/people.ts';
import { radarItemSchema } from './office/radar/item.ts';
import { teamsFileSchema } from './office/teams.ts';
import { vendorsFileSchema } from './office/vendors.ts';
import { risksFileSchema } from './risk/decisions.ts';
import { configSchema } from './workspace.ts';

const SCHEMAS: Record<string, { title: string; schema: z.ZodType }> = {
  'cto.schema.json': { title: 'cto.yaml', schema: configSchema },
  'teams.schema.json': { title: 'teams.yaml', schema: teamsFileSchema },
  'people.schema.json': { title: 'people.yaml', schema: peopleConfigSchema },
  'risks.schema.json': { title: 'risks.yaml', schema: risksFileSchema },
  'objectives.schema.json': { title: 'objectives.yaml', schema: objectivesFileSchema },
  'radar-item.schema.json': { title: 'radar/<release>/<item>.md front matter', schema: radarItemSchema },
  'decision.schema.json': { title: 'decisions/NNNN-*.md front matter (MADR 4)', schema: frontMatterSchema },
  'experiment.schema.json': { title: 'experiments/*.md front matter', schema: experimentSchema },
  'vendors.schema.json': {
    title: 'vendors.yaml',
    schema: vendorsFileSchema(new Set(loadTechnologies().map((t) => t.id))),
  },
  'sources.schema.json': { title: 'sources.yaml', schema: sourcesFileSchema },
};

/** File name (under docs/schemas/) -> JSON Schema text, as committed. */
export function officeJsonSchemas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SCHEMAS).map(([file, { title, schema }]) => {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
      return [file, `${JSON.stringify({ ...json, title }, null, 2)}\n`];
    }),
  );
}
