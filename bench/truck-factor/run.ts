// Truck factor of the three repositories whose values Avelino et al. published (ICPC 2016).
// Not a test: needs clones. Usage: node bench/truck-factor/run.ts <flask.git> <express.git> <jedis.git>
// (each a git directory; bare mirrors work). Prints TF, the people removed and their shares.

import {
  computeTruckFactor,
  readFiles,
  readHistory,
  type TruckFactorResult,
} from '../../src/analyses/knowledge/truck-factor/index.ts';
import { runGit } from '../../src/git/invoke.ts';
import { parseMailmap, resolveIdentities } from '../../src/people/identities/index.ts';
import { isLinguistCode } from './linguist-filter.ts';

interface Case {
  name: string;
  commit: string;
  published: string;
}

const CASES: Case[] = [
  {
    name: 'pallets/flask',
    commit: '7f3867491570746a4c14bdaa5bd59ec1b64cbfea',
    published: 'TF 1: Armin Ronacher',
  },
  {
    name: 'expressjs/express',
    commit: '97b2d70d8adfb4649fd8ca9adc73c47ffcc4bf5b',
    published: 'TF 2: TJ Holowaychuk, Douglas Christopher Wilson',
  },
  {
    name: 'redis/jedis',
    commit: '8a45aa30a6277ee37f706c339024e4411da5c7d8',
    published: 'TF 2: Jonathan Leibiusky, Jungtaek Lim',
  },
];

function describe(label: string, r: TruckFactorResult, names: Map<string, string>): string {
  const people = r.removed
    .map((p) => `${names.get(p.person) ?? p.person} (${(100 * p.share).toFixed(1)}%)`)
    .join(', ');
  return `  ${label}: TF ${r.truckFactor} of ${r.files} files (coverage left ${(100 * r.coverageLeft).toFixed(2)}%): ${people}`;
}

async function runCase(gitDir: string, c: Case): Promise<void> {
  const commits = await readHistory(gitDir, c.commit);
  const files = await readFiles(gitDir, c.commit);
  const mailmapBlob = await runGit({ gitDir, args: ['cat-file', 'blob', `${c.commit}:.mailmap`] });
  const mailmap =
    mailmapBlob.code === 0 ? parseMailmap(mailmapBlob.stdout.toString('utf8')).mailmap : undefined;
  const counts = new Map<string, { name: string; email: string; commits: number }>();
  for (const k of commits) {
    const key = `${k.authorName}\0${k.authorEmail}`;
    const e = counts.get(key) ?? { name: k.authorName, email: k.authorEmail, commits: 0 };
    e.commits += 1;
    counts.set(key, e);
  }
  const ids = resolveIdentities([...counts.values()], mailmap ? { mailmap } : {});
  const names = new Map(ids.people.map((p) => [p.id, p.name]));
  const personOf = (k: { authorName: string; authorEmail: string }) =>
    ids.personOf({ name: k.authorName, email: k.authorEmail });
  const base = { commits, files, isSource: isLinguistCode, personOf };
  console.log(
    `${c.name} @ ${c.commit.slice(0, 10)} (${commits.length} commits, ${ids.people.length} people; published ${c.published})`,
  );
  console.log(describe('as published', computeTruckFactor(base), names));
  console.log(
    describe('tool pruning 0.1', computeTruckFactor({ ...base, options: { pruneBelow: 0.1 } }), names),
  );
  const plain = computeTruckFactor({ ...base, personOf: (k) => k.authorEmail.toLowerCase() });
  console.log(describe('e-mail only identities', plain, new Map()));
}

const dirs = process.argv.slice(2);
if (dirs.length !== CASES.length) {
  console.error('usage: node bench/truck-factor/run.ts <flask git dir> <express git dir> <jedis git dir>');
  process.exit(2);
}
for (const [i, c] of CASES.entries()) await runCase(dirs[i]!, c);
