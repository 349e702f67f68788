import { spawn } from 'node:child_process';
import { locateFirestoreEmulator, startFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';

export type EmulatorRunResult =
  { readonly type: 'ran'; readonly exitCode: number; readonly host: string } | { readonly type: 'missing'; readonly missing: string };

/**
 * Starts the installed Firestore emulator on a free loopback port, runs `command` with
 * FIRESTORE_EMULATOR_HOST pointing at it (stdio inherited), then stops the emulator's whole process group,
 * whatever the command did.
 */
export async function runWithFirestoreEmulator(command: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<EmulatorRunResult> {
  const [executable, ...args] = command;
  if (executable === undefined) throw new Error('no command to run with the Firestore emulator');
  const location = locateFirestoreEmulator(env);
  if (!location.found) return { type: 'missing', missing: location.missing };
  const emulator = await startFirestoreEmulator({ executable: location.executable });
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(executable, args, {
        stdio: 'inherit',
        env: { ...env, FIRESTORE_EMULATOR_HOST: emulator.host },
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
    });
    return { type: 'ran', exitCode, host: emulator.host };
  } finally {
    await emulator.stop();
  }
}
