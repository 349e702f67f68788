import { SystemClock } from '@worker-chart-export/adapter-local';
import { accountsJson, formatAccountsTable } from '../accounts/format-accounts-table.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { resolveAccountsStatusConfig, type AccountsStatusFlags } from '../config/accounts-status-config.js';
import { loadAccounts } from '../config/load-accounts.js';
import { loadFirestoreAdapters } from '../firestore/load-cloud-adapters.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { UsageError, required } from '../usage-error.js';
import { failedCommand, runCommand } from './run-command.js';

/**
 * `accounts status`: today's usage of every configured Chart-IMG account from
 * `chart_img_accounts_usage/{accountId}`, as a table or (`--json`) one JSON array. Never prints a key.
 * Exit 0 printed, 1 Firestore failed, 2 usage or configuration error.
 */
export function accountsStatus(flags: AccountsStatusFlags, io: CliIo): Promise<number> {
  return runCommand(io, failedCommand('accounts status'), async () => {
    const config = required(resolveAccountsStatusConfig(flags, io.env));
    const accounts = required(await loadAccounts(config.accounts, { requireOne: false }));
    if (accounts.length === 0)
      throw new UsageError(
        `${config.accounts.from === 'file' ? `--accounts-config-path ${config.accounts.path}` : 'CHART_IMG_ACCOUNTS_JSON'}: lists no account`,
      );
    const firestore = await loadFirestoreAdapters();
    const db = firestore.createFirestore({ projectId: config.firestore.projectId, databaseId: config.firestore.databaseId });
    let rows;
    try {
      rows = await new firestore.FirestoreAccountPool(db, accounts, new SystemClock()).status();
    } finally {
      await db.terminate();
    }
    await writeLine(io.stdout, config.json ? accountsJson(rows) : formatAccountsTable(rows));
    return EXIT_CODES.succeeded;
  });
}
