// One person per human, however many names and e-mails they committed with.
import { createHash } from 'node:crypto';
import { isBot } from './bots.ts';
import { authorEmailKey } from './email.ts';
import { noreplyLogin } from './github.ts';
import { applyMailmap, type Mailmap, type Signature } from './mailmap.ts';
import { normaliseName } from './normalise.ts';

/** An explicit alias from workspace configuration: all these names and e-mails are one person. */
export interface AliasConfig {
  /** Name to show; defaults to the most used name. */
  name?: string;
  names?: string[];
  emails?: string[];
}

export interface IdentityOptions {
  mailmap?: Mailmap;
  /** Merge signatures whose normalised names are equal (default true). */
  mergeByName?: boolean;
  aliases?: AliasConfig[];
  /** Extra bot patterns, tested case-insensitively against `name <email>`. */
  botPatterns?: RegExp[];
}

/** A signature as seen in history, with how many commits used it. */
interface SeenSignature extends Signature {
  commits?: number;
}

export interface PersonIdentity {
  /** Deterministic: `p-` + 12 hex of SHA-256 of the person's key (see docs/metrics/people.md). */
  id: string;
  name: string;
  names: string[];
  emails: string[];
  login: string | null;
  bot: boolean;
  commits: number;
}

export interface IdentityResult {
  people: PersonIdentity[];
  /** The person id for a raw (not yet mailmapped) signature; works for signatures not seen too. */
  personOf(sig: Signature): string;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(high, low);
  }
}

/** The keys a signature is known by; signatures sharing any key are one person. */
function keysOf(sig: Signature, mergeByName: boolean): string[] {
  const keys: string[] = [];
  const email = authorEmailKey(sig.email);
  const login = noreplyLogin(email);
  if (login) keys.push(`github:${login}`);
  else if (email !== '') keys.push(`email:${email}`);
  const name = normaliseName(sig.name);
  // A single word (`andrew`, `admin`) is too common to join people by.
  if (name !== '' && ((mergeByName && name.includes(' ')) || keys.length === 0)) keys.push(`name:${name}`);
  if (keys.length === 0) keys.push('unknown:');
  return keys;
}

function personId(keys: string[]): string {
  const github = keys.filter((k) => k.startsWith('github:')).sort()[0];
  const email = keys.filter((k) => k.startsWith('email:')).sort()[0];
  const key = github ?? email ?? [...keys].sort()[0] ?? 'unknown:';
  return `p-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

function mostUsed(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]?.[0] ?? '';
}

/** Group signatures into people: mailmap first, then shared e-mail, login, name, and configured aliases. */
export function resolveIdentities(seen: SeenSignature[], options: IdentityOptions = {}): IdentityResult {
  const mergeByName = options.mergeByName ?? true;
  const uf = new UnionFind();
  const mapped = seen.map((s) => ({
    sig: options.mailmap ? applyMailmap(options.mailmap, s) : s,
    n: s.commits ?? 1,
  }));
  const link = (keys: string[]) => {
    for (const k of keys.slice(1)) uf.union(keys[0]!, k);
  };
  for (const m of mapped) link(keysOf(m.sig, mergeByName));
  const aliasName = new Map<string, string>();
  for (const alias of options.aliases ?? []) {
    const sigs = [
      ...(alias.emails ?? []).map((email) => ({ name: '', email })),
      ...(alias.names ?? []).map((name) => ({ name, email: '' })),
    ];
    const keys = sigs.flatMap((s) => keysOf(s, true)).filter((k) => k !== 'unknown:');
    link(keys);
    if (alias.name && keys[0]) aliasName.set(keys[0], alias.name);
  }
  const groups = new Map<
    string,
    { keys: Set<string>; names: Map<string, number>; emails: Set<string>; commits: number }
  >();
  for (const m of mapped) {
    const keys = keysOf(m.sig, mergeByName);
    const root = uf.find(keys[0]!);
    const g = groups.get(root) ?? { keys: new Set(), names: new Map(), emails: new Set(), commits: 0 };
    for (const k of keys) g.keys.add(k);
    if (m.sig.name.trim() !== '') g.names.set(m.sig.name.trim(), (g.names.get(m.sig.name.trim()) ?? 0) + m.n);
    if (m.sig.email.trim() !== '') g.emails.add(authorEmailKey(m.sig.email));
    g.commits += m.n;
    groups.set(root, g);
  }
  const configuredName = new Map<string, string>();
  for (const [key, name] of aliasName) configuredName.set(uf.find(key), name);
  const people: PersonIdentity[] = [];
  const idByRoot = new Map<string, string>();
  for (const [root, g] of groups) {
    const keys = [...g.keys];
    const id = personId(keys);
    idByRoot.set(root, id);
    const names = [...g.names.keys()].sort();
    const emails = [...g.emails].sort();
    const login =
      keys
        .filter((k) => k.startsWith('github:'))
        .sort()[0]
        ?.slice(7) ?? null;
    const bot =
      names.some((n) => isBot(n, '', options.botPatterns)) ||
      emails.some((e) => isBot('', e, options.botPatterns));
    const name = configuredName.get(root) ?? mostUsed(g.names);
    people.push({ id, name, names, emails, login, bot, commits: g.commits });
  }
  people.sort((a, b) => b.commits - a.commits || (a.id < b.id ? -1 : 1));
  const personOf = (sig: Signature): string => {
    const keys = keysOf(options.mailmap ? applyMailmap(options.mailmap, sig) : sig, mergeByName);
    for (const k of keys) {
      const id = idByRoot.get(uf.find(k));
      if (id) return id;
    }
    return personId(keys);
  };
  return { people, personOf };
}
