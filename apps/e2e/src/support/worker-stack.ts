import { afterAll, beforeAll } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject } from '@worker-chart-export/adapter-firestore/testing';
import { buildWorkerBundle, type FakeBackends, type FakeBackendUrls, startFakeBackends, startWorker, type WorkerProcess } from '@worker-chart-export/testing';
import { seedFirestore } from './seed-firestore.js';

/** Enough for the bundle build, tsx and the worker's start on a loaded 2-core machine; a suite's `beforeAll` allows 4 times this. */
export const STACK_STARTUP_MS = 120_000;
const WORKER_BUNDLE = 'dist/apps/worker/main.js';

export interface WorkerStackOptions {
  /** The emulator project, cleared first. */
  readonly project: string;
  readonly bucket: string;
  /** Names the temporary directory of the fakes. */
  readonly prefix: string;
  /** The worker's `CHART_IMG_ACCOUNTS_JSON`. */
  readonly accounts: readonly object[];
  /** The accounts the fake Chart-IMG serves, when they differ from the worker's. */
  readonly providerAccounts?: readonly object[];
  /** Stored in `flow_runs` with the seed templates before the worker starts. */
  readonly flowRun: { runId: string };
  /** More worker environment (`LOG_LEVEL`, `CHART_RENDER_FALLBACK`, ...). */
  readonly env?: Record<string, string>;
  /** Runs once the fakes listen, before the worker starts (to store objects in the fake GCS, say). */
  readonly beforeWorker?: (fakes: FakeBackendUrls) => Promise<void>;
}

export interface StartedWorkerStack {
  readonly db: Firestore;
  readonly worker: WorkerProcess;
  readonly fakes: FakeBackendUrls;
  readonly emulatorHost: string;
  /** `performance.now()` when the worker process was spawned. */
  readonly spawnedAt: number;
}

/**
 * The bundled worker as a real process in real mode, against the Firestore emulator the jest global setup started
 * (FIRESTORE_EMULATOR_HOST), the fake GCS server and the fake Chart-IMG server, all on 127.0.0.1.
 */
export class WorkerStack {
  private backends: FakeBackends | undefined;
  private worker: WorkerProcess | undefined;
  private db: Firestore | undefined;

  constructor(private readonly options: WorkerStackOptions) {}

  async start(): Promise<StartedWorkerStack> {
    const { project, bucket, accounts, flowRun } = this.options;
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, project);
    this.backends = startFakeBackends({ prefix: this.options.prefix, chartImgAccounts: this.options.providerAccounts ?? accounts });
    const [fakes] = await Promise.all([this.backends.ready, buildWorkerBundle(WORKER_BUNDLE)]);
    await this.options.beforeWorker?.(fakes);
    const db = createFirestore({ projectId: project });
    this.db = db;
    await seedFirestore(db, flowRun);
    const spawnedAt = performance.now();
    const worker = await startWorker(WORKER_BUNDLE, {
      CHARTS_BUCKET: `gs://${bucket}`,
      CHART_IMG_ACCOUNTS_JSON: JSON.stringify(accounts),
      CHARTS_API_MODE: 'real',
      CHART_IMG_BASE_URL: fakes.chartImgUrl,
      GOOGLE_CLOUD_PROJECT: project,
      FIRESTORE_EMULATOR_HOST: emulatorHost,
      STORAGE_EMULATOR_HOST: fakes.gcsUrl,
      // Against the emulators the SDKs would still probe the GCE metadata server (about 1 s each).
      METADATA_SERVER_DETECTION: 'none',
      ...this.options.env,
    });
    this.worker = worker;
    return { db, worker, fakes, emulatorHost, spawnedAt };
  }

  /** Stops whatever `start` started, whether it finished or not. */
  async stop(): Promise<void> {
    await Promise.all([this.worker?.process.stop(), this.backends?.stop()]);
    await this.db?.terminate();
  }
}

/**
 * Call in a suite: starts a {@link WorkerStack} in its `beforeAll` and stops it in its `afterAll`. The result reads
 * the started stack (and throws when read before it started).
 */
export function useWorkerStack(options: WorkerStackOptions): StartedWorkerStack {
  const stack = new WorkerStack(options);
  let started: StartedWorkerStack | undefined;
  beforeAll(async () => {
    started = await stack.start();
  }, 4 * STACK_STARTUP_MS);
  afterAll(() => stack.stop(), 60_000);
  const current = (): StartedWorkerStack => {
    if (started === undefined) throw new Error('the worker stack has not started');
    return started;
  };
  return {
    get db() {
      return current().db;
    },
    get worker() {
      return current().worker;
    },
    get fakes() {
      return current().fakes;
    },
    get emulatorHost() {
      return current().emulatorHost;
    },
    get spawnedAt() {
      return current().spawnedAt;
    },
  };
}
