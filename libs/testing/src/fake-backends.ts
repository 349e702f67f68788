import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startToolServer, type ToolServer } from './tool-server.js';

/** Where the fake Cloud Storage and the fake Chart-IMG servers listen, and a temporary directory of the suite. */
export interface FakeBackendUrls {
  readonly gcsUrl: string;
  readonly chartImgUrl: string;
  /** Holds the fake Chart-IMG's accounts file; the suite may write its own files there. */
  readonly dir: string;
}

export interface FakeBackends {
  readonly ready: Promise<FakeBackendUrls>;
  /** Stops whatever was started and removes the directory; safe to call whether `ready` resolved or not. */
  stop(): Promise<void>;
}

/**
 * Starts `tools/src/fake-gcs` and `tools/src/fake-chart-img` as processes on 127.0.0.1, the latter serving
 * `chartImgAccounts` (written to an accounts file in a fresh temporary directory named after `prefix`).
 */
export function startFakeBackends(p: { prefix: string; chartImgAccounts: readonly object[] }): FakeBackends {
  const servers: ToolServer[] = [];
  let dir: string | undefined;
  let stopped = false;
  const ready = (async (): Promise<FakeBackendUrls> => {
    dir = await mkdtemp(join(tmpdir(), `${p.prefix}-`));
    const accountsFile = join(dir, 'accounts.json');
    await writeFile(accountsFile, JSON.stringify(p.chartImgAccounts));
    if (stopped) throw new Error('the fake backends were stopped while starting');
    const gcs = startToolServer('tools/src/fake-gcs/main.ts', ['--port', '0']);
    const chartImg = startToolServer('tools/src/fake-chart-img/main.ts', ['--port', '0', '--accounts', accountsFile]);
    servers.push(gcs, chartImg);
    const [gcsUrl, chartImgUrl] = await Promise.all([gcs.url, chartImg.url]);
    return { gcsUrl, chartImgUrl, dir };
  })();
  ready.catch(() => undefined);
  return {
    ready,
    async stop() {
      stopped = true;
      await Promise.all(servers.map((server) => server.process.stop()));
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
