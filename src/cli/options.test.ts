// Every option of every command is checked as the command line is read: a bad value is one line naming
// the option and what it takes, exit 2; an unknown option is one line and a pointer to --help. The table
// below must cover every option that takes a value: a new option without a case fails the last test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { ANALYSES } from '../analyses/registry.ts';
import { buildProgram, main } from './main.ts';

afterAll(cleanupTemp);
afterEach(() => vi.restoreAllMocks());

/** `command path` + option -> values that must be refused. */
const BAD_VALUES: Record<string, string[]> = {
  'scan --depth': ['0', '-3', 'abc', '2.5', '65'],
  'scan --jobs': ['0', 'many', '65'],
  'scan --priority': ['abc', '101', '-1'],
  'users add --role': ['god', 'root'],
  'tokens create --expires': ['forever', '12', '0d', '-1d'],
  'tokens create --scope': ['everything', 'read,root', 'read,'],
  'audit --limit': ['0', 'x'],
  'serve --port': ['70000', 'x', '-1'],
  'event deployment --commit': ['abc123', 'g'.repeat(40)],
  'event deployment --started-at': ['yesterday', '2024-03-01'],
  'event deployment --finished-at': ['2024-03-01T12:00:00', 'now'],
  'event deployment --status': ['ok', 'done'],
  'event incident --started-at': ['2024-13-01T00:00:00Z'],
  'event incident --resolved-at': ['soon'],
  'event incident --commit': ['HEAD'],
  'scan --lease': ['5', 'x', '3601'],
  'worker --jobs': ['0', 'many', '65'],
  'status --today': ['tomorrow', '2024-02-30'],
  'experiments --today': ['2024-02-30', 'soon'],
  'scan --max-file-size': ['big', '-1', '10XB'],
  'scan --analyses': ['nope', 'languages,nope'],
  'scan --wait': ['-1', 'soon'],
  'scan --git-memory': ['0', 'lots'],
  'scan --git-timeout': ['0', 'never'],
  'scan --git-output': ['0', 'huge'],
  'scan --max-tree-entries': ['0', 'x'],
  'scan --history': ['0q', '8y', 'q', '8', '9999w'],
  'scan --today': ['tomorrow', '2024-02-30'],
  'trend --by': ['nonsense', 'file'],
  'trend --since': ['yesterday', '2024-13-01'],
  'trend --today': ['tomorrow', '2024-02-30'],
  'feed import --ecosystem': ['Debian', 'nonsense'],
  'costs --by': ['nonsense', 'month'],
  'costs --since': ['2024', '2024-13', '2024-09-01', 'last'],
  'feed update --ecosystem': ['npm,nonsense', 'npm,', 'bogus'],
  'feed update --concurrency': ['0', 'lots', '65'],
  'feed update --timeout': ['0', 'x', '601'],
  'vulns --severity': ['bogus', 'none'],
  'vulns --ecosystem': ['pip', 'nonsense'],
  'vulns --fail-on': ['bogus', ''],
  'eol --today': ['tomorrow', '2024-02-30', '2024-1-1'],
  'repos --today': ['yesterday'],
  'people --today': ['2024-02-30'],
  'knowledge --today': ['24-01-01'],
  'teams --today': ['2024-1-1'],
  'radar --today': ['2024-1-1', 'tomorrow'],
  'office init --today': ['2024-13-01'],
  'radar import --format': ['xml'],
  'radar export --format': ['xml'],
  'radar import --release': ['2024-1-1'],
  'radar export --release': ['tomorrow'],
  'risks --status': ['bogus', 'open,', 'open,nope'],
  'risks --today': ['tomorrow', '2024-02-30'],
  'eol --window': ['-1', 'six', '121'],
  'code --by': ['nonsense', 'file'],
  'code --depth': ['0', 'abc'],
  'hotspots --top': ['abc', '-3', '0', '1e3'],
  'hotspots --min-degree': ['0', '101', 'x'],
  'hotspots --min-revs': ['0', 'x'],
  'hotspots --today': ['2024-02-30', 'yesterday'],
  'delivery --today': ['24-01-01'],
  'vendors --today': ['2026-13-01', 'soon'],
  'budget --today': ['2026-02-30', 'later'],
  'deps --ecosystem': ['nonsense'],
  'deps --scope': ['prod', 'bogus', 'runtime,'],
  'vulns --scope': ['dev', 'runtime,,test'],
  'eol --scope': ['nonsense'],
  'tech --scope': ['production'],
  'licences --scope': ['runtime,prod'],
  'licences --ecosystem': ['nonsense'],
  'tech --category': ['nonsense', 'frameworks'],
  'report --since': ['last week', '2024-13-01'],
  'report --today': ['2024-02-30', 'now'],
  'people --limit': ['-3', 'abc', '0'],
  'diagnostics --severity': ['bogus', 'fatal'],
  'sql --timeout': ['0', '-1', 'abc', '1e3', '90000'],
  'decisions new --today': ['tomorrow', '2024-02-30'],
  'decisions supersede --by': ['x', '-1'],
  'objectives --today': ['tomorrow', '2024-02-30'],
  'skills --today': ['tomorrow', '2024-02-30'],
};

