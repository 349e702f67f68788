import { EMULATOR_HOST_ENV } from './firestore-emulator-env.js';
import { RUNNING_EMULATOR } from './jest-global-setup.js';
import type { FirestoreEmulator } from './start-firestore-emulator.js';

/** Jest global teardown: stops the emulator the setup started (never one it found running). */
export default async function teardown(): Promise<void> {
  const registry = globalThis as Record<symbol, FirestoreEmulator | undefined>;
  const emulator = registry[RUNNING_EMULATOR];
  if (emulator === undefined) return;
  registry[RUNNING_EMULATOR] = undefined;
  await emulator.stop();
  delete process.env[EMULATOR_HOST_ENV];
}
