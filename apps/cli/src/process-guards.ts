import { usageMessage } from './cli-io.js';
import { EXIT_CODES } from './summary/exit-codes.js';

type GuardedProcess = Pick<NodeJS.Process, 'on' | 'exit' | 'exitCode' | 'stdout' | 'stderr'>;

/**
 * One line instead of a stack trace for what escapes the commands: Google's auth library rejects
 * "Could not load the default credentials" from a background promise, which no command awaits. A reader
 * that closes stdout early (`| head`) ends the process quietly instead of an EPIPE trace.
 */
export function installProcessGuards(proc: GuardedProcess): void {
  const fail = (cause: unknown): void => {
    proc.stderr.write(`${usageMessage(firstLine(cause))}\n`, () => proc.exit(EXIT_CODES.failed));
  };
  proc.on('unhandledRejection', fail);
  proc.on('uncaughtException', fail);
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') proc.exit(typeof proc.exitCode === 'number' ? proc.exitCode : 0);
    else fail(error);
  });
}

function firstLine(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return (text.split('\n')[0] ?? '').slice(0, 500) || 'unexpected failure';
}
