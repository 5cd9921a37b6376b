// Which Linguist language a file is in: file name, then shebang, then extension (with heuristics).
import { disambiguate } from './heuristics.ts';
import { languagesByExtension, languagesByFilename, languagesByInterpreter } from './linguist-index.ts';

/** The interpreter a `#!` line names (`/usr/bin/env -S python3 -u` -> `python3`), or null. */
function shebangInterpreter(content: Uint8Array): string | null {
  if (content.length < 3 || content[0] !== 0x23 || content[1] !== 0x21) return null;
  let end = content.indexOf(10);
  if (end === -1 || end > 1000) end = Math.min(content.length, 1000);
  const words = Buffer.from(content.subarray(2, end)).toString('latin1').trim().split(/\s+/);
  let script = words.shift()?.split('/').pop() ?? '';
  if (script === 'env') {
    const next = words.find((w) => !w.startsWith('-') && !w.includes('='));
    script = next?.split('/').pop() ?? '';
  }
  return script === '' ? null : script;
}

function byInterpreter(script: string): string[] {
  for (const candidate of [script, script.replace(/(?:\.\d+)+$/, ''), script.replace(/[\d.]+$/, '')]) {
    const found = languagesByInterpreter(candidate);
    if (found.length > 0) return found;
  }
  return [];
}

function pick(candidates: string[], extension: string, content: Uint8Array | null): string {
  return candidates.length === 1 ? candidates[0]! : disambiguate(extension, candidates, content);
}

/** The language of a file from its path and, when given, its content; null when none fits. */
export function detectLanguage(path: string, content: Uint8Array | null): string | null {
  const basename = path.slice(path.lastIndexOf('/') + 1);
  const named = languagesByFilename(basename);
  if (named.length > 0) return pick(named, basename, content);
  const byExt = languagesByExtension(basename);
  if (content !== null) {
    const script = shebangInterpreter(content);
    const interpreted = script === null ? [] : byInterpreter(script);
    if (interpreted.length > 0) {
      const agreeing = byExt?.languages.filter((l) => interpreted.includes(l)) ?? [];
      return agreeing.length > 0 ? agreeing[0]! : pick(interpreted, `#!${script}`, content);
    }
  }
  if (byExt === null) return null;
  return pick(byExt.languages, byExt.extension, content);
}
