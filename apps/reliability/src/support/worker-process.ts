import { join } from 'node:path';
import { buildWorkerBundle as buildBundle, REPO_ROOT, startWorker as start, type WorkerProcess } from '@worker-chart-export/testing';

export type { WorkerProcess, WorkerReply } from '@worker-chart-export/testing';

/** This suite's own bundle of the worker, so it never races another suite building `dist/apps/worker`. */
export const WORKER_BUNDLE = join(REPO_ROOT, 'dist/apps/reliability/worker/main.js');

/** Bundles apps/worker into {@link WORKER_BUNDLE}. */
export async function buildWorkerBundle(): Promise<void> {
  await buildBundle(WORKER_BUNDLE);
}

/** Starts the reliability bundle with debug logs and `env`, and waits for `worker.started`. */
export const startWorker = (env: Record<string, string>): Promise<WorkerProcess> => start(WORKER_BUNDLE, { LOG_LEVEL: 'debug', ...env });
