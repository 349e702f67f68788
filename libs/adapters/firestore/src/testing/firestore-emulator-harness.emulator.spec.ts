import { describe, expect, it } from '@jest/globals';
import { locateFirestoreEmulator } from './locate-firestore-emulator.js';
import { startFirestoreEmulator } from './start-firestore-emulator.js';

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the Firestore emulator harness', () => {
  it('names what is missing when the emulator is not installed', () => {
    const location = locateFirestoreEmulator({ FIRESTORE_EMULATOR_BIN: '/nonexistent/cloud_firestore_emulator' });

    expect(location).toEqual({
      found: false,
      missing: expect.stringContaining('/nonexistent/cloud_firestore_emulator not found'),
    });
  });

  const location = locateFirestoreEmulator();
  (location.found ? it : it.skip)(
    'starts an emulator on loopback and stops its whole process group',
    async () => {
      if (!location.found) return;
      const emulator = await startFirestoreEmulator({ executable: location.executable });
      expect(emulator.host).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(groupAlive(emulator.pid)).toBe(true);
      const answer = await fetch(`http://${emulator.host}/`);
      expect(answer.ok).toBe(true);

      await emulator.stop();

      expect(groupAlive(emulator.pid)).toBe(false);
      await expect(fetch(`http://${emulator.host}/`)).rejects.toThrow();
    },
    60_000,
  );
});
