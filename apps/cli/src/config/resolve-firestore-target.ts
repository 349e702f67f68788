import { fail, ok, type ConfigResult } from './config-result.js';
import { nonEmpty, type Env } from './env.js';

/** The Firestore database a command works on. */
export interface FirestoreTarget {
  readonly projectId: string;
  /** `FIRESTORE_DATABASE`, default `(default)`. */
  readonly databaseId: string;
  /** `FIRESTORE_EMULATOR_HOST`, when set (the SDK then talks to the emulator, without credentials). */
  readonly emulatorHost?: string;
}

/** The database used when `FIRESTORE_DATABASE` is unset (the adapter's default too; not imported, to keep the SDK unloaded). */
export const DEFAULT_DATABASE_ID = '(default)';

// Project ids are lowercase letters, digits and hyphens (6-30), optionally behind a `domain:` prefix.
const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// Named databases: 4-63 lowercase letters, digits and hyphens, starting with a letter.
const DATABASE_ID = /^[a-z][a-z0-9-]{2,61}[a-z0-9]$/;

/**
 * `--project` > `GOOGLE_CLOUD_PROJECT`, database from `FIRESTORE_DATABASE`. `neededBy` names what asked
 * for Firestore, so the message says why a project is needed.
 */
export function resolveFirestoreTarget(projectFlag: string | undefined, env: Env, neededBy: string): ConfigResult<FirestoreTarget> {
  const fromFlag = nonEmpty(projectFlag);
  const projectId = fromFlag ?? nonEmpty(env['GOOGLE_CLOUD_PROJECT']);
  if (projectId === undefined) {
    return fail(`${neededBy} needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT`);
  }
  if (!PROJECT_ID.test(projectId)) {
    const source = fromFlag === undefined ? 'GOOGLE_CLOUD_PROJECT' : '--project';
    return fail(`${source} ${JSON.stringify(projectId)} is not a Google Cloud project id (6-30 lowercase letters, digits and hyphens)`);
  }
  const databaseId = nonEmpty(env['FIRESTORE_DATABASE']) ?? DEFAULT_DATABASE_ID;
  if (databaseId !== DEFAULT_DATABASE_ID && !DATABASE_ID.test(databaseId)) {
    return fail(`FIRESTORE_DATABASE ${JSON.stringify(databaseId)} is not a Firestore database id ((default), or 4-63 lowercase letters, digits and hyphens)`);
  }
  const emulatorHost = nonEmpty(env['FIRESTORE_EMULATOR_HOST']);
  return ok({ projectId, databaseId, ...(emulatorHost === undefined ? {} : { emulatorHost }) });
}

/** `projects/P/databases/D`, plus the emulator's address when one is used: for reports, so nobody mistakes the target. */
export function describeFirestoreTarget(target: FirestoreTarget): string {
  const path = `projects/${target.projectId}/databases/${target.databaseId}`;
  return target.emulatorHost === undefined ? path : `${path} (emulator ${target.emulatorHost})`;
}
