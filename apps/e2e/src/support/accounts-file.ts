import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChartImgPlan } from '@worker-chart-export/domain';

/** One entry of the `--accounts-config-path` file. */
export interface AccountEntry {
  readonly id: string;
  readonly apiKey: string;
  readonly plan?: ChartImgPlan;
  readonly dailyLimit?: number;
  readonly priority?: number;
}

/** Writes `<dir>/accounts.json` (the `CHART_IMG_ACCOUNTS_JSON` shape) and returns its path. */
export async function writeAccountsFile(dir: string, accounts: readonly AccountEntry[]): Promise<string> {
  const path = join(dir, 'accounts.json');
  await writeFile(path, JSON.stringify(accounts, null, 2));
  return path;
}
