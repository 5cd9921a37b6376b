// Classifies one file of a snapshot: its language, its category and whether it counts in statistics.
import { isBinary } from './count.ts';
import { detectLanguage } from './detect.ts';
import { isGenerated } from './generated.ts';
import type { Attributes, AttributeValue } from './gitattributes.ts';
import { findLanguage, languageInfo } from './linguist-index.ts';
import { matchesPathRule } from './path-rules.ts';

export type Category =
  | 'code'
  | 'markup'
  | 'data'
  | 'prose'
  | 'vendored'
  | 'generated'
  | 'documentation'
  | 'binary'
  | 'unknown';

interface Classification {
  /** Linguist language name, or null when no rule names one. */
  language: string | null;
  category: Category;
  /** Counts in language statistics (Linguist's rule: programming or markup, not excluded). */
  detectable: boolean;
}

/** A boolean attribute: set or a value other than `false` is true; unset or `false` is false. */
function flag(value: AttributeValue | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  return value.toLowerCase() !== 'false';
}

function excludedBy(path: string, content: Uint8Array | null, attrs: Attributes): Category | null {
  const vendored = flag(attrs['linguist-vendored']) ?? matchesPathRule('vendored', path);
  if (vendored) return 'vendored';
  const generated = flag(attrs['linguist-generated']) ?? isGenerated(path, content);
  if (generated) return 'generated';
  const documentation = flag(attrs['linguist-documentation']) ?? matchesPathRule('documentation', path);
  if (documentation) return 'documentation';
  return null;
}

/**
 * Language and category of a file from its path, its content (null: path only) and the
 * .gitattributes attributes that apply to it (see gitattributes.ts).
 */
export function classify(path: string, content: Uint8Array | null, attrs: Attributes = {}): Classification {
  const binary = content !== null && isBinary(content);
  const forced =
    typeof attrs['linguist-language'] === 'string' ? findLanguage(attrs['linguist-language']) : undefined;
  const language = forced ?? (binary ? null : detectLanguage(path, content));
  const type = language === null ? undefined : languageInfo(language)?.type;
  const excluded = excludedBy(path, content, attrs);
  let category: Category;
  if (excluded) category = excluded;
  else if (binary) category = 'binary';
  else if (type === 'programming') category = 'code';
  else if (type === undefined) category = 'unknown';
  else category = type;
  const detectable =
    flag(attrs['linguist-detectable']) ??
    (excluded === null && !binary && (type === 'programming' || type === 'markup'));
  return { language, category, detectable: detectable && language !== null };
}
