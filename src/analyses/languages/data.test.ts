// The data files agree with Linguist's language list and with their schemas.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { heuristicLanguages } from './heuristics.ts';
import { languageInfo, languagesByExtension } from './linguist-index.ts';
import { compilePathRules } from './path-rules.ts';
import { loadSyntaxTable, syntaxLanguages } from './syntax.ts';

const read = (name: string): string => readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');

describe('data files', () => {
  it('comment syntax covers at least 60 Linguist languages, each a real Linguist name', () => {
    const names = syntaxLanguages();
    expect(names.length).toBeGreaterThanOrEqual(60);
    expect(names.filter((n) => languageInfo(n) === undefined)).toEqual([]);
    for (const common of ['C', 'Python', 'JavaScript', 'TypeScript', 'Go', 'Rust', 'Java', 'Ruby', 'Shell']) {
      expect(names).toContain(common);
    }
  });

  it('comment syntax rejects a bad entry and a like cycle', () => {
    expect(() => loadSyntaxTable('languages:\n  X: { line: [""] }\n')).toThrow();
    expect(() => loadSyntaxTable('languages:\n  A: { like: B }\n  B: { like: A }\n')).toThrow(/cycle/);
    expect(() =>
      loadSyntaxTable('languages:\n  A: { block: [{ open: "..", close: "x", dedent: true }] }\n'),
    ).toThrow();
  });

  it('heuristics name only Linguist languages, and each rule is for a candidate of its extension', () => {
    expect(heuristicLanguages().filter((n) => languageInfo(n) === undefined)).toEqual([]);
    const file = parse(read('heuristics.yaml')) as {
      extensions: Record<string, { rules?: Array<{ language: string }>; default: string }>;
    };
    for (const [ext, entry] of Object.entries(file.extensions)) {
      const candidates = languagesByExtension(`x${ext}`)?.languages ?? [];
      expect(candidates.length, ext).toBeGreaterThan(1);
      for (const lang of [entry.default, ...(entry.rules ?? []).map((r) => r.language)]) {
        expect(candidates, `${ext} ${lang}`).toContain(lang);
      }
    }
  });

  it('path rules compile', () => {
    expect(() => compilePathRules(read('path-rules.yaml'))).not.toThrow();
    expect(() => compilePathRules('vendored: []\n')).toThrow();
  });
});
