import type { AccountsSource } from './chart-settings.js';
import { fail, ok, type ConfigResult } from './config-result.js';
import { rejectBlankFlags, type Env } from './env.js';
import { accountsSource } from './resolve-chart-settings.js';
import { resolveFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';

/** The flags of `accounts status` as commander hands them over. */
export interface AccountsStatusFlags {
  readonly accountsConfigPath?: string;
  readonly json: boolean;
  readonly project?: string;
}

export interface AccountsStatusConfig {
  readonly accounts: Exclude<AccountsSource, { from: 'none' }>;
  readonly json: boolean;
  readonly firestore: FirestoreTarget;
}

/** Resolves `accounts status`'s configuration without I/O: accounts from the file or `CHART_IMG_ACCOUNTS_JSON`, and the project. */
export function resolveAccountsStatusConfig(flags: AccountsStatusFlags, env: Env): ConfigResult<AccountsStatusConfig> {
  const blank = rejectBlankFlags(flags, ['accountsConfigPath', 'project']);
  if (!blank.ok) return blank;
  const accounts = accountsSource(flags, env);
  if (accounts.from === 'none') {
    return fail('accounts status needs the Chart-IMG accounts: pass --accounts-config-path FILE or set CHART_IMG_ACCOUNTS_JSON');
  }
  const firestore = resolveFirestoreTarget(flags.project, env, 'accounts status');
  if (!firestore.ok) return firestore;
  return ok({ accounts, json: flags.json, firestore: firestore.value });
}
