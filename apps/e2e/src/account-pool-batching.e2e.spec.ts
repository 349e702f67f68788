import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore, FirestoreAccountPool } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import type { ChartImgAccount, RenderDemand } from '@worker-chart-export/domain';
import { FakeClock } from '@worker-chart-export/domain/testing';
import { startGrpcProxy, type GrpcProxy } from '@worker-chart-export/tools/tcp-proxy/index.js';
import { withFirestoreEmulatorHost } from '@worker-chart-export/testing';

jest.setTimeout(60_000);

const PROJECT = 'demo-account-pool-batching';
const SMALL: RenderDemand = { width: 800, height: 600, parameterCount: 2 };
const ACCOUNT: ChartImgAccount = { id: 'acc-pro', apiKey: 'sk-e2e-batching-0a1b2c3d4e5f', plan: 'PRO', dailyLimit: 500, priority: 1 };

// The account pool's store traffic as Firestore sees it, through the loopback gRPC proxy in front of the emulator.
describeWithFirestoreEmulator('FirestoreAccountPool round-trips (emulator behind the gRPC proxy)', () => {
  let proxy: GrpcProxy;
  let db: Firestore;

  beforeAll(async () => {
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    proxy = await startGrpcProxy({ target: emulatorHost });
    db = withFirestoreEmulatorHost(proxy.host, () => createFirestore({ projectId: PROJECT }));
    await db.collection('warm-up').doc('warm-up').get();
  });

  afterAll(async () => {
    await db.terminate();
    await proxy.close();
  });

  const storeCalls = (from: number) => proxy.calls.slice(from).map((call) => call.method);

  it('reserves the units of requests starting together with one read and one commit', async () => {
    const pool = new FirestoreAccountPool(db, [ACCOUNT], new FakeClock('2026-03-01T12:00:00Z'));
    const before = proxy.calls.length;

    const results = await Promise.all(Array.from({ length: 5 }, () => pool.reserve(SMALL, new Set())));

    expect(results.map((result) => result.type)).toEqual(['reserved', 'reserved', 'reserved', 'reserved', 'reserved']);
    expect(storeCalls(before)).toEqual(['BatchGetDocuments', 'Commit']);
    expect((await db.collection('chart_img_accounts_usage').doc(ACCOUNT.id).get()).data()).toMatchObject({ usageToday: 5 });
  });

  it('records an outcome while a reservation is still on its way to the store', async () => {
    const pool = new FirestoreAccountPool(db, [ACCOUNT], new FakeClock('2026-03-01T12:00:00Z'));
    const first = await pool.reserve(SMALL, new Set());
    if (first.type !== 'reserved') throw new Error('expected a reservation');
    let releaseCommit: () => void = () => undefined;
    const commitHeld = new Promise<void>((resolve) => (releaseCommit = resolve));
    let held = 0;
    proxy.intercept(async (call) => {
      // Holds the next reservation's commit (the one that counts a unit) until the record is written.
      if (call.method === 'Commit' && held === 0 && call.body.toString('latin1').includes('usageToday')) {
        held += 1;
        await commitHeld;
      }
      return { type: 'forward' };
    });
    try {
      const reserving = pool.reserve(SMALL, new Set());
      for (let polls = 0; held === 0 && polls < 500; polls += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(held).toBe(1);

      await pool.record(first.reservation, { type: 'succeeded' });

      releaseCommit();
      expect(await reserving).toMatchObject({ type: 'reserved' });
    } finally {
      releaseCommit();
      proxy.intercept(undefined);
    }
  });
});
