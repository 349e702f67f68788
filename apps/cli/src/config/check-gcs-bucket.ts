import { fail, ok, type ConfigResult } from './config-result.js';
import { nonEmpty, type Env } from './env.js';
import { STORAGE_EMULATOR_HOST_ENV, type StorageKind } from './storage-kind.js';

/**
 * `--storage gcs` without `STORAGE_EMULATOR_HOST` writes to Google Cloud Storage, where the local default
 * bucket (`gs://charts-local`) would be somebody else's: the bucket must then be named by
 * `--charts-bucket` or `CHARTS_BUCKET`.
 */
export function checkGcsBucket(storage: StorageKind, flags: { readonly chartsBucket?: string }, env: Env): ConfigResult<StorageKind> {
  const bucketNamed = flags.chartsBucket !== undefined || nonEmpty(env['CHARTS_BUCKET']) !== undefined;
  if (storage === 'gcs' && !bucketNamed && nonEmpty(env[STORAGE_EMULATOR_HOST_ENV]) === undefined) {
    return fail(
      `--storage gcs writes to Google Cloud Storage (${STORAGE_EMULATOR_HOST_ENV} is unset): name the bucket with --charts-bucket gs://BUCKET or CHARTS_BUCKET`,
    );
  }
  return ok(storage);
}
