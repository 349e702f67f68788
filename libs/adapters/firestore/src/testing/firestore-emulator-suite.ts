import type { Firestore } from '@google-cloud/firestore';
import type * as JestGlobals from '@jest/globals';
import { createFirestore, DEFAULT_DATABASE_ID } from '../create-firestore.js';
import { EMULATOR_HOST_ENV, EMULATOR_SKIP_REASON_ENV } from './firestore-emulator-env.js';

/**
 * `describe` for specs that need the emulator started by the jest global setup. Without one the block is
 * skipped (reported as skipped, never as passed) and a warning names what is missing.
 */
export function describeWithFirestoreEmulator(name: string, body: () => void): void {
  const { describe } = jestGlobals();
  const host = process.env[EMULATOR_HOST_ENV];
  if (host) {
    describe(name, body);
    return;
  }
  const reason =
    process.env[EMULATOR_SKIP_REASON_ENV] ??
    `${EMULATOR_HOST_ENV} is not set (run through the adapter-firestore jest config, whose global setup starts the emulator)`;
  console.warn(`SKIPPED "${name}": the Firestore emulator is not available: ${reason}`);
  describe.skip(name, body);
}

export interface EmulatorFirestore {
  /** The client for this spec's project; valid inside tests. */
  readonly db: () => Firestore;
  readonly projectId: string;
}

/**
 * Inside {@link describeWithFirestoreEmulator}: a client on a project of its own (so spec files running in
 * parallel never see each other's data), emptied before every test and closed after the block.
 */
export function useEmulatorFirestore(projectName: string): EmulatorFirestore {
  const { afterAll, beforeAll, beforeEach } = jestGlobals();
  const projectId = `demo-${projectName}`;
  let db: Firestore | undefined;
  beforeAll(async () => {
    db = createFirestore({ projectId, databaseId: DEFAULT_DATABASE_ID });
    // The first call opens the gRPC channel (seconds on a busy machine): pay it here, not in a test's timeout.
    await db.collection('warm-up').doc('warm-up').get();
  }, 60_000);
  beforeEach(async () => {
    await clearEmulatorProject(requireHost(), projectId);
  });
  afterAll(async () => {
    await db?.terminate();
  });
  return {
    projectId,
    db: () => {
      if (db === undefined) throw new Error('the emulator Firestore client is only available inside tests');
      return db;
    },
  };
}

/** Deletes every document of `projectId`'s database in the emulator. */
export async function clearEmulatorProject(host: string, projectId: string, databaseId: string = DEFAULT_DATABASE_ID): Promise<void> {
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/${databaseId}/documents`;
  const response = await fetch(url, { method: 'DELETE' });
  if (!response.ok) throw new Error(`clearing the emulator at ${url} failed: HTTP ${response.status}`);
  await response.arrayBuffer();
}

function requireHost(): string {
  const host = process.env[EMULATOR_HOST_ENV];
  if (!host) throw new Error(`${EMULATOR_HOST_ENV} is not set`);
  return host;
}

/**
 * Jest's globals, looked up when called rather than imported, so this entry point also loads outside
 * jest (the emulator tool in `tools/` imports the process helpers from it).
 */
function jestGlobals(): Pick<typeof JestGlobals, 'describe' | 'beforeAll' | 'beforeEach' | 'afterAll'> {
  const globals = globalThis as Partial<typeof JestGlobals>;
  const { describe, beforeAll, beforeEach, afterAll } = globals;
  if (!describe || !beforeAll || !beforeEach || !afterAll) {
    throw new Error('the Firestore emulator suite helpers run only inside jest (with injected globals)');
  }
  return { describe, beforeAll, beforeEach, afterAll };
}
