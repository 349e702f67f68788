import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';

// The CLI loads the Firestore adapter on demand (its SDK is slow to load), and the module-boundary lint
// forbids static imports of a lazily loaded library, so the specs take it from here, loaded the same way.

/** The Firestore adapter library, for the emulator specs. */
export const firestoreAdapters = await import('@worker-chart-export/adapter-firestore');

/** The adapter's emulator harness (`describeWithFirestoreEmulator`, `useEmulatorFirestore`, ...). */
export const firestoreTesting = await import('@worker-chart-export/adapter-firestore/testing');

/** The env a spawned CLI needs to work on `projectId` in the test run's Firestore emulator. */
export function emulatorEnv(projectId: string): Record<string, string> {
  const hostEnv = firestoreTesting.EMULATOR_HOST_ENV;
  const host = process.env[hostEnv];
  if (!host) throw new Error(`${hostEnv} is not set`);
  return { [hostEnv]: host, GOOGLE_CLOUD_PROJECT: projectId };
}

/** The repo's seed templates as `{id, data}`, read straight from `chart-templates/`. */
export async function seedTemplates(): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const dir = join(REPO_ROOT, 'chart-templates');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => ({
      id: name.slice(0, -'.json'.length),
      data: JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>,
    })),
  );
}
