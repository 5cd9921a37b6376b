// People configuration: explicit aliases, bot patterns and truck-factor exclusions, from the
// `people:` section of cto.yaml or a `people.yaml` file in the workspace (the file wins).
//
//   persons:
//     - name: Ada Lovelace                 # name to show
//       names: [ada, A. Lovelace]
//       emails: [ada@example.com, ada@old.example]
//   bots: ['^ci ', 'jenkins@']             # regular expressions on `name <email>`, case-insensitive
//   exclude: ['docs/', '*.generated.ts']   # files left out of the truck factor (CODEOWNERS patterns)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CtoError } from '../errors.ts';
import { checkPattern } from '../people/codeowners/pattern.ts';
import type { AliasConfig } from '../people/identities/index.ts';
import { officeFile } from './lenient.ts';
import { readYamlFile } from './yaml-file.ts';

const personSchema = z
  .object({
    name: z.string().min(1).optional(),
    names: z.array(z.string().min(1)).default([]),
    emails: z.array(z.string().min(1)).default([]),
  })
  .strict();

const regexSchema = z.string().refine(
  (p) => {
    try {
      new RegExp(p, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const peopleConfigSchema = z
  .object({
    persons: z.array(personSchema).default([]),
    bots: z.array(regexSchema).default([]),
    exclude: z
      .array(z.string().refine((p) => checkPattern(p) === null, { message: 'not a supported path pattern' }))
      .default([]),
  })
  .strict();

interface PeopleConfig {
  aliases: AliasConfig[];
  botPatterns: RegExp[];
  exclude: string[];
}

export const PEOPLE_FILE = 'people.yaml';

/** Validate a parsed `people` section; `source` names it in error messages. */
export function parsePeopleConfig(raw: unknown, source: string): PeopleConfig {
  const parsed = peopleConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError(
      'CONFIG_INVALID',
      `${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const d = parsed.data;
  return {
    aliases: d.persons.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      names: p.name ? [p.name, ...p.names] : p.names,
      emails: p.emails,
    })),
    botPatterns: d.bots.map((b) => new RegExp(b, 'i')),
    exclude: d.exclude,
  };
}

/** The people configuration of a workspace: `people.yaml` if present, else cto.yaml's `people:`. */
export function loadPeopleConfig(workspaceDir: string, config: Record<string, unknown>): PeopleConfig {
  const file = join(workspaceDir, PEOPLE_FILE);
  if (existsSync(file))
    return officeFile(
      () => parsePeopleConfig(readYamlFile(file, peopleConfigSchema, PEOPLE_FILE), PEOPLE_FILE),
      () => parsePeopleConfig(undefined, PEOPLE_FILE),
    );
  return parsePeopleConfig(config.people, 'cto.yaml: people');
}
