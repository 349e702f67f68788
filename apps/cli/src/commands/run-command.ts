import { writeLine, usageMessage, type CliIo } from '../cli-io.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { UsageError, messageOf } from '../usage-error.js';

/** How a command reports an error that is not a usage error: its one line (after "error: "). */
export type DescribeFailure = (error: unknown) => string;

/** The usual failure line: "`command` failed: message". */
export function failedCommand(command: string): DescribeFailure {
  return (error) => `${command} failed: ${messageOf(error)}`;
}

/**
 * How a command ends on an error: a usage or configuration error prints its message as one stderr line and
 * exits 2; anything else prints `describeFailure`'s line and exits 1. `redact` applies to the printed line.
 */
export async function endCommand(
  error: unknown,
  io: CliIo,
  describeFailure: DescribeFailure,
  redact: (text: string) => string = (text) => text,
): Promise<number> {
  const usage = error instanceof UsageError;
  await writeLine(io.stderr, usageMessage(redact(usage ? error.message : describeFailure(error))));
  return usage ? EXIT_CODES.usage : EXIT_CODES.failed;
}

/** Runs a command's `body` to its exit code; an error thrown ends the command as {@link endCommand} says. */
export async function runCommand(io: CliIo, describeFailure: DescribeFailure, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return await endCommand(error, io, describeFailure);
  }
}
