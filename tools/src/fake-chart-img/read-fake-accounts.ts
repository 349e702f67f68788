import { readFile } from 'node:fs/promises';
import { CHART_IMG_PLANS, type ChartImgPlan } from '@worker-chart-export/domain';
import type { FakeAccount } from './fake-chart-img-types.js';

/**
 * Accounts for the fake from a JSON file in the `CHART_IMG_ACCOUNTS_JSON` shape
 * (`[{id?, apiKey, plan?, dailyLimit?}]`), so one file serves the fake and the client.
 * Errors name the entry, never its key.
 */
export async function readFakeAccounts(path: string): Promise<FakeAccount[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array of accounts`);
  return parsed.map((entry: unknown, index) => {
    const where = `${path}: entry ${index}`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} is not an object`);
    const { id, apiKey, plan, dailyLimit } = entry as Record<string, unknown>;
    if (typeof apiKey !== 'string' || apiKey === '') throw new Error(`${where}: "apiKey" must be a non-empty string`);
    if (plan !== undefined && !(CHART_IMG_PLANS as readonly unknown[]).includes(plan)) {
      throw new Error(`${where}: "plan" must be one of ${CHART_IMG_PLANS.join(', ')}`);
    }
    if (dailyLimit !== undefined && (typeof dailyLimit !== 'number' || !Number.isInteger(dailyLimit) || dailyLimit < 0)) {
      throw new Error(`${where}: "dailyLimit" must be an integer >= 0`);
    }
    return {
      apiKey,
      ...(typeof id === 'string' ? { id } : {}),
      ...(plan === undefined ? {} : { plan: plan as ChartImgPlan }),
      ...(dailyLimit === undefined ? {} : { dailyLimit: dailyLimit as number }),
    };
  });
}
