// A Linguist-style "counts as code" filter for the truck-factor benchmark: a file counts when
// its extension or file name belongs to a programming or markup language (linguist-languages
// data) and it is not documentation, vendored or generated (patterns of the same kinds Linguist
// uses; a small list, not Linguist's own).
import * as languages from 'linguist-languages';

const DOCUMENTATION = [
  /^docs?\//i,
  /(^|\/)documentation\//i,
  /(^|\/)(javadoc|groovydoc)\//i,
  /^man\//i,
  /^(examples|samples)\//i,
  /(^|\/)(changes|changelog|contributing|copying|install|licen[cs]e|readme|history|authors|citation)(\.|$)/i,
];

const VENDORED = [
  /(^|\/)(node_modules|bower_components|vendor|vendors|third[-_]?party|external|deps)\//i,
  /(^|\/)\.[^/]+\//,
  /\.min\.(js|css)$/i,
  /(^|\/)jquery[^/]*\.js$/i,
  /(^|\/)(gradlew(\.bat)?|mvnw(\.cmd)?)$/,
];

const GENERATED = [
  /\.(pb\.go|pb\.cc|pb\.h|_pb2\.py)$/,
  /(^|\/)(package-lock\.json|yarn\.lock)$/,
  /\.designer\.cs$/i,
];

function codeNames(): { extensions: Set<string>; filenames: Set<string> } {
  const extensions = new Set<string>();
  const filenames = new Set<string>();
  for (const lang of Object.values(languages) as Array<{
    type: string;
    extensions?: string[];
    filenames?: string[];
  }>) {
    if (lang.type !== 'programming' && lang.type !== 'markup') continue;
    for (const e of lang.extensions ?? []) extensions.add(e.toLowerCase());
    for (const f of lang.filenames ?? []) filenames.add(f);
  }
  return { extensions, filenames };
}

const CODE = codeNames();

export function isLinguistCode(path: string): boolean {
  if ([...DOCUMENTATION, ...VENDORED, ...GENERATED].some((re) => re.test(path))) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (CODE.filenames.has(base)) return true;
  const dot = base.indexOf('.', 1);
  if (dot < 0) return false;
  // Longest known suffix first: `.d.ts` before `.ts`.
  for (let i = dot; i >= 0 && i < base.length; i = base.indexOf('.', i + 1)) {
    if (CODE.extensions.has(base.slice(i).toLowerCase())) return true;
  }
  return false;
}
