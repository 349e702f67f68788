import { Firestore } from '@google-cloud/firestore';

export const DEFAULT_DATABASE_ID = '(default)';

export interface FirestoreOptions {
  /** Absent: the SDK's own discovery (GOOGLE_CLOUD_PROJECT, metadata server). */
  readonly projectId?: string;
  /** Absent: env `FIRESTORE_DATABASE`, else `(default)`. */
  readonly databaseId?: string;
}

/**
 * A Firestore client for `projectId`/`databaseId`. The SDK itself honours `FIRESTORE_EMULATOR_HOST`
 * (plain-text connection, no credentials), so the same code talks to the emulator in tests.
 */
export function createFirestore(options: FirestoreOptions = {}, env: NodeJS.ProcessEnv = process.env): Firestore {
  const databaseId = options.databaseId ?? firestoreDatabaseFromEnv(env);
  return new Firestore({
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
    databaseId,
    ignoreUndefinedProperties: true,
  });
}

/** `FIRESTORE_DATABASE`, default `(default)`. */
export function firestoreDatabaseFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env['FIRESTORE_DATABASE']?.trim();
  return value ? value : DEFAULT_DATABASE_ID;
}
