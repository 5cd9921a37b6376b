// The groups of each gem a Gemfile declares, read without running Ruby: `group :development, :test do
// ... end` blocks and `group:` / `groups:` options on a `gem` line (`group: :test`,
// `groups: [:development, :test]`, `:group => :test`). Blocks are followed by their `do`/`end`
// nesting (and the `if`, `unless`, `case`, `begin`, `def`, `while` that open one); anything Ruby
// computes at run time is not followed. A gem outside every group is in Bundler's `default` group.

const BLOCK_OPENERS = /^(if|unless|case|begin|def|while|until|for|class|module)\b/;

function symbols(text: string): string[] {
  return [...text.matchAll(/:(\w+)|["'](\w+)["']/g)].map((m) => (m[1] ?? m[2])!);
}

/** Strips a trailing comment, not one inside quotes. */
function code(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** Gem name -> the groups it is declared in (a gem declared twice joins both). */
export function gemfileGroups(text: string): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  // One entry per open block: the groups it adds (empty for blocks that are not `group`).
  const stack: string[][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = code(raw).trim();
    if (line === '') continue;
    if (/^end\b/.test(line)) {
      stack.pop();
      continue;
    }
    const group = /^group\s*\(?\s*(.+?)\)?\s+do\b/.exec(line);
    if (group) {
      stack.push(symbols(group[1]!.replace(/\b\w+:\s*.+$/, '')));
      continue;
    }
    const gem = /^gem\s*\(?\s*["']([^"']+)["'](.*)$/.exec(line);
    if (gem) {
      const options = gem[2]!;
      const named = /(?:\bgroups?:|:groups?\s*=>)\s*(\[[^\]]*\]|:\w+|["']\w+["'])/.exec(options);
      const own = named ? symbols(named[1]!) : [];
      const inBlocks = stack.flat();
      const all = own.length + inBlocks.length > 0 ? [...inBlocks, ...own] : ['default'];
      const seen = groups.get(gem[1]!) ?? new Set<string>();
      for (const g of all) seen.add(g);
      groups.set(gem[1]!, seen);
    }
    if (/\bdo(\s*\|[^|]*\|)?\s*$/.test(line) || BLOCK_OPENERS.test(line)) stack.push([]);
  }
  return groups;
}

/** Groups that are not installed where the application runs (`bundle config set without`). */
const TEST_GROUPS = new Set(['test', 'tests', 'ci']);
const DEV_GROUPS = new Set([
  'development',
  'dev',
  'lint',
  'linting',
  'rubocop',
  'tools',
  'debug',
  'doc',
  'docs',
  'documentation',
]);

/**
 * Gem name -> `test` when every group it is in is a test group, `dev` when every group is a test or
 * development group, `prod` otherwise (the `default` group, `production`, or any other group).
 */
export function gemfileScopes(text: string): Map<string, 'prod' | 'dev' | 'test'> {
  const scopes = new Map<string, 'prod' | 'dev' | 'test'>();
  for (const [gem, groups] of gemfileGroups(text)) {
    const all = [...groups];
    if (all.every((g) => TEST_GROUPS.has(g))) scopes.set(gem, 'test');
    else if (all.every((g) => TEST_GROUPS.has(g) || DEV_GROUPS.has(g))) scopes.set(gem, 'dev');
    else scopes.set(gem, 'prod');
  }
  return scopes;
}
