import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { locateFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { runWithFirestoreEmulator } from './run-with-firestore-emulator.js';

function emulatorProcesses(host: string): string {
  try {
    return execFileSync('pgrep', ['-f', `cloud_firestore_emulator start --host=127.0.0.1 --port=${host.split(':')[1]}`], {
      encoding: 'utf8',
    });
  } catch {
    return '';
  }
}

describe('runWithFirestoreEmulator', () => {
  it('reports what is missing instead of running without an emulator', async () => {
    await expect(runWithFirestoreEmulator(['true'], { FIRESTORE_EMULATOR_BIN: '/nonexistent/emulator' })).resolves.toEqual({
      type: 'missing',
      missing: expect.stringContaining('/nonexistent/emulator not found'),
    });
  });

  const installed = locateFirestoreEmulator().found;
  if (!installed) console.warn('SKIPPED: the Firestore emulator is not installed');
  (installed ? it : it.skip)(
    'runs the command against a live emulator, passes its exit code through, and leaves no process behind',
    async () => {
      const probe = `fetch('http://' + process.env.FIRESTORE_EMULATOR_HOST + '/').then((r) => process.exit(r.ok ? 7 : 1))`;

      const result = await runWithFirestoreEmulator([process.execPath, '-e', probe]);

      expect(result).toMatchObject({ type: 'ran', exitCode: 7 });
      if (result.type === 'ran') expect(emulatorProcesses(result.host)).toBe('');
    },
    60_000,
  );
});
