import { spawn, type ChildProcess } from 'node:child_process';

/** A child process whose stdout is kept line by line (stderr too, for failure messages). */
export interface LineProcess {
  readonly child: ChildProcess;
  readonly lines: readonly string[];
  readonly stderr: () => string;
  /** Resolves with the first stdout line (past or future) matching `test`; rejects after `timeoutMs` or on exit. */
  waitForLine(test: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Resolves with the exit code, or the signal's name, once the process has exited. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** SIGKILL now (no cleanup of any kind runs in the child); resolves once it is gone. */
  kill(): Promise<number | NodeJS.Signals>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<number | NodeJS.Signals>;
}

/** Spawns `command args` in `cwd` with `env` added to this process's environment. */
export function startLineProcess(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): LineProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;

  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(test, timeoutMs) {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${command} ${args.join(' ')}: no matching line in ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)),
          timeoutMs,
        );
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`${command} ${args.join(' ')} exited (${code}) first; stderr: ${stderr.slice(-2000)}`));
        });
        waiters.push({
          test,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    kill() {
      if (!gone()) child.kill('SIGKILL');
      return exited;
    },
    async stop(graceMs = 10_000) {
      if (gone()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
