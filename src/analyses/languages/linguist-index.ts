// Lookup tables over GitHub Linguist's language list (the linguist-languages package).
import * as linguist from 'linguist-languages';

type LinguistType = 'programming' | 'markup' | 'data' | 'prose';

interface LanguageInfo {
  name: string;
  type: LinguistType;
  group?: string;
}

const byName = new Map<string, LanguageInfo>();
const byLowerName = new Map<string, string>();
const byExtension = new Map<string, string[]>();
const byFilename = new Map<string, string[]>();
const byInterpreter = new Map<string, string[]>();

function add(map: Map<string, string[]>, key: string, name: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [name]);
  else if (!list.includes(name)) list.push(name);
}

for (const lang of Object.values(linguist) as Array<{
  name: string;
  type: LinguistType;
  group?: string;
  aliases?: readonly string[];
  extensions?: readonly string[];
  filenames?: readonly string[];
  interpreters?: readonly string[];
}>) {
  byName.set(lang.name, { name: lang.name, type: lang.type, group: lang.group });
  byLowerName.set(lang.name.toLowerCase(), lang.name);
  for (const alias of lang.aliases ?? []) if (!byLowerName.has(alias)) byLowerName.set(alias, lang.name);
  for (const ext of lang.extensions ?? []) add(byExtension, ext.toLowerCase(), lang.name);
  for (const file of lang.filenames ?? []) add(byFilename, file, lang.name);
  for (const interp of lang.interpreters ?? []) add(byInterpreter, interp, lang.name);
}

export function languageInfo(name: string): LanguageInfo | undefined {
  return byName.get(name);
}

/** A language by its name or alias, any case, as `linguist-language` attributes give it. */
export function findLanguage(nameOrAlias: string): string | undefined {
  const key = nameOrAlias.trim().toLowerCase();
  return byLowerName.get(key) ?? byLowerName.get(key.replace(/-/g, ' '));
}

export function languagesByFilename(basename: string): string[] {
  return byFilename.get(basename) ?? [];
}

/** Candidates for a file name by its extensions, longest extension first (`.h.in` before `.in`). */
export function languagesByExtension(basename: string): { extension: string; languages: string[] } | null {
  const lower = basename.toLowerCase();
  let dot = lower.indexOf('.', 1);
  while (dot !== -1) {
    const ext = lower.slice(dot);
    const languages = byExtension.get(ext);
    if (languages) return { extension: ext, languages };
    dot = lower.indexOf('.', dot + 1);
  }
  return null;
}

export function languagesByInterpreter(interpreter: string): string[] {
  return byInterpreter.get(interpreter) ?? [];
}
