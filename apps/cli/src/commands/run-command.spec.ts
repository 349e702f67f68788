import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../usage-error.js';
import { capturedIo } from '../captured-io.js';
import { endCommand, failedCommand, runCommand } from './run-command.js';

describe('runCommand', () => {
  it("returns the body's exit code and prints nothing of its own", async () => {
    const captured = capturedIo();
    expect(await runCommand(captured.io, failedCommand('x do'), async () => 3)).toBe(3);
    expect(captured.stderrLines()).toEqual([]);
  });

  it.each([
    [
      'a usage error with its message on one stderr line, exit 2',
      new UsageError('--flag "v" is wrong\n  on two lines'),
      2,
      'error: --flag "v" is wrong on two lines',
    ],
    ['any other error with the failure line, exit 1', new Error('connection refused'), 1, 'error: x do failed: connection refused'],
    ['a thrown non-Error as text, exit 1', 'not an Error', 1, 'error: x do failed: not an Error'],
  ])('ends %s', async (_case, error, code, line) => {
    const captured = capturedIo();
    const body = async (): Promise<number> => {
      throw error;
    };
    expect(await runCommand(captured.io, failedCommand('x do'), body)).toBe(code);
    expect(captured.stderrLines()).toEqual([line]);
  });
});

describe('endCommand', () => {
  it.each([
    [new UsageError('key sk-1 refused'), 2, 'error: key [redacted] refused'],
    [new Error('provider said sk-1'), 1, 'error: stopped: provider said [redacted]'],
  ])('applies the redaction to the printed line (%s)', async (error, code, line) => {
    const captured = capturedIo();
    const redact = (text: string) => text.replaceAll('sk-1', '[redacted]');
    expect(await endCommand(error, captured.io, (problem) => `stopped: ${(problem as Error).message}`, redact)).toBe(code);
    expect(captured.stderrLines()).toEqual([line]);
  });
});
