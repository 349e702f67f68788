import { PassThrough } from 'node:stream';
import type { CliIo } from './cli-io.js';

/** A {@link CliIo} over in-memory streams, for running a command in-process and reading what it printed. */
export interface CapturedIo {
  readonly io: CliIo;
  readonly stdout: () => string;
  /** Every non-empty stderr line. */
  readonly stderrLines: () => string[];
}

export function capturedIo(env: CliIo['env'] = {}): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    io: { stdout, stderr, env },
    stdout: () => out,
    stderrLines: () =>
      err
        .trimEnd()
        .split('\n')
        .filter((line) => line !== ''),
  };
}