/** Options whose value is free text, with why nothing is refused as it is read. */
const FREE: Record<string, string> = {
  '--workspace': 'a folder',
  '--db': 'a store URL or file, checked when the store is opened',
  'scan --rev': 'any git revision, checked by git in each repository',
  'hotspots --folder': 'a folder inside the repositories',
  'deps --tree': 'a package name',
  'export cyclonedx --output': 'a file to write',
  'export openvex --output': 'a file to write',
  'export openvex --author': 'free text: who issues the statements',
  'export cyclonedx-vex --output': 'a file to write',
  'radar export --output': 'a file to write',
  'tokens create --name': 'free text: what the token is for',
  'serve --host': 'an address to bind, checked when the server starts listening',
  'serve --tls-cert': 'a file, read when the server starts',
  'serve --tls-key': 'a file, read when the server starts',
  'serve --trust-proxy': 'proxy addresses or CIDR ranges, given to Fastify as they are',
  'sessions revoke --user': 'an email, checked against the store (USER_NOT_FOUND)',
  'risks --repo': 'a repository name, checked against the store (REPOSITORY_NOT_FOUND)',
  'risks --team': 'a team name as the register stores owners; an unknown team lists nothing',
  'feed export --output': 'a file to write',
  'report --out': 'a folder to write',
  'report --team': 'a team of teams.yaml; an unknown team gets a note in the report',
  'knowledge --leave': 'a name or e-mail, matched against the people in the store',
  'diagnostics --kind': 'diagnostic codes, an open set that grows with the collectors',
  'diagnostics --collector': 'stage, collector or analysis ids, an open set',
  'decisions new --decision-makers': 'free text: names for the record',
  'event deployment --repo': 'a repository name, checked against the store (EVENT_INVALID)',
  'event deployment --env': 'free text: the environment; production counts',
  'event deployment --id': "free text: the sender's event id",
  'event incident --repo': 'a repository name, checked against the store (EVENT_INVALID)',
  'event incident --severity': "free text: the incident process's name for it",
  'event incident --deployment': 'an event id, checked against the recorded deployments (EVENT_INVALID)',
  'event incident --id': "free text: the sender's event id",
  'event list --repo': 'a repository name, checked against the store (REPOSITORY_NOT_FOUND)',
};

/** Allowed values the error line must list, where there is a fixed set. */
const ALLOWED: Record<string, readonly string[]> = {
  'scan --analyses': ANALYSES.map((a) => a.id),
};

interface Run {
  code: number;
  stderr: string;
  stdout: string;
}

async function run(argv: string[]): Promise<Run> {
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stderr, stdout };
  } finally {
    vi.restoreAllMocks();
  }
}

interface Leaf {
  path: string[];
  command: Command;
}

function leaves(cmd: Command, path: string[] = []): Leaf[] {
  if (cmd.commands.length === 0) return [{ path, command: cmd }];
  return cmd.commands.flatMap((c) => leaves(c, [...path, c.name()]));
}

