import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from './summary/exit-codes.js';
import type { CliIo } from './cli-io.js';
import { registerAccountsCommand } from './commands/accounts.command.js';
import { registerEventsCommand } from './commands/events.command.js';
import { registerRunLocalCommand } from './commands/run-local.command.js';
import { registerSweepCommand } from './commands/sweep.command.js';
import { registerTemplatesCommand } from './commands/templates.command.js';

/** The `worker-chart-export` program with its commands; `onExit` receives a command's exit code. */
export function buildProgram(io: CliIo, onExit: (code: number) => void): Command {
  const program = new Command('worker-chart-export')
    .description('CHART_EXPORT flow worker: renders chart PNGs through Chart-IMG and writes a ChartsOutputsManifest.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors stay on one line, commander's "(Did you mean ...?)" suggestion included.
      outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .showSuggestionAfterError();
  registerRunLocalCommand(program, io, onExit);
  registerTemplatesCommand(program, io, onExit);
  registerAccountsCommand(program, io, onExit);
  registerSweepCommand(program, io, onExit);
  registerEventsCommand(program, io, onExit);
  return program;
}

/** Parses `argv` and runs the command; resolves to the process exit code (2 for any usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT_CODES.succeeded;
  const program = buildProgram(io, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.succeeded : EXIT_CODES.usage;
    throw error;
  }
  return code;
}
