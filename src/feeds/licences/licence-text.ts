// Which licence a LICENSE file's text is: a minimal phrase matcher for the common licences
// (licence-texts.json), used where a registry has no licence field (Go modules). No maintained npm
// library identifies licence texts, so this stays small and strict: every phrase of one licence
// must be present and none of its exclusions; no match, or matches naming different licences,
// is "not recognised" (null), never a guess.
import { createRequire } from 'node:module';
import { z } from 'zod';

const schema = z.object({
  licences: z.array(z.object({ id: z.string(), all: z.array(z.string()).min(1), none: z.array(z.string()) })),
});
type Rule = z.infer<typeof schema>['licences'][number];
let rules: Rule[] | undefined;

function loadRules(): Rule[] {
  rules ??= schema.parse(createRequire(import.meta.url)('./licence-texts.json')).licences;
  return rules;
}

/** Lower case; every run of characters other than letters and digits becomes one space. */
function comparable(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** The SPDX id of the licence the text is, or null when it is none of the known texts or several. */
export function identifyLicenceText(text: string): string | null {
  const t = comparable(text);
  const has = (phrase: string) => t.includes(` ${phrase} `);
  const ids = new Set(
    loadRules()
      .filter((r) => r.all.every(has) && !r.none.some(has))
      .map((r) => r.id),
  );
  return ids.size === 1 ? ([...ids][0] as string) : null;
}