const program = await buildProgram(['--help']);
const commands = leaves(program);
/** A required argument, where a command needs one to reach its options. */
const ARGUMENTS: Record<string, string[]> = {
  sql: ['select 1'],
  'feed import': ['nowhere'],
  'feed export': ['--licences'],
  'decisions new': ['A title'],
  'decisions supersede': ['1', '--by', '2'],
  'radar import': ['radar.csv'],
  'radar export': ['--format', 'byor'],
  'users add': ['ada@example.com', '--role', 'member'],
  'tokens create': ['ada@example.com', '--name', 'ci'],
  'event deployment': ['--repo', 'app', '--commit', 'a'.repeat(40), '--env', 'production'],
  'event incident': ['--repo', 'app', '--started-at', '2024-01-01T00:00:00Z', '--severity', 'sev1'],
};

const takesValue = (o: Option) => o.required || o.optional;

describe('a bad option value is one line naming the option and what it takes, exit 2', () => {
  const ws = tempDir();
  const cases = Object.entries(BAD_VALUES).flatMap(([key, values]) => values.map((v) => [key, v] as const));
  test.each(cases)('%s %j', async (key, value) => {
    const words = key.split(' ');
    const flag = words.at(-1) as string;
    const path = words.slice(0, -1);
    const argv = [...path, ...(ARGUMENTS[path.join(' ')] ?? []), flag, value, '--workspace', ws];
    const r = await run(argv);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    // The value is quoted (for a list of analyses, the name that is not one).
    const quoted = key === 'scan --analyses' ? value.split(',').at(-1) : value;
    expect(lines[0]).toMatch(/^cto: --[a-z-]+\b.* \[USAGE\]$/);
    expect(lines[0]).toContain(`cto: ${flag}`);
    expect(lines[0]).toContain(`"${quoted}"`);
    const option = commands
      .find((c) => c.path.join(' ') === path.join(' '))
      ?.command.options.find((o) => o.long === flag);
    for (const allowed of option?.argChoices ?? ALLOWED[key] ?? []) expect(lines[0]).toContain(allowed);
    expect(r.stdout).toBe('');
    // Refused before anything is opened: no store appears in the workspace.
    expect(existsSync(join(ws, '.cto'))).toBe(false);
  });
});

describe('an unknown option is one line and a pointer to the help, not the whole help', () => {
  test.each(commands.map((c) => [c.path.join(' ')]))('cto %s --bogus', async (name) => {
    const path = name.split(' ');
    const r = await run([...path, ...(ARGUMENTS[name] ?? []), '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      "cto: unknown option '--bogus' [USAGE]",
      `(see \`cto ${name} --help\`)`,
    ]);
    expect(r.stdout).toBe('');
  });

  test('a near miss names the option meant, on the same line', async () => {
    const r = await run(['hotspots', '--tpo', '3']);
    expect(r.stderr.split('\n')[0]).toBe("cto: unknown option '--tpo' (did you mean --top?) [USAGE]");
  });

  test('an unknown command and a missing argument read the same way', async () => {
    expect((await run(['frobnicate'])).stderr).toBe(
      "cto: unknown command 'frobnicate' [USAGE]\n(see `cto --help`)\n",
    );
    expect((await run(['sql'])).stderr).toBe(
      "cto: missing required argument 'query' [USAGE]\n(see `cto sql --help`)\n",
    );
  });
});

test('every option that takes a value, of every command, has bad values above or is free text', () => {
  const missing: string[] = [];
  const global = program.options.filter(takesValue).map((o) => o.long as string);
  for (const g of global) if (!(g in FREE)) missing.push(g);
  for (const { path, command } of commands) {
    for (const o of command.options.filter(takesValue)) {
      const key = `${path.join(' ')} ${o.long}`;
      if (!(key in BAD_VALUES) && !(key in FREE)) missing.push(key);
    }
  }
  expect(missing, 'options without a bad-value case in src/cli/options.test.ts').toEqual([]);
  expect(commands.map((c) => c.path.join(' '))).toEqual(
    expect.arrayContaining(['scan', 'feed import', 'export cyclonedx', 'people', 'knowledge', 'teams']),
  );
});
