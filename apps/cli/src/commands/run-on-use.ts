import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/** A command's implementation: its flags as commander hands them over and the process surface in, the exit code out. */
export type CommandRun<F> = (flags: F, io: CliIo) => Promise<number>;

/**
 * Sets `command`'s action: load the implementation (so `--help` and the other commands do not pay for this
 * command's dependencies), run it and hand its exit code to `onExit`.
 */
export function runOnUse<F>(command: Command, load: () => Promise<CommandRun<F>>, io: CliIo, onExit: (code: number) => void): Command {
  return command.action(async (flags: F) => {
    const run = await load();
    onExit(await run(flags, io));
  });
}
