import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { flowRunUpdatedEvent } from './firestore-event.js';
import { startLineProcess, type LineProcess } from './line-process.js';
import { parseJsonObject } from './parse-json-object.js';
import { REPO_ROOT } from './repo-root.js';

const STARTUP_MS = 120_000;
const HTTP_TIMEOUT_MS = 60_000;

/**
 * Bundles apps/worker (esbuild) into `outfile` (absolute, or relative to the repository root) and returns its
 * absolute path. A suite that runs beside others builds its own, so it never races them on one bundle.
 */
export async function buildWorkerBundle(outfile: string): Promise<string> {
  const path = resolve(REPO_ROOT, outfile);
  await promisify(execFile)(process.execPath, ['apps/worker/esbuild.mjs', '--outfile', path], { cwd: REPO_ROOT, timeout: 120_000 });
  return path;
}

/** A running worker process on 127.0.0.1. */
export interface WorkerProcess {
  readonly url: string;
  readonly process: LineProcess;
  /** Parsed JSON log lines of stdout with this `event` name. */
  events(name: string): Array<Record<string, unknown>>;
  /** Posts a flow_run update event as Eventarc does; resolves with the HTTP status and JSON body. */
  postEvent(id: string, projectId: string, doc: { runId: string } & Record<string, unknown>): Promise<WorkerReply>;
  /** `POST /sweep`, waiting `timeoutMs` for the answer (default 60 s). */
  sweep(timeoutMs?: number): Promise<WorkerReply>;
}

export interface WorkerReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * Starts `node <bundle>` from the repository root on an ephemeral loopback port with `env` on top of this
 * process's environment (`ENV=test`), and waits for its `worker.started` line.
 */
export async function startWorker(bundle: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = startLineProcess(process.execPath, [resolve(REPO_ROOT, bundle)], {
    cwd: REPO_ROOT,
    env: { PORT: '0', HOST: '127.0.0.1', ENV: 'test', ...env },
  });
  let started: { port: number };
  try {
    started = JSON.parse(await child.waitForLine((line) => line.includes('"worker.started"'), STARTUP_MS)) as { port: number };
  } catch (error) {
    await child.kill();
    throw error;
  }
  const url = `http://127.0.0.1:${started.port}`;
  const call = async (path: string, init: RequestInit, timeoutMs = HTTP_TIMEOUT_MS): Promise<WorkerReply> => {
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    url,
    process: child,
    events: (name) => child.lines.map(parseJsonObject).filter((entry): entry is Record<string, unknown> => entry?.['event'] === name),
    postEvent: (id, projectId, doc) => {
      const delivery = flowRunUpdatedEvent({ id, projectId, doc });
      return call('/', { method: 'POST', headers: delivery.headers, body: delivery.body });
    },
    sweep: (timeoutMs) => call('/sweep', { method: 'POST' }, timeoutMs),
  };
}
