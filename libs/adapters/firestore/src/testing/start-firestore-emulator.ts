import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running emulator in its own process group. */
export interface FirestoreEmulator {
  /** `127.0.0.1:<port>`, the value for FIRESTORE_EMULATOR_HOST. */
  readonly host: string;
  readonly pid: number;
  /** The emulator's stdout and stderr. */
  readonly logFile: string;
  /** Stops the whole process group (SIGTERM, then SIGKILL after `graceMs`); resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartFirestoreEmulatorOptions {
  /** From {@link locateFirestoreEmulator}. */
  readonly executable: string;
  /** A free loopback port is picked when absent. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

/**
 * Starts `cloud_firestore_emulator start` on 127.0.0.1 as a detached process group (the script starts a
 * `java` child, and only a group signal reaches both), and resolves once it answers HTTP.
 */
export async function startFirestoreEmulator(options: StartFirestoreEmulatorOptions): Promise<FirestoreEmulator> {
  const port = options.port ?? (await freeLoopbackPort());
  const host = `127.0.0.1:${port}`;
  const logFile = join(mkdtempSync(join(tmpdir(), 'firestore-emulator-')), 'emulator.log');
  // A file, not a pipe: the emulator logs every connection and would block once an unread pipe fills.
  const logFd = openSync(logFile, 'a');
  const child = spawn(options.executable, ['start', '--host=127.0.0.1', `--port=${port}`], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the Firestore emulator at ${options.executable}`);

  let exitCode: number | null | undefined;
  child.once('exit', (code, signal) => (exitCode = code ?? (signal === null ? null : -1)));
  const stop = (graceMs = 5_000): Promise<void> => stopProcessGroup(pid, graceMs);

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await answersHttp(host))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      await stop(1_000);
      const reason = exitCode !== undefined ? `exited with code ${String(exitCode)}` : 'did not answer in time';
      throw new Error(`the Firestore emulator on ${host} ${reason}; its log ends with:\n${tail(logFile)}`);
    }
    await delay(200);
  }
  return { host, pid, logFile, stop };
}

/** Signals the process group led by `pid` and waits until no member is left. */
export async function stopProcessGroup(pid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(100);
    if (!signalGroup(pid, 0)) return;
  }
  signalGroup(pid, 'SIGKILL');
  while (signalGroup(pid, 0)) await delay(50);
}

/** false when the group no longer exists. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function answersHttp(host: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2_000);
  } catch {
    return '(no log)';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
