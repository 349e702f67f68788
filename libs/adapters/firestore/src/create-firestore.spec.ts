import { describe, expect, it } from '@jest/globals';
import { createFirestore, firestoreDatabaseFromEnv } from './create-firestore.js';

describe('createFirestore', () => {
  it('reads the database from FIRESTORE_DATABASE, defaulting to (default)', () => {
    expect(firestoreDatabaseFromEnv({})).toBe('(default)');
    expect(firestoreDatabaseFromEnv({ FIRESTORE_DATABASE: '  ' })).toBe('(default)');
    expect(firestoreDatabaseFromEnv({ FIRESTORE_DATABASE: 'charts' })).toBe('charts');
  });

  it('builds a client for the given project and database, an explicit database winning over the env', async () => {
    const fromEnv = createFirestore({ projectId: 'demo-a' }, { FIRESTORE_DATABASE: 'charts' });
    const explicit = createFirestore({ projectId: 'demo-a', databaseId: 'other' }, { FIRESTORE_DATABASE: 'charts' });

    expect(fromEnv.databaseId).toBe('charts');
    expect(explicit.databaseId).toBe('other');
    expect(explicit.doc('flow_runs/x').path).toBe('flow_runs/x');
    await Promise.all([fromEnv.terminate(), explicit.terminate()]);
  });
});
