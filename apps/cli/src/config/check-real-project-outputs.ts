import type { ChartsApiMode } from '@worker-chart-export/domain';
import type { ChartFlags } from './chart-settings.js';
import { fail, ok, type ConfigResult } from './config-result.js';
import { nonEmpty, type Env } from './env.js';
import { describeFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';
import type { StorageKind } from './storage-kind.js';

/** What a command would finalize Firestore steps with. */
export interface ChosenOutputs {
  readonly chartsApiMode: ChartsApiMode;
  readonly storage: StorageKind;
}

/**
 * A command that finalizes steps of `flow_runs` in a real Firestore project (no `FIRESTORE_EMULATOR_HOST`)
 * takes no test default: the mode, the bucket and the storage must be given (flag, or env where one
 * exists), and `mock`/`record` (fixture images), `local` (charts drawn locally) or `--storage local` (objects only on this disk) are
 * refused unless `--allow-test-outputs` says so. Against the emulator every default stays. Pure: it runs
 * before any client exists, so a refused command touches nothing.
 */
export function checkRealProjectOutputs(
  command: string,
  firestore: FirestoreTarget,
  flags: ChartFlags,
  env: Env,
  chosen: ChosenOutputs,
): ConfigResult<ChosenOutputs> {
  if (firestore.emulatorHost !== undefined) return ok(chosen);
  const target = `the real Firestore project ${describeFirestoreTarget(firestore)} (FIRESTORE_EMULATOR_HOST is unset)`;
  const modeSource = flags.chartsApiMode !== undefined ? '--charts-api-mode' : nonEmpty(env['CHARTS_API_MODE']) !== undefined ? 'CHARTS_API_MODE' : undefined;
  const bucketNamed = flags.chartsBucket !== undefined || nonEmpty(env['CHARTS_BUCKET']) !== undefined;
  const missing = [
    modeSource === undefined ? '--charts-api-mode real (or CHARTS_API_MODE)' : undefined,
    bucketNamed ? undefined : '--charts-bucket gs://BUCKET (or CHARTS_BUCKET)',
    flags.storage === undefined ? '--storage gcs' : undefined,
  ].filter((item) => item !== undefined);
  if (missing.length > 0) {
    return fail(`${command} finalizes steps of ${target}, so it takes no test defaults: give ${missing.join(', ')}`);
  }
  if (flags.allowTestOutputs === true) return ok(chosen);
  if (chosen.chartsApiMode !== 'real') {
    return fail(
      `${modeSource}=${chosen.chartsApiMode} would finalize steps of ${target} with ${chosen.chartsApiMode === 'local' ? 'charts drawn locally' : 'fixture images'}: use real, or pass --allow-test-outputs`,
    );
  }
  if (chosen.storage === 'local') {
    return fail(
      `--storage local would finalize steps of ${target} with PNGs and a manifest only on this disk: use --storage gcs, or pass --allow-test-outputs`,
    );
  }
  return ok(chosen);
}
