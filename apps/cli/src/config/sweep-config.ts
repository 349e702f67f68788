import type { FirestoreTarget } from './resolve-firestore-target.js';
import type { TemplatesSource } from './run-local-config.js';
import type { SharedRunFlags, SharedRunSettings } from './shared-run-flags.js';

/** The sweeper's defaults: the worker's (`SWEEPER_MAX_ATTEMPTS` 3, 20 leases per sweep). */
export const SWEEP_DEFAULTS = { maxAttempts: 3, batchSize: 20, templatesSource: 'firestore', storage: 'local' } as const;

/** The flags of `sweep` as commander hands them over. */
export interface SweepFlags extends SharedRunFlags {
  readonly maxAttempts?: string;
  readonly batchSize?: string;
  readonly templatesSource?: string;
}

/** Everything `sweep` needs: flow_runs, leases and account usage are always Firestore's. */
export interface SweepConfig extends SharedRunSettings {
  readonly maxAttempts: number;
  readonly batchSize: number;
  readonly templatesSource: TemplatesSource;
  readonly firestore: FirestoreTarget;
}
