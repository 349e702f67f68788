import type * as FirestoreAdapterLibrary from '@worker-chart-export/adapter-firestore';
import type * as GcsAdapterLibrary from '@worker-chart-export/adapter-gcs';

/** The Firestore adapter library's exports. */
export type FirestoreAdapters = typeof FirestoreAdapterLibrary;
/** The GCS adapter library's exports. */
export type GcsAdapters = typeof GcsAdapterLibrary;

// The cloud SDKs take seconds to load (gRPC, protobufs): every command that does not touch them,
// run-local on the embedded default first of all, must not pay for them, so they are loaded on demand.

/**
 * Loads `@worker-chart-export/adapter-firestore` (and the Firestore SDK). With the emulator the client
 * uses no credentials, yet still probes the GCE metadata server and prints a `MetadataLookupWarning` on
 * stderr when there is none; `METADATA_SERVER_DETECTION=none` (unless set already) skips that probe.
 */
export function loadFirestoreAdapters(env: NodeJS.ProcessEnv = process.env): Promise<FirestoreAdapters> {
  if (env['FIRESTORE_EMULATOR_HOST'] && env['METADATA_SERVER_DETECTION'] === undefined) env['METADATA_SERVER_DETECTION'] = 'none';
  return import('@worker-chart-export/adapter-firestore');
}

/** Loads `@worker-chart-export/adapter-gcs` (and the Cloud Storage SDK). */
export function loadGcsAdapters(): Promise<GcsAdapters> {
  return import('@worker-chart-export/adapter-gcs');
}
