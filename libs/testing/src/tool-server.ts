import { startLineProcess, type LineProcess } from './line-process.js';
import { REPO_ROOT } from './repo-root.js';

/** Long enough for tsx to transpile a tool on a loaded 2-core machine. */
const STARTUP_MS = 120_000;

/** A server from `tools/` run as its own process; `url` resolves once it printed the URL it listens on. */
export interface ToolServer {
  readonly process: LineProcess;
  readonly url: Promise<string>;
}

/**
 * Starts `script` (a path from the repository root, such as `tools/src/fake-gcs/main.ts`) through tsx with
 * `args`. The process is returned at once, so a caller can stop it even when it never prints its URL.
 */
export function startToolServer(script: string, args: readonly string[]): ToolServer {
  const process_ = startLineProcess(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT });
  const url = process_.waitForLine((line) => line.startsWith('http'), STARTUP_MS).then((line) => line.trim());
  // A caller that stops the server before awaiting `url` must not see an unhandled rejection.
  url.catch(() => undefined);
  return { process: process_, url };
}
