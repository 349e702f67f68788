import type { ChartsApiMode } from '@worker-chart-export/domain';
import { fail, ok, type ConfigResult } from './config-result.js';
import { pickChoice } from './env.js';
import { describeFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';
import { ACCOUNT_USAGE_STORES, type AccountUsageStore } from './run-local-config.js';

/** The modes that spend Chart-IMG quota (the others replay fixtures or render without the provider). */
const CALLING_MODES: readonly ChartsApiMode[] = ['real', 'record'];

/** What decides where `run-local` keeps the Chart-IMG account usage. */
export interface AccountUsageContext {
  /** `--account-usage`, when given. */
  readonly flag: string | undefined;
  /** Set when the flow_run is a Firestore document: the project it lives in. */
  readonly flowRunProject: FirestoreTarget | undefined;
  readonly chartsApiMode: ChartsApiMode;
  readonly allowTestOutputs: boolean;
}

/**
 * `--account-usage memory|firestore`. A run that calls Chart-IMG (real or record mode) on a flow_run of a
 * real Firestore project (no `FIRESTORE_EMULATOR_HOST`) uses the accounts the deployed worker uses, so its
 * quota is reserved in that project's shared `chart_img_accounts_usage` by default; keeping it in memory
 * would let both overspend the same accounts, and is refused unless `--allow-test-outputs` says so.
 * Everywhere else the default stays `memory`.
 */
export function resolveAccountUsage(context: AccountUsageContext): ConfigResult<AccountUsageStore> {
  const shared = sharedUsageProject(context);
  const picked = pickChoice('--account-usage', context.flag, ACCOUNT_USAGE_STORES, shared === undefined ? 'memory' : 'firestore');
  if (!picked.ok) return picked;
  if (shared !== undefined && picked.value === 'memory' && !context.allowTestOutputs) {
    return fail(
      `--account-usage memory would spend Chart-IMG quota without reserving it in chart_img_accounts_usage of the real Firestore project ` +
        `${describeFirestoreTarget(shared)}, where the deployed worker reserves it for the same accounts: use firestore (the default here), ` +
        'or pass --allow-test-outputs',
    );
  }
  return ok(picked.value);
}

/** The real project whose shared usage record the run must reserve quota in, if any. */
function sharedUsageProject(context: AccountUsageContext): FirestoreTarget | undefined {
  const project = context.flowRunProject;
  if (project === undefined || project.emulatorHost !== undefined) return undefined;
  return CALLING_MODES.includes(context.chartsApiMode) ? project : undefined;
}
