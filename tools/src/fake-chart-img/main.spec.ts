import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from '@jest/globals';
import { REPO_ROOT, TempDirs } from '@worker-chart-export/testing';

describe('fake-chart-img main', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());

  it('prints its loopback URL, serves the accounts from the file, and stops on SIGTERM', async () => {
    const accounts = join(await dirs.make('fake-chart-img-main'), 'accounts.json');
    await writeFile(accounts, JSON.stringify([{ id: 'acc-1', apiKey: 'main-spec-key', plan: 'PRO' }]));
    const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['tools/src/fake-chart-img/main.ts', '--port', '0', '--accounts', accounts], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const response = await fetch(`${url}/v2/tradingview/advanced-chart`, {
        method: 'POST',
        headers: { 'x-api-key': 'main-spec-key', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(200);

      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits 2 with a one-line message when --accounts is missing', async () => {
    const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['tools/src/fake-chart-img/main.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(2);
    expect(stderr).toBe('fake-chart-img: --accounts FILE is required (JSON array of {id, apiKey, plan?, dailyLimit?})\n');
  }, 30_000);
});
