// Picks one language among the candidates Linguist gives for an extension (data/heuristics.yaml).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const pattern = z.union([z.string(), z.array(z.string()).min(1)]);

const ruleSchema = z.object({ language: z.string(), pattern, not: z.string().optional() }).strict();

const heuristicsFileSchema = z
  .object({
    preferred: z.array(z.string()),
    extensions: z.record(
      z.string().regex(/^\./),
      z.object({ rules: z.array(ruleSchema).default([]), default: z.string() }).strict(),
    ),
  })
  .strict();

interface CompiledRule {
  language: string;
  any: RegExp[];
  not: RegExp | null;
}

interface ExtensionRules {
  rules: CompiledRule[];
  fallback: string;
}

/** How much of a file the rules look at. */
const SAMPLE_BYTES = 50_000;

function compileHeuristics(text: string): {
  extensions: Map<string, ExtensionRules>;
  preferred: string[];
} {
  const file = heuristicsFileSchema.parse(parse(text));
  const extensions = new Map<string, ExtensionRules>();
  for (const [ext, entry] of Object.entries(file.extensions)) {
    const rules = entry.rules.map((r) => ({
      language: r.language,
      any: (Array.isArray(r.pattern) ? r.pattern : [r.pattern]).map((p) => new RegExp(p, 'm')),
      not: r.not === undefined ? null : new RegExp(r.not, 'm'),
    }));
    extensions.set(ext, { rules, fallback: entry.default });
  }
  return { extensions, preferred: file.preferred };
}

const compiled = compileHeuristics(readFileSync(new URL('./data/heuristics.yaml', import.meta.url), 'utf8'));

/** Every language the heuristics file names (checked against Linguist's list by a test). */
export function heuristicLanguages(): string[] {
  const names = new Set(compiled.preferred);
  for (const e of compiled.extensions.values()) {
    names.add(e.fallback);
    for (const r of e.rules) names.add(r.language);
  }
  return [...names];
}

/** One language out of several candidates for an extension; content null means path only. */
export function disambiguate(extension: string, candidates: string[], content: Uint8Array | null): string {
  const entry = compiled.extensions.get(extension);
  if (entry && content !== null) {
    const sample = Buffer.from(
      content.buffer,
      content.byteOffset,
      Math.min(content.length, SAMPLE_BYTES),
    ).toString('latin1');
    for (const rule of entry.rules) {
      if (!candidates.includes(rule.language)) continue;
      if (rule.not?.test(sample)) continue;
      if (rule.any.some((re) => re.test(sample))) return rule.language;
    }
  }
  if (entry && candidates.includes(entry.fallback)) return entry.fallback;
  for (const name of compiled.preferred) if (candidates.includes(name)) return name;
  return candidates[0]!;
}
