import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { Timestamp } from '@google-cloud/firestore';
import { createSecretRedactor } from '@worker-chart-export/domain';
import { emulatorEnv, firestoreAdapters, firestoreTesting } from './firestore-cli-env.js';
import { writeTestFile } from './flow-run-files.js';
import { lastJsonLine, spawnCli, tempDir } from '@worker-chart-export/testing';

const { LEASES_COLLECTION, leaseDocumentId } = firestoreAdapters;
const { describeWithFirestoreEmulator, useEmulatorFirestore } = firestoreTesting;

// Spawns the real CLI (seconds of start-up with the Firestore SDK).
jest.setTimeout(120_000);

const API_KEY = 'sk-sweep-never-print-0123456789';
const percentEncoded = (text: string) => Array.from(text, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
const jsonEscaped = (text: string) => Array.from(text, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describeWithFirestoreEmulator('sweep prints no API key', () => {
  const firestore = useEmulatorFirestore('cli-sweep-redaction');
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    dir = await tempDir('cli-sweep-redaction');
  });
  afterAll(async () => {
    await dir.cleanup();
  });

  it('removes every configured key, in any form, from the report on stdout', async () => {
    // Expired leases whose ids echo the key (plain, percent-encoded, JSON-escaped), as a crash message or a
    // hostile document can: the report names each lease it settled.
    const leases = [
      { runId: `run-${API_KEY}`, stepId: `charts:${percentEncoded(API_KEY)}` },
      { runId: `run-${jsonEscaped(API_KEY)}`, stepId: 'charts:1h' },
    ];
    const expired = Timestamp.fromMillis(Date.now() - 60_000);
    for (const lease of leases) {
      await firestore
        .db()
        .collection(LEASES_COLLECTION)
        .doc(leaseDocumentId(lease.runId, lease.stepId))
        .set({ ...lease, owner: 'worker-that-died', attempt: 1, claimedAt: expired, expiresAt: expired, storedRenders: [] });
    }
    const accounts = await writeTestFile(dir.path, 'accounts.json', [{ id: 'acc-1', apiKey: API_KEY }]);

    const run = await spawnCli(['sweep', '--accounts-config-path', accounts, '--storage-dir', dir.path], emulatorEnv(firestore.projectId));

    expect(run.code).toBe(0);
    expect(lastJsonLine(run.stdout)).toEqual({
      examined: 2,
      actions: expect.arrayContaining([
        { runId: 'run-[REDACTED]', stepId: 'charts:[REDACTED]', action: 'closed', detail: 'step is gone' },
        { runId: 'run-[REDACTED]', stepId: 'charts:1h', action: 'closed', detail: 'step is gone' },
      ]),
    });
    const anyForm = createSecretRedactor([API_KEY]);
    expect(anyForm.redact(run.stdout)).toBe(run.stdout);
    expect(anyForm.redact(run.stderr)).toBe(run.stderr);
  });
});
