import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '@worker-chart-export/adapter-firestore';

/**
 * A Firestore client for `projectId` that talks to `host` (e.g. a proxy in front of the emulator). The SDK
 * reads FIRESTORE_EMULATOR_HOST once, in its constructor, and lets it win over settings; so it is swapped
 * for the construction only.
 */
export function firestoreVia(host: string, projectId: string): Firestore {
  const saved = process.env['FIRESTORE_EMULATOR_HOST'];
  process.env['FIRESTORE_EMULATOR_HOST'] = host;
  try {
    return createFirestore({ projectId });
  } finally {
    if (saved === undefined) delete process.env['FIRESTORE_EMULATOR_HOST'];
    else process.env['FIRESTORE_EMULATOR_HOST'] = saved;
  }
}
