// Path-based vendored, documentation and generated rules (data/path-rules.yaml).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

type PathRuleKind = 'vendored' | 'documentation' | 'generated';

const patterns = z.array(z.string().min(1));

const pathRulesFileSchema = z
  .object({ vendored: patterns, documentation: patterns, generated: patterns })
  .strict();

type PathRules = Record<PathRuleKind, RegExp>;

/** One alternation per kind: one regular expression test per file and kind. */
export function compilePathRules(text: string): PathRules {
  const file = pathRulesFileSchema.parse(parse(text));
  const join = (list: string[]): RegExp => new RegExp(list.map((p) => `(?:${p})`).join('|'));
  return {
    vendored: join(file.vendored),
    documentation: join(file.documentation),
    generated: join(file.generated),
  };
}

const rules = compilePathRules(readFileSync(new URL('./data/path-rules.yaml', import.meta.url), 'utf8'));

export function matchesPathRule(kind: PathRuleKind, path: string): boolean {
  return rules[kind].test(path);
}
