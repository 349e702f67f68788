import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { buildWorkerBundle, parseJsonObject, REPO_ROOT } from '@worker-chart-export/testing';

/** The corpus's own bundle of the worker (as the image builds it), built once per test process. */
let bundled: Promise<string> | undefined;
const workerBundle = (): Promise<string> => (bundled ??= buildWorkerBundle('dist/tools/hostile/worker/main.js'));

const START_TIMEOUT_MS = 60_000;

/** A loopback TCP port that counts connections and closes them: Firestore and GCS pointed here must never be used. */
export interface ConnectionTrap {
  readonly port: number;
  readonly connections: () => number;
  close(): Promise<void>;
}

export async function startConnectionTrap(): Promise<ConnectionTrap> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, connections: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The built worker (the esbuild bundle of `apps/worker`) as a process, its stdout kept line by line. */
export interface WorkerProcess {
  readonly url: string;
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves once `lines` has more than `count` entries, or after `timeoutMs`. */
  linesAfter(count: number, timeoutMs: number): Promise<void>;
  readonly alive: () => boolean;
  /** SIGTERM; resolves with the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

/** Starts the worker on 127.0.0.1 with a free port and the given environment (nothing else of this process's). */
export async function startWorkerProcess(env: Readonly<Record<string, string>>): Promise<WorkerProcess> {
  const bundle = await workerBundle();
  const child: ChildProcess = spawn(process.execPath, [bundle], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.trim() !== ''));
    for (const listener of [...listeners]) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const linesAfter = (count: number, timeoutMs: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const check = (): void => {
        if (lines.length > count) done();
      };
      const timer = setTimeout(done, timeoutMs);
      listeners.add(check);
      check();
    });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start in ${START_TIMEOUT_MS} ms; stderr: ${stderr.slice(-1000)}`)), START_TIMEOUT_MS);
    const check = (): void => {
      // Cases count the log lines an event adds, so wait until the start-up lines (listening, then the
      // lazily loaded clients) are all out.
      const entries = lines.map(parseJsonObject);
      const started = entries.find((entry) => entry?.['event'] === 'worker.started');
      if (started === undefined || !entries.some((entry) => entry?.['event'] === 'worker.ready')) return;
      clearTimeout(timer);
      listeners.delete(check);
      resolve(Number(started['port']));
    };
    listeners.add(check);
    void exited.then((code) =>
      reject(new Error(`the worker exited (${String(code)}) before listening; stderr: ${stderr.slice(-1000)}; stdout: ${lines.join('\n').slice(-1000)}`)),
    );
  });

  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    stderr: () => stderr,
    linesAfter,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
