import { describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { capturedIo } from '../captured-io.js';
import { runOnUse, type CommandRun } from './run-on-use.js';

interface Flags {
  readonly name?: string;
}

function program(load: () => Promise<CommandRun<Flags>>, exits: number[]) {
  const { io } = capturedIo({ SOME: 'env' });
  const root = new Command('tool').exitOverride();
  root.command('other').action(() => undefined);
  runOnUse(root.command('greet').option('--name <name>'), load, io, (code) => exits.push(code));
  return { root, io };
}

describe('runOnUse', () => {
  it('loads the implementation only when its command runs, then hands it the flags and io and its code to onExit', async () => {
    const loads: string[] = [];
    const seen: unknown[] = [];
    const exits: number[] = [];
    const load = async (): Promise<CommandRun<Flags>> => {
      loads.push('greet');
      return async (flags, given) => {
        seen.push(flags, given);
        return 7;
      };
    };

    await program(load, exits).root.parseAsync(['node', 'tool', 'other']);
    expect(loads).toEqual([]);
    expect(exits).toEqual([]);

    const { root, io } = program(load, exits);
    await root.parseAsync(['node', 'tool', 'greet', '--name', 'ada']);
    expect(loads).toEqual(['greet']);
    expect(seen).toEqual([{ name: 'ada' }, io]);
    expect(exits).toEqual([7]);
  });
});
