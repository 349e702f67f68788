import { performance } from 'node:perf_hooks';
import { createFirestore, FirestoreAccountPool } from '@worker-chart-export/adapter-firestore';
import { SystemClock } from '@worker-chart-export/adapter-local';
import type { AccountPool, ChartApi, ChartImgAccount } from '@worker-chart-export/domain';
import { InMemoryBlobStore, ScriptedChartApi, okPng, type MapTemplateRepo } from '@worker-chart-export/domain/testing';
import { withFirestoreEmulatorHost } from '@worker-chart-export/testing';
import { startGrpcProxy } from '../tcp-proxy/index.js';
import { durationStats } from './bench-stats.js';
import { composeStep, silentLog } from './step-composition.js';

export interface SlowStoreFigures {
  readonly storeDelayMs: number;
  /** Median ms from a step's start to its last Chart-IMG request sent, reservations one at a time (as before). */
  readonly serializedMs: number;
  /** The same with the pool as it is: reservations issued together go in one batch; records never wait for them. */
  readonly batchedMs: number;
}

/**
 * Time from a step's start to its last request sent when every Firestore call takes `storeDelayMs` more (the
 * emulator behind the loopback gRPC proxy, each call held that long): the account pool over the slow store, the rest in
 * memory, an instant provider. "serialized" wraps the pool so that its operations run one after another, each
 * reservation its own read and write, as the pool worked before; "batched" is the pool as it is.
 */
export async function benchSlowStore(p: {
  emulatorHost: string;
  storeDelayMs: number;
  reps: number;
  templates: MapTemplateRepo;
  flowRunFor: (index: number) => Record<string, unknown>;
}): Promise<SlowStoreFigures> {
  const proxy = await startGrpcProxy({ target: p.emulatorHost });
  proxy.intercept(async () => {
    await new Promise((resolve) => setTimeout(resolve, p.storeDelayMs));
    return { type: 'forward' };
  });
  const db = withFirestoreEmulatorHost(proxy.host, () => createFirestore({ projectId: 'demo-bench-slow-store' }));
  const png = okPng(800, 600);
  let index = 2_000_000;
  try {
    const medianFor = async (variant: string, wrap: (pool: AccountPool) => AccountPool): Promise<number> => {
      const account: ChartImgAccount = {
        id: `bench-slow-${variant}`,
        apiKey: `bench-slow-${variant}-key-0123456789`,
        plan: 'PRO',
        dailyLimit: 100_000,
        priority: 1,
      };
      let sends: number[] = [];
      const inner = new ScriptedChartApi(() => png);
      const chartApi: ChartApi = {
        mode: 'real',
        replay: (call) => inner.replay(call),
        render: (call, reservation, timeoutMs) => {
          sends.push(performance.now());
          return inner.render(call, reservation, timeoutMs);
        },
      };
      const pool = wrap(new FirestoreAccountPool(db, [account], new SystemClock()));
      const run = composeStep({ templates: p.templates, blobs: new InMemoryBlobStore(), chartApi, accounts: pool, log: silentLog }, p.flowRunFor);
      const samples: number[] = [];
      for (let rep = 0; rep <= p.reps; rep += 1) {
        sends = [];
        const started = performance.now();
        await run(index++);
        // The first step opens the gRPC channel: a warm-up.
        if (rep > 0) samples.push(Math.max(...sends) - started);
      }
      return durationStats(samples).p50;
    };
    return {
      storeDelayMs: p.storeDelayMs,
      serializedMs: await medianFor('serialized', serialized),
      batchedMs: await medianFor('batched', (pool) => pool),
    };
  } finally {
    await db.terminate();
    await proxy.close();
  }
}

/** `pool` with every operation waiting for the one before: one store round-trip after another. */
function serialized(pool: AccountPool): AccountPool {
  let queue: Promise<unknown> = Promise.resolve();
  const chain = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    reserve: (demand, exclude) => chain(() => pool.reserve(demand, exclude)),
    record: (reservation, outcome) => chain(() => pool.record(reservation, outcome)),
    release: (reservation) => chain(() => pool.release(reservation)),
    sendCapacity: () => pool.sendCapacity?.() ?? Number.POSITIVE_INFINITY,
  };
}
