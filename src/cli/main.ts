// The `cto` command line: global options, the commands, and one place that turns errors into exit codes.
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../version.ts';
import { codeCommand } from './code.ts';
import { reportError } from './context.ts';
import { deliveryCommand } from './delivery.ts';
import { depsCommand } from './deps.ts';
import { eolCommand } from './eol.ts';
import { exportCommand } from './export.ts';
import { feedCommand } from './feed.ts';
import { hotspotsCommand } from './hotspots.ts';
import { knowledgeCommand } from './knowledge.ts';
import { licencesCommand } from './licences.ts';
import { peopleCommand } from './people.ts';
import { reportCommand } from './report.ts';
import { reposCommand } from './repos.ts';
import { scanCommand } from './scan.ts';
import { sqlCommand } from './sql.ts';
import { teamsCommand } from './teams.ts';
import { techCommand } from './tech.ts';
import { vulnsCommand } from './vulns.ts';

export function buildProgram(): Command {
  const program = new Command('cto')
    .description('A technology office as software: scan git repositories, store facts, answer with evidence.')
    .version(TOOL_VERSION, '-V, --version')
    .option('-w, --workspace <dir>', 'the workspace folder (cto.yaml, .cto/ store)', '.')
    .option('--db <url>', 'store to use: postgres://... or an SQLite file (default .cto/cto.db; env CTO_DB)')
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(run cto --help for usage)')
    .exitOverride();
  for (const cmd of [
    scanCommand(),
    reposCommand(),
    sqlCommand(),
    feedCommand(),
    vulnsCommand(),
    eolCommand(),
    codeCommand(),
    hotspotsCommand(),
    depsCommand(),
    licencesCommand(),
    techCommand(),
    exportCommand(),
    deliveryCommand(),
    reportCommand(),
    peopleCommand(),
    knowledgeCommand(),
    teamsCommand(),
  ]) {
    program.addCommand(cmd.exitOverride().showHelpAfterError());
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage mistakes exit 2 (commander already printed the message).
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, argv.includes('--debug'));
  }
}

// A reader that stops early (`cto ... | head`) closes the pipe: that ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
