import { EMULATOR_HOST_ENV, EMULATOR_REQUIRED_ENV, EMULATOR_SKIP_REASON_ENV } from './firestore-emulator-env.js';
import { locateFirestoreEmulator } from './locate-firestore-emulator.js';
import { startFirestoreEmulator, type FirestoreEmulator } from './start-firestore-emulator.js';

/** Shared with the teardown, which jest runs in the same process. */
export const RUNNING_EMULATOR = Symbol.for('worker-chart-export.firestore-emulator');

/**
 * Jest global setup: one emulator for the whole run of this project, its host in FIRESTORE_EMULATOR_HOST
 * (inherited by the test workers). An emulator already named by FIRESTORE_EMULATOR_HOST is used as is.
 */
export default async function setup(): Promise<void> {
  if (process.env[EMULATOR_HOST_ENV]) return;
  const location = locateFirestoreEmulator();
  if (!location.found) {
    if (process.env[EMULATOR_REQUIRED_ENV] === '1') {
      throw new Error(`${EMULATOR_REQUIRED_ENV}=1 but cannot run the emulator: missing ${location.missing}`);
    }
    process.env[EMULATOR_SKIP_REASON_ENV] = `missing ${location.missing}`;
    console.warn(`\nFirestore emulator specs are SKIPPED: missing ${location.missing}\n`);
    return;
  }
  const emulator = await startFirestoreEmulator({ executable: location.executable });
  const registry = globalThis as Record<symbol, FirestoreEmulator | undefined>;
  registry[RUNNING_EMULATOR] = emulator;
  // Safety net for a run that ends without the teardown (e.g. a crash): never leave a Java process behind.
  process.once('exit', () => {
    if (registry[RUNNING_EMULATOR] === emulator) killGroupNow(emulator.pid);
  });
  process.env[EMULATOR_HOST_ENV] = emulator.host;
}

function killGroupNow(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
