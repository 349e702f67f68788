import { readFile } from 'node:fs/promises';
import { parseAccountsConfig, type ChartImgAccount } from '@worker-chart-export/domain';
import { fail, ok, type ConfigResult } from './config-result.js';
import type { AccountsSource } from './chart-settings.js';

export type ReadText = (path: string) => Promise<string>;

const readUtf8: ReadText = (path) => readFile(path, 'utf8');

/**
 * The Chart-IMG accounts from the `--accounts-config-path` file or `CHART_IMG_ACCOUNTS_JSON`
 * (the same JSON, docs/design.md#accounts-configuration); none when neither is given. A message names the source and the
 * bad entry, never a key. `requireOne` (real and record mode) rejects an empty list.
 */
export async function loadAccounts(
  source: AccountsSource,
  options: { readonly requireOne: boolean },
  readText: ReadText = readUtf8,
): Promise<ConfigResult<ChartImgAccount[]>> {
  if (source.from === 'none') return ok([]);
  let raw: string;
  let label: string;
  if (source.from === 'file') {
    label = `--accounts-config-path ${source.path}`;
    try {
      raw = await readText(source.path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return fail(`${label}: cannot read the file${typeof code === 'string' ? ` (${code})` : ''}`);
    }
  } else {
    label = 'CHART_IMG_ACCOUNTS_JSON';
    raw = source.json;
  }
  const parsed = parseAccountsConfig(raw);
  if (!parsed.ok) return fail(`${label}: ${parsed.message}`);
  if (options.requireOne && parsed.accounts.length === 0) return fail(`${label}: lists no account; real and record mode need at least one`);
  return ok(parsed.accounts);
}
