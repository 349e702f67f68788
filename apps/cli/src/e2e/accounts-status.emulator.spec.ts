import { afterAll, expect, it, jest } from '@jest/globals';
import { SystemClock } from '@worker-chart-export/adapter-local';
import { toRfc3339Utc, utcDayWindow, type ChartImgAccount } from '@worker-chart-export/domain';
import { emulatorEnv, firestoreAdapters, firestoreTesting } from './firestore-cli-env.js';
import { writeTestFile } from './flow-run-files.js';
import { spawnCli, tempDir } from '@worker-chart-export/testing';

const { FirestoreAccountPool } = firestoreAdapters;
const { describeWithFirestoreEmulator, useEmulatorFirestore } = firestoreTesting;

// Each case spawns the real CLI (seconds of start-up with the Firestore SDK).
jest.setTimeout(120_000);

const KEYS = ['sk-status-basic-0123456789', 'sk-status-pro-0123456789', 'sk-status-mega-0123456789'];
const ACCOUNTS = [
  { id: 'acc-basic', apiKey: KEYS[0], plan: 'BASIC', priority: 10 },
  { id: 'acc-pro', apiKey: KEYS[1], plan: 'PRO', priority: 20, dailyLimit: 5 },
  { id: 'acc-mega', apiKey: KEYS[2], plan: 'MEGA', priority: 30 },
];
const DEMAND = { width: 800, height: 600, parameterCount: 2 };

const dir = tempDir('cli-accounts');
afterAll(async () => (await dir).cleanup());

describeWithFirestoreEmulator('accounts status against the Firestore emulator', () => {
  const firestore = useEmulatorFirestore('cli-accounts-status');

  /** Today's usage: acc-basic 3 calls (2 ok, 1 failed), acc-pro out of quota, acc-mega's key rejected. */
  async function useAccounts(): Promise<void> {
    const accounts = ACCOUNTS.map((account) => ({ ...account })) as ChartImgAccount[];
    const pool = new FirestoreAccountPool(firestore.db(), accounts, new SystemClock());
    const reserveOn = async (id: string) => {
      const result = await pool.reserve(DEMAND, new Set(ACCOUNTS.map((account) => account.id).filter((other) => other !== id)));
      if (result.type !== 'reserved') throw new Error(`could not reserve on ${id}: ${result.reason}`);
      return result.reservation;
    };
    for (const outcome of ['succeeded', 'succeeded', 'failed'] as const) await pool.record(await reserveOn('acc-basic'), { type: outcome });
    await pool.record(await reserveOn('acc-pro'), { type: 'quota-exhausted' });
    await pool.record(await reserveOn('acc-mega'), { type: 'key-rejected', reason: '403 Forbidden: key rejected' });
  }

  it('prints the table and the JSON rows of the usage in Firestore, never a key', async () => {
    await useAccounts();
    const accountsFile = await writeTestFile((await dir).path, 'accounts.json', ACCOUNTS);
    const env = emulatorEnv(firestore.projectId);
    const [table, json] = await Promise.all([
      spawnCli(['accounts', 'status', '--accounts-config-path', accountsFile], env),
      spawnCli(['accounts', 'status', '--json'], { ...env, CHART_IMG_ACCOUNTS_JSON: JSON.stringify(ACCOUNTS) }),
    ]);
    const endOfDay = toRfc3339Utc(utcDayWindow(new Date()).end);

    expect({ code: table.code, stderr: table.stderr }).toEqual({ code: 0, stderr: '' });
    expect(
      table.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/ {2,}/)),
    ).toEqual([
      ['id', 'plan', 'priority', 'used/limit', 'remaining', 'exhausted until', 'disabled reason'],
      ['acc-basic', 'BASIC', '10', '3/44', '41', '-', '-'],
      ['acc-pro', 'PRO', '20', '1/5', '4', endOfDay, '-'],
      ['acc-mega', 'MEGA', '30', '1/44', '43', '-', '403 Forbidden: key rejected'],
    ]);

    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ id: 'acc-basic', plan: 'BASIC', used: 3, limit: 44, remaining: 41, disabled: false, successToday: 2, failureToday: 1 }),
      expect.objectContaining({ id: 'acc-pro', used: 1, limit: 5, remaining: 4, exhaustedUntil: endOfDay, failureToday: 1 }),
      expect.objectContaining({ id: 'acc-mega', disabled: true, disabledReason: '403 Forbidden: key rejected' }),
    ]);
    for (const key of KEYS) expect(`${table.stdout}${json.stdout}`).not.toContain(key);
  });
});
