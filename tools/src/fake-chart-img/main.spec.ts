import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('fake-chart-img main', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-chart-img-main-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its loopback URL, serves the accounts from the file, and stops on SIGTERM', async () => {
    const accounts = join(dir, 'accounts.json');
    await writeFile(accounts, JSON.stringify([{ id: 'acc-1', apiKey: 'main-spec-key', plan: 'PRO' }]));
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['tools/src/fake-chart-img/main.ts', '--port', '0', '--accounts', accounts], {
      cwd: root,
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
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['tools/src/fake-chart-img/main.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(2);
    expect(stderr).toBe('fake-chart-img: --accounts FILE is required (JSON array of {id, apiKey, plan?, dailyLimit?})\n');
  }, 30_000);
});
