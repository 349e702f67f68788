import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flowRunUpdatedEvent, startLineProcess, type LineProcess } from '@worker-chart-export/tools/testing/index.js';
import { REPO_ROOT } from './repo-root.js';

/** This suite's own bundle of the worker, so it never races another suite building `dist/apps/worker`. */
export const WORKER_BUNDLE = join(REPO_ROOT, 'dist/apps/reliability/worker/main.js');

const STARTUP_MS = 60_000;
const HTTP_TIMEOUT_MS = 60_000;

/** Bundles apps/worker (esbuild) into {@link WORKER_BUNDLE}. */
export async function buildWorkerBundle(): Promise<void> {
  await promisify(execFile)(process.execPath, ['apps/worker/esbuild.mjs', '--outfile', WORKER_BUNDLE], { cwd: REPO_ROOT, timeout: 120_000 });
}

/** A running worker process on 127.0.0.1. */
export interface WorkerProcess {
  readonly url: string;
  readonly process: LineProcess;
  /** Parsed JSON log lines of stdout with this `event` name. */
  events(name: string): Array<Record<string, unknown>>;
  /** Posts a flow_run update event as Eventarc does; resolves with the HTTP status and JSON body. */
  postEvent(id: string, projectId: string, doc: { runId: string } & Record<string, unknown>): Promise<WorkerReply>;
  /** `POST /sweep`. */
  sweep(): Promise<WorkerReply>;
}

export interface WorkerReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Starts the bundled worker with `env` (on top of this process's environment) and waits for `worker.started`. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = startLineProcess(process.execPath, [WORKER_BUNDLE], {
    cwd: REPO_ROOT,
    env: { PORT: '0', HOST: '127.0.0.1', ENV: 'test', LOG_LEVEL: 'debug', ...env },
  });
  let started: { port: number };
  try {
    started = JSON.parse(await child.waitForLine((line) => line.includes('"worker.started"'), STARTUP_MS)) as { port: number };
  } catch (error) {
    await child.kill();
    throw error;
  }
  const url = `http://127.0.0.1:${started.port}`;
  const call = async (path: string, init: RequestInit): Promise<WorkerReply> => {
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    url,
    process: child,
    events: (name) =>
      child.lines.flatMap((line) => {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          return entry['event'] === name ? [entry] : [];
        } catch {
          return [];
        }
      }),
    postEvent: (id, projectId, doc) => {
      const delivery = flowRunUpdatedEvent({ id, projectId, doc });
      return call('/', { method: 'POST', headers: delivery.headers, body: delivery.body });
    },
    sweep: () => call('/sweep', { method: 'POST' }),
  };
}
