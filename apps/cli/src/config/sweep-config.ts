import type { ChartFlags, ChartSettings } from './chart-settings.js';
import type { FirestoreTarget } from './resolve-firestore-target.js';
import type { TemplatesSource } from './run-local-config.js';
import type { StorageKind } from './storage-kind.js';

/** The sweeper's defaults: the worker's (`SWEEPER_MAX_ATTEMPTS` 3, 20 leases per sweep). */
export const SWEEP_DEFAULTS = { maxAttempts: 3, batchSize: 20, templatesSource: 'firestore', storage: 'local' } as const;

/** The flags of `sweep` as commander hands them over. */
export interface SweepFlags extends ChartFlags {
  readonly maxAttempts?: string;
  readonly batchSize?: string;
  readonly templatesSource?: string;
  readonly project?: string;
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storageDir: string;
}

/** Everything `sweep` needs: flow_runs, leases and account usage are always Firestore's. */
export interface SweepConfig extends ChartSettings {
  readonly maxAttempts: number;
  readonly batchSize: number;
  readonly templatesSource: TemplatesSource;
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storage: StorageKind;
  readonly storageDir: string;
  readonly firestore: FirestoreTarget;
}
