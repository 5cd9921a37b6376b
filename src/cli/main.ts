// The `cto` command line: global options, the commands, and one place that turns errors into exit codes.
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../version.ts';
import { reportError } from './context.ts';
import { printError, writeError } from './output.ts';

/**
 * Every command, loaded on demand: running one command loads only its own modules, so a no-op
 * rescan does not pay for the report, the feeds or the analyses. Order is the order of `--help`.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan.ts')).scanCommand(),
  worker: async () => (await import('./worker.ts')).workerCommand(),
  status: async () => (await import('./status.ts')).statusCommand(),
  repos: async () => (await import('./repos.ts')).reposCommand(),
  diagnostics: async () => (await import('./diagnostics.ts')).diagnosticsCommand(),
  sql: async () => (await import('./sql.ts')).sqlCommand(),
  feed: async () => (await import('./feed.ts')).feedCommand(),
  vulns: async () => (await import('./vulns.ts')).vulnsCommand(),
  eol: async () => (await import('./eol.ts')).eolCommand(),
  risks: async () => (await import('./risks.ts')).risksCommand(),
  code: async () => (await import('./code.ts')).codeCommand(),
  hotspots: async () => (await import('./hotspots.ts')).hotspotsCommand(),
  deps: async () => (await import('./deps.ts')).depsCommand(),
  licences: async () => (await import('./licences.ts')).licencesCommand(),
  tech: async () => (await import('./tech.ts')).techCommand(),
  radar: async () => (await import('./radar.ts')).radarCommand(),
  vendors: async () => (await import('./vendors.ts')).vendorsCommand(),
  office: async () => (await import('./office.ts')).officeCommand(),
  budget: async () => (await import('./budget.ts')).budgetCommand(),
  export: async () => (await import('./export.ts')).exportCommand(),
  delivery: async () => (await import('./delivery.ts')).deliveryCommand(),
  event: async () => (await import('./event.ts')).eventCommand(),
  report: async () => (await import('./report.ts')).reportCommand(),
  people: async () => (await import('./people.ts')).peopleCommand(),
  knowledge: async () => (await import('./knowledge.ts')).knowledgeCommand(),
  teams: async () => (await import('./teams.ts')).teamsCommand(),
  trend: async () => (await import('./trend.ts')).trendCommand(),
  costs: async () => (await import('./costs.ts')).costsCommand(),
  decisions: async () => (await import('./decisions.ts')).decisionsCommand(),
  objectives: async () => (await import('./objectives.ts')).objectivesCommand(),
  experiments: async () => (await import('./experiments.ts')).experimentsCommand(),
  sources: async () => (await import('./sources.ts')).sourcesCommand(),
  skills: async () => (await import('./skills.ts')).skillsCommand(),
  users: async () => (await import('./users.ts')).usersCommand(),
  tokens: async () => (await import('./tokens.ts')).tokensCommand(),
  sessions: async () => (await import('./sessions.ts')).sessionsCommand(),
  audit: async () => (await import('./audit.ts')).auditCommand(),
  settings: async () => (await import('./settings.ts')).settingsCommand(),
  serve: async () => (await import('./serve.ts')).serveCommand(),
};

/** Global options that take a value: their value is not the command name. */
const VALUE_OPTIONS = new Set(['-w', '--workspace', '--db']);

/** The command named on the command line, or null (help, version, a typo: then all are loaded). */
export function commandName(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a in COMMANDS ? a : null;
  }
  return null;
}

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('cto')
    .description('A technology office as software: scan git repositories, store facts, answer with evidence.')
    .version(TOOL_VERSION, '-V, --version')
    .option('-w, --workspace <dir>', 'the workspace folder (cto.yaml, .cto/ store)', '.')
    .option('--db <url>', 'store to use: postgres://... or an SQLite file (default .cto/cto.db; env CTO_DB)')
    .option('--debug', 'show stack traces for errors');
  const named = commandName(argv);
  // `cto --version` alone needs no command; help, a typo or nothing at all needs every one.
  const versionOnly = named === null && argv.length > 0 && argv.every((a) => a === '-V' || a === '--version');
  let load = Object.values(COMMANDS);
  if (named) load = [COMMANDS[named] as () => Promise<Command>];
  else if (versionOnly) load = [];
  for (const cmd of await Promise.all(load.map((l) => l()))) program.addCommand(cmd);
  configureErrors(program);
  return program;
}

/**
 * Commander's own usage errors (unknown option or command, missing argument) as one line in cto's form,
 * with a pointer to the command's help instead of the whole help; for the command and all below it.
 */
function configureErrors(cmd: Command, path = 'cto'): void {
  cmd
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeErr: writeError,
      outputError: (message) => {
        const line = message
          .trim()
          .replace(/^error: /, '')
          .replace(/\n\((Did you mean .*)\)$/, (_, hint: string) => ` (${hint.replace(/^D/, 'd')})`);
        printError(`cto: ${line} [USAGE]`);
        printError(`(see \`${path} --help\`)`);
      },
    });
  for (const sub of cmd.commands) configureErrors(sub, `${path} ${sub.name()}`);
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage mistakes exit 2 (already printed by configureErrors).
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, argv.includes('--debug'));
  }
}

/** The program as `bin/cto.js` starts it. */
export async function run(): Promise<void> {
  // A reader that stops early (`cto ... | head`) closes the pipe: that ends the command quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.exitCode = await main(process.argv.slice(2));
}
